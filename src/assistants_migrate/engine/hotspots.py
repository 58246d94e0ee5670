"""Which statements of a module the codemods need to visit, and where each one is.

A libcst traversal rebuilds every node it enters, which costs about as much as the
parse itself. Most statements of a candidate file have nothing to do with the API,
so the engine visits only "hot" statements: those whose source lines mention one of
the words the codemods declare, or a name bound by a hot statement (the variable an
assistant or client was assigned to, a function that returns one).

Source positions come from the standard library's `ast` (a C parser, ~6x cheaper
than libcst), matched to the libcst tree statement by statement. That gives every
statement its line span without libcst's PositionProvider pass; findings and TODO
markers are reported at statement granularity anyway.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

Span = tuple[int, int, int, int]  # start line, start col (1-based), end line, end col


@dataclass
class StatementMap:
    spans: dict[int, Span] = field(default_factory=dict)  # id(libcst statement) -> span
    cold: set[int] = field(default_factory=set)  # ids of statements no codemod needs to visit
    complete: bool = True  # False when the two trees could not be matched everywhere


def _ast_span(nodes: Sequence[ast.stmt]) -> Span:
    first, last = nodes[0], nodes[-1]
    start_line = first.lineno
    start_col = first.col_offset
    decorators = getattr(first, "decorator_list", None)
    if decorators:
        start_line = min(start_line, *(d.lineno for d in decorators))
        start_col = min(start_col, *(d.col_offset - 1 for d in decorators))
    end_line = last.end_lineno or last.lineno
    end_col = last.end_col_offset or 0
    return (start_line, start_col + 1, end_line, end_col + 1)


def _blocks(cst_stmt: cst.CSTNode, ast_stmt: ast.stmt) -> list[tuple[Sequence[cst.CSTNode], Sequence[ast.stmt]]]:
    """Pairs of (libcst statement list, ast statement list) for the blocks inside a compound statement."""

    def body(node: cst.CSTNode) -> Sequence[cst.CSTNode]:
        block = getattr(node, "body", None)
        return block.body if isinstance(block, cst.IndentedBlock) else ()

    pairs: list[tuple[Sequence[cst.CSTNode], Sequence[ast.stmt]]] = []
    if isinstance(cst_stmt, (cst.FunctionDef, cst.ClassDef, cst.With)):
        pairs.append((body(cst_stmt), ast_stmt.body))  # type: ignore[attr-defined]
    elif isinstance(cst_stmt, (cst.For, cst.While, cst.If)):
        pairs.append((body(cst_stmt), ast_stmt.body))  # type: ignore[attr-defined]
        orelse = cst_stmt.orelse
        if isinstance(orelse, cst.If):  # elif: one nested If on both sides
            pairs.append(((orelse,), ast_stmt.orelse))  # type: ignore[attr-defined]
        elif isinstance(orelse, cst.Else):
            pairs.append((body(orelse), ast_stmt.orelse))  # type: ignore[attr-defined]
    elif isinstance(cst_stmt, (cst.Try, cst.TryStar)):
        assert isinstance(ast_stmt, (ast.Try, getattr(ast, "TryStar", ast.Try)))
        pairs.append((body(cst_stmt), ast_stmt.body))
        for cst_handler, ast_handler in zip(cst_stmt.handlers, ast_stmt.handlers):
            pairs.append((body(cst_handler), ast_handler.body))
        if cst_stmt.orelse is not None:
            pairs.append((body(cst_stmt.orelse), ast_stmt.orelse))
        if cst_stmt.finalbody is not None:
            pairs.append((body(cst_stmt.finalbody), ast_stmt.finalbody))
    elif isinstance(cst_stmt, cst.Match):
        for cst_case, ast_case in zip(cst_stmt.cases, ast_stmt.cases):  # type: ignore[attr-defined]
            pairs.append((body(cst_case), ast_case.body))
    return [(c, a) for c, a in pairs if c]


def _match_block(
    cst_stmts: Sequence[cst.CSTNode], ast_stmts: Sequence[ast.stmt], out: StatementMap, pairs: list
) -> None:
    index = 0
    for stmt in cst_stmts:
        width = len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
        matched = ast_stmts[index : index + width]
        index += width
        if len(matched) != width:
            out.complete = False
            return
        out.spans[id(stmt)] = _ast_span(matched)
        pairs.append((stmt, matched))
        if not isinstance(stmt, cst.SimpleStatementLine):
            for inner_cst, inner_ast in _blocks(stmt, matched[0]):
                _match_block(inner_cst, inner_ast, out, pairs)
    if index != len(ast_stmts):
        out.complete = False


_SKIPPED_NAMES = frozenset({"self", "cls", "_", "i", "x"})


def _bound_names(nodes: Sequence[ast.stmt]) -> set[str]:
    """Names a simple statement (or a def/class header) binds: assignment targets, imports, defs."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
                elif isinstance(sub, ast.Attribute):
                    names.add(sub.attr)
    return names - _SKIPPED_NAMES


def map_statements(module: cst.Module, source: str, hot_words: Sequence[str]) -> StatementMap:
    """Spans for every statement and the set of statements that can stay unvisited."""
    out = StatementMap()
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        out.complete = False
        return out
    pairs: list[tuple[cst.CSTNode, Sequence[ast.stmt]]] = []
    _match_block(module.body, tree.body, out, pairs)
    if not out.complete or not hot_words:
        out.cold.clear()
        return out

    lines = source.splitlines()
    words = set(hot_words)
    hot_line_prefix: list[int] = []
    for _ in range(4):  # propagate names bound by hot statements; converges in 2-3 rounds
        pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")
        running = 0
        hot_line_prefix = [0]
        for line in lines:
            running += 1 if pattern.search(line) else 0
            hot_line_prefix.append(running)
        new_words: set[str] = set()
        for stmt, ast_nodes in pairs:
            start, _, end, _ = out.spans[id(stmt)]
            if hot_line_prefix[min(end, len(lines))] - hot_line_prefix[start - 1] > 0:
                new_words |= _bound_names(ast_nodes)
        if new_words <= words:
            break
        words |= new_words
    for stmt, _ in pairs:
        start, _, end, _ = out.spans[id(stmt)]
        if hot_line_prefix[min(end, len(lines))] - hot_line_prefix[start - 1] == 0:
            out.cold.add(id(stmt))
    return out
