"""Run every codemod over one source text in a single traversal."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from assistants_migrate.engine.codemod import STATEMENT_TYPES, Codemod, FileContext, Options, apply_markers, hot_words
from assistants_migrate.engine.hotspots import map_statements
from assistants_migrate.findings import Finding


class RenderGuardError(Exception):
    """The codemods produced text that does not parse: never written."""


@dataclass
class TransformResult:
    code: str
    findings: list[Finding]

    def changed(self, source: str) -> bool:
        return self.code != source


class BatchedTransformer(cst.CSTTransformer):
    """Dispatches each node to every codemod's visit_/leave_ methods, in order."""

    def __init__(self, codemods: Sequence[Codemod], ctx: FileContext, cold: set[int]) -> None:
        super().__init__()
        self.ctx = ctx
        self.cold = cold
        self._visit: dict[str, list[Callable]] = {}
        self._leave: dict[str, list[Callable]] = {}
        for codemod in codemods:
            for name in dir(type(codemod)):
                if getattr(type(codemod), name) is getattr(cst.CSTTransformer, name, None):
                    continue  # the no-op default: dispatching to it would only cost time
                if name.startswith("visit_"):
                    self._visit.setdefault(name[6:], []).append(getattr(codemod, name))
                elif name.startswith("leave_"):
                    self._leave.setdefault(name[6:], []).append(getattr(codemod, name))

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, STATEMENT_TYPES):
            if id(node) in self.cold:
                return False
            self.ctx.stmt_stack.append(node)
        for fn in self._visit.get(type(node).__name__, ()):
            fn(node)
        return True

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        if id(original_node) in self.cold:
            return updated_node  # not entered, so no codemod saw it (libcst still calls leave)
        result: cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel = updated_node
        node_type = type(updated_node)
        for fn in self._leave.get(node_type.__name__, ()):
            result = fn(original_node, result)
            if type(result) is not node_type:
                break
        if isinstance(original_node, STATEMENT_TYPES):
            self.ctx.stmt_stack.pop()
            markers = self.ctx.markers.get(id(original_node))
            if markers:
                if isinstance(result, cst.FlattenSentinel) and result.nodes:
                    first, *rest = result.nodes
                    result = cst.FlattenSentinel([apply_markers(first, markers), *rest])
                elif isinstance(result, cst.CSTNode):
                    result = apply_markers(result, markers)
        return result

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        for fn in self._visit.get(f"{type(node).__name__}_{attribute}", ()):
            fn(node)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        for fn in self._leave.get(f"{type(original_node).__name__}_{attribute}", ()):
            fn(original_node)


def transform_source(
    source: str,
    path: str,
    codemods: Sequence[type[Codemod]],
    options: Options = Options(),
    *,
    skip_cold: bool = True,
) -> TransformResult:
    """Parse, transform and render `source`. Raises libcst.ParserSyntaxError for bad input
    and RenderGuardError when the result would not parse."""
    module = cst.parse_module(source)
    statements = map_statements(module, source, hot_words(codemods) if skip_cold else ())
    ctx = FileContext(path=path, source=source, options=options, statements=statements)
    instances = [cls(ctx) for cls in codemods]
    new_module = module.visit(BatchedTransformer(instances, ctx, statements.cold))
    assert isinstance(new_module, cst.Module)
    if ctx.scratch.get("imports_changed"):
        new_module = AddImportsVisitor(ctx.cst_context).transform_module(new_module)
        new_module = RemoveImportsVisitor(ctx.cst_context).transform_module(new_module)
    code = new_module.code
    if code != source:
        _guard(source, code)
    return TransformResult(code=code, findings=sorted(ctx.findings, key=Finding.sort_key))


def _guard(source: str, code: str) -> None:
    """The rendered text must parse; `ast` is the judge when it accepts the original."""
    try:
        ast.parse(source)
    except SyntaxError:
        judge_with_ast = False
    else:
        judge_with_ast = True
    try:
        if judge_with_ast:
            ast.parse(code)
        else:
            cst.parse_module(code)
    except (SyntaxError, cst.ParserSyntaxError, ValueError) as exc:
        raise RenderGuardError(f"rewritten code does not parse: {exc}") from exc
