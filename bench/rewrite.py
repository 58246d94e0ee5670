"""Benchmark of `assistants-migrate rewrite` (not a test: prints figures, asserts nothing).

1. A generated 10,000-file tree with 1% Assistants usage: files/s of `rewrite --check`,
   next to `grep -rlE` over the same tree. Target: within 2x of grep, >= 5,000 files/s.
2. A tree where every file uses the API: files/s of `rewrite --check`, next to bare
   libcst parse + render of the same files (one process, then x cores).
   Target: >= 0.8x of bare parse+render throughput x cores.

Usage: python bench/rewrite.py [--files 10000] [--api-files 1000] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNRELATED = '''"""Utilities {i}: ordinary application code."""
import json
import logging
import threading

log = logging.getLogger(__name__)


class Worker{i}:
    def __init__(self, items):
        self.items = list(items)
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            for item in self.items:
                log.info("processing %s", item)
                yield json.dumps({{"id": item, "status": "done"}})


def summarize_{i}(rows):
    totals = {{}}
    for row in rows:
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["count"]
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def parse_{i}(text):
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        out.append((key.strip(), value.strip()))
    return dict(out)
'''

API_FUNCTION = '''

def ask_{i}(client, question):
    store = client.beta.vector_stores.create(name="docs-{i}")
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id="asst_{i}")
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return store.id, messages.data[0].content[0].text.value
'''

GREP_PATTERN = r"\bbeta\b|AssistantEventHandler"


def make_tree(root: Path, files: int, api_every: int) -> list[Path]:
    paths = []
    for i in range(files):
        folder = root / f"pkg{i // 200:03}"
        folder.mkdir(parents=True, exist_ok=True)
        text = UNRELATED.format(i=i)
        if api_every and i % api_every == 0:
            text = "from openai import OpenAI\n" + text + API_FUNCTION.format(i=i)
        path = folder / f"mod{i:05}.py"
        path.write_text(text)
        paths.append(path)
    return paths


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def tool(root: Path, jobs: int) -> tuple[float, dict]:
    seconds, proc = timed(
        [sys.executable, "-m", "assistants_migrate", "rewrite", "--check", "--format", "json", "-q", "--jobs", str(jobs), "."],
        root,
    )
    return seconds, json.loads(proc.stdout)


def bare_parse_render(paths: list[Path]) -> float:
    import libcst as cst

    sources = [p.read_text() for p in paths]
    start = time.perf_counter()
    for source in sources:
        cst.parse_module(source).code
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--api-files", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    random.seed(0)
    work = Path(tempfile.mkdtemp(prefix="am-bench-"))
    try:
        print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, jobs={args.jobs}\n")

        mostly = work / "mostly_unrelated"
        make_tree(mostly, args.files, api_every=100)
        grep_s, _ = timed(["grep", "-rlE", GREP_PATTERN, "."], mostly)
        tool_s, data = tool(mostly, args.jobs)
        s = data["summary"]
        print(f"1. {args.files} files, 1% use the API ({s['files_parsed']} parsed, {s['files_changed']} would change)")
        print(f"   grep -rlE            {grep_s:7.2f} s  {args.files / grep_s:9.0f} files/s")
        print(f"   rewrite --check      {tool_s:7.2f} s  {args.files / tool_s:9.0f} files/s"
              f"   ({tool_s / grep_s:.1f}x grep; targets: <= 2x grep, >= 5000 files/s)\n")

        every = work / "every_file"
        paths = make_tree(every, args.api_files, api_every=1)
        bare_s = bare_parse_render(paths)
        tool_1, _ = tool(every, 1)
        tool_n, data = tool(every, args.jobs)
        s = data["summary"]
        bare_rate = args.api_files / bare_s
        print(f"2. {args.api_files} files, every one uses the API ({s['files_changed']} would change, {s['findings']} findings)")
        print(f"   bare libcst parse+render, 1 process {bare_s:7.2f} s  {bare_rate:7.0f} files/s"
              f"  (x{args.jobs} cores = {bare_rate * args.jobs:.0f} files/s)")
        print(f"   rewrite --check --jobs 1            {tool_1:7.2f} s  {args.api_files / tool_1:7.0f} files/s"
              f"  ({args.api_files / tool_1 / bare_rate:.2f}x bare)")
        print(f"   rewrite --check --jobs {args.jobs}            {tool_n:7.2f} s  {args.api_files / tool_n:7.0f} files/s"
              f"  ({args.api_files / tool_n / (bare_rate * args.jobs):.2f}x bare x cores; target >= 0.8x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
