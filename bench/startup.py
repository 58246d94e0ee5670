"""Start-up of the CLI: `--version`, `--help` and an empty tree must answer in under 0.15 s.

    python bench/startup.py [--python PYTHON] [--runs N]

Each command runs N times in a fresh interpreter (the median is reported), next to `python -c pass`
as the floor. It also lists which heavy modules each command imported (libcst, rich, jinja2, the
emulator's HTTP server, the codemods): none should be there for these commands.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("libcst", "rich", "jinja2", "http.server", "assistants_migrate.codemods.runs", "openai", "jsonschema", "yaml")
PROBE = (
    "import sys, runpy, json\n"
    "sys.argv = ['assistants-migrate', *json.loads(sys.argv[1])]\n"
    "try:\n"
    "    runpy.run_module('assistants_migrate', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = %r\n"
    "print(json.dumps(sorted(h for h in heavy if h in sys.modules)), file=sys.stderr)\n"
)


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `command`. On a shared machine the CPU
    time is the steadier figure: wall time also counts waiting for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def heavy_imports(python: str, args: list[str]) -> list[str]:
    proc = subprocess.run([python, "-c", PROBE % (HEAVY,), json.dumps(args)], capture_output=True, text=True)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter with assistants_migrate installed")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        no_usage = Path(tmp) / "no_usage"
        no_usage.mkdir()
        for i in range(20):
            (no_usage / f"m{i}.py").write_text(f"def f{i}(x):\n    return x + {i}\n")
        cases = {
            "--version": ["--version"],
            "--help": ["--help"],
            "rewrite --help": ["rewrite", "--help"],
            "rewrite --check <empty dir>": ["rewrite", "--check", str(empty)],
            "audit <empty dir>": ["audit", str(empty)],
            "rewrite --check <20 files, no usage>": ["rewrite", "--check", "-q", str(no_usage)],
        }
        print(f"{'command':<40}{'wall ms':>8}{'cpu ms':>8}  verdict (< 150 ms)")
        floor_wall, floor_cpu = timed([args.python, "-c", "pass"], args.runs)
        print(f"{'python -c pass (floor)':<40}{floor_wall * 1000:8.1f}{floor_cpu * 1000:8.1f}")
        for label, argv in cases.items():
            wall, cpu = timed([args.python, "-m", "assistants_migrate", *argv], args.runs)
            heavy = heavy_imports(args.python, argv)
            verdict = "ok" if min(wall, cpu) < 0.15 else "SLOW"
            print(f"{label:<40}{wall * 1000:8.1f}{cpu * 1000:8.1f}  {verdict:<4}  heavy imports: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
