"""Shared helper layer: recognising OpenAI clients and Assistants API call chains.

Answers "is this expression an OpenAI client?" without type inference: instances of
`OpenAI`, `AsyncOpenAI`, `AzureOpenAI`, `AsyncAzureOpenAI` assigned to a name or an
attribute (`self.client`), parameters annotated with those types, the `openai`
module itself, and any receiver of a `.beta.threads` / `.beta.assistants` chain,
which no other library has. Facts are collected per file in `ctx.scratch` by
`ClientTracker` (a mix-in for codemods) as the traversal goes top-down.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator, Sequence

import libcst as cst


CLIENT_CLASSES = frozenset({"OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"})
ASYNC_CLIENT_CLASSES = frozenset({"AsyncOpenAI", "AsyncAzureOpenAI"})


def dotted_name(expr: cst.BaseExpression, *, skip_subscripts: bool = False) -> str | None:
    """`a.b.c` for a chain of names and attributes, else None. `skip_subscripts`: subscripts anywhere in
    the chain are left out (`messages.data[0].content[1]` is `messages.data.content`)."""
    while skip_subscripts and isinstance(expr, cst.Subscript):
        expr = expr.value
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = dotted_name(expr.value, skip_subscripts=skip_subscripts)
        return None if base is None else f"{base}.{expr.attr.value}"
    return None


def attribute_chain(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, list[str]]:
    """Split `X.a.b.c` into (X, ["a", "b", "c"]) where X is the first non-attribute."""
    names: list[str] = []
    while isinstance(expr, cst.Attribute):
        names.append(expr.attr.value)
        expr = expr.value
    names.reverse()
    return expr, names


# The file being rewritten answers "where does this receiver come from?" (codemods/provenance.py
# sets it before the traversal; one file at a time per process). None: every receiver counts.
_ORIGIN: Callable[[cst.BaseExpression], str] | None = None
_TOUCHES_OPENAI = True
# Does the file itself import openai? There a receiver from outside the project used with an Assistants
# namespace is taken as the client (codemods/_provenance.py `assumed_client`).
_ASSUMES_EXTERNAL = False
# Is this surface kept on the Assistants API where the traversal is now (a flow that can't move whole)?
_KEPT: Callable[[str], bool] = lambda surface: False  # noqa: E731


_ANY_KEPT = False  # does this file keep some flow on the Assistants API?
_PROJECT_FUNCTION: Callable[[cst.BaseExpression], bool] = lambda func: False  # noqa: E731


def set_origin(origin: Callable[[cst.BaseExpression], str] | None, touches_openai: bool,
               kept: Callable[[str], bool] | None = None,
               project_function: Callable[[cst.BaseExpression], bool] | None = None,
               imports_openai: bool = False) -> None:
    global _ORIGIN, _TOUCHES_OPENAI, _KEPT, _PROJECT_FUNCTION, _ASSUMES_EXTERNAL
    _ORIGIN, _TOUCHES_OPENAI, _ASSUMES_EXTERNAL = origin, touches_openai, imports_openai
    _KEPT = kept or (lambda surface: False)
    global _ANY_KEPT
    _ANY_KEPT = kept is not None
    _PROJECT_FUNCTION = project_function or (lambda func: False)


def project_function(func: cst.BaseExpression) -> bool:
    """Is `func` (the callee of a call) a function of the project, whose parameters the project index
    follows (so a migrated object passed to it is migrated in its body too)?"""
    return _PROJECT_FUNCTION(func)


def origin(expr: cst.BaseExpression) -> str:
    """Where `expr`'s value comes from: a client class, "openai", "object", "foreign" or "unknown"."""
    return _ORIGIN(expr) if _ORIGIN is not None else "unknown"


def kept_here() -> bool:
    """Is the traversal inside a thread flow kept whole on the Assistants API? Its values (tool
    outputs, tool definitions) go to Assistants calls, so they keep their Assistants shape."""
    return _KEPT("threads")


def flow_kept_in_file() -> bool:
    """Does this file keep some thread flow on the Assistants API (its types stay Assistants types)?"""
    return _ANY_KEPT


def from_openai(expr: cst.BaseExpression) -> bool:
    """May `expr` hold something the openai package returned (a run, a thread, a page)? An
    untraceable value counts only in a file that uses openai."""
    if _ORIGIN is None:
        return True
    if _KEPT("threads"):
        return False  # runs, threads and messages all stay Assistants objects in this file
    value = _ORIGIN(expr)
    return value != prov.FOREIGN and (value not in (prov.UNKNOWN, prov.EXTERNAL) or _TOUCHES_OPENAI)


def is_openai_client(expr: cst.BaseExpression, names: Sequence[str] = ()) -> bool:
    """Does `expr` come from openai, or (used as `expr.<names>`) is it taken as the client?"""
    if _ORIGIN is None:
        return True
    value = _ORIGIN(expr)  # once: tracing a value's provenance is the costly part
    return value in CLIENT_CLASSES or value == "openai" or (
        value == prov.EXTERNAL and _ASSUMES_EXTERNAL and prov.assumed_client(list(names)))


