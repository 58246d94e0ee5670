"""`AssistantEventHandler` subclasses -> the branches of a `responses.stream` event loop.

A handler class is analysed when the traversal leaves it. Each overridden callback is
mapped to a condition on the Responses event (api-mapping 3.13) and a body in which
its parameters are replaced by what the event carries (`delta.value` -> `event.delta`).
A handler that keeps state (`self`), has other methods, returns from a callback, or
uses a parameter in a way that has no equivalent is not inlined: `problems` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._receivers import dotted_name
from assistants_migrate.codemods._stream_events import EventMapper, leftover_data_uses

HANDLER_BASES = frozenset({"AssistantEventHandler", "AsyncAssistantEventHandler"})

TOOL_ITEMS = '("function_call", "file_search_call", "code_interpreter_call")'
TOOL_DELTAS = '("response.function_call_arguments.delta", "response.code_interpreter_call_code.delta")'

# callback -> condition on the event ({e}: the loop variable)
CONDITIONS: dict[str, str] = {
    "on_run_step_created": '{e}.type == "response.output_item.added"',
    "on_message_created": '{e}.type == "response.output_item.added" and {e}.item.type == "message"',
    "on_tool_call_created": '{e}.type == "response.output_item.added" and {e}.item.type in ' + TOOL_ITEMS,
    "on_text_created": '{e}.type == "response.content_part.added" and {e}.part.type == "output_text"',
    "on_text_delta": '{e}.type == "response.output_text.delta"',
    "on_message_delta": '{e}.type == "response.output_text.delta"',
    "on_tool_call_delta": "{e}.type in " + TOOL_DELTAS,
    "on_run_step_delta": "{e}.type in " + TOOL_DELTAS[:-1] + ', "response.file_search_call.searching")',
    "on_text_done": '{e}.type == "response.output_text.done"',
    "on_tool_call_done": '{e}.type == "response.output_item.done" and {e}.item.type in ' + TOOL_ITEMS,
    "on_message_done": '{e}.type == "response.output_item.done" and {e}.item.type == "message"',
    "on_run_step_done": '{e}.type == "response.output_item.done"',
}
# the Responses event type each condition is about (callbacks sharing one cannot be an elif chain)
EVENT_OF = {name: cond.split('"')[1] if "==" in cond.split(" and ")[0] else name for name, cond in CONDITIONS.items()}

# (callback, parameter index, attribute) -> replacement ({e}: the loop variable)
PARAM_ATTRS: dict[tuple[str, int, str], str] = {
    ("on_text_delta", 0, "value"): "{e}.delta",
    ("on_text_delta", 1, "value"): "{e}.snapshot",
    ("on_text_done", 0, "value"): "{e}.text",
    ("on_tool_call_created", 0, "type"): "{e}.item.type[:-5]",
    ("on_tool_call_done", 0, "type"): "{e}.item.type[:-5]",
}
SPECIAL = frozenset({"on_event", "on_end", "on_exception"})
NO_EQUIVALENT = frozenset({"on_timeout", "on_image_file_done"})
CALLBACKS = frozenset(CONDITIONS) | SPECIAL | NO_EQUIVALENT


@dataclass
class Callback:
    name: str
    params: list[str]
    body: list[cst.BaseStatement]  # mapped statements (docstring dropped)


@dataclass
class Handler:
    name: str
    is_async: bool
    callbacks: dict[str, Callback] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    annotation_names: set[str] = field(default_factory=set)

    @property
    def inlinable(self) -> bool:
        return not self.problems


def handler_base(node: cst.ClassDef) -> str | None:
    for base in node.bases:
        name = dotted_name(base.value)
        if name is not None and name.rsplit(".", 1)[-1] in HANDLER_BASES:
            return name.rsplit(".", 1)[-1]
    return None


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _is_pass(stmt: cst.BaseStatement) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, cst.Pass) for s in stmt.body)


def _is_super_init(stmt: cst.BaseStatement) -> bool:
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)):
        return False
    call = stmt.body[0].value
    if not isinstance(call, cst.Call) or call.args:
        return False
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "__init__"):
        return False
    receiver = func.value
    if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name) and receiver.func.value == "super":
        return True
    return dotted_name(receiver) in HANDLER_BASES  # AssistantEventHandler.__init__(self)... has args: not here


class _Uses(cst.CSTVisitor):
    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names
        self.found: set[str] = set()
        self.returns = False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names:
            self.found.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # not the attribute name: `event.delta` does not use `delta`
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # not the keyword: `print(x, end=end)` uses `end` once
        return False

    def visit_Return(self, node: cst.Return) -> None:
        self.returns = True

    def visit_Yield(self, node: cst.Yield) -> None:
        self.returns = True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested def has its own returns

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


class _ParamMapper(cst.CSTTransformer):
    def __init__(self, callback: str, params: list[str], event: str) -> None:
        super().__init__()
        self.callback = callback
        self.params = params
        self.event = event

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if isinstance(updated_node.value, cst.Name) and updated_node.value.value in self.params:
            index = self.params.index(updated_node.value.value)
            repl = PARAM_ATTRS.get((self.callback, index, updated_node.attr.value))
            if repl is not None:
                return cst.parse_expression(repl.format(e=self.event))
        return updated_node


def _params(fn: cst.FunctionDef) -> list[str] | None:
    params = fn.params
    if params.star_arg is not cst.MaybeSentinel.DEFAULT or params.star_kwarg is not None or params.kwonly_params:
        return None
    names = [p.name.value for p in [*params.posonly_params, *params.params]]
    return names[1:] if names else None  # without self


def _annotation_names(fn: cst.FunctionDef) -> set[str]:
    out: set[str] = set()
    for p in fn.params.params:
        if p.annotation is not None:
            name = dotted_name(p.annotation.annotation)
            if name is not None:
                out.add(name.split(".")[0])
    return out


def analyse(node: cst.ClassDef, event: str, *, completed_excludes_calls: bool) -> Handler:
    """The callbacks of a handler class (the updated node), mapped for a loop over `event`."""
    base = handler_base(node)
    handler = Handler(name=node.name.value, is_async=base == "AsyncAssistantEventHandler")
    if len(node.bases) != 1 or node.keywords or node.decorators:
        handler.problems.append("the class has other bases, keywords or decorators")
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for stmt in body:
        if _is_docstring(stmt) or _is_pass(stmt):
            continue
        if not isinstance(stmt, cst.FunctionDef):
            handler.problems.append("the class keeps state (class attributes)")
            continue
        name = stmt.name.value
        fn_body = stmt.body.body if isinstance(stmt.body, cst.IndentedBlock) else ()
        statements = [s for s in fn_body if not _is_docstring(s)]
        if name == "__init__":
            if all(_is_super_init(s) or _is_pass(s) for s in statements):
                continue
            handler.problems.append("the handler keeps state (`__init__`)")
            continue
        if name not in CALLBACKS:
            handler.problems.append(f"the handler has its own method `{name}`")
            continue
        if any(dotted_name(d.decorator) not in ("override", "typing_extensions.override") for d in stmt.decorators):
            handler.problems.append(f"`{name}` is decorated")
            continue
        params = _params(stmt)
        if params is None:
            handler.problems.append(f"`{name}` has an unusual signature")
            continue
        handler.annotation_names |= _annotation_names(stmt)
        if all(_is_pass(s) for s in statements):
            continue  # a no-op override
        if name in NO_EQUIVALENT:
            handler.problems.append(f"`{name}` has no Responses equivalent")
            continue
        block = cst.IndentedBlock(body=statements)
        uses = _Uses({"self"})
        block.visit(uses)
        if uses.found:
            handler.problems.append(f"`{name}` uses `self` (the handler keeps state)")
            continue
        if uses.returns:
            handler.problems.append(f"`{name}` returns early")
            continue
        if name == "on_event":
            if not params:
                handler.problems.append("`on_event` has an unusual signature")
                continue
            mapper = EventMapper(params[0], event, completed_excludes_calls=completed_excludes_calls)
            mapped = block.visit(mapper)
            leftovers = leftover_data_uses(mapped, event) if params[0] != event else leftover_data_uses(mapped, event)
            if mapper.unmapped or leftovers:
                handler.problems.append("`on_event` reads event data with no Responses equivalent")
                continue
        elif name == "on_exception":
            mapped = block
        else:
            mapped = block.visit(_ParamMapper(name, params, event))
            left = _Uses(set(params))
            mapped.visit(left)
            if left.found:
                handler.problems.append(f"`{name}` reads its argument in a way that has no Responses equivalent")
                continue
        assert isinstance(mapped, cst.IndentedBlock)
        handler.callbacks[name] = Callback(name=name, params=params, body=list(mapped.body))
    return handler


def _block(statements: list[cst.BaseStatement], comment: str | None = None) -> cst.IndentedBlock:
    header = cst.TrailingWhitespace(
        whitespace=cst.SimpleWhitespace("  " if comment else ""),
        comment=cst.Comment(comment) if comment else None,
    )
    return cst.IndentedBlock(body=statements, header=header)


def dispatch_loop(
    handler: Handler, event: str, stream: cst.BaseExpression, is_async: bool
) -> cst.BaseCompoundStatement:
    """`for event in stream:` with one branch per callback, wrapped for on_exception/on_end."""
    loop_body: list[cst.BaseStatement] = []
    if "on_event" in handler.callbacks:
        loop_body.extend(handler.callbacks["on_event"].body)
    chain: list[tuple[str, Callback]] = [
        (name, handler.callbacks[name]) for name in CONDITIONS if name in handler.callbacks
    ]
    groups: list[list[tuple[str, Callback]]] = []
    for name, cb in chain:
        if groups and EVENT_OF[name] not in {EVENT_OF[n] for n, _ in groups[-1]}:
            groups[-1].append((name, cb))
        else:
            groups.append([(name, cb)])
    for group in groups:
        node: cst.If | None = None
        for name, cb in reversed(group):
            test = cst.parse_expression(CONDITIONS[name].format(e=event))
            node = cst.If(test=test, body=_block(cb.body, f"# was {name}"), orelse=node)
        assert node is not None
        loop_body.append(node)
    if not loop_body:
        loop_body.append(cst.SimpleStatementLine(body=[cst.Pass()]))
    loop: cst.BaseCompoundStatement = cst.For(
        target=cst.Name(event),
        iter=stream,
        body=cst.IndentedBlock(body=loop_body),
        asynchronous=cst.Asynchronous() if is_async else None,
    )
    on_exception = handler.callbacks.get("on_exception")
    on_end = handler.callbacks.get("on_end")
    if on_exception is None and on_end is None:
        return loop
    handlers = []
    if on_exception is not None:
        name = on_exception.params[0] if on_exception.params else "exc"
        handlers.append(
            cst.ExceptHandler(
                body=_block([*on_exception.body, cst.SimpleStatementLine(body=[cst.Raise()])], "# was on_exception"),
                type=cst.Name("Exception"),
                name=cst.AsName(name=cst.Name(name)),
            )
        )
    finalbody = cst.Finally(body=_block(on_end.body, "# was on_end")) if on_end is not None else None
    return cst.Try(body=cst.IndentedBlock(body=[loop]), handlers=handlers, finalbody=finalbody)


# -- kept handlers: the class stays (a plain class), the stream loop calls its methods ----------

# what AssistantEventHandler itself provides on `self`: gone once the class no longer derives from it
BASE_ATTRS = frozenset({
    "current_event", "current_run", "current_run_step_snapshot", "current_message_snapshot",
    "current_tool_call", "text_deltas", "until_done", "get_final_run", "get_final_run_steps",
    "get_final_messages", "close",
})
OVERRIDE = ("override", "typing_extensions.override", "typing.override")


def kept_callbacks(node: cst.ClassDef) -> dict[str, bool]:
    """The callbacks a handler class defines that a dispatch loop calls: name -> `async def`."""
    out: dict[str, bool] = {}
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for stmt in body:
        if isinstance(stmt, cst.FunctionDef) and (stmt.name.value in CONDITIONS or stmt.name.value in SPECIAL):
            out[stmt.name.value] = stmt.asynchronous is not None
    return out


def kept_dispatch_loop(
    methods: dict[str, bool], receiver: cst.BaseExpression, event: str, stream: cst.BaseExpression, is_async: bool
) -> cst.BaseCompoundStatement:
    """The loop of `dispatch_loop`, whose branches call `receiver.on_x(event)`."""
    from assistants_migrate.codemods._stream_util import code_of

    recv = code_of(receiver)
    callbacks: dict[str, Callback] = {}
    for name, is_async_method in methods.items():
        arg = "" if name == "on_end" else ("exc" if name == "on_exception" else event)
        text = f"{'await ' if is_async_method else ''}{recv}.{name}({arg})"
        callbacks[name] = Callback(name=name, params=[arg] if arg else [], body=[cst.parse_statement(text)])
    return dispatch_loop(Handler(name=recv, is_async=is_async, callbacks=callbacks), event, stream, is_async)


class _SelfAttrs(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []
        self.assigned: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == "self":
            self.read.append(node.attr.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            self.assigned.add(target.attr.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        target = node.target
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            self.assigned.add(target.attr.value)


def _undecorated(fn: cst.FunctionDef) -> cst.FunctionDef:
    kept = [d for d in fn.decorators if dotted_name(d.decorator) not in OVERRIDE]
    if len(kept) == len(fn.decorators):
        return fn
    lines = [*fn.leading_lines, *(line for d in fn.decorators for line in d.leading_lines)] if not kept else fn.leading_lines
    return fn.with_changes(decorators=kept, leading_lines=lines)


def _with_params(fn: cst.FunctionDef, names: list[str]) -> cst.FunctionDef:
    first = fn.params.params[0] if fn.params.params else cst.Param(cst.Name("self"))
    params = [first.with_changes(comma=cst.MaybeSentinel.DEFAULT)] + [cst.Param(cst.Name(n)) for n in names]
    for i in range(len(params) - 1):
        params[i] = params[i].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return fn.with_changes(params=cst.Parameters(params=params))


def _convert_callback(fn: cst.FunctionDef, completed_excludes_calls: bool) -> tuple[cst.FunctionDef, str | None]:
    """One callback of a kept handler -> a method taking the Responses event (and why it needs a human)."""
    name = fn.name.value
    fn = _undecorated(fn)
    if name in ("on_end", "on_exception"):
        return fn, None
    params = _params(fn)
    if params is None or not params:
        return fn, f"`{name}` has an unusual signature; it is called with the Responses event"
    assert isinstance(fn.body, cst.IndentedBlock)
    block: cst.IndentedBlock = fn.body
    if name == "on_event":
        mapper = EventMapper(params[0], params[0], completed_excludes_calls=completed_excludes_calls)
        mapped = block.visit(mapper)
        assert isinstance(mapped, cst.IndentedBlock)
        fn = _with_params(fn, [params[0]]).with_changes(body=mapped)
        leftovers = leftover_data_uses(mapped, params[0])
        if mapper.unmapped:
            return fn, f"`on_event`: {mapper.unmapped[0]}"
        if leftovers:
            return fn, f"`on_event` reads `{leftovers[0]}`, which has no Responses equivalent"
        return fn, None
    taken = _Uses({"event"})
    block.visit(taken)
    event = "stream_event" if "event" in taken.found and "event" not in params else "event"
    mapped = block.visit(_ParamMapper(name, params, event))
    assert isinstance(mapped, cst.IndentedBlock)
    left = _Uses(set(params) - {event})
    mapped.visit(left)
    problem = None
    if left.found:
        stale = [p for p in params if p in left.found]
        # the object the callback got is, at best, the output item the event carries
        item = f"{event}.item" if CONDITIONS[name].startswith('{e}.type == "response.output_item.') else event
        rebind = [cst.parse_statement(f"{p} = {item if i == 0 else event}") for i, p in enumerate(params) if p in stale]
        body = list(mapped.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        mapped = mapped.with_changes(body=[*body[:at], *rebind, *body[at:]])
        now = "the Responses event" if item == event or stale[0] != params[0] else f"`{item}`, a Responses output item"
        problem = f"`{name}` reads `{stale[0]}` in a way that has no Responses equivalent; it is now {now}"
    return _with_params(fn, [event]).with_changes(body=mapped), problem


def convert_kept(node: cst.ClassDef, *, completed_excludes_calls: bool) -> tuple[cst.ClassDef, list[tuple[str, str]]]:
    """A handler class -> a plain class whose callbacks take Responses events.

    Returns the class and the (method name or "", message) pairs a human must look at
    ("" is the class itself).
    """
    problems: list[tuple[str, str]] = []
    bases = [b for b in node.bases if (dotted_name(b.value) or "").rsplit(".", 1)[-1] not in HANDLER_BASES]
    if bases:
        bases[-1] = bases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        node = node.with_changes(bases=bases)
    elif node.keywords:
        node = node.with_changes(bases=[])
    else:
        node = node.with_changes(bases=[], lpar=cst.MaybeSentinel.DEFAULT, rpar=cst.MaybeSentinel.DEFAULT)
    attrs = _SelfAttrs()
    node.visit(attrs)
    base_uses = [a for a in attrs.read if a in BASE_ATTRS and a not in attrs.assigned]
    if base_uses:
        problems.append(("", f"the handler reads `self.{base_uses[0]}`, which AssistantEventHandler provided; "
                             "Responses streams have no handler state"))
    if not isinstance(node.body, cst.IndentedBlock):
        return node, problems
    body: list[cst.BaseStatement] = []
    for stmt in node.body.body:
        if not isinstance(stmt, cst.FunctionDef):
            body.append(stmt)
            continue
        name = stmt.name.value
        if name == "__init__" and isinstance(stmt.body, cst.IndentedBlock):
            kept = [s for s in stmt.body.body if not _is_super_init(s)]
            if not [s for s in kept if not (_is_docstring(s) or _is_pass(s))]:
                continue
            body.append(stmt.with_changes(body=stmt.body.with_changes(body=kept)))
            continue
        if name in NO_EQUIVALENT:
            problems.append((name, f"`{name}` has no Responses equivalent: nothing calls it any more"))
            body.append(_undecorated(stmt))
            continue
        if name not in CONDITIONS and name not in SPECIAL:
            body.append(_undecorated(stmt))
            continue
        new, problem = _convert_callback(stmt, completed_excludes_calls)
        if problem is not None:
            problems.append((name, problem))
        body.append(new)
    if not body:
        body = [cst.SimpleStatementLine(body=[cst.Pass()])]
    return node.with_changes(body=node.body.with_changes(body=body)), problems
