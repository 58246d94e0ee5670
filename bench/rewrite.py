"""Benchmark of `assistants-migrate rewrite` on real trees (not a test: prints figures, asserts nothing).

Every yardstick runs in the same invocation, beside the tool, on the same files:

1. No usage: the interpreter's standard library (found with `sysconfig`). `rewrite --check`
   next to `ruff check --select F401` over the same tree; candidates must be 0.
   Target: at least as fast as ruff.
2. Candidates: the files of a real-program corpus (DIR, or $AM_BENCH_CORPUS) that pass the
   prefilter, copied to a temporary tree (`--copies` times). `rewrite --check --jobs N` next to
   a bare libcst parse + render of the same files in N processes. Target: >= 1.0x bare.
3. One huge file: `--functions` functions (35,000: about 5 MB) that all use the API. Time and
   peak memory of `rewrite --check` next to a bare libcst parse + render of it. Target: within 2x.

Each figure is the median of `--repeat` runs (the tool and its yardstick alternate).

Usage: python bench/rewrite.py [--corpus DIR] [--jobs N] [--copies 3] [--functions 35000] [--repeat 3]
       [--skip stdlib,corpus,huge]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HUGE_FUNCTION = (
    "def ask_{i}(client):\n"
    "    t = client.beta.threads.create()\n"
    '    return client.beta.threads.runs.create(thread_id=t.id, assistant_id="asst_{i}")\n\n\n'
)

# Runs one measured thing in a fresh interpreter and reports its own peak memory (KiB on Linux).
PEAK_WRAPPER = """
import resource, sys, json
kind, path = sys.argv[1], sys.argv[2]
if kind == "tool":
    from assistants_migrate.cli import main
    try:
        main(["rewrite", "--check", "--format", "json", "-q", "--jobs", "1", path])
    except SystemExit:
        pass
    sys.stdout.flush()
else:
    import libcst
    libcst.parse_module(open(path, encoding="utf-8").read()).code
print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)
"""

BARE_WORKER = """
import sys, libcst
from concurrent.futures import ProcessPoolExecutor

def one(path):
    libcst.parse_module(open(path, encoding="utf-8").read()).code
    return 1

