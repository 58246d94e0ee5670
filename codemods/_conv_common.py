"""Shared by the threads and messages codemods: resolving `threads` / `messages` call
chains (directly on a client or through an alias), awaited calls, function scopes.

Private to `threads.py` and `messages.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._facts import facts
from assistants_migrate.codemods._receivers import attribute_chain, beta_chain, dotted_name
from assistants_migrate.codemods._syntax import arg_value, code_of, dict_get, dict_keys, kwarg, str_value  # noqa: F401 (re-exported)

THREAD_ALIAS = "beta.threads"
MESSAGES_ALIAS = "beta.threads.messages"


@dataclass
class Site:
    """`<receiver>.beta.threads[.messages].<method>` (or the same through an alias)."""

    receiver: cst.BaseExpression  # the client (or `openai` module)
    path: list[str]  # names after `beta`: ["threads", "create"], ["threads", "messages", "list"]
    via_alias: str | None = None  # the alias name used, if any


def alias_receivers(ctx: object) -> dict[str, cst.BaseExpression | None]:
    """Alias name -> the client it was taken from (None: not usable in other scopes)."""
    return ctx.scratch.setdefault("conv_alias_receivers", {})  # type: ignore[attr-defined]


def record_alias(ctx: object, target: cst.BaseExpression, value: cst.BaseExpression) -> bool:
    """`threads = client.beta.threads` / `self.msgs = self.client.beta.threads.messages`."""
    name = dotted_name(target)
    if name is None:
        return False
    chain = beta_chain(value)
    if chain is None:
        return False
    receiver, names = chain
    if names not in (["beta", "threads"], ["beta", "threads", "messages"]):
        return False
    facts(ctx).aliases[name] = ".".join(names)
    # an alias kept on `self` but taken from a local name cannot reach that name elsewhere
    usable = not ("." in name and isinstance(receiver, cst.Name) and receiver.value != "openai")
    alias_receivers(ctx)[name] = receiver if usable else None
    return True


def resolve_site(ctx: object, func: cst.BaseExpression) -> Site | None:
    chain = beta_chain(func)
    if chain is not None:
        receiver, names = chain
        if len(names) >= 3 and names[1] == "threads":
            return Site(receiver, names[1:])
        return None
    base, names = attribute_chain(func)
    known = facts(ctx).aliases
    receivers = alias_receivers(ctx)
    prefix = dotted_name(base)
    if prefix is None:
        return None
    for i in range(len(names)):
        if prefix in known and prefix in receivers and known[prefix] in (THREAD_ALIAS, MESSAGES_ALIAS):
            receiver = receivers[prefix]
            path = known[prefix].split(".")[1:] + names[i:]
            if receiver is None:
                return Site(cst.Name("__unusable__"), path, via_alias=prefix)
            return Site(receiver, path, via_alias=prefix)
        prefix = f"{prefix}.{names[i]}"
    return None


def attr_path(receiver: cst.BaseExpression, *names: str) -> cst.BaseExpression:
    expr = receiver
    for name in names:
        expr = cst.Attribute(value=expr, attr=cst.Name(name))
    return expr










def clean_args(args: list[cst.Arg]) -> list[cst.Arg]:
    """Fix the commas of an argument list some of whose elements were dropped."""
    out = []
    for i, arg in enumerate(args):
        if i == len(args) - 1 and not isinstance(arg.comma, cst.MaybeSentinel):
            # keep a trailing comma only when the call was laid out one argument per line
            comma = arg.comma
            if isinstance(comma, cst.Comma) and "\n" not in code_of(comma):
                arg = arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        elif i < len(args) - 1 and isinstance(arg.comma, cst.MaybeSentinel):
            arg = arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        out.append(arg)
    return out


@dataclass
class Scope:
    """A function (or the module) being traversed."""

    node: cst.CSTNode
    is_async: bool
    response_keys: frozenset[str] = frozenset()  # responses facts that existed on entry
    data: dict = field(default_factory=dict)






def short(code: str, limit: int = 80) -> str:
    one = " ".join(code.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."


class CallContext:
    """Mix-in for the conversation codemods: which calls are awaited (their rewrite is awaited
    too), and which quote generated string literals may use (inside an f-string, the other one)."""

    ctx: object

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)  # type: ignore[call-arg]
        self._awaited: set[int] = set()
        self._fstrings: list[str] = []  # quote characters of the f-strings being visited

    def visit_Await(self, node: cst.Await) -> None:
        if isinstance(node.expression, cst.Call):
            self._awaited.add(id(node.expression))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstrings.append(node.start[-1])

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        self._fstrings.pop()
        return updated_node

    @property
    def q(self) -> str:
        """The quote generated code may use here (inside an f-string: the other one)."""
        return "'" if self._fstrings and self._fstrings[-1] == '"' else '"'
