"""Which files are worth parsing at all, judged from their bytes.

Most files of a real tree have nothing to do with the API, and a run over them should
cost little more than reading them. The codemods declare their triggers as data (see
`assistants_migrate.codemods.triggers`); this module combines them without knowing
what they mean, and imports neither libcst nor any codemod.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistants_migrate.findings import MARKER_PREFIX

_Check = tuple[bytes | None, re.Pattern[bytes]]


class Prefilter:
    """A file is a candidate when it holds one of `alone`, or one of `evidence` together
    with one of `words`. Files holding this tool's own markers always are (audit counts them).

    Each regex is guarded by its longest literal run (`beta` for `\\bbeta\\b`): `bytes in`
    is a memchr-speed scan, so a file without any of the literals costs no regex work.
    """

    def __init__(self, alone: Sequence[bytes], evidence: Sequence[bytes] = (), words: Sequence[bytes] = ()) -> None:
        self.alone = _checks(alone)
        self.evidence = _checks(evidence)
        self.words = _checks(words)
        self.marker = MARKER_PREFIX.encode()

    def matches(self, data: bytes) -> bool:
        if _any(self.alone, data) or self.marker in data:
            return True
        return bool(self.words) and _any(self.evidence, data) and _any(self.words, data)


def _checks(patterns: Sequence[bytes]) -> list[_Check]:
    return [(longest_literal(p), re.compile(p)) for p in dict.fromkeys(patterns)]


def _any(checks: list[_Check], data: bytes) -> bool:
    return any((needle is None or needle in data) and rx.search(data) for needle, rx in checks)


def longest_literal(pattern: bytes) -> bytes | None:
    """The longest run of plain characters every match must contain (top level only)."""
    try:
        import re._parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    best: list[int] = []
    run: list[int] = []
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    for op, arg in parsed:
        if op is sre_parse.LITERAL:
            run.append(arg)
            continue
        if op is sre_parse.AT:  # \b, ^, $: zero-width, the run goes on
            continue
        best, run = max(best, run, key=len), []
    best = max(best, run, key=len)
    return bytes(best) if best else None
