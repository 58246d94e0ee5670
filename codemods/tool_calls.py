"""Tool-call loops: `requires_action` -> `function_call` / `function_call_output` items.

A run that needs tool outputs stops with `status == "requires_action"` and lists the
calls in `run.required_action.submit_tool_outputs.tool_calls`; the outputs go back with
`runs.submit_tool_outputs*`, and the run resumes server-side. A Response has no such
status: it completes with `function_call` items in `response.output`, and the outputs
are sent as `function_call_output` input items of a new `responses.create` in the same
conversation (only the outputs: the calls are already stored there).

Variables bound to tool calls (loop targets over the calls, comprehension targets,
`tool_calls[i]`, parameters annotated `RequiredActionFunctionToolCall`) are tracked per
function, so `tool_call.id` / `.function.name` / `.function.arguments` are rewritten
only on them: Chat Completions tool calls have the same attribute names.
"""

from __future__ import annotations

import re

import libcst as cst

from assistants_migrate.codemods._facts import ResponseFacts, facts
from assistants_migrate.codemods._receivers import (
    ASYNC_CLIENT_CLASSES,
    beta_chain,
    dotted_name,
    from_openai,
    has_star_args,
    kept_here,
    keyword,
    origin,
    project_function,
)
from assistants_migrate.codemods._syntax import annotation_names
from assistants_migrate.codemods.runs import as_response
from assistants_migrate.codemods._stream_util import (
    PASS_THROUGH,
    arg_value,
    code_of,
    follow_up_args,
    function_calls_of,
    has_function_calls,
    kwarg,
    layout_args,
    like_string,
    response_facts_for_run_id,
    responses_method,
    runs_method,
    str_value,
)
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

STATUS = "AM601"
TOOL_CALLS = "AM602"
CALL_FIELDS = "AM603"
OUTPUT_ITEMS = "AM604"
SUBMIT = "AM605"
SUBMIT_UNKNOWN = "AM606"
FOLLOW_UP_DROPPED = "AM607"

SURFACE = "tool_calls"

