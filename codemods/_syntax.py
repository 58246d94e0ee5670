"""Small helpers on libcst nodes that every codemod needs: source text of a node,
string literal values, keyword arguments, dict literal keys."""

from __future__ import annotations

import ast
import functools

import libcst as cst

from assistants_migrate.codemods._receivers import keyword, positional
from assistants_migrate.engine.transform import fast_visit

_MODULE = cst.Module(body=[])


def code_of(node: cst.CSTNode) -> str:
    """The source text of a node (default module formatting)."""
    return _MODULE.code_for_node(node)


def str_value(expr: cst.BaseExpression | None) -> str | None:
    """The value of a plain string literal (also implicitly concatenated; not an f-string), else None."""
    if isinstance(expr, cst.SimpleString):
        return _literal_str(expr.value)  # the token's own text: no rendering
    if isinstance(expr, cst.ConcatenatedString):
        return _literal_str(code_of(expr))
    return None


@functools.lru_cache(maxsize=4096)
def _literal_str(text: str) -> str | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """`name=value`, PEP 8 style (no spaces around `=`)."""
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def arg_value(call: cst.Call, name: str, position: int | None = None) -> cst.BaseExpression | None:
    """The value passed as `name=`, or else as the positional argument at `position`."""
    arg = keyword(call, name)
    if arg is not None:
        return arg.value
    if position is not None:
        pos = positional(call)
        if len(pos) > position:
            return pos[position].value
    return None


def dict_get(d: cst.Dict, key: str) -> cst.DictElement | None:
    for el in d.elements:
        if isinstance(el, cst.DictElement) and str_value(el.key) == key:
            return el
    return None


def dict_keys(d: cst.Dict) -> list[str | None]:
    """Literal keys in order; None for a non-literal key or a `**spread`."""
    return [str_value(el.key) if isinstance(el, cst.DictElement) else None for el in d.elements]


class RenameName(cst.CSTTransformer):
    """Rename a bare name in an annotation (`Run` -> `Response`); `x.Run` attribute paths stay."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return False

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=self.new) if updated_node.value == self.old else updated_node


def annotation_names(expr: cst.BaseExpression) -> list[cst.Name]:
    """The bare names in an annotation (`threads.Run`, a qualified name, is left out)."""
    found: list[cst.Name] = []

    class _Finder(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            found.append(n)

        def visit_Attribute(self, n: cst.Attribute) -> bool:
            return False

    fast_visit(expr, _Finder())
    return found


def ast_dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of `ast` names and attributes, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = ast_dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def returned_values(function: cst.FunctionDef) -> list[cst.BaseExpression]:
    """The values the function's own return statements give (not those of nested functions)."""
    values: list[cst.BaseExpression] = []

    class _Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Return(self, node: cst.Return) -> None:
            if node.value is not None:
                values.append(node.value)

    fast_visit(function, _Returns())
    return values
