"""Helpers shared by the tool_calls and streaming codemods (private to them).

Building the follow-up `responses.create(...)` / `responses.stream(...)` calls, laying
out argument lists like the call they replace, and recognising the `runs` methods
these two codemods own.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from assistants_migrate.codemods._facts import ResponseFacts, facts
from assistants_migrate.codemods._receivers import beta_chain, dotted_name, replace_attr_path
from assistants_migrate.codemods._syntax import arg_value, code_of, kwarg, str_value  # noqa: F401 (re-exported)

# keyword arguments of the Assistants helpers that mean the same on responses.create/stream
PASS_THROUGH = frozenset({"extra_headers", "extra_query", "extra_body", "timeout"})






def like_string(template: cst.SimpleString, text: str) -> cst.SimpleString:
    """A string literal holding `text`, quoted like `template`."""
    quote = template.quote if template.prefix == "" else '"'
    return cst.SimpleString(f"{quote}{text}{quote}")




def layout_args(args: Sequence[cst.Arg], like: cst.Call) -> list[cst.Arg]:
    """Give `args` the separators of `like`'s arguments: one line stays one line,
    one argument per line stays so, a trailing comma stays."""
    if not args:
        return []
    if like.args:
        first, last = like.args[0], like.args[-1]
        middle_comma: cst.Comma | cst.MaybeSentinel = (
            first.comma if len(like.args) > 1 and isinstance(first.comma, cst.Comma) else cst.Comma(
                whitespace_after=cst.SimpleWhitespace(" ")
            )
        )
        last_comma, last_ws = last.comma, last.whitespace_after_arg
    else:
        middle_comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        last_comma, last_ws = cst.MaybeSentinel.DEFAULT, cst.SimpleWhitespace("")
    out = []
    for i, arg in enumerate(args):
        if i < len(args) - 1:
            out.append(arg.with_changes(comma=middle_comma, whitespace_after_arg=cst.SimpleWhitespace("")))
        else:
            out.append(arg.with_changes(comma=last_comma, whitespace_after_arg=last_ws))
    return out


def _path(call: cst.Call, ctx: object | None) -> tuple[cst.BaseExpression, list[str]] | None:
    if ctx is not None:
        from assistants_migrate.codemods._assist_common import resource_path
        from assistants_migrate.codemods.assistants import aliases

        return resource_path(call.func, aliases(ctx))
    return beta_chain(call.func)


def runs_method(call: cst.Call, ctx: object | None = None) -> tuple[cst.BaseExpression, str] | None:
    """For `<client>.beta.threads.runs.<method>(...)` (or an alias of `runs`) return (client, method)."""
    found = _path(call, ctx)
    if found is None:
        return None
    receiver, names = found
    if len(names) == 4 and names[:3] == ["beta", "threads", "runs"]:
        return receiver, names[3]
    return None


def threads_method(call: cst.Call, ctx: object | None = None) -> tuple[cst.BaseExpression, str] | None:
    """For `<client>.beta.threads.<method>(...)` return (client, method)."""
    found = _path(call, ctx)
    if found is None:
        return None
    receiver, names = found
    if len(names) == 3 and names[:2] == ["beta", "threads"]:
        return receiver, names[2]
    return None




def response_facts_for_run_id(ctx: object, run_id: cst.BaseExpression | None) -> ResponseFacts | None:
    """`run.id` where `run` became a Response -> that response's facts."""
    if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id":
        name = dotted_name(run_id.value)
        if name is not None:
            return facts(ctx).responses.get(name)
    return None


def follow_up_args(
    config_args: Sequence[cst.Arg], *, conversation: cst.BaseExpression, head: Sequence[cst.Arg]
) -> list[cst.Arg]:
    """`conversation=..., <head...>, truncation="auto", <config...>` without repeating a keyword."""
    args = [kwarg("conversation", conversation), *head]
    taken = {a.keyword.value for a in args if a.keyword is not None}
    config = [a for a in config_args if a.keyword is None or a.keyword.value not in taken]
    if not any(a.keyword is not None and a.keyword.value == "truncation" for a in config):
        args.append(kwarg("truncation", cst.SimpleString('"auto"')))
    args.extend(config)
    return args


def responses_method(client: cst.BaseExpression, method: str) -> cst.BaseExpression:
    return replace_attr_path(client, ["responses", method])


def function_calls_of(response: cst.BaseExpression) -> cst.BaseExpression:
    """`[item for item in <response>.output if item.type == "function_call"]`."""
    return cst.parse_expression(f'[item for item in {code_of(response)}.output if item.type == "function_call"]')


def has_function_calls(response: cst.BaseExpression, negate: bool = False) -> cst.BaseExpression:
    """`any(item.type == "function_call" for item in <response>.output)` (or `not any(...)`)."""
    text = f'any(item.type == "function_call" for item in {code_of(response)}.output)'
    return cst.parse_expression(("not " if negate else "") + text)