RULES = register(
    Rule(
        id=STATUS,
        title='`status == "requires_action"` becomes a test for `function_call` items',
        severity=Severity.NOTE,
        why="A Response has no `requires_action` status: it completes, and the tool calls it wants are "
        "`function_call` items in `response.output`.",
        what_to_do='Test `any(item.type == "function_call" for item in response.output)` instead of the status.',
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before='while run.status == "requires_action":\n    pass\n',
                after='while any(item.type == "function_call" for item in run.output):\n    pass\n',
            ),
            Example(
                before='if run.status != "requires_action":\n    pass\n',
                after='if not any(item.type == "function_call" for item in run.output):\n    pass\n',
            ),
        ),
    ),
    Rule(
        id=TOOL_CALLS,
        title="`run.required_action.submit_tool_outputs.tool_calls` becomes the `function_call` items of the response",
        severity=Severity.NOTE,
        why="The calls a response wants are output items of type `function_call`.",
        what_to_do='Use `[item for item in response.output if item.type == "function_call"]`.',
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="calls = run.required_action.submit_tool_outputs.tool_calls\n",
                after='calls = [item for item in run.output if item.type == "function_call"]\n',
            ),
        ),
    ),
    Rule(
        id=CALL_FIELDS,
        title="Tool-call fields: `.id` -> `.call_id`, `.function.name` -> `.name`, `.function.arguments` -> `.arguments`",
        severity=Severity.NOTE,
        why="A `function_call` item is flat. Its `id` is the item id (`fc_...`); the id an output refers to "
        "is `call_id`.",
        what_to_do="Use `item.call_id`, `item.name` and `item.arguments` (a JSON string, as before).",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="for tc in run.required_action.submit_tool_outputs.tool_calls:\n"
                "    print(tc.id, tc.function.name, tc.function.arguments)\n",
                after='for tc in [item for item in run.output if item.type == "function_call"]:\n'
                "    print(tc.call_id, tc.name, tc.arguments)\n",
            ),
        ),
    ),
    Rule(
        id=OUTPUT_ITEMS,
        title='`{"tool_call_id": ..., "output": ...}` becomes a `function_call_output` item',
        severity=Severity.NOTE,
        why="Tool outputs are input items of type `function_call_output`, keyed by `call_id`.",
        what_to_do='Send `{"type": "function_call_output", "call_id": call.call_id, "output": ...}`.',
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before='outputs.append({"tool_call_id": call_id, "output": result})\n',
                after='outputs.append({"type": "function_call_output", "call_id": call_id, "output": result})\n',
            ),
        ),
    ),
    Rule(
        id=SUBMIT,
        title="`runs.submit_tool_outputs*` becomes `responses.create(conversation=..., input=<outputs>)`",
        severity=Severity.NOTE,
        why="A run resumed server-side after its tool outputs arrived; with Responses the next turn is a new "
        "response in the same conversation. The conversation already holds the `function_call` items, so "
        "only the outputs are sent, with the same model configuration as the response that asked for them.",
        what_to_do="Call `responses.create(conversation=conv_id, input=outputs, ...)` with the configuration of "
        "the first call; loop while the new response has `function_call` items.",
        autofix=True,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="# uses-configs\n"
                "run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)\n"
                "run = client.beta.threads.runs.submit_tool_outputs_and_poll(thread_id=thread_id, run_id=run.id, "
                "tool_outputs=outputs)\n",
                after="# uses-configs\n"
                "from assistant_configs import ASSISTANT_CONFIGS\n"
                'run = client.responses.create(conversation=thread_id, truncation="auto", '
                "**ASSISTANT_CONFIGS[assistant_id])\n"
                'run = client.responses.create(conversation=thread_id, input=outputs, truncation="auto", '
                "**ASSISTANT_CONFIGS[assistant_id])\n",
            ),
        ),
    ),
    Rule(
        id=SUBMIT_UNKNOWN,
        title="Tool outputs submitted for a run whose model configuration is not known here",
        severity=Severity.WARNING,
        why="The follow-up `responses.create` must repeat the model, instructions and tools of the response "
        "that asked for the calls. The rewrite takes them from the run's creation in scope, else from the Response "
        "the run became (`**run.model_dump(include=...)`, or `responses.retrieve(run_id)` for a bare id), but this "
        "call's arguments are hidden in `**kwargs` (or its run id, thread id or outputs are missing), so the tool "
        "cannot tell which response it continues.",
        what_to_do="Replace the call with `client.responses.create(conversation=conv_id, "
        'input=[{"type": "function_call_output", "call_id": ..., "output": ...}], truncation="auto", **config)` '
        "using the configuration of the first response.",
        autofix=False,
        effort=Effort.M,
        surface=SURFACE,
        examples=(
            Example(
                before="from openai import OpenAI\n\n\ndef resume(client: OpenAI, **submission):\n"
                "    return client.beta.threads.runs.submit_tool_outputs(**submission)\n",
            ),
        ),
    ),
)

RULES += register(
    Rule(
        id=FOLLOW_UP_DROPPED,
        title="The response that takes the tool outputs is dropped, and only the run's id is at hand",
        severity=Severity.WARNING,
        why="A run resumed in place after its tool outputs: polling its id showed it finish. The outputs now go "
        "to a new response, and the old id still names the response that asked for the calls (it still holds "
        "them). Where a variable holds the run, the rewrite rebinds it to the new response; here the call "
        "has only the run's id, so code that polls that id afterwards sees the old response, and a loop "
        "`while` it has function calls would not end.",
        what_to_do="Return the new response from here and use it as the run (its `id` for polling, its "
        "`output` for the next calls).",
        autofix=False,
        effort=Effort.S,
        surface=SURFACE,
        examples=(
            Example(
                before="from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef resume(thread_id, run_id, outputs):\n"
                "    client.beta.threads.runs.submit_tool_outputs(thread_id=thread_id, "
                "run_id=run_id, tool_outputs=outputs)\n",
            ),
        ),
    ),
)

CALL_CHAIN = ("required_action", "submit_tool_outputs", "tool_calls")
SUBMIT_METHODS = frozenset({"submit_tool_outputs", "submit_tool_outputs_and_poll"})
CALL_TYPE_NAMES = frozenset({"RequiredActionFunctionToolCall"})
OUTPUTS_ANNOTATION = "ResponseInputParam"
LEFT_SUBMIT = "<submit left as it was>"  # in a scope's runs: a submit there stays, and so do its outputs
# what a Response repeats on its follow-up: its model configuration (the assistant's), not its state
FOLLOW_UP_FIELDS = '{"model": True, "instructions": True, "tools": True, "text": {"format"}}'
# a Response made from a run: created, polled or resumed (`object:<api path>` in provenance terms)
_RUN_VALUE = re.compile(r"object:beta\.threads\.(runs\.(create|create_and_poll|retrieve|poll|submit_tool_outputs"
                        r"|submit_tool_outputs_and_poll)|create_and_run(_poll)?)")


