"""Deep code: any file CPython compiles is handled.

CPython accepts up to 100 nested blocks and elif chains of any length, but an `elif` is an
`If` nested in the previous one's `orelse` (in `ast` and in libcst), so walking such a
tree recurses once or more per branch: a 600-branch chain or 98 nested blocks run past
Python's default limit of 1,000 frames. Work that hit the limit is run again, once, in a
thread with a large stack and a raised limit (the stack is reserved address space: only
the pages a deep walk touches are ever used).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEEP_STACK_BYTES = 512 * 1024 * 1024
DEEP_RECURSION_LIMIT = 200_000  # frames; the stack above holds this many with room to spare
_lock = threading.Lock()  # the recursion limit is per interpreter: one deep call at a time


def call_deep(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`fn(*args, **kwargs)` on a large stack with a high recursion limit; its result, or its
    exception re-raised here."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    with _lock:
        old_limit = sys.getrecursionlimit()
        old_stack = threading.stack_size()
        try:
            threading.stack_size(DEEP_STACK_BYTES)
            thread = threading.Thread(target=target, name="assistants-migrate-deep", daemon=True)
        finally:
            threading.stack_size(old_stack)
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        try:
            thread.start()
            thread.join()
        finally:
            sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def retry_deep(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`fn(*args, **kwargs)`; if it runs out of recursion, once more with `call_deep`."""
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        return call_deep(fn, *args, **kwargs)
