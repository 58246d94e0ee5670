"""The project index: phase 1 of a run, before any file is rewritten.

Codemods rewrite one file at a time, but the objects they migrate (a client, an
assistant, a thread id, a run) flow between functions and modules. So before the
rewrite, a cheap pass over every candidate file collects the facts that codemods
declare (`Codemod.INDEX`), and each declared fact kind joins its per-module facts
into one project-wide answer. The rewrite of each file then reads that answer
through `FileContext.project`.

The engine knows nothing about what the facts mean: an `IndexFact` is a name, a
`collect(tree, module)` that runs on the standard library's `ast` of one file (about
8x cheaper than a libcst parse) and returns picklable data, and a `join` that turns
{module name: collected data} into whatever the codemods need to look up.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistants_migrate.engine.deep import retry_deep


@dataclass(frozen=True)
class IndexFact:
    """A fact kind a codemod declares: collected per module, joined once per run."""

    name: str
    collect: Callable[[ast.Module, str], Any]  # (the file's ast, its dotted module name) -> picklable data
    # ({module key: data}, resolve) -> the project-wide answer; resolve(from_key, "pkg.mod") is the key
    # of the module an import in `from_key` names, or None when it is not part of the project
    join: Callable[[Mapping[str, Any], Callable[[str, str], str | None]], Any]
    # bytes that make a file worth indexing even when no codemod would rewrite it
    # (`clients.py` that only builds the client others import)
    triggers: tuple[bytes, ...] = ()


@dataclass
class ProjectIndex:
    """What phase 1 learnt: each fact kind's joined answer, and which module each file is."""

    facts: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # resolved path -> module key
    _imports: set[str] | None = field(default=None, repr=False)

    def import_root(self, path: Path) -> Path:
        """The folder Python must have on its path for the project to import `path` the way it does:
        above the packages it sits in, and above any folder the project's own imports name it through
        (`from assistant.openai_assistant import ...` in main.py puts the root above assistant/)."""
        path = path.resolve()
        root = path.parent
        while (root / "__init__.py").exists() and root != root.parent:
            root = root.parent
        for dotted in self._imported():
            *folders, last = dotted.split(".")
            if folders and last == path.stem and list(path.parent.parts[-len(folders):]) == folders:
                candidate = path.parents[len(folders)]
                if len(candidate.parts) < len(root.parts):
                    root = candidate
        return root

    def _imported(self) -> set[str]:
        """Every dotted module name the project's files import (read once, on first need)."""
        if self._imports is None:
            self._imports = set()
            for other in self.keys:
                try:
                    data = Path(other).read_bytes()
                except OSError:
                    continue
                self._imports.update(m.decode() for m in _IMPORTED.findall(data))
        return self._imports

    def get(self, name: str) -> Any:
        return self.facts.get(name)

    def has_module(self, name: str) -> bool:
        """Does the project hold a module importable as `name`?"""
        return any(key == name or key.startswith(f"{name}@") for key in self.keys.values())

    def key_of(self, path: str | os.PathLike[str]) -> str:
        """The module key facts are filed under for `path` (its dotted name when the index never saw it)."""
        return self.keys.get(str(Path(path).resolve())) or module_name(Path(path))


EMPTY = ProjectIndex()


def module_name(path: Path) -> str:
    """The dotted name Python would import `path` by: the package chain of `__init__.py`
    folders above it (so `src/app/clients.py` is `app.clients` when `src` has none)."""
    path = path.resolve()
    parts = [path.stem] if path.stem != "__init__" else []
    folder = path.parent
    while (folder / "__init__.py").exists() and folder != folder.parent:
        parts.append(folder.name)
        folder = folder.parent
    parts.reverse()
    return ".".join(parts) or path.stem


def collect_file(source: str | bytes | ast.Module, module: str, facts: Sequence[IndexFact]) -> dict[str, Any] | None:
    """Every declared fact of one file; None when `ast` cannot parse it (the rewrite reports that)."""
    try:
        return retry_deep(_collect, source, module, facts)  # deep code: see engine/deep.py
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _collect(source: str | bytes | ast.Module, module: str, facts: Sequence[IndexFact]) -> dict[str, Any]:
    tree = source if isinstance(source, ast.Module) else ast.parse(source)
    return {fact.name: fact.collect(tree, module) for fact in facts}


_IMPORTED = re.compile(rb"(?:from|import)\s+((?:\w+\.)+\w+)")


def importers_pattern(paths: Iterable[Path]) -> re.Pattern[bytes]:
    """Bytes that a file importing one of `paths` (by module name) must contain."""
    names = sorted({name.encode() for path in paths for name in module_name(path).split(".")[-1:] if name})
    if not names:
        return re.compile(rb"(?!)")
    return re.compile(rb"\b(?:import|from)\s+[\w.]*?\b(?:" + b"|".join(map(re.escape, names)) + rb")\b")


class _Resolver:
    """Finds the project module an import names. Two folders of scripts may both have a
    `utils.py`: an import prefers the module that lives nearest to the importer."""

    def __init__(self, folders: Mapping[str, Path], names: Mapping[str, str]) -> None:
        self.folders = folders  # module key -> folder of the package root it was imported from
        self.by_name: dict[str, list[str]] = {}
        for key, name in names.items():
            self.by_name.setdefault(name, []).append(key)

    def __call__(self, from_key: str, dotted: str) -> str | None:
        keys = self.by_name.get(dotted)
        if not keys and "." in dotted:
            # a namespace package (no __init__.py): `assistant.openai_assistant` is assistant/openai_assistant.py
            *folders, last = dotted.split(".")
            keys = [k for k in self.by_name.get(last, ())
                    if self.folders.get(k) is not None and list(self.folders[k].parts[-len(folders):]) == folders]
        if not keys:
            return None
        if len(keys) == 1:
            return keys[0]
        here = self.folders.get(from_key)
        if here is None:
            return keys[0]
        return max(keys, key=lambda k: len(os.path.commonpath([str(here), str(self.folders[k])])))


def build(paths: Iterable[Path], facts: Sequence[IndexFact],
          read: Callable[[Path], str | bytes] = Path.read_bytes) -> ProjectIndex:
    """Phase 1 over `paths`: collect every declared fact per module, then join each kind.
    `read` gives a file's Python source (a notebook's joined cells)."""
    index = ProjectIndex()
    if not facts:
        return index
    per_kind: dict[str, dict[str, Any]] = {fact.name: {} for fact in facts}
    names: dict[str, str] = {}
    folders: dict[str, Path] = {}
    for path in paths:
        try:
            data = read(path)
        except (OSError, ValueError):
            continue
        resolved = path.resolve()
        name = module_name(resolved)
        key = name if name not in names else f"{name}@{resolved.parent}"
        names[key] = name
        folders[key] = resolved.parent
        index.keys[str(resolved)] = key
        collected = collect_file(data, name, facts)
        if collected is None:
            continue
        for kind, value in collected.items():
            per_kind[kind][key] = value
    resolve = _Resolver(folders, names)
    index.facts = {fact.name: fact.join(per_kind[fact.name], resolve) for fact in facts}
    return index


def single_file(source: str | ast.Module, module: str, facts: Sequence[IndexFact]) -> ProjectIndex:
    """The index of a file seen alone (snapshot tests, stdin): the same facts, one module."""
    collected = collect_file(source, module, facts) or {}
    resolve = _Resolver({}, {module: module})
    return ProjectIndex(
        facts={fact.name: fact.join({module: collected[fact.name]} if fact.name in collected else {}, resolve)
               for fact in facts},
        keys={},
    )
