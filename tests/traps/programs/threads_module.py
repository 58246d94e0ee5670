"""The standard library's threading next to `beta`-named variables."""
import threading

beta = 0.5
threads = [threading.Thread(target=lambda: None) for _ in range(2)]
for t in threads:
    t.start()
    t.join()
print(len(threads), beta)
