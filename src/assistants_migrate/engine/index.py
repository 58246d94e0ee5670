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

The index stays small however many files a tree holds: when every fact kind is `linked`,
only modules an import links to another project module are kept (phase 1 streams over
the files and drops every other module's facts as soon as they are collected). A module
left out is its own project: its rewrite collects its facts again from the tree it
parses anyway (`ProjectIndex.covers`).
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
from assistants_migrate.engine.discover import split_suffix


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
    # True when `join` asks `resolve` only about the modules a module's imports name, so other modules
    # can only learn from a module an import links them to: a module that imports no project module
    # and that none imports may then be left out of the index, to collect its own facts alone
    linked: bool = False


@dataclass
class ProjectIndex:
    """What phase 1 learnt: each fact kind's joined answer, and which module each file is."""

    facts: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # resolved path -> module key, for the modules kept
    names: frozenset[str] = frozenset()  # the dotted name of every module indexed (kept or not)
    imports: frozenset[str] = frozenset()  # every dotted module name the indexed files import (`a.b`, not `a`)

    def import_root(self, path: Path) -> Path:
        """The folder Python must have on its path for the project to import `path` the way it does:
        above the packages it sits in, and above any folder the project's own imports name it through
        (`from assistant.openai_assistant import ...` in main.py puts the root above assistant/)."""
        path = path.resolve()
        root = path.parent
        while (root / "__init__.py").exists() and root != root.parent:
            root = root.parent
        for dotted in self.imports:
            *folders, last = dotted.split(".")
            if folders and last == path.stem and list(path.parent.parts[-len(folders):]) == folders:
                candidate = path.parents[len(folders)]
                if len(candidate.parts) < len(root.parts):
                    root = candidate
        return root

    def get(self, name: str) -> Any:
        return self.facts.get(name)

    def has_module(self, name: str) -> bool:
        """Does the project hold a module importable as `name`?"""
        return name in self.names

    def covers(self, path: str | os.PathLike[str]) -> bool:
        """Are `path`'s facts in this index? A file phase 1 left out is its own project (the rewrite
        collects its facts from the tree it parses: `transform_source` without a project)."""
        return str(Path(path).resolve()) in self.keys

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
    collected = _collect_file(source, module, facts, with_imports=False)
    return None if collected is None else collected[0]


def _collect_file(source: str | bytes | ast.Module, module: str, facts: Sequence[IndexFact],
                  with_imports: bool) -> tuple[dict[str, Any], frozenset[str]] | None:
    try:
        return retry_deep(_collect, source, module, facts, with_imports)  # deep code: see engine/deep.py
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _collect(source: str | bytes | ast.Module, module: str, facts: Sequence[IndexFact],
             with_imports: bool) -> tuple[dict[str, Any], frozenset[str]]:
    tree = source if isinstance(source, ast.Module) else ast.parse(source)
    imported = imported_modules(tree, module) if with_imports else frozenset()
    return {fact.name: fact.collect(tree, module) for fact in facts}, imported


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")  # the fields of a statement that hold statements


def absolute_module(node: ast.ImportFrom, module: str) -> str:
    """The dotted module `from ... import` names, a relative one made absolute against `module` (the importer)."""
    base = node.module or ""
    if not node.level:
        return base
    package = module.split(".")
    above = package[: max(0, len(package) - node.level)]
    return ".".join([*above, base] if base else above)


def imported_modules(tree: ast.Module, module: str) -> frozenset[str]:
    """Every module name an import statement of `tree` may name, wherever it stands: `import a.b`
    names `a` and `a.b`, `from a import b` names `a` and `a.b` (b may be a submodule); relative
    imports are made absolute against `module`, the importer's dotted name."""
    names: set[str] = set()
    pending: list[Any] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                names.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(node, module)
            if base:
                names.add(base)
            names.update(f"{base}.{alias.name}" if base else alias.name for alias in node.names if alias.name != "*")
        else:
            for block in _BLOCKS:
                pending.extend(getattr(node, block, ()))
    return frozenset(names)


_IMPORTED = re.compile(rb"(?:from|import)\s+((?:\w+\.)+\w+)")


# `import x` / `from x`, then the dotted name; a lookahead, so a `from` inside that name is tried too
_IMPORT_HEAD = re.compile(rb"\b(?:import|from)\s+(?=([\w.]+))")


def last_part(path: str | os.PathLike[str]) -> str:
    """The last part of the dotted name a resolved `path` is imported by (`clients` for app/clients.py,
    `app` for app/__init__.py), without asking the file system."""
    folder, file = os.path.split(os.fspath(path))
    stem = split_suffix(file)[0]
    return os.path.basename(folder) if stem == "__init__" else stem


def importers_test(paths: Iterable[str | os.PathLike[str]]) -> Callable[[bytes], bool]:
    """A test of a file's bytes: does it import one of the resolved `paths` by module name (a part of
    the dotted name after `import` or `from`: `from app.clients import x`, `import clients`)? A set of
    names, not one pattern of them all: its cost does not grow with the number of paths."""
    names = frozenset(part.encode() for part in map(last_part, paths) if part)

    def imports(data: bytes) -> bool:
        return any(not names.isdisjoint(dotted.split(b".")) for dotted in _IMPORT_HEAD.findall(data))

    return imports if names else lambda data: False


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


def build(paths: Iterable[str | os.PathLike[str]], facts: Sequence[IndexFact],
          read: Callable[[Path], str | bytes] = Path.read_bytes) -> ProjectIndex:
    """Phase 1 over `paths`: collect every declared fact per module, then join each kind.
    `read` gives a file's Python source (a notebook's joined cells).

    When every kind is `linked`, one streaming pass keeps a module's facts only when one of its
    imports may name a project module; what it imports is kept for all (a few shared names each).
    Once every import is resolved, the modules no import links are dropped, and the few linked
    ones whose facts were not kept (a `clients.py` imported by a later file) are collected again."""
    index = ProjectIndex()
    if not facts:
        return index
    # kept as strings, each made a Path only while it is read: a Path per file held to the end of phase 1
    # would be most of its memory on a large tree (issue #12)
    locations = [os.fspath(path) for path in paths]
    linked_only = all(fact.linked for fact in facts)
    # the last part of every module name: only an import whose name ends with one can name a project module
    last_parts = set(map(last_part, locations)) if linked_only else set()
    names: dict[str, str] = {}  # module key -> dotted name
    folders: dict[str, Path] = {}
    modules: list[tuple[int, str, frozenset[str]]] = []  # (position in paths, key, what it imports)
    collected: dict[int, dict[str, Any]] = {}  # position -> facts, for the modules that may be linked
    shared: dict[Any, Any] = {}  # one copy of each folder and each set of imports
    imports: set[bytes] = set()
    for position, location in enumerate(locations):
        path = Path(location)
        try:
            data = read(path)
        except (OSError, ValueError):
            continue
        resolved = path.resolve()
        name = module_name(resolved)
        key = name if name not in names else f"{name}@{resolved.parent}"
        names[key] = name
        folders[key] = shared.setdefault(resolved.parent, resolved.parent)
        imports.update(_IMPORTED.findall(data if isinstance(data, bytes) else _raw_bytes(path)))
        found = _collect_file(data, name, facts, with_imports=linked_only)
        if found is None:
            modules.append((position, key, frozenset()))
            continue
        module_facts, imported = found
        modules.append((position, key, shared.setdefault(imported, imported)))
        if not linked_only or any(dotted.rpartition(".")[2] in last_parts for dotted in imported):
            collected[position] = module_facts
    index.names = frozenset(names.values())
    index.imports = frozenset(m.decode() for m in imports)
    kept = _linked(modules, _Resolver(folders, names)) if linked_only else set(names)
    for position, key, _ in modules:
        if key in kept and position not in collected:  # imported by a module read after it
            try:
                found = _collect_file(read(Path(locations[position])), names[key], facts, with_imports=False)
            except (OSError, ValueError):
                found = None
            if found is not None:
                collected[position] = found[0]
    per_kind: dict[str, dict[str, Any]] = {fact.name: {} for fact in facts}
    for position, key, _ in modules:
        if key not in kept:
            continue
        index.keys[str(Path(locations[position]).resolve())] = key
        for kind, value in collected.get(position, {}).items():
            per_kind[kind][key] = value
    resolve = _Resolver({k: folders[k] for k in names if k in kept}, {k: names[k] for k in names if k in kept})
    index.facts = {fact.name: fact.join(per_kind[fact.name], resolve) for fact in facts}
    return index


def _linked(modules: Iterable[tuple[int, str, frozenset[str]]], resolve: _Resolver) -> set[str]:
    """The keys of the modules that import a project module or that one imports."""
    linked: set[str] = set()
    for _, key, imported in modules:
        for dotted in imported:
            target = resolve(key, dotted)
            if target is not None:
                linked.update((key, target))
    return linked


def _raw_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def single_file(source: str | ast.Module, module: str, facts: Sequence[IndexFact]) -> ProjectIndex:
    """The index of a file seen alone (snapshot tests, stdin): the same facts, one module."""
    collected = collect_file(source, module, facts) or {}
    resolve = _Resolver({}, {module: module})
    return ProjectIndex(
        facts={fact.name: fact.join({module: collected[fact.name]} if fact.name in collected else {}, resolve)
               for fact in facts},
        keys={},
    )
