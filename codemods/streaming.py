"""Streaming: `AssistantEventHandler` streams and raw `stream=True` event loops.

- `with client.beta.threads.runs.stream(thread_id=..., assistant_id=..., event_handler=H()) as s:
  s.until_done()` (also `create_and_stream`, `submit_tool_outputs_stream`, async) becomes
  `with client.responses.stream(conversation=..., truncation="auto", **config) as s:` whose
  `for event in s:` loop runs, per `event.type`, the code H's callbacks ran. A handler class
  that every use inlined is deleted at the end of the file.
- Handlers that keep state, are created with arguments or are held in a variable or attribute
  (`event_handler=handler`, `self.relay`, `self`) stay as plain classes of the same file (AM707):
  the `AssistantEventHandler` base and `super().__init__()` go, each callback takes the Responses
  event (its argument uses mapped as for inlining), and the loop calls `handler.on_x(event)` per
  `event.type`. A callback whose argument use has no equivalent gets a TODO (AM702) on its `def`;
  a class some stream still needs as a handler (or defined elsewhere) keeps its TODO.
- `for event in runs.stream(...)` (a stream manager, not an iterator) becomes
  `with responses.stream(...) as stream: for event in stream:`.
- `s.text_deltas`, `s.get_final_run()`, `s.get_final_messages()` map to Responses stream
  helpers; `until_done()` exists on both.
- Raw loops `for event in stream:` over a run's events: `event.event == "thread..."` ->
  `event.type == "response..."` and the `event.data...` chains with an equivalent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._facts import ResponseFacts, facts
from assistants_migrate.codemods._receivers import beta_chain, dotted_name, has_star_args, keyword
from assistants_migrate.codemods._syntax import RenameName
from assistants_migrate.codemods._stream_events import ASSISTANTS_EVENTS, EventMapper, leftover_data_uses
from assistants_migrate.codemods._stream_handlers import (
    NO_EQUIVALENT,
    Handler,
    analyse,
    convert_kept,
    dispatch_loop,
    handler_base,
    kept_callbacks,
    kept_dispatch_loop,
)
from assistants_migrate.codemods._stream_util import (
    PASS_THROUGH,
    arg_value,
    code_of,
    follow_up_args,
    kwarg,
    layout_args,
    response_facts_for_run_id,
    responses_method,
    runs_method,
    str_value,
    threads_method,
)
from assistants_migrate.engine.codemod import Codemod, apply_markers, marker_line
from assistants_migrate.engine.transform import fast_visit
from assistants_migrate.findings import Effort, Example, Rule, Severity, get_rule, register

HANDLER_STREAM = "AM701"
HANDLER_MANUAL = "AM702"
RAW_EVENTS = "AM703"
EVENT_MANUAL = "AM704"
STREAM_HELPERS = "AM705"
STREAM_SITE_MANUAL = "AM706"
HANDLER_KEPT = "AM707"

SURFACE = "streaming"

KEPT_BEFORE = '# uses-configs\nclass Collector(AssistantEventHandler):\n    def __init__(self, prefix):\n        super().__init__()\n        self.parts = [prefix]\n\n    def on_text_delta(self, delta, snapshot):\n        self.parts.append(delta.value)\n\n\nhandler = Collector(">")\nwith client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=handler) as stream:\n    stream.until_done()\nprint("".join(handler.parts))\n'
KEPT_AFTER = '# uses-configs\nfrom assistant_configs import ASSISTANT_CONFIGS\nclass Collector:\n    def __init__(self, prefix):\n        self.parts = [prefix]\n\n    def on_text_delta(self, event):\n        self.parts.append(event.delta)\n\n\nhandler = Collector(">")\nwith client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream:\n    for event in stream:\n        if event.type == "response.output_text.delta":  # was on_text_delta\n            handler.on_text_delta(event)\nprint("".join(handler.parts))\n'

RULES = register(
    Rule(
        id=HANDLER_STREAM,
        title="`runs.stream(event_handler=...)` becomes a `responses.stream(...)` event loop",
        severity=Severity.NOTE,
        why="Responses streams have no handler classes: the stream is iterated and each event dispatched "
        "on `event.type`. The loop runs the code the handler's callbacks ran, at the matching events.",
        what_to_do="Iterate `with client.responses.stream(...) as stream: for event in stream:` and branch on "
        "`event.type` (`response.output_text.delta` carries `event.delta`).",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="# uses-configs\n"
                "class Printer(AssistantEventHandler):\n"
                "    def on_text_delta(self, delta, snapshot):\n"
                '        print(delta.value, end="")\n\n\n'
                "with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, "
                "event_handler=Printer()) as stream:\n"
                "    stream.until_done()\n",
                after="# uses-configs\n"
                "from assistant_configs import ASSISTANT_CONFIGS\n"
                'with client.responses.stream(conversation=thread_id, input=[], truncation="auto", '
                "**ASSISTANT_CONFIGS[assistant_id]) as stream:\n"
                "    for event in stream:\n"
                '        if event.type == "response.output_text.delta":  # was on_text_delta\n'
                '            print(event.delta, end="")\n',
            ),
        ),
    ),
    Rule(
        id=HANDLER_MANUAL,
        title="Event handler that keeps state or has callbacks with no Responses equivalent",
        severity=Severity.WARNING,
        why="Callback classes have no Responses counterpart. This handler keeps state on `self`, has its own "
        "methods, or reads callback arguments that do not exist on Responses events, so it cannot be turned "
        "into a loop mechanically.",
        what_to_do="Iterate `client.responses.stream(...)` and move each callback's code under the matching "
        "`event.type` branch (api-mapping 3.13); keep the state in local variables or in a plain object.",
        autofix=False,
        effort=Effort.M,
        surface=SURFACE,
        examples=(
            Example(
                before="from openai import AssistantEventHandler\n\n\n"
                "class Collector(AssistantEventHandler):\n"
                "    def __init__(self):\n"
                "        super().__init__()\n"
                "        self.parts = []\n\n"
                "    def on_text_delta(self, delta, snapshot):\n"
                "        self.parts.append(delta.value)\n",
            ),
        ),
    ),
    Rule(
        id=RAW_EVENTS,
        title="Raw stream events: `event.event == \"thread...\"` becomes `event.type == \"response...\"`",
        severity=Severity.NOTE,
        why="Responses stream events are discriminated by `type` and carry their payload directly (no `data`): "
        "`thread.message.delta` with `data.delta.content[0].text.value` is `response.output_text.delta` with "
        "`delta`.",
        what_to_do="Compare `event.type` with the Responses event names and read the event's own fields.",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="for event in stream:\n"
                "    if event.event == \"thread.message.delta\":\n"
                "        print(event.data.delta.content[0].text.value, end=\"\")\n",
                after="for event in stream:\n"
                "    if event.type == \"response.output_text.delta\":\n"
                "        print(event.delta, end=\"\")\n",
            ),
        ),
    ),
    Rule(
        id=EVENT_MANUAL,
        title="Stream event or event data with no Responses equivalent",
        severity=Severity.WARNING,
        why="Some Assistants events (`thread.created`, `thread.run.cancelled`, `thread.run.expired`, run-step "
        "progress, `thread.message.in_progress`) and some event payload fields do not exist on Responses "
        "streams.",
        what_to_do="Decide what the code should do instead (api-mapping 3.13); often the branch can go.",
        autofix=False,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="for event in stream:\n"
                "    if event.event == \"thread.run.expired\":\n"
                "        retry()\n",
            ),
        ),
    ),
    Rule(
        id=STREAM_HELPERS,
        title="Stream helpers: `text_deltas`, `get_final_run()`, `get_final_messages()`",
        severity=Severity.NOTE,
        why="`ResponseStream` has `until_done()` and `get_final_response()` but no `text_deltas` or "
        "`get_final_messages()`. `get_final_response()` raises unless the response completed.",
        what_to_do="Filter `response.output_text.delta` events for text deltas; take messages from "
        "`get_final_response().output`.",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="# uses-configs\n"
                "with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:\n"
                "    for text in stream.text_deltas:\n"
                '        print(text, end="")\n'
                "    run = stream.get_final_run()\n",
                after="# uses-configs\n"
                "from assistant_configs import ASSISTANT_CONFIGS\n"
                'with client.responses.stream(conversation=thread_id, input=[], truncation="auto", '
                "**ASSISTANT_CONFIGS[assistant_id]) as stream:\n"
                '    for text in (event.delta for event in stream if event.type == "response.output_text.delta"):\n'
                '        print(text, end="")\n'
                "    run = stream.get_final_response()\n",
            ),
        ),
    ),
    Rule(
        id=STREAM_SITE_MANUAL,
        title="Stream call that cannot be rewritten here",
        severity=Severity.WARNING,
        why="The stream's model configuration is not known at this call (the assistant id comes from "
        "elsewhere, the run was created in another function, or arguments are passed as `**kwargs`), the "
        "handler is defined elsewhere, or the call also creates a thread.",
        what_to_do="Use `client.responses.stream(conversation=conv_id, input=..., truncation=\"auto\", "
        "**config)` and iterate its events (api-mapping 3.17 C).",
        autofix=False,
        effort=Effort.M,
        surface=SURFACE,
        examples=(
            Example(
                before="with client.beta.threads.create_and_run_stream(assistant_id=assistant_id, "
                'thread={"messages": messages}) as stream:\n'
                "    stream.until_done()\n",
            ),
        ),
    ),
)

register(
    Rule(
        id=HANDLER_KEPT,
        title="Event handler with state kept as a plain class that the `responses.stream` loop calls",
        severity=Severity.NOTE,
        why="A handler that keeps state on `self` (or is created with arguments, or held in a variable) cannot "
        "be inlined, but its callbacks map to Responses events one by one: the class stays, without the "
        "`AssistantEventHandler` base, each callback takes the Responses event, and the stream loop calls them.",
        what_to_do="Nothing, unless a callback is marked: its argument is now the Responses event.",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(Example(before=KEPT_BEFORE, after=KEPT_AFTER),),
    ),
)

STREAM_METHODS = frozenset({"stream", "create_and_stream", "submit_tool_outputs_stream"})
HANDLER_ATTRS_OK = frozenset({"until_done", "text_deltas", "get_final_run", "get_final_messages", "close"})
EVENT_VAR = "event"


@dataclass
class Dispatch:
    """A kept handler: the loop calls the methods of `receiver` (built by `create` first, if given)."""

    cls: str
    methods: dict[str, bool]
    receiver: cst.BaseExpression
    create: cst.Call | None = None


@dataclass
class StreamPlan:
    client: cst.BaseExpression
    is_async: bool
    stream_var: str
    handler: Handler | None
    head: list[cst.Arg]  # conversation/input/... (before the config)
    config: list[cst.Arg]
    event_var: str = EVENT_VAR
    dispatch: Dispatch | None = None


@dataclass
class _State:
    handlers: dict[str, Handler] = field(default_factory=dict)
    inlined: dict[str, int] = field(default_factory=dict)
    # top-level handler classes: name -> callbacks a loop can call (name -> async def)
    keepable: dict[str, dict[str, bool]] = field(default_factory=dict)
    originals: dict[str, cst.ClassDef] = field(default_factory=dict)
    dispatched: dict[str, int] = field(default_factory=dict)
    pending_todo: dict[str, str] = field(default_factory=dict)  # class -> AM702 message, unless it is kept
    # `handler`, `self.handler` -> (class name, function depth of the binding)
    handler_vars: dict[str, tuple[str, int]] = field(default_factory=dict)
    depth: int = 0
    class_stack: list[str] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)  # classes a stream left as it is still needs as handlers
    unconvertible: dict[str, str] = field(default_factory=dict)  # class -> why keeping it would break a callback


class StreamingCodemod(Codemod):
    RULES = RULES
    DEPENDS_ON = ("runs", "threads")  # streams become responses.stream on conversations
    HOT_WORDS = (
        "AssistantEventHandler",
        "AsyncAssistantEventHandler",
        "event_handler",
        "create_and_stream",
        "create_and_run_stream",
        "submit_tool_outputs_stream",
        "text_deltas",
        "until_done",
        "get_final_run",
        "get_final_messages",
        "thread.message",  # raw event names, in loops over a stream made elsewhere
        "thread.run",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.state = _State()
        self.plans: dict[int, StreamPlan] = {}
        self.stream_vars: dict[str, StreamPlan] = {}
        self.raw_loops: dict[int, str] = {}
        self.assistants_results: set[str] = set()  # names bound to `*.beta.threads...(...)` results
        self.assign_targets: dict[int, str] = {}  # id(original call) -> the name its result is bound to
        self.for_plans: dict[int, StreamPlan] = {}  # `for event in runs.stream(...)` -> its stream
        self.completed_excludes_calls = "requires_action" in ctx.source
        self.mapped_iters: set[str] = set()  # names iterated by a raw event loop this rewrite mapped

    # -- handler classes -------------------------------------------------------------------

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.state.class_stack.append(node.name.value)
        if handler_base(node) is not None and len(self.ctx.stmt_stack) == 1:
            self.state.keepable[node.name.value] = kept_callbacks(node)
            self.state.originals[node.name.value] = node
            # a callback whose reads have no Responses equivalent would break once kept: its streams stay
            _, problems = convert_kept(node, completed_excludes_calls=self.completed_excludes_calls)
            breaking = [message for method, message in problems if method not in NO_EQUIVALENT]  # not: never called
            if breaking:
                self.state.unconvertible[node.name.value] = breaking[0]

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.state.class_stack.pop()
        if handler_base(original_node) is None:
            return updated_node
        handler = analyse(updated_node, EVENT_VAR, completed_excludes_calls=self.completed_excludes_calls)
        self.state.handlers[handler.name] = handler
        if not handler.inlinable:
            message = f"{handler.problems[0]}; rewrite it as a responses.stream event loop"
            if handler.name in self.state.keepable:
                # a stream later in the file may keep the class and call it: decided at the end
                self.state.pending_todo[handler.name] = message
            else:
                self.todo(HANDLER_MANUAL, message)
        return updated_node

    def visit_Param(self, node: cst.Param) -> None:
        self.state.handler_vars.pop(node.name.value, None)  # a parameter is not the handler made elsewhere

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.state.depth += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self.state.depth -= 1
        updated_node = self._retype_stream_params(updated_node)
        for name, (_, depth) in list(self.state.handler_vars.items()):
            if depth > self.state.depth and "." not in name:
                del self.state.handler_vars[name]  # function-local handlers stay in their function
        return updated_node

    def _retype_stream_params(self, node: cst.FunctionDef) -> cst.FunctionDef:
        """`def f(stream: Stream[AssistantStreamEvent])` whose events this rewrite mapped: Responses events now."""
        if not self.mapped_iters:
            return node
        params = []
        changed = False
        for param in node.params.params:
            ann = param.annotation
            if param.name.value in self.mapped_iters and ann is not None and \
                    "AssistantStreamEvent" in code_of(ann.annotation):
                new_ann = ann.annotation.visit(RenameName("AssistantStreamEvent", "ResponseStreamEvent"))
                param = param.with_changes(annotation=ann.with_changes(annotation=new_ann))
                changed = True
            params.append(param)
        self.mapped_iters.clear()
        if not changed:
            return node
        self.add_import("openai.types.responses", "ResponseStreamEvent")
        return node.with_changes(params=node.params.with_changes(params=params))

    def _handler_class_of(self, value: cst.BaseExpression) -> tuple[str, cst.Call | None] | None:
        """`H(...)`, `h` / `self.h` bound to `H(...)`, or `self` inside H -> (H, the creating call)."""
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            name = value.func.value
            return (name, value) if name in self.state.keepable else None
        dotted = dotted_name(value)
        if dotted == "self":
            inner = self.state.class_stack[-1] if self.state.class_stack else None
            return (inner, None) if inner in self.state.keepable else None
        if dotted is not None and dotted in self.state.handler_vars:
            return self.state.handler_vars[dotted][0], None
        return None

    # -- stream sites ----------------------------------------------------------------------

    def _plan(self, call: cst.Call, asname: str | None, body: cst.BaseSuite, is_async_with: bool) -> StreamPlan | None:
        """What the site becomes, or None (after a TODO) when it must stay."""
        found = runs_method(call, self.ctx)
        if found is not None and found[1] in STREAM_METHODS:
            client, method = found
        else:
            found = threads_method(call, self.ctx)
            if found is None or found[1] != "create_and_run_stream":
                return None
            self.todo(STREAM_SITE_MANUAL, "create_and_run_stream: create the conversation, then iterate "
                      "client.responses.stream(conversation=...)")
            return None
        if has_star_args(call):
            self.todo(STREAM_SITE_MANUAL, "arguments passed as **kwargs; rewrite as a responses.stream event loop")
            return None
        handler: Handler | None = None
        handler_arg = keyword(call, "event_handler")
        dispatch: Dispatch | None = None
        if handler_arg is not None:
            value = handler_arg.value
            name = value.func.value if (
                isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and not value.args
            ) else None
            handler = self.state.handlers.get(name) if name is not None else None
            if handler is None or not handler.inlinable:
                handler = None
                found = self._handler_class_of(value)
                if found is None:
                    self.todo(STREAM_SITE_MANUAL, "the event handler is not a class defined at the top of this "
                              "file; rewrite as a responses.stream event loop")
                    return None
                cls, create = found
                if cls in self.state.unconvertible:
                    self.todo(HANDLER_MANUAL, f"handler `{cls}`: {self.state.unconvertible[cls]}; the stream stays on "
                              "the Assistants API until it is rewritten as a responses.stream event loop")
                    return None
                if cls in self.state.blocked:
                    self.todo(HANDLER_MANUAL, f"handler `{cls}` is also used by a stream that stays as it is; "
                              "rewrite both as responses.stream event loops")
                    return None
                receiver: cst.BaseExpression = value if create is None else cst.Name(self._fresh_name("event_handler"))
                dispatch = Dispatch(cls=cls, methods=self.state.keepable[cls], receiver=receiver, create=create)
            uses = _attr_uses(body, asname)
            if uses.count("until_done") != 1 or any(a not in ("until_done", "get_final_run", "get_final_messages") for a in uses):
                self.todo(HANDLER_MANUAL, "the handler's events are consumed other than by one until_done(); "
                          "rewrite as a responses.stream event loop")
                return None
        elif asname is not None and _other_stream_attrs(body, asname):
            self.todo(STREAM_SITE_MANUAL, "reads stream state (current_run, ...) with no Responses equivalent")
            return None
        thread_id = arg_value(call, "thread_id")
        if thread_id is None:
            self.todo(STREAM_SITE_MANUAL, "no thread_id; rewrite as a responses.stream event loop")
            return None
        head: list[cst.Arg] = []
        if method == "submit_tool_outputs_stream":
            run = response_facts_for_run_id(self.ctx, arg_value(call, "run_id"))
            outputs = arg_value(call, "tool_outputs")
            if run is None or not run.config_args or outputs is None:
                self.todo(STREAM_SITE_MANUAL, "the run's model configuration is not known here; send the outputs "
                          "with client.responses.stream(conversation=..., input=outputs, **config)")
                return None
            head.append(kwarg("input", outputs))
            config = list(run.config_args)
            passed = [kwarg(a.keyword.value, a.value) for a in call.args
                      if a.keyword is not None and a.keyword.value in PASS_THROUGH]
            head += passed
        else:
            mapped = self._run_params(call)
            if mapped is None:
                return None
            head, config = mapped
        return StreamPlan(
            client=client,
            is_async=is_async_with,
            stream_var=asname or "stream",
            handler=handler,
            head=[kwarg("conversation", thread_id), *head],
            config=config,
            dispatch=dispatch,
        )

    def _fresh_name(self, base: str) -> str:
        name, n = base, 1
        while re.search(rf"(?<![\w.]){name}\b(?!=[^=])", self.ctx.source):  # not as an attribute or keyword
            n += 1
            name = f"{base}_{n}"
        return name

    def _run_params(self, call: cst.Call) -> tuple[list[cst.Arg], list[cst.Arg]] | None:
        """runs.stream(...) parameters -> (head args, config args), by the runs codemod's mapping."""
        from assistants_migrate.codemods.runs import ASSISTANT_UNKNOWN, convert_run_args

        args = [a for a in call.args if a.keyword is None or a.keyword.value not in ("thread_id", "event_handler")]
        converted = convert_run_args(self.ctx, args)
        if converted.failure is not None:
            self.todo(STREAM_SITE_MANUAL, converted.failure[1])
            return None
        for rule_id, message in converted.todos:
            self.todo(rule_id, message)
        for rule_id, message in converted.notes:
            if rule_id == "configs":
                self.add_import(message, "ASSISTANT_CONFIGS")
            else:  # as in runs: an id known at run time is the configs module's one manual item
                self.report(rule_id, message, fixed=True if rule_id == ASSISTANT_UNKNOWN else None)
        # responses.stream() refuses to start a response without `input` (the SDK checks it);
        # the conversation already holds the user's messages, so the new input is empty
        head = [kwarg("input", converted.input if converted.input is not None else cst.List([]))]
        return head, list(converted.args)

    def visit_With(self, node: cst.With) -> None:
        if len(node.items) != 1 or not isinstance(node.items[0].item, cst.Call):
            return
        item = node.items[0]
        asname = item.asname.name.value if item.asname is not None and isinstance(item.asname.name, cst.Name) else None
        plan = self._plan(item.item, asname, node.body, node.asynchronous is not None)
        if plan is None:
            handler_arg = keyword(item.item, "event_handler")
            found = self._handler_class_of(handler_arg.value) if handler_arg is not None else None
            if found is not None:  # the class must stay a handler for this stream
                self.state.blocked.add(found[0])
            return
        self.plans[id(node)] = plan
        self.stream_vars[plan.stream_var] = plan

    def leave_With(self, original_node: cst.With, updated_node: cst.With) -> cst.BaseStatement:
        plan = self.plans.pop(id(original_node), None)
        if plan is None:
            return updated_node
        self.stream_vars.pop(plan.stream_var, None)
        item = updated_node.items[0]
        call = item.item
        assert isinstance(call, cst.Call)
        args = follow_up_args(plan.config, conversation=plan.head[0].value, head=plan.head[1:])
        new_call = call.with_changes(func=responses_method(plan.client, "stream"), args=layout_args(args, call))
        new_item = item.with_changes(item=new_call)
        if item.asname is None:
            new_item = new_item.with_changes(asname=cst.AsName(name=cst.Name(plan.stream_var)))
        body = updated_node.body
        if plan.handler is not None and isinstance(body, cst.IndentedBlock):
            loop = dispatch_loop(plan.handler, plan.event_var, cst.Name(plan.stream_var), plan.is_async)
            new_body = []
            for stmt in body.body:
                if _is_until_done(stmt, plan.stream_var):
                    stmt = loop.with_changes(leading_lines=stmt.leading_lines)
                new_body.append(stmt)
            body = body.with_changes(body=new_body)
            self.state.inlined[plan.handler.name] = self.state.inlined.get(plan.handler.name, 0) + 1
        elif plan.dispatch is not None and isinstance(body, cst.IndentedBlock):
            d = plan.dispatch
            loop = kept_dispatch_loop(d.methods, d.receiver, plan.event_var, cst.Name(plan.stream_var), plan.is_async)
            new_body = []
            if d.create is not None:
                create = cst.SimpleStatementLine(body=[cst.Assign(
                    targets=[cst.AssignTarget(target=d.receiver)], value=d.create)])
                new_body.append(create)
            for stmt in body.body:
                if _is_until_done(stmt, plan.stream_var):
                    stmt = loop.with_changes(leading_lines=stmt.leading_lines)
                new_body.append(stmt)
            body = body.with_changes(body=new_body)
            self.state.dispatched[d.cls] = self.state.dispatched.get(d.cls, 0) + 1
        self.report(HANDLER_STREAM)
        return updated_node.with_changes(items=[new_item], body=body)

    # -- stream helpers on the `with ... as stream` variable -------------------------------

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if updated_node.attr.value != "text_deltas" or not isinstance(updated_node.value, cst.Name):
            return updated_node
        plan = self.stream_vars.get(updated_node.value.value)
        if plan is None:
            return updated_node
        self.report(STREAM_HELPERS)
        e, s = plan.event_var, plan.stream_var
        prefix = "async " if plan.is_async else ""
        return cst.parse_expression(f'({e}.delta {prefix}for {e} in {s} if {e}.type == "response.output_text.delta")')

    def _raw_create(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression | None:
        """`runs.create(thread_id, ..., stream=True)` -> `responses.create(conversation=..., stream=True, ...)`."""
        stream = keyword(call, "stream")
        if stream is None or keyword(call, "event_handler") is not None:
            return None
        found = runs_method(call, self.ctx)
        if found is None or found[1] != "create":
            created = threads_method(call, self.ctx)
            if created is not None and created[1] == "create_and_run":
                self.todo(STREAM_SITE_MANUAL, "create_and_run(stream=True): create the conversation, then "
                          "client.responses.create(conversation=..., stream=True, ...)")
                return call
            return None
        client = found[0]
        thread = arg_value(call, "thread_id", 0)
        rest = [a for i, a in enumerate(call.args)
                if not (a.keyword is None and i == 0) and not (a.keyword is not None and a.keyword.value in ("thread_id", "stream"))]
        from assistants_migrate.codemods.assistants import id_replacement
        from assistants_migrate.codemods.runs import ASSISTANT_UNKNOWN, convert_run_args

        converted = convert_run_args(self.ctx, rest)
        if thread is None or converted.failure is not None:
            self.todo(STREAM_SITE_MANUAL, converted.failure[1] if converted.failure else "run without thread_id")
            return call.with_changes(args=[
                a.with_changes(value=id_replacement(self.ctx, a.value) or a.value)
                if a.keyword is not None and a.keyword.value == "assistant_id" else a for a in call.args])
        for rule_id, message in converted.todos:
            self.todo(rule_id, message)
        for rule_id, message in converted.notes:
            if rule_id == "configs":
                self.add_import(message, "ASSISTANT_CONFIGS")
            else:  # as in runs: an id known at run time is the configs module's one manual item
                self.report(rule_id, message, fixed=True if rule_id == ASSISTANT_UNKNOWN else None)
        head = [kwarg("input", converted.input)] if converted.input is not None else []
        head.append(kwarg("stream", stream.value))
        args = [kwarg("conversation", thread), *head, *converted.args]
        self.report(RAW_EVENTS)
        target = self.assign_targets.get(id(original))
        if target is not None:
            facts(self.ctx).responses[target] = ResponseFacts(
                var=target, client=client, conversation=thread, config_args=tuple(converted.config_args),
                is_async=False, streaming=True,
            )
        return call.with_changes(func=responses_method(client, "create"), args=layout_args(args, call))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        raw = self._raw_create(original_node, updated_node)
        if raw is not None:
            return raw
        func = updated_node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and not updated_node.args):
            return updated_node
        plan = self.stream_vars.get(func.value.value)
        if plan is None:
            return updated_node
        s = plan.stream_var
        if func.attr.value == "get_final_run":
            self.report(STREAM_HELPERS)
            return updated_node.with_changes(func=func.with_changes(attr=cst.Name("get_final_response")))
        if func.attr.value == "get_final_messages":
            self.report(STREAM_HELPERS)
            final = f"(await {s}.get_final_response())" if plan.is_async else f"{s}.get_final_response()"
            expr = cst.parse_expression(f'[item for item in {final}.output if item.type == "message"]')
            return expr
        return updated_node

    def leave_Await(self, original_node: cst.Await, updated_node: cst.Await) -> cst.BaseExpression:
        """`await stream.get_final_messages()` became a list that awaits inside: drop the outer await."""
        if isinstance(updated_node.expression, cst.ListComp) and isinstance(original_node.expression, cst.Call):
            func = original_node.expression.func
            if isinstance(func, cst.Attribute) and func.attr.value == "get_final_messages":
                return updated_node.expression
        return updated_node

    # -- raw event loops ---------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        name = dotted_name(node.targets[0].target)
        if name is not None:
            created = node.value
            if isinstance(created, cst.Call) and isinstance(created.func, cst.Name) \
                    and created.func.value in self.state.keepable:
                self.state.handler_vars[name] = (created.func.value, self.state.depth)
            else:
                self.state.handler_vars.pop(name, None)
        value = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if name is not None and isinstance(value, cst.Call):
            self.assign_targets[id(value)] = name
            chain = beta_chain(value.func)
            if chain is not None and (chain[1][:3] == ["beta", "threads", "runs"] or (
                    len(chain[1]) == 3 and chain[1][2].startswith("create_and_run"))):
                self.assistants_results.add(name)

    def visit_For(self, node: cst.For) -> None:
        self._plan_for(node)
        if not isinstance(node.target, cst.Name) or not self._mentions_assistants_events(node, node.target.value):
            return
        if id(node) in self.for_plans:
            self.raw_loops[id(node)] = node.target.value
            return
        # a stream the runs codemod left as it was still yields Assistants events
        source = dotted_name(node.iter)
        if source is not None and source in self.assistants_results and source not in facts(self.ctx).responses:
            return
        if source is None and isinstance(node.iter, cst.Call) and beta_chain(node.iter.func) is not None:
            return
        self.raw_loops[id(node)] = node.target.value

    def _mentions_assistants_events(self, node: cst.For, var: str) -> bool:
        """Does the loop body compare `var.event` with an Assistants event name? The loop's own
        lines decide first: a sub-traversal of every loop body would cost a second pass."""
        start, _, end, _ = self.ctx.span_of(node)
        if start:
            text = "\n".join(self.ctx.lines[start - 1 : end])
            if "thread." not in text or not re.search(rf"\b{re.escape(var)}\s*\.\s*event\b", text):
                return False
        finder = _EventFinder(var)
        fast_visit(node.body, finder)
        return finder.found

    def _plan_for(self, node: cst.For) -> None:
        """`for event in client.beta.threads.runs.stream(...):` (a stream manager is no iterator: the
        program means `with ... as stream: for event in stream:`)."""
        call = node.iter
        if not isinstance(call, cst.Call) or keyword(call, "event_handler") is not None:
            return
        found = runs_method(call, self.ctx)
        if found is None or found[1] not in ("stream", "create_and_stream"):
            return
        plan = self._plan(call, None, node.body, node.asynchronous is not None)
        if plan is None:
            return
        plan.stream_var = self._fresh_name("stream")
        self.for_plans[id(node)] = plan

    def _wrap_for(self, plan: StreamPlan, loop: cst.For) -> cst.With:
        call = loop.iter
        assert isinstance(call, cst.Call)
        args = follow_up_args(plan.config, conversation=plan.head[0].value, head=plan.head[1:])
        new_call = call.with_changes(func=responses_method(plan.client, "stream"), args=layout_args(args, call))
        inner = loop.with_changes(iter=cst.Name(plan.stream_var), leading_lines=[])
        self.report(HANDLER_STREAM, "a run stream iterated without `with` becomes a responses.stream event loop")
        return cst.With(
            items=[cst.WithItem(item=new_call, asname=cst.AsName(name=cst.Name(plan.stream_var)))],
            body=cst.IndentedBlock(body=[inner]),
            asynchronous=cst.Asynchronous() if plan.is_async else None,
            leading_lines=loop.leading_lines,
        )

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.BaseStatement:
        plan = self.for_plans.pop(id(original_node), None)
        var = self.raw_loops.pop(id(original_node), None)
        if var is not None:
            updated_node = self._map_raw_loop(updated_node, var)
        return updated_node if plan is None else self._wrap_for(plan, updated_node)

    def _map_raw_loop(self, updated_node: cst.For, var: str) -> cst.For:
        mapper = EventMapper(var, completed_excludes_calls=self.completed_excludes_calls)
        body = updated_node.body.visit(mapper)
        assert isinstance(body, cst.BaseSuite)
        leftovers = leftover_data_uses(body, var)
        if mapper.unmapped:
            self.todo(EVENT_MANUAL, mapper.unmapped[0])
        elif leftovers:
            self.todo(EVENT_MANUAL, f"`{leftovers[0]}` has no Responses equivalent")
        if mapper.changed:
            self.report(RAW_EVENTS)
            if isinstance(updated_node.iter, cst.Name) and not mapper.unmapped and not leftovers:
                self.mapped_iters.add(updated_node.iter.value)  # every event use mapped: retype the stream
        return updated_node.with_changes(body=body)

    # -- the end: handlers every use inlined go ----------------------------------------------

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        updated_node = self._keep_handlers(updated_node)
        if not self.state.inlined:
            return updated_node
        removable = set()
        for name, count in self.state.inlined.items():
            mentions = len(re.findall(rf"\b{re.escape(name)}\b", self.ctx.source))
            if mentions == count + 1:
                removable.add(name)
        if not removable:
            return updated_node
        body: list[cst.BaseStatement] = []
        names: set[str] = set()
        for stmt in updated_node.body:
            if isinstance(stmt, cst.ClassDef) and stmt.name.value in removable and handler_base(stmt) is not None:
                names |= self.state.handlers[stmt.name.value].annotation_names
                names |= {"AssistantEventHandler", "AsyncAssistantEventHandler", "override"}
                continue
            if not body and len(body) != len(updated_node.body) and stmt is not updated_node.body[0]:
                # the removed class opened the module: no blank lines above the new first statement
                lines = list(stmt.leading_lines)
                while lines and lines[0].comment is None:
                    lines.pop(0)
                stmt = stmt.with_changes(leading_lines=lines)
            body.append(stmt)
        if len(body) == len(updated_node.body):
            return updated_node
        new_module = updated_node.with_changes(body=body)
        return new_module.with_changes(body=_drop_unused_imports(new_module, names))


    def _mark(self, node: cst.CSTNode, original: cst.CSTNode, message: str) -> cst.CSTNode:
        """A TODO on a statement after the traversal left it (what `todo()` does while it is there)."""
        self.ctx.add_finding(get_rule(HANDLER_MANUAL), original, message, False)
        return apply_markers(node, [marker_line(HANDLER_MANUAL, message)])

    def _keep_handlers(self, module: cst.Module) -> cst.Module:
        """Handler classes some stream now calls become plain classes; the others that cannot be
        inlined get their TODO."""
        state = self.state
        if not state.pending_todo and not state.dispatched:
            return module
        body: list[cst.BaseStatement] = []
        names: set[str] = set()
        for stmt in module.body:
            name = stmt.name.value if isinstance(stmt, cst.ClassDef) and handler_base(stmt) is not None else None
            original = state.originals.get(name) if name is not None else None
            if name is None or original is None:
                body.append(stmt)
                continue
            assert isinstance(stmt, cst.ClassDef)
            if not state.dispatched.get(name):
                if name in state.pending_todo:
                    stmt = self._mark(stmt, original, state.pending_todo[name])  # type: ignore[assignment]
                body.append(stmt)
                continue
            new, problems = convert_kept(stmt, completed_excludes_calls=self.completed_excludes_calls)
            names |= state.handlers[name].annotation_names if name in state.handlers else set()
            names |= {"AssistantEventHandler", "AsyncAssistantEventHandler", "override"}
            self.ctx.add_finding(
                get_rule(HANDLER_KEPT), original,
                f"handler `{name}` is kept as a plain class whose methods the responses.stream loop calls", True)
            originals = {f.name.value: f for f in _methods(original)}
            class_problems = [m for method, m in problems if not method]
            if class_problems:
                new = self._mark(new, original, class_problems[0])  # type: ignore[assignment]
            by_method = {method: m for method, m in reversed(problems) if method}
            if by_method:
                assert isinstance(new.body, cst.IndentedBlock)
                methods = [
                    self._mark(f, originals[f.name.value], by_method[f.name.value])
                    if isinstance(f, cst.FunctionDef) and f.name.value in by_method and f.name.value in originals
                    else f
                    for f in new.body.body
                ]
                new = new.with_changes(body=new.body.with_changes(body=methods))
            body.append(new)
        new_module = module.with_changes(body=body)
        if names:
            new_module = new_module.with_changes(body=_drop_unused_imports(new_module, names))
        return new_module