_SUBMIT_VALUE = re.compile(r"object:beta\.threads\.runs\.submit_tool_outputs(_and_poll)?")


def _is_run_value(value: str) -> bool:
    """A run (or the Response it became); a bare "object" is one from several openai calls (a run
    rebound to a poll's result), taken as a run where a run is expected."""
    return value == "object" or _RUN_VALUE.fullmatch(value) is not None


def _required_calls_receiver(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """`X.required_action.submit_tool_outputs.tool_calls` -> X."""
    node = expr
    for name in reversed(CALL_CHAIN):
        if not isinstance(node, cst.Attribute) or node.attr.value != name:
            return None
        node = node.value
    return node


class _Scope:
    def __init__(self) -> None:
        self.calls: set[str] = set()  # names bound to one tool call
        self.lists: set[str] = set()  # names bound to a list of tool calls
        self.outputs: set[str] = set()  # names bound to a list of function_call_output items
        self.runs: set[str] = set()  # names bound to the result of an Assistants runs call
        self.handles_tool_calls = False  # the scope's source mentions requires_action
        self.continued: set[str] = set()  # names of runs a follow-up response continues (Responses now)


class ToolCallsCodemod(Codemod):
    RULES = RULES
    DEPENDS_ON = ("runs",)  # the loops read Responses, not Runs
    HOT_WORDS = (
        "requires_action",
        "required_action",
        "submit_tool_outputs",
        "submit_tool_outputs_and_poll",
        "tool_call_id",
        "RequiredActionFunctionToolCall",
    )

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.scopes: list[_Scope] = [_Scope()]
        self.scopes[0].handles_tool_calls = any("requires_action" in line.split("#", 1)[0] for line in ctx.lines)
        self.assign_stack: list[tuple[cst.BaseExpression, str | None]] = []
        self._reported: set[tuple[int, str]] = set()
        self._submit_plans: dict[int, tuple[cst.Arg, ...]] = {}  # id of a submit call -> its follow-up's config
        self._chained: set[int] = set()  # ids of `X.required_action` nodes read further (`.submit_tool_outputs`)

    def report(self, rule_id: str, message: str | None = None, *, fixed: bool | None = None) -> None:
        """One finding per statement and rule (a loop body rewrites many attributes)."""
        key = (id(self.ctx.statement), rule_id)
        if key in self._reported:
            return
        self._reported.add(key)
        super().report(rule_id, message, fixed=fixed)

    # -- scopes -------------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        scope = _Scope()
        start, _, end, _ = self.ctx.span_of(node)
        # code, not comments: a comment naming the old status stays after the rewrite
        scope.handles_tool_calls = any("requires_action" in line.split("#", 1)[0] for line in self.ctx.lines[start - 1 : end])
        self.scopes.append(scope)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        scope = self.scopes.pop()
        return self._retype_run_params(updated_node, scope.continued)

    def _retype_run_params(self, node: cst.FunctionDef, continued: set[str]) -> cst.FunctionDef:
        """`def f(run: Run)` whose body now reads `run.output` (a Response): annotate it as one."""
        # the annotation first: rendering the body of every function would cost a second traversal
        if not any(p.annotation is not None and any(n.value == "Run" for n in annotation_names(p.annotation.annotation))
                   for p in node.params.params):
            return node
        body = cst.Module([]).code_for_node(node.body)
        params = []
        changed = False
        for param in node.params.params:
            annotation = None
            if param.annotation is not None and (param.name.value in continued or
                                                 re.search(r"\b" + re.escape(param.name.value) + r"\.output\b", body)):
                annotation = as_response(self, param.annotation)
            changed |= annotation is not None
            params.append(param if annotation is None else param.with_changes(annotation=annotation))
        return node.with_changes(params=node.params.with_changes(params=params)) if changed else node

    def _is_call_name(self, name: str) -> bool:
        return any(name in s.calls for s in self.scopes)

    def _is_list_name(self, name: str) -> bool:
        return any(name in s.lists for s in self.scopes)

    def _is_calls_expr(self, expr: cst.BaseExpression) -> bool:
        """An expression (original node) that holds the list of tool calls (of a response)."""
        receiver = _required_calls_receiver(expr)
        if receiver is not None:
            return self._is_response(receiver)
        return isinstance(expr, cst.Name) and self._is_list_name(expr.value)

    def _is_call_expr(self, expr: cst.BaseExpression) -> bool:
        """An expression (original node) that holds one tool call (of a Response: not in a kept flow)."""
        if kept_here():
            return False  # its runs stay Runs: their tool calls keep `.id` and `.function`
        if isinstance(expr, cst.Name):
            return self._is_call_name(expr.value)
        if isinstance(expr, cst.Subscript):
            return self._is_calls_expr(expr.value)
        return False

    def _bind_loop_target(self, target: cst.BaseExpression, iterable: cst.BaseExpression) -> None:
        if self._is_calls_expr(iterable) and isinstance(target, cst.Name):
            self.scopes[-1].calls.add(target.value)
        elif (
            isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name)
            and iterable.func.value == "enumerate"
            and iterable.args
            and self._is_calls_expr(iterable.args[0].value)
            and isinstance(target, cst.Tuple)
            and len(target.elements) == 2
            and isinstance(target.elements[1].value, cst.Name)
        ):
            self.scopes[-1].calls.add(target.elements[1].value.value)  # type: ignore[attr-defined]

    # -- bindings (top-down, on original nodes) ----------------------------------------

    def visit_For(self, node: cst.For) -> None:
        self._bind_loop_target(node.target, node.iter)

    def _visit_comprehension(self, node: cst.BaseComp) -> None:
        comp: cst.CompFor | None = node.for_in  # type: ignore[attr-defined]
        while comp is not None:
            self._bind_loop_target(comp.target, comp.iter)
            comp = comp.inner_for_in

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._visit_comprehension(node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._visit_comprehension(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._visit_comprehension(node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._visit_comprehension(node)

    def _is_response(self, expr: cst.BaseExpression) -> bool:
        """False for a name bound to a runs call that the runs codemod left as it was (still a Run)."""
        name = dotted_name(expr)
        if name is not None and name in facts(self.ctx).left_runs:
            return False
        if name is not None and name in facts(self.ctx).responses:
            return True
        if not from_openai(expr):
            return False  # a task, a job: `status == "requires_action"` is theirs
        return name is None or not any(name in s.runs for s in self.scopes)

    def visit_Assign(self, node: cst.Assign) -> None:
        target = node.targets[0].target if len(node.targets) == 1 else None
        name = dotted_name(target) if target is not None else None
        self.assign_stack.append((node.value, name))
        value = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if name is not None and isinstance(value, cst.Call):
            chain = beta_chain(value.func)
            if chain is not None and chain[1][-1] not in SUBMIT_METHODS and (chain[1][:3] == ["beta", "threads", "runs"] or (
                    len(chain[1]) == 3 and chain[1][2].startswith("create_and_run"))):
                self.scopes[-1].runs.add(name)
        if target is None or not isinstance(target, cst.Name):
            return
        if self._is_calls_expr(node.value):
            self.scopes[-1].lists.add(target.value)
        elif self._is_call_expr(node.value):
            self.scopes[-1].calls.add(target.value)

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        self.assign_stack.pop()
        return updated_node

    def visit_Param(self, node: cst.Param) -> None:
        annotation = node.annotation.annotation if node.annotation is not None else None
        if annotation is None:
            return
        name = dotted_name(annotation)
        if name is not None and name.rsplit(".", 1)[-1] in CALL_TYPE_NAMES:
            self.scopes[-1].calls.add(node.name.value)
        elif isinstance(annotation, cst.Subscript):
            inner = annotation.slice[0].slice if annotation.slice else None
            inner_name = dotted_name(inner.value) if isinstance(inner, cst.Index) else None
            if inner_name is not None and inner_name.rsplit(".", 1)[-1] in CALL_TYPE_NAMES:
                self.scopes[-1].lists.add(node.name.value)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        """`RequiredActionFunctionToolCall` in annotations -> `ResponseFunctionToolCall`."""
        if updated_node.value in CALL_TYPE_NAMES and self._in_annotation and not kept_here():
            self.add_import("openai.types.responses", "ResponseFunctionToolCall")
            self.remove_import("openai.types.beta.threads", updated_node.value)
            self.remove_import("openai.types.beta.threads.required_action_function_tool_call", updated_node.value)
            self.report(CALL_FIELDS)
            return updated_node.with_changes(value="ResponseFunctionToolCall")
        return updated_node

    _annotation_depth = 0

    @property
    def _in_annotation(self) -> bool:
        return self._annotation_depth > 0

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self._annotation_depth += 1

    def leave_Annotation(self, original_node: cst.Annotation, updated_node: cst.Annotation) -> cst.Annotation:
        self._annotation_depth -= 1
        return updated_node

    # -- rewrites (bottom-up) ------------------------------------------------------------

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Attribute) and node.value.attr.value in ("required_action", "submit_tool_outputs"):
            if node.value.attr.value == "required_action" or node.attr.value == "tool_calls":
                self._chained.add(id(node.value))

    def _bare_required_action(self, node: cst.BaseExpression) -> bool:
        """`run.required_action` tested on its own (truthiness, `is None`) on what is a Response now."""
        if not isinstance(node, cst.Attribute) or node.attr.value != "required_action" or id(node) in self._chained:
            return False
        name = dotted_name(node.value)
        return name is not None and not name.endswith(".data") and self._is_response(node.value)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        attr = updated_node.attr.value
        if attr == "submit_tool_outputs" and id(original_node) not in self._chained and \
                isinstance(original_node.value, cst.Attribute) and original_node.value.attr.value == "required_action":
            receiver = original_node.value.value
            name = dotted_name(receiver)
            if name is not None and not name.endswith(".data") and self._is_response(receiver):
                # `run.required_action.submit_tool_outputs.model_dump()`, passed whole: no tool_calls read here
                self.todo(TOOL_CALLS, f"a Response has no required_action: pass the function_call items "
                          f"[item for item in {name}.output if item.type == \"function_call\"] (fields call_id, "
                          "name, arguments) instead of required_action.submit_tool_outputs")
                return updated_node
        if attr == "required_action" and self._bare_required_action(original_node):
            # a Response has no required_action: it wants tool outputs when its output holds function calls
            self.report(STATUS)
            return has_function_calls(updated_node.value)
        if attr == "tool_calls":
            receiver = _required_calls_receiver(updated_node)
            if receiver is not None and self._is_response(receiver):
                self.report(TOOL_CALLS)
                return function_calls_of(receiver)
        elif attr == "id":
            if self._is_call_expr(original_node.value):
                self.report(CALL_FIELDS)
                return updated_node.with_changes(attr=cst.Name("call_id"))
        elif attr in ("name", "arguments"):
            inner_original = original_node.value
            inner = updated_node.value
            if (
                isinstance(inner_original, cst.Attribute)
                and isinstance(inner, cst.Attribute)
                and inner_original.attr.value == "function"
                and self._is_call_expr(inner_original.value)
            ):
                self.report(CALL_FIELDS)
                return updated_node.with_changes(value=inner.value)
        return updated_node

    def leave_BooleanOperation(
        self, original_node: cst.BooleanOperation, updated_node: cst.BooleanOperation
    ) -> cst.BaseExpression:
        """`status == "requires_action" and required_action` both became the same `any(...)`: keep one."""
        left, right = updated_node.left, updated_node.right
        if left is not original_node.left and right is not original_node.right and \
                cst.Module([]).code_for_node(left) == cst.Module([]).code_for_node(right):
            return left.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar) if updated_node.lpar else left
        return updated_node

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        if len(updated_node.comparisons) != 1:
            return updated_node
        op = updated_node.comparisons[0].operator
        if isinstance(op, (cst.Is, cst.IsNot)) and self._bare_required_action(original_node.left) and \
                isinstance(original_node.comparisons[0].comparator, cst.Name) and \
                original_node.comparisons[0].comparator.value == "None":
            # `run.required_action is None` (already `any(...)` here): no function calls
            receiver = original_node.left.value  # type: ignore[attr-defined]
            return _keep_parens(updated_node, has_function_calls(receiver, negate=isinstance(op, cst.Is)))
        target = updated_node.comparisons[0]
        left, right = updated_node.left, target.comparator
        if str_value(left) is not None and isinstance(right, cst.Attribute):
            left, right = right, left
        if not isinstance(left, cst.Attribute):
            return updated_node
        op = target.operator
        # `tool_call.type == "function"`: function_call items say "function_call"
        if left.attr.value == "type" and self._is_call_expr(_original_left(original_node)):
            if str_value(right) == "function" and isinstance(right, cst.SimpleString):
                self.report(CALL_FIELDS)
                new_right = like_string(right, "function_call")
                if updated_node.left is left:
                    return updated_node.with_changes(comparisons=[target.with_changes(comparator=new_right)])
                return updated_node.with_changes(left=new_right)
            return updated_node
        if left.attr.value != "status" or not self._is_response(left.value):
            return updated_node
        if isinstance(op, (cst.Equal, cst.NotEqual)) and str_value(right) == "requires_action":
            self.report(STATUS)
            return _keep_parens(updated_node, has_function_calls(left.value, negate=isinstance(op, cst.NotEqual)))
        if isinstance(op, (cst.Equal, cst.NotEqual)) and str_value(right) == "completed" and self.scopes[-1].handles_tool_calls:
            # A run that wanted tool outputs was `requires_action`, never `completed`; a Response that
            # wants them *is* completed. Where this code also handles tool calls, keep the two apart.
            self.report(STATUS)
            negate = isinstance(op, cst.NotEqual)
            return cst.BooleanOperation(
                left=updated_node.with_changes(lpar=[], rpar=[]),
                operator=cst.Or() if negate else cst.And(),
                right=has_function_calls(left.value, negate=not negate),
                lpar=[cst.LeftParen()],
                rpar=[cst.RightParen()],
            )
        if isinstance(op, (cst.In, cst.NotIn)) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
            values = [str_value(e.value) for e in right.elements]
            if "requires_action" not in values:
                return updated_node
            self.report(STATUS)
            negate = isinstance(op, cst.NotIn)
            rest = [e for e, v in zip(right.elements, values) if v != "requires_action"]
            calls = has_function_calls(left.value, negate=negate)
            if not rest:
                return _keep_parens(updated_node, calls)
            rest = [*rest[:-1], rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            if isinstance(right, cst.Tuple) and len(rest) == 1:
                rest = [rest[0].with_changes(comma=cst.Comma())]
            status_test = updated_node.with_changes(
                left=left, comparisons=[target.with_changes(comparator=right.with_changes(elements=rest))], lpar=[], rpar=[]
            )
            combined = cst.BooleanOperation(
                left=status_test, operator=cst.And() if negate else cst.Or(), right=calls,
                lpar=[cst.LeftParen()], rpar=[cst.RightParen()],
            )
            return combined
        return updated_node

    def _unconverted_runs_here(self) -> bool:
        """A run of this function stayed an Assistants run, or the function is part of a flow kept on
        the Assistants API (its outputs go back to a kept `submit_tool_outputs`): outputs keep their shape."""
        if kept_here():
            return True
        known = facts(self.ctx).responses
        return any(name not in known for name in self.scopes[-1].runs)

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.BaseExpression:
        elements = updated_node.elements
        if self._unconverted_runs_here():
            return updated_node
        if len(elements) != 2 or not all(isinstance(e, cst.DictElement) for e in elements):
            return updated_node
        keys = [str_value(e.key) for e in elements]  # type: ignore[union-attr]
        if sorted(k or "" for k in keys) != ["output", "tool_call_id"]:
            return updated_node
        first = elements[0]
        id_index = keys.index("tool_call_id")
        id_el = elements[id_index]
        assert isinstance(id_el, cst.DictElement) and isinstance(first, cst.DictElement)
        if not isinstance(id_el.key, cst.SimpleString) or not isinstance(first.key, cst.SimpleString):
            return updated_node
        self.report(OUTPUT_ITEMS)
        type_el = cst.DictElement(
            key=like_string(first.key, "type"),
            value=like_string(first.key, "function_call_output"),
            comma=first.comma if isinstance(first.comma, cst.Comma) else cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
        )
        new = list(elements)
        new[id_index] = id_el.with_changes(key=like_string(id_el.key, "call_id"))
        self._note_outputs_value()
        return updated_node.with_changes(elements=[type_el, *new])

    def _note_outputs_value(self) -> None:
        """The dict being rewritten sits in `name = ...`: that name holds output items."""
        if self.assign_stack and self.assign_stack[-1][1] is not None:
            self.scopes[-1].outputs.add(self.assign_stack[-1][1])  # type: ignore[arg-type]

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        # dict(tool_call_id=..., output=...)
        if isinstance(func, cst.Name) and func.value == "dict" and not has_star_args(updated_node):
            names = sorted(a.keyword.value for a in updated_node.args if a.keyword is not None)
            if names == ["output", "tool_call_id"] and len(updated_node.args) == 2 and not self._unconverted_runs_here():
                self.report(OUTPUT_ITEMS)
                first = updated_node.args[0]
                args = [
                    kwarg("type", cst.SimpleString('"function_call_output"')).with_changes(
                        comma=first.comma if isinstance(first.comma, cst.Comma) else cst.Comma(
                            whitespace_after=cst.SimpleWhitespace(" ")
                        )
                    ),
                    *[
                        a.with_changes(keyword=cst.Name("call_id")) if a.keyword and a.keyword.value == "tool_call_id" else a
                        for a in updated_node.args
                    ],
                ]
                self._note_outputs_value()
                return updated_node.with_changes(args=args)
            return updated_node
        # outputs.append({...}) after the dict was rewritten
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "append"
            and isinstance(func.value, cst.Name)
            and len(updated_node.args) == 1
            and _is_output_item(updated_node.args[0].value)
        ):
            self.scopes[-1].outputs.add(func.value.value)
            return updated_node
        found = runs_method(updated_node, self.ctx)
        if found is None or found[1] not in SUBMIT_METHODS:
            return updated_node
        return self._rewrite_submit(original_node, updated_node, found[0], polls=found[1].endswith("_and_poll"))

    def _rewrite_submit(self, original: cst.Call, call: cst.Call, client: cst.BaseExpression,
                        polls: bool) -> cst.BaseExpression:
        run_id = arg_value(call, "run_id", 0)
        thread_id = arg_value(call, "thread_id")
        outputs = arg_value(call, "tool_outputs")
        run = response_facts_for_run_id(self.ctx, run_id)
        config_args = self._submit_plans.get(id(original), ())
        if has_star_args(call) or not config_args or thread_id is None or outputs is None:
            self.todo(SUBMIT_UNKNOWN)
            if self.assign_stack and self.assign_stack[-1][1] is not None:
                facts(self.ctx).responses.pop(self.assign_stack[-1][1], None)  # a Run again
            return call
        if isinstance(outputs, cst.Name):
            self.scopes[-1].outputs.add(outputs.value)
        head = [kwarg("input", outputs)]
        stream = keyword(call, "stream")
        if stream is not None:
            head.append(kwarg("stream", stream.value))
        head += [kwarg(a.keyword.value, a.value) for a in call.args if a.keyword is not None and a.keyword.value in PASS_THROUGH]
        # a run the program polls itself resumes queued after its outputs: so does the response that takes them
        background = run is not None and run.background and not polls and stream is None
        if background:
            head.append(kwarg("background", cst.Name("True")))
        args = follow_up_args(config_args, conversation=thread_id, head=head)
        self.report(SUBMIT)
        new_call = call.with_changes(func=responses_method(client, "create"), args=layout_args(args, call))
        # the variable the result is bound to is a response with the same configuration
        if self.assign_stack:
            value, name = self.assign_stack[-1]
            inner = value.expression if isinstance(value, cst.Await) else value
            if inner is original and name is not None:
                facts(self.ctx).responses[name] = ResponseFacts(
                    var=name, client=client, conversation=thread_id, config_args=tuple(config_args),
                    is_async=run.is_async if run is not None else self._async_client(client),
                    streaming=stream is not None, background=background,
                )
        return new_call

    def visit_Call(self, node: cst.Call) -> None:
        """Decide, before the outputs inside it are rewritten, whether a submit can move: the config
        its follow-up repeats is that of the response it continues (see _submit_config)."""
        found = runs_method(node, self.ctx)
        if found is None or found[1] not in SUBMIT_METHODS:
            return
        config = self._submit_config(node, found[0])
        self._submit_plans[id(node)] = config
        if not config:
            self.scopes[-1].runs.add(LEFT_SUBMIT)  # its outputs keep their Assistants shape

    def _submit_config(self, call: cst.Call, client: cst.BaseExpression) -> tuple[cst.Arg, ...]:
        run_id = arg_value(call, "run_id", 0)
        if has_star_args(call) or run_id is None or arg_value(call, "thread_id") is None or \
                arg_value(call, "tool_outputs") is None:
            return ()
        run = response_facts_for_run_id(self.ctx, run_id)
        if run is not None and run.config_args:
            return tuple(run.config_args)
        return self._config_of_response(client, run_id)

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.BaseSmallStatement:
        """A run resumed in place after its tool outputs; a Response does not: the follow-up is a new
        response. A submit (or a project helper returning one) whose result is dropped, with the run in
        a variable, rebinds that variable to the result, so the code after it (polling `run.id`, reading
        `run.status`) sees the resumed run, or the follow-up response. Both APIs return the run there."""
        call = original_node.value.expression if isinstance(original_node.value, cst.Await) else original_node.value
        if not isinstance(call, cst.Call) or kept_here():
            return updated_node
        found = runs_method(call, self.ctx)
        run: cst.BaseExpression | None = None
        if found is not None and found[1] in SUBMIT_METHODS:
            run_id = arg_value(call, "run_id", 0)
            if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id":
                run = run_id.value
        elif project_function(call.func) and _SUBMIT_VALUE.fullmatch(origin(call)):
            runs = [a.value for a in call.args if dotted_name(a.value) is not None and _is_run_value(origin(a.value))]
            run = runs[0] if len(runs) == 1 else None
        if run is None or dotted_name(run) is None:
            if found is not None and found[1] in SUBMIT_METHODS and updated_node.value is not original_node.value:
                # a bare run id: nothing to rebind here, and the id still names the response that asked
                self.todo(FOLLOW_UP_DROPPED, "the follow-up response is dropped: code that polls this run id "
                          "afterwards sees the response that asked for the calls (still holding them); return this "
                          "response and use it as the run")
            return updated_node
        return cst.Assign(targets=[cst.AssignTarget(target=run)], value=updated_node.value,
                          semicolon=updated_node.semicolon)

    def _config_of_response(self, client: cst.BaseExpression, run_id: cst.BaseExpression) -> tuple[cst.Arg, ...]:
        """The run was made elsewhere (a helper's parameter, another function's result), so its model
        configuration is not in scope; the Response it became carries it (model, instructions, tools,
        text format): `**run.model_dump(...)`, or `**client.responses.retrieve(run_id).model_dump(...)`
        for a bare id. Empty when the run can't be one of this flow's Responses."""
        source: str | None = None
        if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id":
            run = run_id.value
            if dotted_name(run) is not None and _is_run_value(origin(run)) and not self._is_left_run(run):
                source = code_of(run)
                self.scopes[-1].continued.add(source)
        if source is None:
            if not from_openai(run_id):
                return ()
            retrieve = f"{code_of(client)}.responses.retrieve({code_of(run_id)})"
            source = f"(await {retrieve})" if self._async_client(client) else retrieve
        dump = cst.parse_expression(f"{source}.model_dump(include={FOLLOW_UP_FIELDS}, exclude_none=True)")
        return (cst.Arg(value=dump, star="**"),)

    def _is_left_run(self, run: cst.BaseExpression) -> bool:
        name = dotted_name(run)
        return name is not None and name in facts(self.ctx).left_runs

    @staticmethod
    def _async_client(client: cst.BaseExpression) -> bool:
        return origin(client) in ASYNC_CLIENT_CLASSES

    # -- annotate lists of output items (mypy: list[dict] is not a list of input items) --

    def _annotate_outputs(self, body: tuple[cst.BaseStatement, ...] | list) -> list | None:
        names = self.scopes[-1].outputs
        if not names:
            return None
        changed = False
        new_body = []
        for stmt in body:
            if (
                isinstance(stmt, cst.SimpleStatementLine)
                and len(stmt.body) == 1
                and isinstance(stmt.body[0], cst.Assign)
                and len(stmt.body[0].targets) == 1
                and isinstance(stmt.body[0].targets[0].target, cst.Name)
                and stmt.body[0].targets[0].target.value in names
                and isinstance(stmt.body[0].value, (cst.List, cst.ListComp))
            ):
                assign = stmt.body[0]
                ann = cst.AnnAssign(
                    target=assign.targets[0].target,
                    annotation=cst.Annotation(cst.Name(OUTPUTS_ANNOTATION)),
                    value=assign.value,
                    semicolon=assign.semicolon,
                )
                stmt = stmt.with_changes(body=[ann])
                changed = True
            new_body.append(stmt)
        if changed:
            self.add_import("openai.types.responses", OUTPUTS_ANNOTATION)
            return new_body
        return None

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        body = self._annotate_outputs(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._annotate_outputs(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)


def _original_left(node: cst.Comparison) -> cst.BaseExpression:
    """The receiver of `X.type` in an original comparison (either side)."""
    for side in (node.left, node.comparisons[0].comparator):
        if isinstance(side, cst.Attribute):
            return side.value
    return node.left


def _keep_parens(old: cst.Comparison, new: cst.BaseExpression) -> cst.BaseExpression:
    if old.lpar and isinstance(new, (cst.Call, cst.UnaryOperation)):
        return new.with_changes(lpar=old.lpar, rpar=old.rpar)
    return new


def _is_output_item(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Dict):
        for e in expr.elements:
            if isinstance(e, cst.DictElement) and str_value(e.key) == "type":
                return str_value(e.value) == "function_call_output"
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "dict":
        t = keyword(expr, "type")
        return t is not None and str_value(t.value) == "function_call_output"
    return False


CODEMOD = ToolCallsCodemod
