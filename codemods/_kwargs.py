"""`**name` splats whose keys are known statically: the dict literal bound to `name` earlier.

Real programs often build the arguments of an API call in a dict and splat it:

    params = {"thread_id": tid, "role": "user", "content": text}
    if files:
        params["attachments"] = files
    client.beta.threads.messages.create(**params)

`resolve_splat(ctx, call)` finds, for the single `**name` of `call`, the dict literal
(`{...}` with string keys, or `dict(k=v, ...)`) bound to `name` earlier in the same
function (or module), plus the plain updates made before the call:
`name["key"] = value` and `name.update({...})` / `name.update(key=value)`. Updates in
the blocks that lead to the call are certain; updates nested in other compound
statements (`if files: params["attachments"] = files`) only maybe happen: they are
returned as `conditional`. Anything else that touches `name` between the binding and
the call (another method call, `del`, passing it to a function, a rebinding in a
branch, a loop that also mentions it), a value whose names are rebound before the
call, keys that are not string literals, a `**` inside the literal: None.

Usage in a codemod's `leave_Call` (what messages.py and threads.py do):

    expanded = expand_splat(self.ctx, updated_node)
    if expanded is None:
        self.todo(LEFT_ALONE, "...(**...) with keys unknown statically")
        return updated_node
    call, splat = expanded            # call: `**name` replaced by `key=value` keywords
    if splat.conditional: ...         # keys set only on some paths: drop them (with a TODO) or give up
    ... rewrite `call` as if the keywords had been written out ...

The values are re-parsed from the original source of the dict literal (the binding
statement may be a cold statement the engine never hands to libcst), so the result is
the same in skip mode and in a full traversal. The dict itself is left as it is (a
codemod cannot rewrite a statement it is not visiting); `splat.used_only_here` tells
whether anything reads `name` after the call, i.e. whether the dict is now unused.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Literal

import libcst as cst

from assistants_migrate.codemods._syntax import ast_dotted
from assistants_migrate.engine.hotspots import parse

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass
class Splat:
    """The keyword arguments a `**name` splat passes."""

    name: str
    values: dict[str, cst.BaseExpression]  # keys set on every path, in insertion order
    conditional: dict[str, cst.BaseExpression] = field(default_factory=dict)  # keys set only on some paths
    used_only_here: bool = True  # `name` is not mentioned after the call in its scope
    binding_line: int = 0


# -- parsing the whole file once -------------------------------------------------------------


def _tree(ctx: object) -> ast.Module | None:
    scratch = ctx.scratch  # type: ignore[attr-defined]
    if "kwargs_ast" not in scratch:
        try:
            scratch["kwargs_ast"] = parse(ctx.source)  # type: ignore[attr-defined]
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            scratch["kwargs_ast"] = None
    return scratch["kwargs_ast"]


def _blocks(node: ast.AST) -> list[list[ast.stmt]]:
    blocks = []
    for name in ("body", "orelse", "finalbody"):
        block = getattr(node, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            blocks.append(block)
    for handler in getattr(node, "handlers", ()):
        blocks.append(handler.body)
    for case in getattr(node, "cases", ()):
        blocks.append(case.body)
    return blocks


def _path_to(body: list[ast.stmt], line: int) -> list[tuple[list[ast.stmt], int]] | None:
    """(block, index) pairs from `body` down to the statement that starts on `line`."""
    for index, stmt in enumerate(body):
        start = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        end = stmt.end_lineno or stmt.lineno
        if not start <= line <= end:
            continue
        if stmt.lineno == line or start == line:
            return [(body, index)]
        for block in _blocks(stmt):
            inner = _path_to(block, line)
            if inner is not None:
                return [(body, index), *inner]
        return None
    return None


# -- what a statement does to `name` -------------------------------------------------------


def _mentions(node: ast.AST, name: str) -> int:
    return sum(1 for sub in ast.walk(node) if isinstance(sub, ast.Name) and sub.id == name)


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _literal(value: ast.AST) -> list[tuple[str, ast.expr]] | None:
    """`{"k": v, ...}` or `dict(k=v, ...)` -> [(key, value)]; None for anything else."""
    if isinstance(value, ast.Dict):
        pairs = []
        for key, item in zip(value.keys, value.values):
            text = _string(key) if key is not None else None
            if text is None or not text.isidentifier():
                return None
            pairs.append((text, item))
        return pairs
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and not value.args:
        if any(k.arg is None for k in value.keywords):
            return None
        return [(k.arg, k.value) for k in value.keywords if k.arg is not None]
    return None


def _binding(stmt: ast.stmt, name: str) -> list[tuple[str, ast.expr]] | None | Literal[False]:
    """The literal `stmt` binds to `name`; False when it does not bind `name` at all; None: binds something else."""
    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
        if len(stmt.targets) != 1:
            return None
        return _literal(stmt.value)
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name:
        return _literal(stmt.value) if stmt.value is not None else None
    return False


def _update(stmt: ast.stmt, name: str) -> list[tuple[str, ast.expr]] | None:
    """`name["k"] = v` / `name.update({...})` / `name.update(k=v)` -> the pairs set; None otherwise."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        if (
            isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name
            and _string(target.slice) is not None and str(_string(target.slice)).isidentifier()
            and _mentions(stmt.value, name) == 0
        ):
            return [(str(_string(target.slice)), stmt.value)]
        return None
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "update" and isinstance(func.value, ast.Name)
                and func.value.id == name):
            return None
        if _mentions(call, name) != 1:
            return None
        if len(call.args) == 1 and not call.keywords:
            return _literal(call.args[0])
        if not call.args and all(k.arg is not None for k in call.keywords):
            return [(k.arg, k.value) for k in call.keywords if k.arg is not None]
    return None