if __name__ == "__main__":
    paths = [line for line in sys.stdin.read().splitlines() if line]
    jobs = int(sys.argv[1])
    if jobs == 1:
        for p in paths:
            one(p)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            sum(pool.map(one, paths, chunksize=max(1, len(paths) // (jobs * 8))))
"""


def timed(cmd: list[str], *, cwd: Path | None = None, stdin: str | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, input=stdin)
    return time.perf_counter() - start, proc


def rewrite_check(path: Path, jobs: int) -> tuple[float, dict]:
    seconds, proc = timed(
        [sys.executable, "-m", "assistants_migrate", "rewrite", "--check", "--format", "json", "-q", "--jobs", str(jobs), str(path)]
    )
    try:
        return seconds, json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"rewrite failed ({proc.returncode}): {proc.stderr[-2000:]}") from None


def ruff_command() -> list[str] | None:
    exe = shutil.which("ruff") or (str(Path(sys.executable).parent / "ruff") if (Path(sys.executable).parent / "ruff").exists() else None)
    return [exe] if exe else None


def bare_parse_render(paths: list[Path], jobs: int) -> float:
    seconds, proc = timed([sys.executable, "-c", BARE_WORKER, str(jobs)], stdin="\n".join(map(str, paths)))
    if proc.returncode:
        raise SystemExit(f"bare parse failed: {proc.stderr[-2000:]}")
    return seconds


def median_pair(repeat: int, first, second) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    a, b, extra = [], [], None
    for _ in range(repeat):
        seconds, extra = first()
        a.append(seconds)
        b.append(second())
    return statistics.median(a), statistics.median(b), extra


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "site-packages" not in p.parts and "__pycache__" not in p.parts)


def section_stdlib(jobs: int, repeat: int, work: Path) -> None:
    installed = Path(sysconfig.get_paths()["stdlib"])
    # a copy: the installed tree sits in folders discovery rightly skips (hidden, virtualenv-like)
    stdlib = work / "stdlib"
    shutil.copytree(installed, stdlib, ignore=shutil.ignore_patterns("site-packages", "__pycache__", "*.pyc"))
    files = python_files(stdlib)
    size = sum(p.stat().st_size for p in files) / 1e6
    ruff = ruff_command()
    print(f"1. No usage: a copy of the standard library, {installed} ({len(files)} .py files, {size:.0f} MB)")
    if ruff is None:
        print("   ruff not found (pip install ruff): skipped\n")
        return

    def ruff_once() -> float:
        seconds, _ = timed([*ruff, "check", "--select", "F401", "--no-cache", "--exit-zero", "--quiet", "--isolated", str(stdlib)])
        return seconds

    tool_s, ruff_s, data = median_pair(repeat, lambda: rewrite_check(stdlib, jobs), ruff_once)
    s = data["summary"]  # type: ignore[index]
    print(f"   ruff check --select F401   {ruff_s:6.2f} s")
    print(f"   rewrite --check            {tool_s:6.2f} s   {ruff_s / tool_s:.2f}x ruff's speed (target >= 1.0)")
    print(f"   files scanned {s['files_scanned']}, candidates parsed {s['files_parsed']} (target 0)\n")


def prefilter_candidates(root: Path) -> list[Path]:
    from assistants_migrate.engine.registry import prefilter

    check = prefilter()
    out = []
    for path in python_files(root):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if check.matches(data):
            out.append(path)
    return out


def section_corpus(corpus: Path, jobs: int, copies: int, repeat: int, work: Path) -> None:
    import libcst

    tree = work / "corpus"
    paths: list[Path] = []
    candidates = prefilter_candidates(corpus)
    for copy in range(copies):
        for index, source in enumerate(candidates):
            try:
                libcst.parse_module(source.read_text(encoding="utf-8"))
            except Exception:  # noqa: BLE001 - a file libcst rejects cannot be a yardstick
                continue
            target = tree / f"copy{copy}" / f"{index:05}_{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            paths.append(target)
    total = len(python_files(corpus))
    print(f"2. Candidates: {len(candidates)} of {total} files of {corpus} pass the prefilter; "
          f"{len(paths) // max(1, copies)} parse, x{copies} copies = {len(paths)} files, jobs={jobs}")
    for n in sorted({1, jobs}):
        tool_s, bare_s, data = median_pair(repeat, lambda n=n: rewrite_check(tree, n), lambda n=n: bare_parse_render(paths, n))
        s = data["summary"]  # type: ignore[index]
        print(f"   --jobs {n}: bare parse+render {bare_s:6.2f} s ({len(paths) / bare_s:5.0f} files/s)   "
              f"rewrite --check {tool_s:6.2f} s ({len(paths) / tool_s:5.0f} files/s)   "
              f"{bare_s / tool_s:.2f}x bare (target >= 1.0; {s['files_changed']} would change)")
    print()


def peak(kind: str, path: Path) -> tuple[float, int]:
    seconds, proc = timed([sys.executable, "-c", PEAK_WRAPPER, kind, str(path)])
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("{")]
    if not line:
        raise SystemExit(f"{kind} failed: {proc.stderr[-2000:]}")
    return seconds, json.loads(line[-1])["peak_kib"]


def section_huge(functions: int, repeat: int, work: Path) -> None:
    path = work / "huge" / "huge.py"
    path.parent.mkdir(parents=True)
    path.write_text("from openai import OpenAI\n\n\n" + "".join(HUGE_FUNCTION.format(i=i) for i in range(functions)))
    size = path.stat().st_size / 1e6
    tool_runs = []
    bare_runs = []
    for _ in range(repeat):
        tool_runs.append(peak("tool", path))
        bare_runs.append(peak("bare", path))
    tool_s = statistics.median(t for t, _ in tool_runs)
    bare_s = statistics.median(t for t, _ in bare_runs)
    tool_m = max(m for _, m in tool_runs) / 1024
    bare_m = max(m for _, m in bare_runs) / 1024
    print(f"3. One file of {size:.1f} MB, {functions} functions that all use the API")
    print(f"   bare libcst parse+render   {bare_s:7.1f} s  peak {bare_m:6.0f} MB")
    print(f"   rewrite --check            {tool_s:7.1f} s  peak {tool_m:6.0f} MB"
          f"   ({tool_s / bare_s:.2f}x the time, {tool_m / bare_m:.2f}x the memory; targets <= 2.0)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=os.environ.get("AM_BENCH_CORPUS"),
                        help="a directory of real Assistants programs (or $AM_BENCH_CORPUS)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--functions", type=int, default=35_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: stdlib, corpus, huge")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, python {sys.version.split()[0]}, "
          f"load {os.getloadavg()[0]:.1f}\n")
    work = Path(tempfile.mkdtemp(prefix="am-bench-"))
    try:
        if "stdlib" not in skip:
            section_stdlib(args.jobs, args.repeat, work)
        if "corpus" not in skip:
            if args.corpus is None:
                print("2. Candidates: no corpus given (--corpus DIR or $AM_BENCH_CORPUS): skipped\n")
            else:
                section_corpus(args.corpus, args.jobs, args.copies, args.repeat, work)
        if "huge" not in skip:
            section_huge(args.functions, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
