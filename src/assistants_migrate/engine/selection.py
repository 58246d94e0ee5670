"""Which rules apply to a file, suppression comments, and the sites that keep their old code.

Selection works as in ruff: selectors are rule ids or prefixes (`AM5`, `AM502`, `ALL`);
each layer (the config table, then the command line) starts from the previous result,
or from nothing when it has a `select`; within a layer the most specific selector
decides a rule, `ignore` winning a tie. `per-file-ignores` take more rules away.

A rule that is off must not be half-applied:

- when every rule of a codemod is off, the codemod does not run, nor does any codemod
  that declares it in `DEPENDS_ON` (their rewrites assume its rewrite happened);
- otherwise the file is transformed, and each site of an off or suppressed rule is
  kept cold (never visited) in a second pass, together with its flow: statements that
  use a name it binds (they read the old object), and sites that bind a name it uses
  (they would hand it a new object). Their findings are dropped and counted.

A suppression comment sits on the site's first or last line, or alone on the line
above: `# assistants-migrate: ignore[AM502, AM3]`, `# assistants-migrate: ignore` (all),
or `# noqa: AM502` (only AM codes count; a bare `# noqa` is another tool's).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistants_migrate.findings import Finding

if TYPE_CHECKING:  # libcst comes with them: imported only where a file is transformed
    from assistants_migrate.engine.codemod import Codemod
    from assistants_migrate.engine.index import ProjectIndex
    from assistants_migrate.engine.options import Options
    from assistants_migrate.engine.transform import TransformResult

ALL = "ALL"
SELECTOR = re.compile(r"AM[0-9]{0,3}\Z")
_IGNORE_COMMENT = r"\s*assistants-migrate:\s*ignore\b(?:\[([^\]]*)\])?"
_NOQA_COMMENT = r"\s*noqa:\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)"


@functools.lru_cache(maxsize=4)
def _comment_patterns(comment: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two suppression comments after a language's line-comment token (`#`, `//`)."""
    start = re.escape(comment)
    return re.compile(start + _IGNORE_COMMENT), re.compile(start + _NOQA_COMMENT, re.IGNORECASE)
_MAX_ROUNDS = 4


class SelectionError(ValueError):
    """An unknown rule id or prefix (exit 2)."""


@dataclass(frozen=True)
class Layer:
    """Selectors from one source; `select` None keeps what earlier layers enabled."""

    where: str
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _matches(selector: str, rule_id: str) -> bool:
    return selector == ALL or rule_id.startswith(selector)


def _specificity(selector: str) -> int:
    return 0 if selector == ALL else len(selector)


def check_selectors(selectors: Iterable[str], where: str, known: Iterable[str]) -> tuple[str, ...]:
    known = tuple(known)
    out = []
    for raw in selectors:
        selector = raw.strip().upper()
        if selector != ALL and (not SELECTOR.match(selector) or not any(r.startswith(selector) for r in known)):
            raise SelectionError(f"{where}: unknown rule id or prefix {raw!r} (see `assistants-migrate rules`)")
        out.append(selector)
    return tuple(out)


def resolve(layers: Sequence[Layer], known: Iterable[str]) -> frozenset[str]:
    """The enabled rule ids after applying every layer in order."""
    known = tuple(known)
    enabled = set(known)
    for layer in layers:
        positive = [*(layer.select or ()), *layer.extend_select]
        chosen = set(enabled) if layer.select is None else set()
        for rule_id in known:
            best, verdict = -1, None
            for selector in positive:
                if _matches(selector, rule_id) and _specificity(selector) > best:
                    best, verdict = _specificity(selector), True
            for selector in layer.ignore:
                if _matches(selector, rule_id) and _specificity(selector) >= best:
                    best, verdict = _specificity(selector), False
            if verdict is True:
                chosen.add(rule_id)
            elif verdict is False:
                chosen.discard(rule_id)
        enabled = chosen
    return frozenset(enabled)


@dataclass(frozen=True)
class FileSelection:
    """What one file's run may apply: rules turned off, and whether comments are honoured."""

    disabled: frozenset[str] = frozenset()
    honour_comments: bool = True


@dataclass(frozen=True)
class RuleSelection:
    enabled: frozenset[str]
    known: frozenset[str]
    per_file: tuple[tuple[str, object, frozenset[str]], ...] = ()  # (base dir, PathSpec, ids ignored there)

    def for_path(self, display: str) -> FileSelection:
        disabled = set(self.known - self.enabled)
        if self.per_file:
            absolute = os.path.abspath(display)
            for base, spec, ids in self.per_file:
                rel = os.path.relpath(absolute, base).replace(os.sep, "/")
                if not rel.startswith("../") and spec.match_file(rel):  # type: ignore[attr-defined]
                    disabled |= ids
        return FileSelection(frozenset(disabled))