def _nested_updates(stmt: ast.stmt, name: str) -> list[tuple[str, ast.expr]] | None:
    """Every mention of `name` inside compound `stmt` is a plain update: the pairs (maybe set); else None."""
    pairs: list[tuple[str, ast.expr]] = []
    header = _mentions(stmt, name) - sum(_mentions(s, name) for block in _blocks(stmt) for s in block)
    if header:
        return None
    for block in _blocks(stmt):
        for inner in block:
            if not _mentions(inner, name):
                continue
            if isinstance(inner, _SCOPES):
                return None
            if _blocks(inner):
                nested = _nested_updates(inner, name)
                if nested is None:
                    return None
                pairs.extend(nested)
                continue
            update = _update(inner, name)
            if update is None:
                return None
            pairs.extend(update)
    return pairs


def _assigned(node: ast.AST) -> set[str]:
    """Names and dotted attribute targets (`self.x`) bound anywhere in `node` (not in nested scopes)."""
    out: set[str] = set()

    def targets(target: ast.AST) -> None:
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name):
                out.add(sub.id)
            elif isinstance(sub, ast.Attribute):
                dotted = ast_dotted(sub)
                if dotted:
                    out.add(dotted)

    todo = [node]
    while todo:
        sub = todo.pop()
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(sub.name)
            continue
        if isinstance(sub, ast.Lambda):
            continue
        if isinstance(sub, ast.Assign):
            for t in sub.targets:
                targets(t)
        elif isinstance(sub, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets(sub.target)
        elif isinstance(sub, ast.NamedExpr):
            targets(sub.target)
        elif isinstance(sub, ast.withitem) and sub.optional_vars is not None:
            targets(sub.optional_vars)
        elif isinstance(sub, ast.Delete):
            for t in sub.targets:
                targets(t)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            out.add(sub.name)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in sub.names)
        todo.extend(ast.iter_child_nodes(sub))
    return out




def _reads(node: ast.AST) -> set[str]:
    """Names and dotted names an expression reads (comprehension variables included: harmless)."""
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Name, ast.Attribute)):
            dotted = ast_dotted(sub)
            if dotted:
                out.add(dotted)
    return out


def _header(stmt: ast.stmt) -> list[ast.AST]:
    """The parts of a compound statement outside its blocks (test, iter, target, items)."""
    parts: list[ast.AST] = []
    for name in ("test", "iter", "target", "items", "subject"):
        value = getattr(stmt, name, None)
        if isinstance(value, list):
            parts.extend(value)
        elif value is not None:
            parts.append(value)
    parts.extend(getattr(stmt, "handlers", ()))  # `except E as name`
    return parts


# -- the public helpers -----------------------------------------------------------------------


def splat_name(call: cst.Call) -> str | None:
    """`f(..., **name)` with exactly one splat, a plain name, and no `*args`."""
    stars = [a for a in call.args if a.star]
    if len(stars) != 1 or stars[0].star != "**" or not isinstance(stars[0].value, cst.Name):
        return None
    return stars[0].value.value


