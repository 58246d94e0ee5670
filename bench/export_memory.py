"""Peak memory of `assistants-migrate export` for N and 10*N threads (a benchmark, not a test).

    python bench/export_memory.py [N] [--max-messages M]

Seeds the emulator (in this process) with the deterministic test seed, runs the exporter in
a child process per size and prints the child's peak RSS, wall time and throughput. The
exporter streams: thread documents are written as they arrive and only ids, statuses and
counts stay in memory, so 10x the threads should cost a small constant more, not 10x.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# VmHWM, not ru_maxrss: Linux carries the parent's high-water mark into ru_maxrss across exec,
# and the parent holds the emulator with the whole seed.
CHILD = r"""
import sys
from assistants_migrate.cli import main
rc = main(sys.argv[1:])
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print("PEAK_KB", hwm.split()[1], file=sys.stderr)
sys.exit(rc)
"""


def run(n: int, max_messages: int, workdir: Path) -> dict[str, float]:
    from assistants_migrate.emulator import Emulator
    from tests.export.seed import make_seed

    seed = make_seed(n, max_messages=max_messages)
    ids = workdir / f"ids-{n}.txt"
    ids.write_text("\n".join(seed["thread_ids"]) + "\n")
    out = workdir / f"archive-{n}"
    env = dict(os.environ, OPENAI_API_KEY="sk-bench", MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"))
    with Emulator(state=seed["state"], validate=False) as emu:
        t0 = time.monotonic()
        res = subprocess.run(
            [sys.executable, "-c", CHILD, "export", "--out", str(out), "--threads", str(ids),
             "--base-url", emu.base_url, "--rpm", "0", "--no-progress"],
            env=env, capture_output=True, text=True,
        )
        wall = time.monotonic() - t0
        requests = len(emu.requests)
    if res.returncode != 0:
        raise SystemExit(f"export failed for n={n}:\n{res.stderr[-2000:]}")
    peak_kb = next(int(line.split()[1]) for line in res.stderr.splitlines() if line.startswith("PEAK_KB"))
    manifest = json.loads((out / "manifest.json").read_text())
    return {"threads": n, "messages": manifest["counts"]["messages"], "peak_mb": peak_kb / 1024,
            "seconds": wall, "requests": requests}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=100)
    ap.add_argument("--max-messages", type=int, default=150)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="am-bench-") as tmp:
        rows = [run(size, args.max_messages, Path(tmp)) for size in (args.n, 10 * args.n)]
    print(f"{'threads':>8} {'messages':>9} {'peak MB':>8} {'seconds':>8} {'req/s':>7} {'msg/s':>7}")
    for r in rows:
        print(f"{r['threads']:>8} {r['messages']:>9} {r['peak_mb']:>8.1f} {r['seconds']:>8.1f} "
              f"{r['requests'] / r['seconds']:>7.0f} {r['messages'] / r['seconds']:>7.0f}")
    print(f"peak memory grows by {rows[1]['peak_mb'] - rows[0]['peak_mb']:.1f} MB for 10x the threads")


if __name__ == "__main__":
    main()
