"""Small libcst helpers shared by the assistants, tools and runs codemods."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import libcst as cst

from assistants_migrate.codemods._receivers import attribute_chain, beta_chain, dotted_name
from assistants_migrate.codemods._syntax import code_of, dict_get, dict_keys, kwarg, str_value  # noqa: F401 (re-exported)





def s(text: str) -> cst.SimpleString:
    """A double-quoted string literal."""
    return cst.SimpleString(repr(text) if '"' in text else f'"{text}"')






def is_plain_dict(d: cst.BaseExpression) -> bool:
    return isinstance(d, cst.Dict) and all(k is not None for k in dict_keys(d))


def make_dict(items: Sequence[tuple[str, cst.BaseExpression]], like: cst.Dict | None = None) -> cst.Dict:
    """A dict literal; keeps the one-line/multi-line layout of `like` (roughly)."""
    elements = [cst.DictElement(s(k), v) for k, v in items]
    return cst.Dict(elements=elements)


def dict_items(d: cst.Dict) -> list[tuple[str, cst.BaseExpression]] | None:
    out: list[tuple[str, cst.BaseExpression]] = []
    for el in d.elements:
        if not isinstance(el, cst.DictElement):
            return None
        key = str_value(el.key)
        if key is None:
            return None
        out.append((key, el.value))
    return out




def star_arg(value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, star="**")


def strip_await(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, bool]:
    if isinstance(expr, cst.Await):
        return expr.expression, True
    return expr, False


def reformat_args(args: Sequence[cst.Arg], like: cst.Call | None) -> list[cst.Arg]:
    """Lay out new args the way the original call laid out its own: the separator of its
    first comma between args, and its last arg's trailing comma/whitespace at the end."""
    sep: cst.Comma | cst.MaybeSentinel = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    tail_comma: cst.Comma | cst.MaybeSentinel = cst.MaybeSentinel.DEFAULT
    tail_ws: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace("")
    if like is not None and like.args:
        for a in like.args[:-1]:
            if isinstance(a.comma, cst.Comma):
                sep = a.comma
                break
        last = like.args[-1]
        tail_comma = last.comma
        tail_ws = last.whitespace_after_arg
        if len(like.args) == 1 and isinstance(like.whitespace_before_args, cst.ParenthesizedWhitespace):
            sep = cst.Comma(whitespace_after=like.whitespace_before_args)
    out: list[cst.Arg] = []
    for i, a in enumerate(args):
        if i == len(args) - 1:
            out.append(a.with_changes(comma=tail_comma, whitespace_after_arg=tail_ws))
        else:
            out.append(a.with_changes(comma=sep, whitespace_after_arg=cst.SimpleWhitespace("")))
    return out


def build_call(func: cst.BaseExpression, args: Sequence[cst.Arg], like: cst.Call) -> cst.Call:
    return like.with_changes(func=func, args=reformat_args(args, like))


def resource_path(
    func: cst.BaseExpression, aliases: dict[str, tuple[cst.BaseExpression, list[str]]]
) -> tuple[cst.BaseExpression, list[str]] | None:
    """For the callee of a call: (client receiver, ["beta", ..., method]).

    Understands `<recv>.beta.x.y.m` and aliases recorded as name -> (receiver, path),
    e.g. `runs = client.beta.threads.runs` then `runs.create`.
    """
    if not isinstance(func, cst.Attribute):
        return None
    chain = beta_chain(func)
    if chain is not None:
        receiver, names = chain
        return receiver, names
    root, names = attribute_chain(func)
    key = dotted_name(root)
    if key is not None and key in aliases:
        receiver, path = aliases[key]
        return receiver, [*path, *names]
    # `self.runs.create` where `self.runs = client.beta.threads.runs`
    full = dotted_name(func)
    if full is not None:
        parts = full.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in aliases:
                receiver, path = aliases[prefix]
                return receiver, [*path, *parts[cut:]]
    return None


def names_in(values: Iterable[cst.BaseExpression]) -> set[str]:
    out: set[str] = set()
    for v in values:
        n = dotted_name(v)
        if n is not None:
            out.add(n)
    return out
