"""Facts one codemod records for another during the single traversal of a file.

The traversal is top-down, so a fact recorded while leaving an earlier statement is
there when a later statement is visited. Facts are keyed by the dotted name a value
is bound to (`run`, `self.thread`), as written in the source. A codemod that
rewrites a binding records it here; one that rewrites a use looks it up.

A codemod that records a function-local fact drops it when it leaves that function,
so a `run` in one function never steers a rewrite in another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst


@dataclass
class AssistantFacts:
    """`assistants.create(...)` bound to `var` became a dict of Responses parameters."""

    var: str
    param_names: frozenset[str]  # keys present in the dict literal (to avoid passing a keyword twice)
    params_expr: cst.BaseExpression  # the expression to spread: usually Name(var)


@dataclass
class ConversationFacts:
    """A thread bound to `var` became a conversation (`var.id` is a conv_ id)."""

    var: str
    is_async: bool = False


@dataclass
class ResponseFacts:
    """A run bound to `var` became a `responses.create(...)` result (a Response)."""

    var: str
    client: cst.BaseExpression  # the client the call was made on
    conversation: cst.BaseExpression | None  # the former thread id, passed as conversation=
    config_args: tuple[cst.Arg, ...]  # keyword args to repeat on follow-up calls (model, tools, **config...)
    is_async: bool = False
    streaming: bool = False
    background: bool = False  # created with background=True: not final until polled to the end


@dataclass
class FileFacts:
    assistants: dict[str, AssistantFacts] = field(default_factory=dict)
    conversations: dict[str, ConversationFacts] = field(default_factory=dict)
    responses: dict[str, ResponseFacts] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # `threads = client.beta.threads` -> {"threads": "beta.threads"}
    # names bound to runs (or run pages) from calls left on the Assistants API (`runs.list`, a run the runs
    # codemod could not migrate) and names taken from them (`latest = runs.data[0]`, `for r in runs.data`):
    # still Assistants Run objects, so their `.status` keeps its meaning
    left_runs: set[str] = field(default_factory=set)


def facts(ctx: object) -> FileFacts:
    scratch = ctx.scratch  # type: ignore[attr-defined]
    if "facts" not in scratch:
        scratch["facts"] = FileFacts()
    return scratch["facts"]
