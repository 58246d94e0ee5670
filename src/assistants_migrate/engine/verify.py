"""`rewrite --verify`: type-check the files a rewrite changed, before and after, and report what it broke.

A rewrite can turn a working program into one that fails at run time: a Response read as a Run,
a dict where `.id` is read, a name that no longer exists. mypy sees most of these against the
installed openai. Both sides are checked the same way (the changed files copied into two folders
under their own relative paths, imports outside them treated as unknown), and every error the
"after" side has that the "before" side did not (same file, code and message) becomes a finding at
its line in the rewritten file.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistants_migrate.engine import rules as engine_rules
from assistants_migrate.findings import Finding, make_finding

_MYPY_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$")
MYPY_FLAGS = ("--ignore-missing-imports", "--follow-imports=silent", "--show-error-codes", "--no-error-summary",
              "--no-pretty", "--hide-error-context", "--no-incremental", "--show-absolute-path")


@dataclass(frozen=True)
class Change:
    path: str  # as shown to the user
    before: str
    after: str


@dataclass(frozen=True)
class TypeError_:
    path: str
    line: int
    code: str
    message: str


def available() -> bool:
    return importlib.util.find_spec("mypy") is not None


def introduced_errors(changes: Sequence[Change], extra_after: dict[str, str] | None = None) -> list[Finding]:
    """Findings for the type errors the rewrite introduced. `extra_after`: files the rewrite created
    (path -> text), present on the after side only."""
    if not changes:
        return []
    with tempfile.TemporaryDirectory(prefix="am-verify-") as tmp:
        before = _check(Path(tmp) / "before", {c.path: c.before for c in changes}, set())
        after = _check(Path(tmp) / "after", {**{c.path: c.after for c in changes}, **(extra_after or {})},
                       set(extra_after or ()))
    old = Counter((e.path, e.code, _unnumbered(e.message)) for e in before)
    findings = []
    for error in after:
        key = (error.path, error.code, _unnumbered(error.message))
        if old[key] > 0:
            old[key] -= 1
            continue
        findings.append(make_finding(engine_rules.TYPE_ERROR, error.path, line=error.line,
                                     message=f"the rewrite introduced a type error [{error.code}]: {error.message}"))
    return findings


def _check(root: Path, files: dict[str, str], skip: set[str]) -> list[TypeError_]:
    located: dict[str, str] = {}
    for shown, text in files.items():
        relative = _relative(shown)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        located[str(target.resolve())] = shown
    targets = [t for t, shown in located.items() if shown not in skip]
    done = subprocess.run([sys.executable, "-m", "mypy", *MYPY_FLAGS, *targets], capture_output=True, text=True,
                          cwd=root, timeout=900)
    errors = []
    for line in done.stdout.splitlines():
        match = _MYPY_LINE.match(line)
        if match is None:
            continue
        where = located.get(str(Path(match["path"]).resolve()))
        if where is None or where in skip:
            continue
        errors.append(TypeError_(where, int(match["line"]), match["code"] or "misc", match["message"]))
    return errors


def _relative(shown: str) -> PurePosixPath:
    """A path inside the check folder that keeps the file's folders (imports between them still resolve)."""
    parts = [p for p in PurePosixPath(shown.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return PurePosixPath(*parts) if parts else PurePosixPath("module.py")


def _unnumbered(message: str) -> str:
    """Messages that name a line ("defined on line 12") compare equal across the two sides."""
    return re.sub(r"\bline \d+", "line N", message)