def _methods(node: cst.ClassDef) -> list[cst.FunctionDef]:
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    return [s for s in body if isinstance(s, cst.FunctionDef)]


def _drop_unused_imports(module: cst.Module, names: set[str]) -> list[cst.BaseStatement]:
    """Remove `from m import name` for `names` no longer mentioned anywhere else in the module."""
    code = module.code
    unused = {n for n in names if len(re.findall(rf"(?<![\w.]){re.escape(n)}\b", code)) == 1}
    if not unused:
        return list(module.body)
    body: list[cst.BaseStatement] = []
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.ImportFrom):
            imp = stmt.body[0]
            if not isinstance(imp.names, cst.ImportStar):
                kept = [a for a in imp.names if not (a.asname is None and dotted_name(a.name) in unused)]
                if not kept:
                    continue
                if len(kept) != len(imp.names):
                    kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    imp = imp.with_changes(names=kept)
                    if len(kept) == 1 and imp.lpar is not None:
                        imp = imp.with_changes(lpar=None, rpar=None)
                    stmt = stmt.with_changes(body=[imp])
        body.append(stmt)
    return body


def _is_until_done(stmt: cst.BaseStatement, var: str) -> bool:
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)):
        return False
    value = stmt.body[0].value
    if isinstance(value, cst.Await):
        value = value.expression
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "until_done"
        and isinstance(value.func.value, cst.Name)
        and value.func.value.value == var
    )


