"""Loaded by bench/behaviour.py runs (on PYTHONPATH): records which program line wrote each stdout line.

When BEHAVIOUR_TRACE_OUT names a file, every completed stdout line appends one JSON line
``{"n": index, "file": path, "line": lineno}`` with the innermost frame whose file lies under
BEHAVIOUR_TRACE_ROOT (the program's own code, not the SDK or the standard library). The
benchmark uses it to trace the first differing output line back to the statement that printed it.
"""

from __future__ import annotations

import json
import os
import sys

_OUT = os.environ.get("BEHAVIOUR_TRACE_OUT")
_ROOT = os.path.realpath(os.environ.get("BEHAVIOUR_TRACE_ROOT", "")) + os.sep


class _LineTracer:
    def __init__(self, stream, sink):
        self._stream = stream
        self._sink = sink
        self._lines = 0
        self._first = None  # caller that started the current line

    def _caller(self):
        frame = sys._getframe(2)
        while frame is not None:
            path = os.path.realpath(frame.f_code.co_filename)
            if path.startswith(_ROOT):
                return path, frame.f_lineno
            frame = frame.f_back
        return None, 0

    def write(self, text):
        if text:
            here = self._caller()
            start = self._first or here
            n = text.count("\n")
            for i in range(n):
                path, line = start if i == 0 else here
                self._sink.write(json.dumps({"n": self._lines, "file": path, "line": line}) + "\n")
                self._lines += 1
            if n:
                self._sink.flush()
                self._first = None if text.endswith("\n") else here
            elif self._first is None:
                self._first = here
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


if _OUT and os.environ.get("BEHAVIOUR_TRACE_ROOT"):
    sys.stdout = _LineTracer(sys.stdout, open(_OUT, "a", encoding="utf-8"))
