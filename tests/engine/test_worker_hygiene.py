"""`kill -9` of a running `assistants-migrate rewrite` leaves no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

CASE = Path(__file__).resolve().parents[1] / "codemods" / "runs" / "support_bot.py"


def _state(pid: int) -> str | None:
    """The process's state letter (R, S, Z...), None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def test_workers_die_with_the_main_process(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    body = CASE.read_text() * 8  # every statement uses the API: seconds of work per file
    for i in range(150):
        (tree / f"m{i:03}.py").write_text(body)
    main = subprocess.Popen(
        [sys.executable, "-m", "assistants_migrate", "rewrite", "--jobs", "2", "-q", "."],
        cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = {pid for pid in _children(main.pid) if _state(pid) not in (None, "Z")}
            time.sleep(0.1)
        assert len(workers) >= 2 and main.poll() is None, "the run ended before its workers could be seen"
        time.sleep(0.5)  # the workers are busy rewriting
        os.kill(main.pid, signal.SIGKILL)
        main.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_state(pid) not in (None, "Z") for pid in workers):
            time.sleep(0.1)
        alive = {pid for pid in workers if _state(pid) not in (None, "Z")}
        assert not alive, f"workers still running 5 s after kill -9 of the main process: {alive}"
    finally:
        if main.poll() is None:
            main.kill()
        for pid in workers:  # orphans are no longer the main process's children
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


WATCHER_ONLY = """
import os, sys, time
from assistants_migrate.engine import workers
workers._set_parent_death_signal = lambda: False  # as on a platform without prctl
parent = os.getpid()
child = os.fork()
if child == 0:
    workers.die_with_parent(parent)
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(60)
"""


def test_the_watcher_thread_ends_a_worker_where_prctl_is_missing() -> None:
    parent = subprocess.Popen([sys.executable, "-c", WATCHER_ONLY], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    try:
        assert _state(worker) not in (None, "Z")
        parent.kill()
        parent.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _state(worker) not in (None, "Z"):
            time.sleep(0.1)
        assert _state(worker) in (None, "Z")
    finally:
        try:
            os.kill(worker, signal.SIGKILL)
        except OSError:
            pass
