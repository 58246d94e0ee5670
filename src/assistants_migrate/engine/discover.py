"""Find the source files a run should look at: Python (`.py`, `.ipynb`) and
TypeScript/JavaScript (audited only; declaration files and `.min.js` bundles skipped).

Directories are walked (git-aware: every `.gitignore` below a work tree's root and
`.git/info/exclude` are honoured, using pathspec's implementation of git's matching).
Virtualenvs, `site-packages`, `node_modules`, `__pycache__` and `.git` are always
skipped; `--exclude` globs skip more (relative to each named directory), and so do the
configuration's `exclude` globs (relative to the pyproject's folder). A file named
explicitly is taken even when ignored or excluded, unless `force_exclude` is set
(pre-commit names every file, and the excludes must still hold). Symlinks met while walking are not followed (git does
not follow them either); a symlink named explicitly is resolved so the rewrite
lands in its target and the link survives. Each real file is taken once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

ALWAYS_SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "__pycache__", "node_modules", "site-packages", ".venv", "venv", ".tox", ".nox",
     ".mypy_cache", ".pytest_cache", ".ruff_cache"}
)
PYTHON_SUFFIXES = (".py", ".ipynb")
# Audited, never rewritten (see assistants_migrate.jsaudit).
SCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
SOURCE_SUFFIXES = PYTHON_SUFFIXES + SCRIPT_SUFFIXES
# Declarations hold no calls; minified bundles are build output (a vendored SDK, not the project's code).
GENERATED_SCRIPT_SUFFIXES = (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs", ".min.cjs")


class SourceFile:
    """A file a run looks at. `display`: the path as shown to the user (relative to the working directory
    when possible); `real`: where the bytes live (symlinks resolved), read and written there.

    Both are kept as strings and `real` is made a Path on use: a run holds one of these per file, and a
    Path with its cached parts would be most of what a 10,000-file run keeps (flat memory: issue #12)."""

    __slots__ = ("display", "_real")

    def __init__(self, display: str, real: str | os.PathLike[str]) -> None:
        self.display = display
        self._real = os.fspath(real)

    @property
    def real(self) -> Path:
        return Path(self._real)

    @property
    def location(self) -> str:
        """`real` as the string it is kept as."""
        return self._real

    @property
    def suffix(self) -> str:
        return split_suffix(os.path.basename(self._real))[1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceFile) and (self.display, self._real) == (other.display, other._real)

    def __hash__(self) -> int:
        return hash((self.display, self._real))

    def __repr__(self) -> str:
        return f"SourceFile(display={self.display!r}, real={self._real!r})"


def split_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix as `PurePath.stem` / `.suffix` give them, without making a Path."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


@dataclass(frozen=True)
class Discovery:
    files: list[SourceFile]
    missing: list[str]  # named paths that do not exist


def _git_root(start: str) -> str | None:
    candidate = start
    while True:
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        candidate = parent


class _GitIgnore:
    """The ignore rules of one git work tree, loaded lazily per directory.

    Paths are posix strings relative to the work tree's root."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._specs: dict[str, pathspec.PathSpec | None] = {}
        self._root_extra = self._load(os.path.join(root, ".git", "info", "exclude"))

    @staticmethod
    def _load(file: str) -> pathspec.PathSpec | None:
        try:
            with open(file, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            return None
        return pathspec.GitIgnoreSpec.from_lines(lines)

    def _spec_for(self, directory: str) -> pathspec.PathSpec | None:
        if directory not in self._specs:
            self._specs[directory] = self._load(os.path.join(self.root, directory, ".gitignore"))
        return self._specs[directory]

    def ignored(self, rel: str, is_dir: bool) -> bool:
        """True when git would ignore `rel` (checked against every .gitignore above it)."""
        suffix = "/" if is_dir else ""
        if self._root_extra is not None and self._root_extra.match_file(rel + suffix):
            return True
        directory = rel
        while directory:
            directory = directory.rpartition("/")[0]
            spec = self._spec_for(directory)
            inner = rel[len(directory) + 1 :] if directory else rel
            if spec is not None and spec.match_file(inner + suffix):
                return True
        return False


def _display_root(raw: str) -> str:
    """How paths under `raw` are shown: relative to the working directory when inside it."""
    absolute = os.path.abspath(raw)
    cwd = os.getcwd()
    if absolute == cwd:
        return ""
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, cwd).replace(os.sep, "/")
    return absolute


def wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    """Is a file met while walking one of `suffixes` (and not a declaration file or a minified bundle)?"""
    return name.endswith(suffixes) and not name.endswith(GENERATED_SCRIPT_SUFFIXES)


@dataclass(frozen=True)
class ProjectExcludes:
    """Globs relative to one folder (the pyproject's that lists them), whatever directory is walked."""

    base: str
    spec: pathspec.PathSpec

    @classmethod
    def build(cls, base: str, patterns: Iterable[str]) -> ProjectExcludes | None:
        lines = list(patterns)
        return cls(os.path.abspath(base), pathspec.GitIgnoreSpec.from_lines(lines)) if lines else None

    def excluded(self, path: str, is_dir: bool) -> bool:
        rel = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        if rel == "." or rel.startswith("../"):
            return False
        return self.spec.match_file(rel + ("/" if is_dir else ""))


def _walk(
    root: str,
    excludes: pathspec.PathSpec | None,
    suffixes: tuple[str, ...] = SOURCE_SUFFIXES,
    project: ProjectExcludes | None = None,
) -> Iterator[tuple[str, str]]:
    """(path relative to root, real path) of every source file under root, sorted per directory."""
    root_real = os.path.realpath(root)
    git_root = _git_root(root_real)
    gitignore = _GitIgnore(git_root) if git_root is not None else None
    git_prefix = os.path.relpath(root_real, git_root).replace(os.sep, "/") if git_root is not None else ""
    git_prefix = "" if git_prefix == "." else git_prefix + "/"

    def walk(directory: str, rel_dir: str) -> Iterator[tuple[str, str]]:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        subdirs = []
        for entry in entries:
            if entry.is_symlink():
                continue  # git does not follow them either
            rel = rel_dir + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name in ALWAYS_SKIPPED_DIRS or os.path.isfile(os.path.join(entry.path, "pyvenv.cfg")):
                    continue
                if excludes is not None and excludes.match_file(rel + "/"):
                    continue
                if project is not None and project.excluded(entry.path, is_dir=True):
                    continue
                if gitignore is not None and gitignore.ignored(git_prefix + rel, is_dir=True):
                    continue
                subdirs.append((entry.path, rel + "/"))
            elif wanted(entry.name, suffixes):
                if excludes is not None and excludes.match_file(rel):
                    continue
                if project is not None and project.excluded(entry.path, is_dir=False):
                    continue
                if gitignore is not None and gitignore.ignored(git_prefix + rel, is_dir=False):
                    continue
                yield rel, os.path.join(root_real, rel)
        for path, rel in subdirs:
            yield from walk(path, rel)

    yield from walk(root_real, "")


def discover(
    paths: Iterable[str],
    exclude: Iterable[str] = (),
    suffixes: tuple[str, ...] = SOURCE_SUFFIXES,
    *,
    project: ProjectExcludes | None = None,
    force_exclude: bool = False,
) -> Discovery:
    patterns = list(exclude)
    excludes = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
    seen: set[str] = set()
    files: list[SourceFile] = []
    missing: list[str] = []

    def add(display: str, real: str) -> None:
        if real in seen:
            return
        seen.add(real)
        files.append(SourceFile(display, real))

    for raw in paths:
        if os.path.isdir(raw):
            prefix = _display_root(raw)
            for rel, real in _walk(raw, excludes, suffixes, project):
                add(f"{prefix}/{rel}" if prefix else rel, real)
        elif os.path.lexists(raw):
            if force_exclude and _named_file_excluded(raw, excludes, project):
                continue
            # An explicitly named file is always processed; a symlink is resolved so the rewrite lands
            # in its target and the link survives (a broken one becomes a read error).
            add(raw, os.path.realpath(raw))
        else:
            missing.append(raw)
    return Discovery(files=files, missing=missing)


def named_file_excluded(raw: str, exclude: Iterable[str] = (), project: ProjectExcludes | None = None) -> bool:
    """Would --force-exclude drop this named file (which need not exist: stdin's --stdin-filename)?"""
    patterns = list(exclude)
    return _named_file_excluded(raw, pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None, project)


def _named_file_excluded(raw: str, excludes: pathspec.PathSpec | None, project: ProjectExcludes | None) -> bool:
    """--force-exclude: a named file is matched as the walk would match it (relative to the working
    directory for --exclude globs, to the pyproject's folder for configured ones)."""
    if project is not None and project.excluded(raw, is_dir=False):
        return True
    if excludes is None:
        return False
    rel = os.path.relpath(os.path.abspath(raw)).replace(os.sep, "/")
    return excludes.match_file(rel if not rel.startswith("../") else os.path.abspath(raw).lstrip("/"))