def beta_chain(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, list[str]] | None:
    """For `<receiver>.beta.<rest...>` on an OpenAI client, return (receiver, ["beta", *rest]); else None.

    The receiver is whatever precedes the last `.beta` of the chain: a client name,
    `self.client`, a call (`get_client()`), or the `openai` module. A receiver that is
    not provably an OpenAI client (codemods/_provenance.py) is not ours.
    """
    found = raw_beta_chain(expr)
    if found is None or not is_openai_client(*found) or (len(found[1]) > 1 and _KEPT(found[1][1])):
        return None
    return found


def raw_beta_chain(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, list[str]] | None:
    """`beta_chain` whatever the receiver is."""
    names: list[str] = []
    node = expr
    while isinstance(node, cst.Attribute):
        names.append(node.attr.value)
        if node.attr.value == "beta":
            names.reverse()
            return node.value, names
        node = node.value
    return None


def strip_beta(expr: cst.Attribute) -> cst.BaseExpression:
    """`R.beta.x.y` -> `R.x.y` (the `.beta` link nearest to the receiver is removed)."""
    if expr.attr.value == "beta":
        return expr.value
    assert isinstance(expr.value, cst.Attribute)
    return expr.with_changes(value=strip_beta(expr.value))


def call_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return None


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


def has_star_args(call: cst.Call) -> bool:
    return any(a.star for a in call.args)


def client_class_of(call: cst.BaseExpression) -> str | None:
    """`OpenAI(...)`, `openai.AsyncOpenAI(...)` -> the class name; else None."""
    if not isinstance(call, cst.Call):
        return None
    name = dotted_name(call.func)
    if name is None:
        return None
    last = name.rsplit(".", 1)[-1]
    if name in ("openai.Client", "openai.AsyncClient"):  # the package's other names for the two clients
        return "OpenAI" if last == "Client" else "AsyncOpenAI"
    return last if last in CLIENT_CLASSES else None


def annotation_client_class(annotation: cst.Annotation | None) -> str | None:
    if annotation is None:
        return None
    name = dotted_name(annotation.annotation)
    if name is None:
        return None
    last = name.rsplit(".", 1)[-1]
    return last if last in CLIENT_CLASSES else None


class ClientTracker:
    """Mix-in: records names bound to OpenAI clients in `ctx.scratch["clients"]`.

    Keys are dotted names as written (`client`, `self.client`, `self._client`);
    values are the client class name. Codemods that need to know whether a call is
    async ask `is_async_client(receiver)`.
    """

    ctx: object  # provided by Codemod

    def _clients(self) -> dict[str, str]:
        return self.ctx.scratch.setdefault("clients", {})  # type: ignore[attr-defined]

    def visit_Assign(self, node: cst.Assign) -> None:
        cls = client_class_of(node.value)
        if cls is None:
            return
        for target in node.targets:
            name = dotted_name(target.target)
            if name is not None:
                self._clients()[name] = cls

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        cls = client_class_of(node.value) if node.value is not None else None
        cls = cls or annotation_client_class(node.annotation)
        name = dotted_name(node.target)
        if cls is not None and name is not None:
            self._clients()[name] = cls

    def visit_Param(self, node: cst.Param) -> None:
        cls = annotation_client_class(node.annotation)
        if cls is not None:
            self._clients()[node.name.value] = cls

    def client_class(self, receiver: cst.BaseExpression) -> str | None:
        if _ORIGIN is not None:
            value = _ORIGIN(receiver)
            if value in CLIENT_CLASSES or value == "openai":
                return value
        name = dotted_name(receiver)
        if name is None:
            return client_class_of(receiver)
        if name == "openai":
            return "openai"
        return self._clients().get(name)

    def is_async_client(self, receiver: cst.BaseExpression) -> bool:
        return self.client_class(receiver) in ASYNC_CLIENT_CLASSES


def replace_attr_path(receiver: cst.BaseExpression, names: Sequence[str]) -> cst.BaseExpression:
    """Build `receiver.n1.n2...`."""
    expr = receiver
    for name in names:
        expr = cst.Attribute(value=expr, attr=cst.Name(name))
    return expr


_LAYOUT_FIELDS = ("whitespace", "leading_lines", "lines_after_decorators", "lpar", "rpar", "comma", "semicolon")


@functools.lru_cache(maxsize=None)
def _child_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith(_LAYOUT_FIELDS))


def iter_children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The syntactic children of `node`, without layout nodes, in (nearly) source order.

    libcst's own `node.children` rebuilds the node through a visitor to collect them,
    which makes a walk as costly as a traversal; reading the dataclass fields is ~10x cheaper.
    """
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    yield item


# last: _provenance imports _syntax, which imports this module's helpers (names are read at call time)
from assistants_migrate.codemods import _provenance as prov  # noqa: E402