def resolve_splat(ctx: object, call: cst.Call, statement: cst.CSTNode | None = None) -> Splat | None:
    """The keywords `**name` passes in `call` (made in `statement`, default: the statement being visited)."""
    name = splat_name(call)
    if name is None:
        return None
    tree = _tree(ctx)
    span = ctx.span_of(statement if statement is not None else ctx.statement)  # type: ignore[attr-defined]
    if tree is None or span[0] <= 0:
        return None
    path = _path_to(tree.body, span[0])
    if path is None:
        return None
    # the scope: statements below the innermost function on the path
    scope_level = 0
    for level, (block, index) in enumerate(path[:-1]):
        if isinstance(block[index], (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope_level = level + 1
        elif isinstance(block[index], ast.ClassDef):
            scope_level = -1  # a class body: not handled
    if scope_level < 0 or scope_level >= len(path):
        return None
    path = path[scope_level:]
    call_stmt = path[-1][0][path[-1][1]]

    # find the binding, innermost block first; collect the statements in between
    binding_level = None
    pairs: list[tuple[str, ast.expr]] = []
    between: list[ast.stmt] = []  # statements run between the binding and the call
    for level in range(len(path) - 1, -1, -1):
        block, index = path[level]
        found = False
        for stmt in reversed(block[:index]):
            bound = _binding(stmt, name)
            if bound is None:
                return None
            if bound is not False:
                pairs = bound
                binding_level = level
                binding_line = stmt.lineno
                found = True
                break
            between.append(stmt)
        if found:
            break
    if binding_level is None:
        return None
    between.reverse()
    # compound statements between the binding and the call: headers must not touch it, loops are out
    enclosing = [block[index] for block, index in path[binding_level:-1]]
    for stmt in enclosing:
        if any(_mentions(part, name) for part in _header(stmt)):
            return None
        if isinstance(stmt, _LOOPS) and _mentions(stmt, name) != _mentions(call_stmt, name):
            return None
    if _mentions(call_stmt, name) != 1:
        return None

    values: dict[str, ast.expr] = dict(pairs)
    conditional: dict[str, ast.expr] = {}
    for stmt in between:
        if not _mentions(stmt, name):
            continue
        if isinstance(stmt, _SCOPES):
            return None
        if _blocks(stmt):
            nested = _nested_updates(stmt, name)
            if nested is None:
                return None
            for key, value in nested:
                values.pop(key, None)
                conditional[key] = value
            continue
        update = _update(stmt, name)
        if update is None:
            return None
        for key, value in update:
            if key in conditional:
                del conditional[key]
            values[key] = value
    # the values must still mean what they meant: nothing they read is rebound before the call
    rebound: set[str] = set()
    for stmt in between:
        rebound |= _assigned(stmt)
    for stmt in enclosing:
        for part in _header(stmt):
            rebound |= _assigned(part)
    for value in [*values.values(), *conditional.values()]:
        if _reads(value) & rebound:
            return None
    # explicit keywords that the dict also sets: a TypeError at run time, not ours to fix
    explicit = {a.keyword.value for a in call.args if a.keyword is not None}
    if explicit & (set(values) | set(conditional)):
        return None

    # after the call: is the dict read again?
    after = sum(_mentions(stmt, name) for block, index in path for stmt in block[index + 1 :])

    source = ctx.source  # type: ignore[attr-defined]
    try:
        return Splat(
            name=name,
            values={k: _to_cst(source, v) for k, v in values.items()},
            conditional={k: _to_cst(source, v) for k, v in conditional.items()},
            used_only_here=after == 0,
            binding_line=binding_line,
        )
    except (cst.ParserSyntaxError, ValueError):
        return None


def _to_cst(source: str, node: ast.expr) -> cst.BaseExpression:
    text = ast.get_source_segment(source, node)
    if text is None:
        raise ValueError("no source")
    try:
        return cst.parse_expression(text)
    except cst.ParserSyntaxError:
        return cst.parse_expression(f"({text})")


def expand_splat(ctx: object, call: cst.Call, statement: cst.CSTNode | None = None) -> tuple[cst.Call, Splat] | None:
    """`call` with its `**name` replaced by the keywords the dict certainly holds (see `Splat.conditional`)."""
    splat = resolve_splat(ctx, call, statement)
    if splat is None:
        return None
    args: list[cst.Arg] = []
    for arg in call.args:
        if arg.star == "**":
            for key, value in splat.values.items():
                args.append(cst.Arg(
                    keyword=cst.Name(key), value=value,
                    equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                          whitespace_after=cst.SimpleWhitespace("")),
                ))
        else:
            args.append(arg)
    args = [
        a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) if i < len(args) - 1
        else a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        for i, a in enumerate(args)
    ]
    return call.with_changes(args=args), splat
