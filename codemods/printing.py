"""Whole migrated objects printed or serialised: their output changes shape.

A run became a Response, a thread a Conversation. `print(run)`, `run.model_dump_json()` or
`json.dumps(thread.model_dump())` keep working, but what they print is another object's fields:
logs, fixtures and snapshots that compare that text will differ. Nothing to rewrite; a note
marker tells the reviewer where output changes shape.
"""

from __future__ import annotations

import libcst as cst

from assistants_migrate.codemods._facts import facts
from assistants_migrate.codemods._receivers import dotted_name
from assistants_migrate.codemods.assistants import infos
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

WHOLE_OBJECT = "AM012"
_PRINTERS = frozenset({"print", "pprint", "pp"})
_DUMPS = frozenset({"model_dump_json", "model_dump", "to_json", "to_dict"})

RULES = register(
    Rule(
        id=WHOLE_OBJECT,
        title="A whole migrated object is printed or serialised: its output changes shape",
        severity=Severity.NOTE,
        why="A run became a Response and a thread a Conversation: printing or dumping the whole object still "
        "works, but shows the new object's fields (`output`, `usage.input_tokens`, no `thread_id`/`assistant_id`). "
        "Logs, fixtures or tests that compare that text will differ.",
        what_to_do="Check whoever reads this output; print the fields you need instead of the whole object.",
        autofix=False,
        effort=Effort.S,
        surface="printing",
        examples=(
            Example(
                before="from openai import OpenAI\n\nclient = OpenAI()\nthread = client.beta.threads.create()\n"
                "print(thread)\n",
            ),
        ),
    ),
)


class PrintingCodemod(Codemod):
    RULES = RULES
    HOT_WORDS = ("print", "pprint", "model_dump_json", "model_dump", "to_json", "to_dict")

    def _migrated(self, expr: cst.BaseExpression) -> str | None:
        unindexed = dotted_name(expr, skip_subscripts=True)
        if unindexed is not None and (why := self._message_shown(unindexed)) is not None:
            return why
        while isinstance(expr, cst.Subscript):
            expr = expr.value
        name = dotted_name(expr)
        known = facts(self.ctx)
        if name is None:
            return None
        if name in self._tool_calls:
            return f"`{name}` is the response's function_call item(s) now, not a run's required tool call(s)"
        if name.split(".", 1)[0] in self.ctx.scratch.get("shown_steps", ()):
            return f"`{name.split('.', 1)[0]}` is the response's output (items) now, not run steps"
        if name in known.responses:
            return f"`{name}` is a Response now, not a Run"
        if name in known.conversations:
            return f"`{name}` is a Conversation now, not a Thread"
        if name in infos(self.ctx):
            return f"`{name}` is a dict of Responses parameters now, not an Assistant"
        if name in self.ctx.scratch.get("migrated_pages", ()):
            return f"`{name}` holds conversation items now, not thread messages"
        if name in self._events:
            return f"`{name}` is a Responses stream event now, not an Assistants one"
        return None

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._events: set[str] = set()  # loop variables over a run's raw event stream that became a response stream
        self._items: set[str] = set()  # loop variables over a migrated page of messages (now conversation items)
        self._tool_calls: set[str] = set()  # names holding a run's required tool calls (function_call items now)

    def visit_Assign(self, node: cst.Assign) -> None:
        value = dotted_name(node.value)
        if value is not None and value.endswith(".required_action.submit_tool_outputs.tool_calls") and \
                value.split(".", 1)[0] in facts(self.ctx).responses:
            self._tool_calls.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def visit_For(self, node: cst.For) -> None:
        stream = dotted_name(node.iter)
        known = facts(self.ctx).responses.get(stream) if stream is not None else None
        if known is not None and isinstance(node.target, cst.Name):
            self._events.add(node.target.value)
        if stream is not None and isinstance(node.target, cst.Name) and self._page(stream.removesuffix(".data")):
            self._items.add(node.target.value)
        if stream in self._tool_calls and isinstance(node.target, cst.Name):
            self._tool_calls.add(node.target.value)

    def _page(self, name: str) -> bool:
        return name in self.ctx.scratch.get("migrated_pages", ())

    def _message_shown(self, name: str) -> str | None:
        """Why a message shown whole, or its content parts, changes shape: `msg`, `msg.content` for a loop
        variable over a migrated page, `messages.data[0]`, `messages.data[0].content` (subscripts left out
        of `name`). Text read through the parts (`.text.value`) is a string and not shown whole."""
        base = name.removesuffix(".content")
        if base in self._items:
            return f"`{base}` is a conversation item now, not a thread message (its content parts changed shape)"
        page = base.removesuffix(".data")
        if page != name and self._page(page):
            return f"`{page}` holds conversation items now, not thread messages (their content parts changed shape)"
        return None

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _DUMPS:
            why = self._migrated(func.value)
        elif isinstance(func, cst.Name) and func.value in _PRINTERS:
            shown = [e for a in node.args for e in _shown(a.value)]
            why = next((w for e in shown if (w := self._migrated(e)) is not None), None)
        else:
            return
        if why is not None:
            self.todo(WHOLE_OBJECT, f"{why}: this output changes shape")


def _shown(expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What a print argument shows whole: itself, or the `{...}` expressions of an f-string."""
    if isinstance(expr, cst.FormattedString):
        return [part.expression for part in expr.parts if isinstance(part, cst.FormattedStringExpression)]
    return [expr]


CODEMOD = PrintingCodemod
