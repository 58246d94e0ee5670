"""The contract between the engine and the codemods.

A codemod is a libcst transformer for one API surface. It declares:

- `RULES`: the catalogue entries it can emit (registered at import time);
- `INDEX`: the project facts it needs from other files (engine/index.py): collected
  on every candidate file before any file is rewritten, joined once, and read
  through `ctx.project` during the rewrite;
- `DEPENDS_ON`: the surfaces whose rewrites its own rewrites assume (left out with them);
- `HOT_WORDS`: identifiers whose mention makes a statement worth visiting. The
  engine calls `visit_*`/`leave_*` only inside such statements (or statements that
  mention a name bound by one). Inside a visited statement, the whole subtree is
  there to be matched, visited or not.

All codemods of a run share one traversal: for each node, their `visit_X` methods
run in registry order, then (bottom-up) their `leave_X` methods, each receiving the
node as the previous one returned it. When a codemod returns a node of another type
(or a FlattenSentinel/RemovalSentinel), later codemods are not called for that node.
Return values of `visit_X` are ignored: children are always visited.

Which files are parsed at all is declared apart, as data (`codemods/triggers.py`,
read by engine/prefilter.py), so the prefilter needs neither libcst nor the codemods.

Codemods know nothing about files or processes: they see a `FileContext` and report
through `report()` and `todo()`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import libcst as cst

from assistants_migrate.engine.hotspots import Span, StatementMap
from assistants_migrate.engine.imports import ImportSpec
from assistants_migrate.engine.index import IndexFact, ProjectIndex
from assistants_migrate.engine.options import Options  # noqa: F401  (defined apart: no libcst)
from assistants_migrate.findings import MARKER_PREFIX, Finding, Rule, get_rule

STATEMENT_TYPES = (cst.SimpleStatementLine, cst.BaseCompoundStatement)
SNIPPET_MAX_LINES = 8


@dataclass
class FileContext:
    """Everything the codemods of one file share. Built by the engine, per file."""

    path: str
    source: str
    options: Options
    statements: StatementMap
    lines: list[str]  # the source's lines, as Python counts them
    stmt_stack: list[cst.CSTNode] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    markers: dict[int, list[str]] = field(default_factory=dict)  # id(original statement) -> marker lines
    scratch: dict[str, Any] = field(default_factory=dict)  # facts one codemod leaves for another
    import_adds: list[ImportSpec] = field(default_factory=list)
    import_removes: list[ImportSpec] = field(default_factory=list)
    required_modules: dict[str, str] = field(default_factory=dict)  # module name -> text to create it with
    project: ProjectIndex = field(default_factory=ProjectIndex)  # phase 1's facts about the whole project
    module: str = ""  # the key this file's facts are filed under in `project`

    @property
    def statement(self) -> cst.CSTNode | None:
        """The innermost statement being visited (an original node)."""
        return self.stmt_stack[-1] if self.stmt_stack else None

    def span_of(self, statement: cst.CSTNode | None) -> Span:
        if statement is None:
            return (0, 0, 0, 0)
        return self.statements.spans.get(id(statement), (0, 0, 0, 0))

    def snippet(self, span: Span) -> str:
        start, _, end, _ = span
        if start <= 0:
            return ""
        end = min(end, start + SNIPPET_MAX_LINES - 1)
        return "\n".join(self.lines[start - 1 : end])

    def add_finding(self, rule: Rule, statement: cst.CSTNode | None, message: str | None, fixed: bool | None) -> None:
        span = self.span_of(statement)
        self.findings.append(
            Finding(
                rule_id=rule.id,
                severity=rule.severity,
                path=self.path,
                line=span[0],
                column=span[1],
                end_line=span[2],
                end_column=span[3],
                message=message or rule.title,
                fixed=rule.autofix if fixed is None else fixed,
                what_to_do=rule.what_to_do,
                docs_url=rule.docs_url,
                snippet=self.snippet(span),
                extra={"snippet_start_line": span[0]} if span[0] else {},
            )
        )


def marker_line(rule_id: str, text: str) -> str:
    one_line = " ".join(text.split())
    return f"{MARKER_PREFIX} {rule_id} {one_line}"


class Codemod(cst.CSTTransformer):
    RULES: ClassVar[tuple[Rule, ...]] = ()
    HOT_WORDS: ClassVar[tuple[str, ...]] = ()
    INDEX: ClassVar[tuple[IndexFact, ...]] = ()
    # surfaces (codemod modules) whose rewrite this one's assumes: when a rule selection leaves one of
    # them out, this codemod is left out too (engine/selection.py)
    DEPENDS_ON: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: FileContext) -> None:
        super().__init__()
        self.ctx = ctx

    @classmethod
    def flow_pins(cls, ctx: FileContext, code: str) -> frozenset[str]:
        """After the traversal, given the rewritten `code`: what must stay as it was for the file to be
        consistent (names the codemods agree on, e.g. a surface whose objects would otherwise flow
        between rewritten and kept code). Non-empty: the engine rewrites the file again from the
        original with `ctx.options.pins` holding them."""
        return frozenset()

    # -- reporting -------------------------------------------------------------------

    def report(self, rule_id: str, message: str | None = None, *, fixed: bool | None = None) -> None:
        """Record a finding at the statement being visited."""
        self.ctx.add_finding(get_rule(rule_id), self.ctx.statement, message, fixed)

    def todo(self, rule_id: str, message: str | None = None, *, statement: cst.CSTNode | None = None) -> None:
        """Mark the statement for a human: one marker comment above it, and a finding.

        The marker is written once per statement and rule, so a second run adds nothing.
        """
        rule = get_rule(rule_id)
        target = statement if statement is not None else self.ctx.statement
        self.ctx.add_finding(rule, target, message, False)
        if target is None:
            return
        line = marker_line(rule_id, message or rule.title)
        pending = self.ctx.markers.setdefault(id(target), [])
        if not any(existing.startswith(f"{MARKER_PREFIX} {rule_id} ") for existing in pending):
            pending.append(line)

    # -- imports -----------------------------------------------------------------------

    def add_import(self, module: str, obj: str | None = None, asname: str | None = None) -> None:
        """Make sure `from module import obj [as asname]` (or `import module`) is at the top level."""
        spec = ImportSpec(module, obj, asname)
        if spec not in self.ctx.import_adds:
            self.ctx.import_adds.append(spec)

    def require_module(self, module: str, text: str) -> None:
        """The rewritten file imports top-level `module`: when the project has no such module where
        Python would look for it (beside the script, or beside its top package), the engine creates it
        with `text`, so the program never fails with ModuleNotFoundError."""
        self.ctx.required_modules.setdefault(module, text)

    def remove_import(self, module: str, obj: str | None = None, asname: str | None = None) -> None:
        """Drop that top-level import if nothing in the rewritten module mentions its name any more."""
        spec = ImportSpec(module, obj, asname)
        if spec not in self.ctx.import_removes:
            self.ctx.import_removes.append(spec)


def apply_markers(node: cst.CSTNode, lines: Sequence[str]) -> cst.CSTNode:
    """Put marker comments above a statement, skipping those already there."""
    leading = getattr(node, "leading_lines", None)
    if leading is None:
        return node
    present = {
        line.comment.value.split(" ", 3)[2] if line.comment is not None and line.comment.value.startswith(MARKER_PREFIX) else ""
        for line in leading
    }
    new = [
        cst.EmptyLine(indent=True, comment=cst.Comment(text))
        for text in lines
        if text.split(" ", 3)[2] not in present
    ]
    if not new:
        return node
    return node.with_changes(leading_lines=[*leading, *new])


@functools.lru_cache(maxsize=8)
def index_facts(codemods: tuple[type[Codemod], ...]) -> tuple[IndexFact, ...]:
    """The project facts the codemods declare, each kind once."""
    return tuple({fact.name: fact for cls in codemods for fact in cls.INDEX}.values())


@functools.lru_cache(maxsize=8)
def hot_words(codemods: tuple[type[Codemod], ...]) -> tuple[str, ...]:
    """The codemods' hot words (computed once per set of codemods, not per file)."""
    return tuple(sorted({w for cls in codemods for w in cls.HOT_WORDS}))