def build_selection(
    layers: Sequence[Layer], per_file_ignores: Mapping[str, Sequence[str]], base: str, known: Iterable[str]
) -> RuleSelection:
    import pathspec

    known = frozenset(known)
    checked = [
        dataclasses.replace(
            layer,
            select=None if layer.select is None else check_selectors(layer.select, f"{layer.where} select", known),
            extend_select=check_selectors(layer.extend_select, f"{layer.where} extend-select", known),
            ignore=check_selectors(layer.ignore, f"{layer.where} ignore", known),
        )
        for layer in layers
    ]
    per_file = []
    for glob, selectors in per_file_ignores.items():
        ids = check_selectors(selectors, f"per-file-ignores {glob!r}", known)
        off = frozenset(r for r in known if any(_matches(s, r) for s in ids))
        per_file.append((base, pathspec.GitIgnoreSpec.from_lines([glob]), off))
    return RuleSelection(resolve(checked, sorted(known)), known, tuple(per_file))


# -- suppression comments -----------------------------------------------------------------


def suppressions(source: str, comment: str = "#") -> dict[int, frozenset[str] | None]:
    """Line number -> rule ids suppressed there (None: every rule)."""
    if "assistants-migrate" not in source and "noqa" not in source.lower():
        return {}
    ignore_comment, noqa_comment = _comment_patterns(comment)
    out: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(source.splitlines(), 1):
        if comment not in line:
            continue
        match = ignore_comment.search(line)
        if match is not None:
            codes = match.group(1)
            out[number] = None if codes is None else frozenset(c.strip().upper() for c in codes.split(",") if c.strip())
            continue
        match = noqa_comment.search(line)
        if match is not None:
            codes = frozenset(c.upper() for c in re.split(r"[\s,]+", match.group(1)) if c.upper().startswith("AM"))
            if codes:
                out[number] = codes
    return out


def _suppressed_at(
    finding: Finding, comments: Mapping[int, frozenset[str] | None], lines: Sequence[str], comment: str = "#"
) -> bool:
    if not comments or finding.line <= 0:
        return False
    candidates = [finding.line, finding.end_line]
    above = finding.line - 1
    if above >= 1 and lines[above - 1].lstrip().startswith(comment):
        candidates.append(above)
    for number in candidates:
        if number not in comments:
            continue
        codes = comments[number]
        if codes is None or any(finding.rule_id.startswith(code) for code in codes):
            return True
    return False


def blocked_findings(findings: Iterable[Finding], selection: FileSelection, source: str, comment: str = "#") -> list[Finding]:
    """The findings whose site must keep its old code (rule off, or a suppression comment);
    `comment` is the language's line-comment token (`//` in TypeScript/JavaScript)."""
    comments = suppressions(source, comment) if selection.honour_comments else {}
    lines = source.splitlines() if comments else []
    return [f for f in findings if f.rule_id in selection.disabled or _suppressed_at(f, comments, lines, comment)]


# -- codemods a selection leaves out ------------------------------------------------------


def surface_of(codemod: type) -> str:
    rules = getattr(codemod, "RULES", ())
    return rules[0].surface if rules else codemod.__name__


def codemods_for(codemods: Sequence[type], disabled: frozenset[str]) -> tuple[tuple[type, ...], tuple[str, ...]]:
    """(codemods to run, surfaces left out): a codemod whose rules are all off, and every codemod that
    depends on one left out (`DEPENDS_ON`, transitively)."""
    if not disabled:
        return tuple(codemods), ()
    off = {surface_of(c) for c in codemods if c.RULES and all(r.id in disabled for r in c.RULES)}  # type: ignore[attr-defined]
    grew = bool(off)
    while grew:
        grew = False
        for codemod in codemods:
            surface = surface_of(codemod)
            if surface not in off and any(d in off for d in getattr(codemod, "DEPENDS_ON", ())):
                off.add(surface)
                grew = True
    return tuple(c for c in codemods if surface_of(c) not in off), tuple(s for s in map(surface_of, codemods) if s in off)


# -- holding back a site and its flow -----------------------------------------------------


