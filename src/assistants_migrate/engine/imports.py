"""Adding and removing top-level imports without a scope analysis.

libcst's AddImportsVisitor and RemoveImportsVisitor each traverse the whole module,
and the latter resolves scope metadata (about 13x the cost of the parse). Codemods
only ever need `from m import name` / `import m` at the top of a module, so:

- an import is added after the last top-level import that comes before the first
  statement using its name (after the docstring when there is none), unless it is
  already there;
- an import is removed only when its name no longer occurs anywhere else in the
  rendered module as a word (strings and comments count as uses: when in doubt, keep).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import libcst as cst

from assistants_migrate.engine.comments import comment_lines, comment_texts, missing
from assistants_migrate.engine.hotspots import parse


@dataclass(frozen=True)
class ImportSpec:
    module: str
    obj: str | None = None  # None: `import module`
    asname: str | None = None

    @property
    def bound_name(self) -> str:
        return self.asname or self.obj or self.module.split(".")[0]

    def statement(self) -> cst.SimpleStatementLine:
        return cst.parse_statement(_statement_text(self) + "\n")  # type: ignore[return-value]


def _dotted(expr: cst.BaseExpression | None) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return f"{_dotted(expr.value)}.{expr.attr.value}"
    return ""


def _imports_of(stmt: cst.CSTNode) -> list[cst.Import | cst.ImportFrom]:
    if isinstance(stmt, cst.SimpleStatementLine):
        return [s for s in stmt.body if isinstance(s, (cst.Import, cst.ImportFrom))]
    return []


def _provides(node: cst.Import | cst.ImportFrom, spec: ImportSpec) -> bool:
    if isinstance(node, cst.ImportFrom):
        if spec.obj is None or node.relative or _dotted(node.module) != spec.module:
            return False
        if isinstance(node.names, cst.ImportStar):
            return spec.asname is None
        return any(
            _dotted(a.name) == spec.obj and (a.asname.name.value if a.asname else None) == spec.asname  # type: ignore[union-attr]
            for a in node.names
        )
    if spec.obj is not None:
        return False
    return any(
        _dotted(a.name) == spec.module and (a.asname.name.value if a.asname else None) == spec.asname  # type: ignore[union-attr]
        for a in node.names
    )


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def add_imports(module: cst.Module, specs: list[ImportSpec]) -> cst.Module:
    body = list(module.body)
    for spec in specs:
        if any(_provides(node, spec) for stmt in body for node in _imports_of(stmt)):
            continue
        position = 0
        for index, stmt in enumerate(body):
            if _imports_of(stmt) or (index == 0 and _is_docstring(stmt)):
                position = index + 1
        body.insert(position, spec.statement())
    return module.with_changes(body=body)


def remove_imports(module: cst.Module, specs: list[ImportSpec]) -> cst.Module:
    body = list(module.body)
    for spec in specs:
        for index, stmt in enumerate(body):
            imports = _imports_of(stmt)
            if not any(_provides(node, spec) for node in imports):
                continue
            rest = module.with_changes(body=body[:index] + body[index + 1 :]).code
            if re.search(rf"(?<![\w.]){re.escape(spec.bound_name)}\b", rest) and _still_used(rest, spec.bound_name):
                break  # still used: keep it
            replacement = _without(stmt, spec)  # type: ignore[arg-type]
            if replacement is None:
                del body[index]
                kept = _kept_comment_lines(stmt)  # its comments stay where it was
                if kept and index < len(body):
                    body[index] = body[index].with_changes(leading_lines=[*kept, *body[index].leading_lines])
                elif kept:
                    module = module.with_changes(footer=[*kept, *module.footer])
            else:
                body[index] = replacement
            break
    return module.with_changes(body=body)


def _still_used(code: str, name: str) -> bool:
    """Does code read `name`: as a name, or in a string annotation (`"Run"`, `"Optional[Run]"`)? A
    comment or a docstring that mentions the word does not keep an import (ruff would call it unused)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    return any(isinstance(node, ast.Name) and node.id == name
               or isinstance(node, ast.Constant) and isinstance(node.value, str)
               and re.fullmatch(r"[\w.\[\], |]+", node.value) is not None and re.search(r"\w\s+\w", node.value) is None
               and word.search(node.value) is not None
               for node in ast.walk(tree))


def _kept_comment_lines(stmt: cst.SimpleStatementLine) -> list[cst.EmptyLine]:
    """The lines above a removed statement, and its own comments as lines (none if it has no comment)."""
    texts = comment_texts([stmt])
    if not texts:
        return []
    above = [line.comment.value for line in stmt.leading_lines if line.comment is not None]
    return [*stmt.leading_lines, *comment_lines(missing(texts, above))]


