"""Listing page 1 vs page K of an N-message thread on the emulator (a benchmark, not a test).

    python bench/emulator_pagination.py [--messages 100000] [--small 1000] [--page 50] [--limit 20]

Seeds a thread with N messages (in this process), then times `messages.list` through the real
openai SDK over HTTP: the first page, and page K reached by its `after` cursor (the id of the
last message of page K-1), both orders; and the first page of a small thread for comparison.
Lists are indexed (bisection to the cursor, then `limit` objects), so page K of the big thread
should cost what page 1 of the small one does; a list that scanned the store would grow with
N. Prints the median milliseconds per request.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)


def seed(n: int) -> dict:
    thread = {"id": "thread_bench", "object": "thread", "created_at": 0, "tool_resources": {}, "metadata": {}}
    messages = [{"id": f"msg_{i:08d}", "object": "thread.message", "created_at": 1_700_000_000 + i // 10,
                 "thread_id": "thread_bench", "status": "completed", "incomplete_details": None,
                 "completed_at": None, "incomplete_at": None, "role": "user" if i % 2 else "assistant",
                 "content": [{"type": "text", "text": {"value": f"message {i}", "annotations": []}}],
                 "assistant_id": None, "run_id": None, "attachments": [], "metadata": {}} for i in range(n)]
    return {"threads": [thread], "messages": messages}


def median_ms(call, repeat: int) -> float:
    call()  # warm the connection
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000, help="a small thread to compare page 1 with")
    ap.add_argument("--page", type=int, default=50)
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()

    from openai import OpenAI

    from assistants_migrate.emulator import Emulator

    k, limit = args.page, args.limit
    for n in (args.small, args.messages):
        t0 = time.perf_counter()
        with Emulator(state=seed(n)) as emu:
            print(f"{n:,} messages (seeded in {time.perf_counter() - t0:.1f} s):")
            client = OpenAI(base_url=emu.base_url, api_key="sk-bench")
            lst = client.beta.threads.messages.list
            for order in ("asc", "desc"):
                ids = [f"msg_{i:08d}" for i in (range(n) if order == "asc" else range(n - 1, -1, -1))]
                first = median_ms(lambda: lst("thread_bench", order=order, limit=limit), args.repeat)
                line = f"  order={order}: page 1 {first:.2f} ms"
                if k * limit <= n:
                    cursor = ids[(k - 1) * limit - 1]
                    page_k = lst("thread_bench", order=order, limit=limit, after=cursor)
                    assert [m.id for m in page_k.data] == ids[(k - 1) * limit: k * limit], "wrong page"
                    later = median_ms(lambda: lst("thread_bench", order=order, limit=limit, after=cursor),
                                      args.repeat)
                    line += f", page {k} {later:.2f} ms"
                print(f"{line} (limit {limit}, median of {args.repeat})")


if __name__ == "__main__":
    main()