@dataclass
class _Statement:
    node: ast.stmt
    start: int
    end: int
    function: tuple[int, int] | None
    klass: tuple[int, int] | None
    binds: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    mentions: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))


_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})


def _own_mentions(node: ast.stmt) -> tuple[set[str], set[str]]:
    """Names and attribute names a statement reads outside its nested blocks (a compound's header)."""
    names: set[str] = set()
    attributes: set[str] = set()
    for name, value in ast.iter_fields(node):
        if name in _BLOCK_FIELDS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                for sub in ast.walk(item):
                    if isinstance(sub, ast.Name):
                        names.add(sub.id)
                    elif isinstance(sub, ast.Attribute):
                        attributes.add(sub.attr)
    return names, attributes


def _inside(scope: tuple[int, int] | None, stmt: _Statement) -> bool:
    return scope is None or scope[0] <= stmt.start and stmt.end <= scope[1]


def hold_back(source: str, blocked: Iterable[Finding], sites: Iterable[Finding]) -> set[tuple[int, int]]:
    """(first line, last line) of every statement to keep cold: the blocked sites and their flows."""
    from assistants_migrate.engine.hotspots import _ast_span, _bound_names, _statements, parse

    try:
        tree = parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {(f.line, f.end_line) for f in blocked if f.line > 0}
    collected: list = []
    _statements(tree.body, None, None, collected)
    statements: list[_Statement] = []
    for item in collected:
        start, _, end, _ = _ast_span([item.node])
        statements.append(_Statement(
            item.node, start, end,
            (item.function[0], item.function[2]) if item.function else None,
            (item.klass[0], item.klass[2]) if item.klass else None,
            _bound_names(item.node), _own_mentions(item.node),
        ))
    site_keys = {(f.line, f.end_line) for f in sites if f.line > 0}
    todo = [s for s in statements if (s.start, s.end) in {(f.line, f.end_line) for f in blocked}]
    cold: set[tuple[int, int]] = {(f.line, f.end_line) for f in blocked if f.line > 0}
    seen: set[int] = set()
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        cold.add((current.start, current.end))
        names, attributes = current.binds
        for other in statements:
            if id(other) in seen:
                continue
            # forward: reads a name the held-back statement binds (it holds an old-API object)
            if (names & other.mentions[0] and _inside(current.function, other)) or (
                attributes & other.mentions[1] and _inside(current.klass, other)
            ):
                todo.append(other)
            # backward: a site that binds a name the held-back statement reads (it would make a new-API object)
            elif (other.start, other.end) in site_keys and (
                (other.binds[0] & current.mentions[0] and _inside(other.function, current))
                or (other.binds[1] & current.mentions[1] and _inside(other.klass, current))
            ):
                todo.append(other)
    return cold


@dataclass
class Selected:
    """A transform under a selection: the result, and how many findings were kept back."""

    result: TransformResult
    suppressed: int = 0  # findings of rules turned off or suppressed by a comment
    held_back: int = 0  # other findings on the flows of those sites (their code was kept as well)
    left_out: tuple[str, ...] = ()  # surfaces whose codemods did not run


def transform_selected(source: str, path: str, codemods: Sequence[type[Codemod]], options: Options,
                       selection: FileSelection, *, skip_cold: bool = True,
                       project: ProjectIndex | None = None) -> Selected:
    from assistants_migrate.engine.transform import transform_source

    active, left_out = codemods_for(codemods, selection.disabled)
    result = transform_source(source, path, active, options, skip_cold=skip_cold, project=project)
    blocked = blocked_findings(result.findings, selection, source)
    if not blocked:
        return Selected(result, left_out=left_out)
    first = result.findings
    suppressed = {_key(f) for f in blocked}
    keep_cold: set[tuple[int, int]] = set()
    for _ in range(_MAX_ROUNDS):
        keep_cold |= hold_back(source, blocked, first)
        result = transform_source(source, path, active, options, skip_cold=skip_cold,
                                  project=project, keep_cold=frozenset(keep_cold))
        blocked = blocked_findings(result.findings, selection, source)
        if not blocked:
            break
        suppressed |= {_key(f) for f in blocked}
    result.findings = [f for f in result.findings if _key(f) not in suppressed]
    final = {_key(f) for f in result.findings}
    held = sum(1 for f in first if _key(f) not in suppressed and _key(f) not in final)
    return Selected(result, len(suppressed), held, left_out)


def _key(finding: Finding) -> tuple:
    return (finding.rule_id, finding.line, finding.column, finding.message)
