"""Peak memory of `rewrite --diff` over trees of N changed files: it must stay flat as N grows
(each diff is printed as its file finishes, then dropped).

    python bench/diff_memory.py [--python PYTHON] [--sizes 1000,5000,10000] [--jobs 1,2] [--workdir DIR]

For each size a tree of N small files that all change is written under DIR (default: a temporary
directory), then `rewrite --diff -q` runs with its patch going to a pipe that is read and counted.
The peak resident set of the command (largest of the main process and its workers) is reported,
with the patch size, so flat memory shows beside linearly growing output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROGRAM = (
    "import openai\n"
    "client = openai.OpenAI()\n"
    "store_{i} = client.beta.vector_stores.create(name='docs {i}')\n"
    "files_{i} = client.beta.vector_stores.files.list(vector_store_id=store_{i}.id)\n"
)
# Runs the command in a fresh process so RUSAGE_CHILDREN holds this run only; reads the patch as it comes.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
size = headers = 0
first = None
for line in proc.stdout:
    if first is None:
        first = time.perf_counter() - start
    size += len(line)
    headers += line.startswith(b"--- a/")
code = proc.wait()
print(json.dumps({"code": code, "bytes": size, "files": headers, "first_output_s": first,
                  "seconds": time.perf_counter() - start,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def make_tree(root: Path, count: int) -> None:
    for i in range(count):
        directory = root / f"pkg{i // 500:03}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"m{i:05}.py").write_text(PROGRAM.format(i=i))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter with assistants_migrate installed")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--workdir", default=None, help="where the trees are written (default: a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        print(f"{'files':>6} {'jobs':>4} {'patch MB':>9} {'peak RSS MB':>12} {'first output s':>15} {'total s':>8}")
        for size in (int(s) for s in args.sizes.split(",")):
            tree = Path(tmp) / f"tree{size}"
            make_tree(tree, size)
            for jobs in args.jobs.split(","):
                command = [args.python, "-m", "assistants_migrate", "rewrite", "--diff", "-q", "--isolated",
                           "--jobs", jobs, str(tree)]
                proc = subprocess.run([args.python, "-c", MEASURE, json.dumps(command)], capture_output=True, text=True,
                                      check=True)
                out = json.loads(proc.stdout)
                assert out["code"] == 1 and out["files"] == size, out
                print(f"{size:>6} {jobs:>4} {out['bytes'] / 1e6:>9.1f} {out['peak_rss_mb']:>12.0f} "
                      f"{out['first_output_s']:>15.1f} {out['seconds']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
