"""Worker processes die with the process that started them; the cycle collector waits while one
file is worked on.

A pool's workers are plain child processes: if the main process is killed (`kill -9`, the
OOM killer, a CI timeout), nothing tells them, and they would go on rewriting files as
orphans. On Linux the kernel is asked to send them SIGKILL when their parent dies
(prctl PR_SET_PDEATHSIG); elsewhere a daemon thread watches the parent's pid.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_INTERVAL_SECONDS = 0.5


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a worker: it ends when process `parent_pid` does."""
    if not (sys.platform.startswith("linux") and _set_parent_death_signal()):
        threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def _set_parent_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_SECONDS)
    os._exit(1)


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector off while one file is worked on. Parsing builds trees of hundreds of
    thousands of objects at once, and every collection that allocation triggers walks all of them again
    (half the time of a large file). The trees hold no reference cycles; the little cyclic garbage the
    codemods leave is collected once the file is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
