"""Settings in a SimpleNamespace that happen to have `beta.threads`."""
from types import SimpleNamespace

settings = SimpleNamespace(beta=SimpleNamespace(threads=SimpleNamespace(create=lambda: "t-1", retrieve=lambda t: t)))
thread = settings.beta.threads.create()
print(settings.beta.threads.retrieve(thread))