class _AttrUses(cst.CSTVisitor):
    def __init__(self, var: str) -> None:
        super().__init__()
        self.var = var
        self.attrs: list[str | None] = []

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.var:
            self.attrs.append(None)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.var:
            self.attrs.append(node.attr.value)


def _attr_uses(body: cst.BaseSuite, var: str | None) -> list[str]:
    if var is None:
        return []
    finder = _AttrUses(var)
    fast_visit(body, finder)
    # every attribute use also visits the Name: drop one bare-name entry per attribute use
    attrs = [a for a in finder.attrs if a is not None]
    bare = len(finder.attrs) - 2 * len(attrs)
    return attrs + ["<bare>"] * max(bare, 0)


def _other_stream_attrs(body: cst.BaseSuite, var: str) -> bool:
    return any(a not in HANDLER_ATTRS_OK for a in _attr_uses(body, var))


class _EventFinder(cst.CSTVisitor):
    def __init__(self, var: str) -> None:
        super().__init__()
        self.var = var
        self.found = False

    def visit_Comparison(self, node: cst.Comparison) -> None:
        sides = [node.left, *(c.comparator for c in node.comparisons)]
        has_event = any(
            isinstance(s, cst.Attribute) and s.attr.value == "event" and isinstance(s.value, cst.Name)
            and s.value.value == self.var for s in sides
        )
        if not has_event:
            return
        for s in sides:
            values = [str_value(s)]
            if isinstance(s, (cst.Tuple, cst.List, cst.Set)):
                values = [str_value(e.value) for e in s.elements]
            if any(v in ASSISTANTS_EVENTS for v in values):
                self.found = True


    def visit_Match(self, node: cst.Match) -> None:
        """`match event.event:` with `case "thread.message.delta":` arms."""
        subject = node.subject
        if not (isinstance(subject, cst.Attribute) and subject.attr.value == "event" and
                isinstance(subject.value, cst.Name) and subject.value.value == self.var):
            return
        for case in node.cases:
            patterns = [e.pattern for e in case.pattern.patterns] if isinstance(case.pattern, cst.MatchOr) else \
                [case.pattern]
            if any(isinstance(p, cst.MatchValue) and str_value(p.value) in ASSISTANTS_EVENTS for p in patterns):
                self.found = True




CODEMOD = StreamingCodemod
