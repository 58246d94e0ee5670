"""Use analysis for a message-list variable inside one function (or the module).

Private to `messages.py`. A plain walk over the original tree with a parent stack:
no libcst metadata providers.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from assistants_migrate.codemods._receivers import iter_children

PAGE_FUNCS = frozenset({"reversed", "list", "sorted", "enumerate", "len", "iter", "tuple"})
DISPLAY_FUNCS = frozenset({"print", "str", "repr", "pprint"})  # show a list as well as a page
LIST_METHODS = frozenset({"reverse", "sort", "copy", "index", "count", "pop", "append", "extend", "insert", "remove",
                          "clear"})  # no page has them: the name was made a list first


def walk(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...] = ()) -> Iterator[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]]:
    yield node, parents
    inner = (*parents, node)
    for child in iter_children(node):
        if isinstance(child, (cst.FunctionDef, cst.ClassDef)) and parents:
            continue  # another scope
        yield from walk(child, inner)


def is_first_text(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]) -> bool:
    """`node` (an expression that is `X.data`) continues as `[0].content[0].text.value`."""
    chain: list[cst.CSTNode] = [node]
    for parent in reversed(parents):
        chain.append(parent)
        if len(chain) == 6:
            break
    if len(chain) < 6:
        return False
    sub0, content, sub1, text, value = chain[1:6]
    return (
        isinstance(sub0, cst.Subscript) and _index(sub0) == 0
        and isinstance(content, cst.Attribute) and content.attr.value == "content"
        and isinstance(sub1, cst.Subscript) and _index(sub1) == 0
        and isinstance(text, cst.Attribute) and text.attr.value == "text"
        and isinstance(value, cst.Attribute) and value.attr.value == "value"
    )


def _index(sub: cst.Subscript) -> int | None:
    if len(sub.slice) != 1 or not isinstance(sub.slice[0].slice, cst.Index):
        return None
    value = sub.slice[0].slice.value
    if isinstance(value, cst.Integer):
        return int(value.value)
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus) and isinstance(value.expression, cst.Integer):
        return -int(value.expression.value)
    return None


def _block_of(parents: tuple[cst.CSTNode, ...]) -> cst.CSTNode | None:
    """The statement list (indented block or module) the innermost statement in `parents` sits in."""
    for parent in reversed(parents):
        if isinstance(parent, (cst.IndentedBlock, cst.Module)):
            return parent
    return None


def _depth(parents: tuple[cst.CSTNode, ...], node: cst.CSTNode) -> int:
    return next(i for i, p in enumerate(parents) if p is node)


def _statement_of(parents: tuple[cst.CSTNode, ...]) -> cst.CSTNode | None:
    for parent in reversed(parents):
        if isinstance(parent, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return parent
    return None


def classify_uses(
    scope: cst.CSTNode, var: str, binding: cst.CSTNode, escapes: list[cst.CSTNode] | None = None,
    page_calls: list[cst.CSTNode] | None = None,
) -> set[str]:
    """Kinds of use of `var` in `scope` after `binding`: data, first_text, page, display, escape.

    `display`: passed to print/str/repr (fine for a list); `page`: iterated, passed to list()/len()...,
    or a list method called on it (it was made a list). The statements of `escape` uses go to `escapes`,
    those passing it to list()/len()/... to `page_calls`.
    """
    kinds: set[str] = set()
    seen_binding = False
    binding_block: cst.CSTNode | None = None
    rebound_by: cst.CSTNode | None = None  # a statement of the binding's own block that binds `var` anew
    for node, parents in walk(scope):
        if rebound_by is not None and not any(p is rebound_by for p in parents):
            break  # past `var = [m for m in var if ...]`: later uses read the new value
        if node is binding:
            seen_binding = True
            binding_block = _block_of(parents)
            continue
        if not seen_binding or not isinstance(node, cst.Name) or node.value != var or not parents:
            continue
        if any(p is binding for p in parents):
            continue
        parent = parents[-1]
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue
        if isinstance(parent, (cst.Arg, cst.Param)) and getattr(parent, "keyword", None) is node:
            continue
        if isinstance(parent, cst.Param):
            continue
        if isinstance(parent, (cst.AssignTarget, cst.AugAssign)) or (
            isinstance(parent, (cst.For, cst.CompFor)) and parent.target is node
        ):
            kinds.add("rebind")
            statement = _statement_of(parents)
            if statement is not None and binding_block is not None and _block_of(parents[: _depth(parents, statement)]) is binding_block:
                rebound_by = statement
            continue
        if isinstance(parent, cst.Attribute) and parent.value is node:
            if parent.attr.value == "data":
                kinds.add("first_text" if is_first_text(parent, parents[:-1]) else "data")
            elif parent.attr.value in LIST_METHODS:
                kinds.add("page")
            else:
                kinds.add("escape")
                _add_statement(escapes, parents)
            continue
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
            kinds.add("page")
            continue
        if isinstance(parent, cst.Arg) and len(parents) >= 2:
            call = parents[-2]
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in PAGE_FUNCS:
                kinds.add("page")
                _add_statement(page_calls, parents)
                continue
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in DISPLAY_FUNCS:
                kinds.add("display")
                continue
        kinds.add("escape")
        _add_statement(escapes, parents)
    return kinds


def _add_statement(escapes: list[cst.CSTNode] | None, parents: tuple[cst.CSTNode, ...]) -> None:
    if escapes is None:
        return
    statement = _statement_of(parents)
    if statement is not None and all(statement is not s for s in escapes):
        escapes.append(statement)


def _walk_all(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...] = ()) -> Iterator[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]]:
    """Like `walk`, nested functions and classes included."""
    yield node, parents
    inner = (*parents, node)
    for child in iter_children(node):
        yield from _walk_all(child, inner)


def value_unused(scope: cst.CSTNode, var: str, binding: cst.CSTNode) -> bool:
    """The value `binding` gives `var` is never read: after it, `var` is only rebound, or read inside a
    `for var in ...` loop that rebinds it first. Conservative: a mention in a nested function, a read
    after such a loop, or a mention earlier in a loop around the binding count as reads."""
    seen = False
    loops: list[cst.CSTNode] = []
    earlier: list[tuple[cst.CSTNode, ...]] = []
    for node, parents in _walk_all(scope):
        if node is binding:
            seen = True
            loops = [p for p in parents if isinstance(p, (cst.For, cst.While))]
            continue
        if not isinstance(node, cst.Name) or node.value != var or not parents:
            continue
        if any(p is binding for p in parents):
            continue
        parent = parents[-1]
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            continue
        if not seen:
            earlier.append(parents)
            continue
        if any(isinstance(p, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for p in parents[1:]):
            return False
        if isinstance(parent, cst.For) and parent.target is node:
            continue
        if isinstance(parent, cst.AssignTarget) and parent.target is node:
            continue
        if _inside_rebinding_loop(node, parents, var):
            continue
        return False
    if not seen:
        return False
    return not any(any(loop in p for loop in loops) for p in earlier)


def _inside_rebinding_loop(node: cst.CSTNode, parents: tuple[cst.CSTNode, ...], var: str) -> bool:
    for i, p in enumerate(parents[:-1]):
        if isinstance(p, cst.For) and isinstance(p.target, cst.Name) and p.target.value == var and parents[i + 1] is p.body:
            return True
    return False
