"""Which statements of a module the codemods need to see, and where each one is.

A libcst parse costs ~8x the standard library's `ast.parse`, and a libcst traversal
rebuilds every node it enters. Most statements of a candidate file have nothing to
do with the API, so:

1. `analyze` parses the source with `ast` and marks "hot" lines: lines that mention
   a word the codemods declare, or a name bound by a hot statement (the variable an
   assistant or client was assigned to, a function that returns one), within that
   name's scope.
2. The engine hands libcst only the hot top-level statements (see transform.py), and
   `map_statements` matches that libcst tree to the `ast` statements, giving every
   statement its line span (no PositionProvider pass) and the set of nested
   statements that stay unvisited.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

Span = tuple[int, int, int, int]  # start line, start col (1-based), end line, end col

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SKIPPED_NAMES = frozenset({"self", "cls", "_", "i", "x"})


_PARSED: dict[str, ast.Module] = {}  # the last few texts parsed, oldest first
_PARSED_ENTRIES = 4  # a file, its fragment, its rewrite (and its rewrite with import edits)
_PARSED_MAX_CHARS = 300_000  # a large file's trees are not kept alive past their use (peak memory)


def parse(source: str) -> ast.Module:
    """`ast.parse`, remembered for the last few texts: the engine and the codemods judge the same
    text (a file, its rewrite) several times over. The trees are shared: never change one."""
    tree = _PARSED.get(source)
    if tree is None:
        tree = ast.parse(source)
        if len(source) <= _PARSED_MAX_CHARS:
            _PARSED[source] = tree
            while len(_PARSED) > _PARSED_ENTRIES:
                del _PARSED[next(iter(_PARSED))]
    return tree


def source_lines(source: str) -> list[str]:
    """Lines as Python counts them: str.splitlines() would also split on form feeds."""
    lines = _LINE_BREAK.split(source)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


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


def _child_blocks(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        block = getattr(node, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(node, "handlers", ()):
        yield handler.body
    for case in getattr(node, "cases", ()):
        yield case.body


def _bound_names(node: ast.stmt) -> tuple[set[str], set[str]]:
    """(names, attribute names) a statement binds: assignment targets, imports, defs; `self.x = ...` binds x."""
    names: set[str] = set()
    attributes: set[str] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name} - _SKIPPED_NAMES, attributes
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
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
                attributes.add(sub.attr)
    return names - _SKIPPED_NAMES, attributes - _SKIPPED_NAMES


def _hot_params(node: ast.stmt, hot: list[bool]) -> set[str]:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return set()
    params = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    return {p.arg for p in params if p.annotation is not None and hot[p.annotation.lineno]} - _SKIPPED_NAMES


@dataclass
class _Stmt:
    node: ast.stmt
    span: Span
    function: Span | None  # the innermost function around the statement (for a def: around the def)
    klass: Span | None  # the innermost class around the statement


@dataclass
class Group:
    """Top-level ast statements that share lines (`a = 1; b = 2`): one libcst statement line."""

    nodes: list[ast.stmt]
    start: int  # first line (decorators included)
    end: int  # last line
    hot: bool = False
    lead: int = 0  # first line of the blank and comment lines right above it (what libcst attaches to it)


@dataclass
class Analysis:
    tree: ast.Module
    lines: list[str]
    groups: list[Group]
    hot_prefix: list[int]  # hot_prefix[n] = number of hot lines among lines 1..n

    def is_hot(self, start: int, end: int) -> bool:
        end = min(end, len(self.lines))
        return end >= start and self.hot_prefix[end] - self.hot_prefix[start - 1] > 0

    @property
    def hot_line_share(self) -> float:
        hot = sum(g.end - g.start + 1 for g in self.groups if g.hot)
        return hot / max(1, len(self.lines))


@functools.lru_cache(maxsize=64)
def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")


def _statements(body: Sequence[ast.stmt], function: Span | None, klass: Span | None, out: list[_Stmt]) -> None:
    for node in body:
        span = _ast_span([node])
        out.append(_Stmt(node, span, function, klass))
        inner_function = span if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
        inner_class = span if isinstance(node, ast.ClassDef) else klass
        for block in _child_blocks(node):
            _statements(block, inner_function, inner_class, out)


def analyze(source: str, hot_words: Sequence[str]) -> Analysis | None:
    """Hot lines and top-level groups; None when `ast` cannot parse the source."""
    try:
        tree = parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = source_lines(source)
    groups: list[Group] = []
    for node in tree.body:
        start, _, end, _ = _ast_span([node])
        if groups and start <= groups[-1].end:
            groups[-1].nodes.append(node)
            groups[-1].end = max(groups[-1].end, end)
        else:
            groups.append(Group([node], start, end))
    hot = [False] * (len(lines) + 2)
    if hot_words:
        statements: list[_Stmt] = []
        _statements(tree.body, None, None, statements)
        base = frozenset(hot_words)
        words: dict[Span | None, set[str]] = {None: set(base)}  # scope (None: module) -> words
        searched: dict[Span | None, set[str]] = {}  # words each scope's lines were searched for
        bound: set[int] = set()  # statements whose bound names are in `words` already
        for _ in range(6):  # converges in 2-3 rounds
            for scope, scope_words in words.items():
                new_words = scope_words - searched.get(scope, set())
                if not new_words:
                    continue
                searched[scope] = set(scope_words)
                # the codemods' own words form one cached pattern; names found in this file another
                pattern = _words_pattern(base if new_words == base else frozenset(new_words))
                first, last = (1, len(lines)) if scope is None else (scope[0], min(scope[2], len(lines)))
                for number in range(first, last + 1):
                    if not hot[number] and pattern.search(lines[number - 1]):
                        hot[number] = True
            prefix = _prefix(hot, len(lines))
            grew = False
            for index, stmt in enumerate(statements):
                if index in bound or not _span_hot(prefix, stmt.span, len(lines)):
                    continue
                bound.add(index)  # a hot statement stays hot: its names are added once
                names, attributes = _bound_names(stmt.node)
                # a parameter annotated with a hot type (`call: RequiredActionFunctionToolCall`) is hot in its def
                params = _hot_params(stmt.node, hot)
                if params and not params <= words.setdefault(stmt.span, set()):
                    words[stmt.span] |= params
                    grew = True
                for scope, new in ((stmt.function, names), (stmt.klass, attributes)):
                    if new and not new <= (words.setdefault(scope, set()) | words[None]):
                        words[scope] |= new
                        grew = True
            if not grew:
                break
    else:
        hot = [True] * (len(lines) + 2)
    prefix = _prefix(hot, len(lines))
    analysis = Analysis(tree, lines, groups, prefix)
    previous_end = 0
    for group in groups:
        group.hot = analysis.is_hot(group.start, group.end)
        group.lead = group.start
        while group.lead - 1 > previous_end and _is_leading_line(lines[group.lead - 2]):
            group.lead -= 1
        previous_end = group.end
    return analysis


def _is_leading_line(line: str) -> bool:
    """Empty, or a comment at the top level's indentation: libcst attaches it to the next statement
    (an indented blank line after a block belongs to the block's footer)."""
    return not line.strip() and not line.startswith((" ", "\t")) or line.startswith("#")


def _prefix(hot: list[bool], count: int) -> list[int]:
    prefix = [0]
    for number in range(1, count + 1):
        prefix.append(prefix[-1] + hot[number])
    return prefix


def _span_hot(prefix: list[int], span: Span, count: int) -> bool:
    end = min(span[2], count)
    return end >= span[0] and prefix[end] - prefix[span[0] - 1] > 0


@dataclass
class StatementMap:
    spans: dict[int, Span] = field(default_factory=dict)  # id(libcst statement) -> span in the original file
    cold: set[int] = field(default_factory=set)  # ids of statements no codemod needs to visit
    complete: bool = True  # False when the two trees could not be matched everywhere


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
        pairs.append((body(cst_stmt), ast_stmt.body))  # type: ignore[attr-defined]
        for cst_handler, ast_handler in zip(cst_stmt.handlers, ast_stmt.handlers):  # type: ignore[attr-defined]
            pairs.append((body(cst_handler), ast_handler.body))
        if cst_stmt.orelse is not None:
            pairs.append((body(cst_stmt.orelse), ast_stmt.orelse))  # type: ignore[attr-defined]
        if cst_stmt.finalbody is not None:
            pairs.append((body(cst_stmt.finalbody), ast_stmt.finalbody))  # type: ignore[attr-defined]
    elif isinstance(cst_stmt, cst.Match):
        for cst_case, ast_case in zip(cst_stmt.cases, ast_stmt.cases):  # type: ignore[attr-defined]
            pairs.append((body(cst_case), ast_case.body))
    return [(c, a) for c, a in pairs if c]


def _match_block(
    cst_stmts: Sequence[cst.CSTNode], ast_stmts: Sequence[ast.stmt], analysis: Analysis, out: StatementMap
) -> None:
    index = 0
    for stmt in cst_stmts:
        width = len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
        matched = ast_stmts[index : index + width]
        index += width
        if len(matched) != width:
            out.complete = False
            return
        span = _ast_span(matched)
        out.spans[id(stmt)] = span
        if not analysis.is_hot(span[0], span[2]):
            out.cold.add(id(stmt))
        elif not isinstance(stmt, cst.SimpleStatementLine):
            for inner_cst, inner_ast in _blocks(stmt, matched[0]):
                _match_block(inner_cst, inner_ast, analysis, out)
    if index != len(ast_stmts):
        out.complete = False


def map_statements(
    statements: Sequence[cst.CSTNode], ast_statements: Sequence[ast.stmt], analysis: Analysis
) -> StatementMap:
    """Spans of the libcst top-level `statements` (matched to `ast_statements`, the ones they were
    parsed from) and the nested statements that are cold. If the trees do not match, nothing is cold."""
    out = StatementMap()
    _match_block(statements, ast_statements, analysis, out)
    if not out.complete:
        out.cold.clear()
    return out