def _without(stmt: cst.SimpleStatementLine, spec: ImportSpec) -> cst.SimpleStatementLine | None:
    new_body: list[cst.BaseSmallStatement] = []
    for small in stmt.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and _provides(small, spec) and not isinstance(small.names, cst.ImportStar):
            kept = [
                a
                for a in small.names  # type: ignore[union-attr]
                if not (_dotted(a.name) == (spec.obj or spec.module)
                        and (a.asname.name.value if a.asname else None) == spec.asname)  # type: ignore[union-attr]
            ]
            if kept:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                if isinstance(small, cst.ImportFrom) and len(kept) == 1 and small.lpar is not None:
                    small = small.with_changes(lpar=None, rpar=None)
                new_body.append(small.with_changes(names=kept))
            continue
        new_body.append(small)
    if not new_body:
        return None
    new_body[-1] = new_body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return stmt.with_changes(body=new_body)


# -- on text, positioned with `ast` ---------------------------------------------------------------
# The rewritten file is already parsed with `ast` by the render guard; editing its import lines as
# text avoids a second libcst parse + render of the whole file (as costly as the rest of the run).


def _ast_provides(node: ast.stmt, spec: ImportSpec) -> bool:
    if isinstance(node, ast.ImportFrom):
        return (
            spec.obj is not None
            and node.level == 0
            and node.module == spec.module
            and any(a.name in (spec.obj, "*") and a.asname == spec.asname for a in node.names)
        )
    if isinstance(node, ast.Import):
        return spec.obj is None and any(a.name == spec.module and a.asname == spec.asname for a in node.names)
    return False


def _shares_lines(tree: ast.Module, node: ast.stmt) -> bool:
    end = node.end_lineno or node.lineno
    return any(other is not node and other.lineno <= end and (other.end_lineno or other.lineno) >= node.lineno
               for other in tree.body)


class ParseOnce:
    """`ast.parse` of the latest text asked for, kept until the text changes: the import edits
    and the render guard judge the same text many times over."""

    def __init__(self) -> None:
        self.code: str | None = None
        self.tree: ast.Module | None = None

    def __call__(self, code: str) -> ast.Module:
        if self.tree is None or code != self.code:
            self.code, self.tree = code, parse(code)
        return self.tree


def edit_imports_text(
    code: str, adds: list[ImportSpec], removes: list[ImportSpec], newline: str, parse: ParseOnce | None = None
) -> str | None:
    """`code` with the import edits applied, or None when only a full libcst pass can do it
    (an import sharing its line with another statement)."""
    parse = parse or ParseOnce()
    for spec in adds:
        tree = parse(code)
        if any(_ast_provides(node, spec) for node in tree.body):
            continue
        lines = code.splitlines(keepends=True)
        # with the other imports, but before the first statement that uses the name (a module-level
        # `x: Any = ...` above a later import block must not meet an unbound `Any`)
        first_use = _first_use(tree, spec.bound_name)
        imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) and n.lineno < first_use]
        if imports:
            after = imports[-1].end_lineno or imports[-1].lineno
            if _shares_lines(tree, imports[-1]):
                return None
        elif tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(getattr(tree.body[0], "value", None), ast.Constant) \
                and isinstance(tree.body[0].value.value, str):
            after = tree.body[0].end_lineno or tree.body[0].lineno
        elif tree.body:
            first = tree.body[0]
            after = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", []))]) - 1
        else:
            after = len(lines)
        if after > 0 and after <= len(lines) and not lines[after - 1].endswith(("\n", "\r")):
            lines[after - 1] += newline
        lines.insert(after, _statement_text(spec) + newline)
        code = "".join(lines)
    for spec in removes:
        tree = parse(code)
        node = next((n for n in tree.body if _ast_provides(n, spec)), None)
        if node is None:
            continue
        if _shares_lines(tree, node):
            return None
        lines = code.splitlines(keepends=True)
        start, end = node.lineno, node.end_lineno or node.lineno
        rest = "".join(lines[: start - 1] + lines[end:])
        if re.search(rf"(?<![\w.]){re.escape(spec.bound_name)}\b", rest) and _still_used(rest, spec.bound_name):
            continue  # still used: keep it
        statement = cst.parse_module("".join(lines[start - 1 : end]))
        kept = _without(statement.body[0], spec)  # type: ignore[arg-type]
        if kept is None:  # the statement goes, its comments stay
            replacement = [text + newline for text in comment_texts([statement])]
        else:
            replacement = [statement.with_changes(body=[kept]).code]
        code = "".join(lines[: start - 1] + replacement + lines[end:])
    return code


def _first_use(tree: ast.Module, name: str) -> int:
    """The line of the first top-level statement that mentions `name` (a large number when none does)."""
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if any(isinstance(sub, ast.Name) and sub.id == name for sub in ast.walk(node)):
            return min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return 1 << 30


def _statement_text(spec: ImportSpec) -> str:
    if spec.obj is None:
        return f"import {spec.module}" + (f" as {spec.asname}" if spec.asname else "")
    return f"from {spec.module} import {spec.obj}" + (f" as {spec.asname}" if spec.asname else "")
