"""Fault-injection rules for the emulator.

Grammar (``--faults`` and ``Emulator(faults=...)``): comma-separated rules
``KIND[=VALUE][@METHOD PATHGLOB]`` plus ``seed=N`` for the deterministic RNG.

KIND        effect
``429``     429 rate_limit_exceeded with ``Retry-After: 1``
``429ms``   429 with ``retry-after-ms: 20``
``429bare`` 429 with no retry header
``429long`` 429 with ``Retry-After: 300`` (above the SDK's 120 s cap: the SDK does not retry)
``quota``   429 with code ``insufficient_quota``
``500`` ``502`` ``503``  server errors
``drop``    close the connection without answering
``truncate`` send a Content-Length larger than the body, then close (a trickled stream: its
            first event, then close)
``latency`` VALUE = milliseconds added to every matching request
``sunset``  every Assistants path (``/assistants*``, ``/threads*``) answers 404
``hasmore`` a list page says ``has_more: true`` although it is the last (the next page is empty)
``nomore``  a list page says ``has_more: false`` although more follow
``nextpage`` a page with a ``next_page`` field (vector-store file content, search results)
            says ``has_more: true`` with a ``next_page`` token that no parameter accepts
``cursor``  a list request with an ``after``/``before`` cursor answers 400 (a cursor the
            server no longer accepts); requests without a cursor are served

VALUE is a probability (default 1.0) for every kind except ``latency``.
``METHOD`` may be ``*``; PATHGLOB is matched with :func:`fnmatch.fnmatchcase` against the
path after ``/v1`` (no query string), e.g. ``500=0.05@GET /threads/*/messages``.
Rules are checked in order; the first error rule whose dice roll hits wins.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass

ERROR_KINDS = ("429", "429ms", "429bare", "429long", "quota", "500", "502", "503", "drop", "truncate")
PAGE_KINDS = ("hasmore", "nomore", "nextpage")  # a served page that lies about what follows
KINDS = ERROR_KINDS + PAGE_KINDS + ("cursor", "latency", "sunset")


class FaultSpecError(ValueError):
    pass


@dataclass
class FaultRule:
    kind: str
    value: float
    method: str = "*"
    glob: str = "*"

    def matches(self, method: str, path: str) -> bool:
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.glob)


class FaultPlan:
    def __init__(self, spec: str | None = None) -> None:
        self.rules: list[FaultRule] = []
        self.seed = 0
        self._lock = threading.Lock()
        if spec:
            self._parse(spec)
        self._rng = random.Random(self.seed)

    def _parse(self, spec: str) -> None:
        for raw in spec.split(","):
            raw = raw.strip()
            if not raw:
                continue
            scope = None
            if "@" in raw:
                raw, scope = raw.split("@", 1)
            kind, _, value = raw.partition("=")
            kind = kind.strip().lower()
            if kind == "seed":
                try:
                    self.seed = int(value)
                except ValueError:
                    raise FaultSpecError(f"bad seed: {value!r}") from None
                continue
            if kind not in KINDS:
                raise FaultSpecError(f"unknown fault kind {kind!r} (known: {', '.join(KINDS)})")
            if value.strip():
                try:
                    val = float(value)
                except ValueError:
                    raise FaultSpecError(f"bad value for {kind}: {value!r}") from None
            else:
                val = 0.0 if kind == "latency" else 1.0
            if kind != "latency" and not 0.0 <= val <= 1.0:
                raise FaultSpecError(f"probability for {kind} must be within 0..1, got {val}")
            method, glob = "*", "*"
            if scope is not None:
                parts = scope.strip().split(None, 1)
                if len(parts) == 1:
                    if parts[0].startswith("/") or parts[0] == "*":
                        glob = parts[0]
                    else:
                        method = parts[0]
                elif len(parts) == 2:
                    method, glob = parts
                else:
                    raise FaultSpecError(f"bad scope in rule {raw!r}")
            self.rules.append(FaultRule(kind, val, method, glob))

    def latency_ms(self, method: str, path: str) -> float:
        return sum(r.value for r in self.rules if r.kind == "latency" and r.matches(method, path))

    def sunset(self, method: str, path: str) -> bool:
        if not (path.startswith("/assistants") or path.startswith("/threads")):
            return False
        return any(r.kind == "sunset" and r.matches(method, path) for r in self.rules)

    def pick(self, method: str, path: str, kinds: tuple[str, ...] = ERROR_KINDS) -> str | None:
        """The fault among ``kinds`` to inject for this request, or None."""
        for rule in self.rules:
            if rule.kind not in kinds or not rule.matches(method, path):
                continue
            if rule.value >= 1.0:
                return rule.kind
            with self._lock:
                roll = self._rng.random()
            if roll < rule.value:
                return rule.kind
        return None
