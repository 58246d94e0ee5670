"""Find the Python files a run should look at.

Directories are walked (git-aware: every `.gitignore` below a work tree's root and
`.git/info/exclude` are honoured, using pathspec's implementation of git's matching).
Virtualenvs, `site-packages`, `node_modules`, `__pycache__` and `.git` are always
skipped; `--exclude` globs skip more. A file named explicitly is always taken, even
when ignored or excluded. Symlinks met while walking are not followed (git does
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


@dataclass(frozen=True)
class SourceFile:
    display: str  # the path as shown to the user (relative to the working directory when possible)
    real: Path  # where the bytes live (symlinks resolved): read and write here


@dataclass(frozen=True)
class Discovery:
    files: list[SourceFile]
    missing: list[str]  # named paths that do not exist


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _git_root(start: Path) -> Path | None:
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class _GitIgnore:
    """The ignore rules of one git work tree, loaded lazily per directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[Path, pathspec.PathSpec | None] = {}
        exclude = root / ".git" / "info" / "exclude"
        self._root_extra = self._load(exclude) if exclude.is_file() else None

    @staticmethod
    def _load(file: Path) -> pathspec.PathSpec | None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return None
        return pathspec.GitIgnoreSpec.from_lines(lines)

    def _spec_for(self, directory: Path) -> pathspec.PathSpec | None:
        if directory not in self._specs:
            file = directory / ".gitignore"
            self._specs[directory] = self._load(file) if file.is_file() else None
        return self._specs[directory]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """True when git would ignore `path` (checked against every .gitignore above it)."""
        try:
            rel_to_root = path.relative_to(self.root)
        except ValueError:
            return False
        suffix = "/" if is_dir else ""
        if self._root_extra is not None and self._root_extra.match_file(rel_to_root.as_posix() + suffix):
            return True
        directory = path.parent
        while True:
            spec = self._spec_for(directory)
            if spec is not None and spec.match_file(path.relative_to(directory).as_posix() + suffix):
                return True
            if directory == self.root or self.root not in directory.parents:
                return False
            directory = directory.parent


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(root: Path, excludes: pathspec.PathSpec | None) -> Iterator[Path]:
    git_root = _git_root(root.resolve())
    gitignore = _GitIgnore(git_root) if git_root is not None else None
    root_abs = root.absolute()
    for dirpath, dirnames, filenames in os.walk(root_abs, followlinks=False):
        current = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            child = current / name
            if name in ALWAYS_SKIPPED_DIRS or child.is_symlink() or _is_virtualenv(child):
                continue
            rel = child.relative_to(root_abs).as_posix() + "/"
            if excludes is not None and excludes.match_file(rel):
                continue
            if gitignore is not None and gitignore.ignored(child.resolve(), is_dir=True):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(PYTHON_SUFFIXES):
                continue
            child = current / name
            if child.is_symlink():
                continue
            rel = child.relative_to(root_abs).as_posix()
            if excludes is not None and excludes.match_file(rel):
                continue
            if gitignore is not None and gitignore.ignored(child.resolve(), is_dir=False):
                continue
            yield child


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> Discovery:
    patterns = list(exclude)
    excludes = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
    seen: set[Path] = set()
    files: list[SourceFile] = []
    missing: list[str] = []

    def add(path: Path, display: str) -> None:
        real = path.resolve() if path.is_symlink() else path.absolute()
        key = Path(os.path.realpath(real))
        if key in seen:
            return
        seen.add(key)
        files.append(SourceFile(display=display, real=real))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, excludes):
                add(found, _display(found))
        elif path.exists() or path.is_symlink():
            # An explicitly named file is always processed (a broken link becomes a read error).
            add(path, raw)
        else:
            missing.append(raw)
    return Discovery(files=files, missing=missing)
