"""Runs -> responses (api-mapping 1.4, 1.5, 3.8, 3.9, 4).

`runs.create(thread_id, assistant_id=..., ...)` and `runs.create_and_poll(...)` become
`responses.create(conversation=<thread id>, truncation="auto", **<assistant config>, ...)`:
a synchronous call whose result is final. `truncation="auto"` keeps the Assistants
default (Responses defaults to "disabled", a 400 on overflow). Overrides that the
spread config may also hold are merged into it (`**{**cfg, "model": m}`), so no
keyword is ever passed twice.

`runs.retrieve`/`runs.poll` become `responses.retrieve(run_id)` (correct for a finished
response). A status-polling `while` loop is removed only when provably dead: its test
can only be true for queued/in_progress/cancelling, the variable was just bound to a
synchronous `responses.create` in the same block, and its body does nothing but wait and
re-read the run (a log line or a counter would be lost). Otherwise the loop stays.

`threads.create_and_run(_poll)` becomes `conversations.create(items=...)` plus
`responses.create(conversation=...)`. `runs.cancel/list/update`, `runs.steps.*`,
`truncation_strategy.last_messages` and `max_prompt_tokens` have no equivalent: a TODO
each. Anything about `requires_action`, tool outputs and streaming is left to the
tool_calls and streaming codemods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

import libcst as cst

from assistants_migrate.codemods import tools as tools_mod
from assistants_migrate.codemods._assist_common import (
    build_call,
    dict_get,
    dict_items,
    kwarg,
    resource_path,
    s,
    star_arg,
    str_value,
    strip_await,
)
from assistants_migrate.codemods._facts import ConversationFacts, ResponseFacts, facts
from assistants_migrate.codemods._receivers import dotted_name, origin
from assistants_migrate.codemods._run_polls import observed_runs, waiting_loop
from assistants_migrate.codemods._syntax import RenameName, annotation_names, arg_value, code_of, returned_values
from assistants_migrate.codemods.assistants import (
    CONFIG_KEYS,
    DEFAULT_CONFIGS_MODULE,
    aliases,
    import_configs,
    id_replacement,
    left_configs,
    resolve_assistant,
)
from assistants_migrate.codemods._assist_examples import EXAMPLES
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.engine.transform import fast_visit
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

# what the assistants codemod turns into config dicts (codemods/_provenance.py names values by the call that made them)
CONFIG_ORIGINS = frozenset({"object:beta.assistants.create", "object:beta.assistants.retrieve"})

RUN_CREATE = "AM501"
ASSISTANT_UNKNOWN = "AM502"
RUN_RETRIEVE = "AM503"
POLL_LOOP = "AM504"
RUN_CANCEL = "AM505"
RUN_LIST = "AM506"
RUN_UPDATE = "AM507"
RUN_STEPS = "AM508"
TRUNCATION = "AM509"
MAX_PROMPT_TOKENS = "AM510"
RUN_ARGS = "AM511"
CREATE_AND_RUN = "AM512"
RUN_FIELD = "AM513"
ADDITIONAL = "AM514"
FOLLOWS_UNMIGRATED = "AM515"
BACKGROUND = "AM516"

THEIRS = {"stream", "create_and_stream", "submit_tool_outputs", "submit_tool_outputs_and_poll",
          "submit_tool_outputs_stream"}
_SAME = {"model", "temperature", "top_p", "metadata", "parallel_tool_calls"}
_REQUEST_OPTIONS = {"extra_headers", "extra_query", "extra_body", "timeout"}
_INCLUDE_MAP = {"step_details.tool_calls[*].file_search.results[*].content": "file_search_call.results"}
_FIELD_MAP = {"last_error": "error", "max_completion_tokens": "max_output_tokens", "started_at": "created_at"}
_NO_FIELD = {"assistant_id", "expires_at", "failed_at", "cancelled_at", "truncation_strategy", "max_prompt_tokens",
             "response_format",
             "tool_resources"}  # not a Run field either (an assistant's or thread's): read on a run, it raises in both
_USAGE_MAP = {"prompt_tokens": "input_tokens", "completion_tokens": "output_tokens"}
# Run fields whose Response reading is not a rename: thread_id -> the conversation the run was made on
# (here); required_action -> the function_call items of response.output (codemods/tool_calls.py)
SPECIAL_FIELDS = frozenset({"thread_id", "required_action"})


RETYPE_RUNS = "runs:every Run is a Response"  # a flow pin (see RunsCodemod.flow_pins)
_THREADS_CALL = re.compile(r"\.beta\s*\.\s*threads\s*\.[\w.\s]*\(")  # a threads call left (not an import)
_RUN_IMPORT = re.compile(r"from\s+openai\.types\.beta\.threads(?:\.run)?\s+import\s[^\n]*\bRun\b")


def as_response(codemod: Codemod, annotation: cst.Annotation) -> cst.Annotation | None:
    """An annotation naming `Run`, for a value that is a Response now: `Response` (imported, as
    `OpenAIResponse` when the file has its own `Response`); None when it names no `Run`."""
    if not _names_run(annotation):
        return None
    alias = "OpenAIResponse" if re.search(r"\bResponse\b", codemod.ctx.source) else "Response"
    codemod.add_import("openai.types.responses", "Response", alias if alias != "Response" else None)
    for module in ("openai.types.beta.threads", "openai.types.beta.threads.run"):
        codemod.remove_import(module, "Run")  # only where nothing mentions Run any more
    return annotation.with_changes(annotation=annotation.annotation.visit(RenameName("Run", alias)))


def _names_run(annotation: cst.Annotation | None) -> bool:
    return annotation is not None and any(n.value == "Run" for n in annotation_names(annotation.annotation))


def _is_response_value(value: cst.BaseExpression, responses: dict) -> bool:
    value, _ = strip_await(value)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
            value.func.attr.value in ("create", "retrieve") and isinstance(value.func.value, cst.Attribute) and \
            value.func.value.attr.value == "responses":
        return True
    return dotted_name(value) in responses


def _rule(rid: str, title: str, severity: Severity, why: str, what: str, autofix: bool, effort: Effort,
          examples: tuple[Example, ...] = ()) -> Rule:
    return Rule(id=rid, title=title, severity=severity, why=why, what_to_do=what, autofix=autofix, effort=effort,
                surface="runs", examples=examples or EXAMPLES.get(rid, ()))


RULES = register(
    _rule(RUN_CREATE, "Run became a `responses.create` call", Severity.NOTE,
          "A run executed an assistant on a thread; a response does the same on a conversation, synchronously. "
          "The assistant's settings are spread in, `thread_id` became `conversation`, and `truncation=\"auto\"` "
          "keeps the Assistants default (Responses defaults to \"disabled\": a 400 when the context overflows).",
          "Nothing. The result is final: no polling needed.", True, Effort.S),
    _rule(ASSISTANT_UNKNOWN, "Run uses an assistant id known only at run time: config read from `assistant_configs`",
          Severity.WARNING,
          "The assistant comes from an env var, settings, a database or a parameter: its model, instructions "
          "and tools are not in this code, and Responses has no server-side assistant to look them up. The run "
          "was rewritten to spread `**ASSISTANT_CONFIGS[<id>]` from the module `assistants-migrate export` "
          "generates (`assistant_configs.py`), so the rest of the code could be migrated consistently.",
          "Run `assistants-migrate export --out DIR` and replace the `assistant_configs.py` the rewrite created "
          "(it reads missing ids from the server once, while one serves them) with `DIR/assistant_configs.py`; or "
          "rewrite with `--configs your.module` to import it from elsewhere; or fill in the dict by hand.",
          False, Effort.M),
    _rule(RUN_RETRIEVE, "`runs.retrieve`/`runs.poll` became `responses.retrieve`", Severity.NOTE,
          "Run ids become response ids; a response made without `background=True` is already final, so "
          "retrieving it returns it as is and any polling loop ends at once.",
          "Nothing; remove the polling if you like.", True, Effort.S),
    _rule(POLL_LOOP, "Dead status-polling loop removed", Severity.NOTE,
          "The loop waited while the run was queued or in progress; `responses.create` returns a finished "
          "response, so the loop condition can never be true.", "Nothing.", True, Effort.S),
    _rule(RUN_CANCEL, "`runs.cancel` has no equivalent for synchronous responses", Severity.WARNING,
          "Only responses created with `background=True` can be cancelled (`responses.cancel`); a synchronous "
          "call has already finished when it returns.",
          "Drop the cancel, or create the response with `background=True` and call `responses.cancel(id)`.",
          False, Effort.S),
    _rule(RUN_LIST, "`runs.list` has no equivalent", Severity.WARNING,
          "Responses cannot be listed, and conversation items carry no link to the response that made them. "
          "Active-run checks are unnecessary: a synchronous response never stays in progress.",
          "Remove active-run checks; keep your own log of response ids if you need a history.", False, Effort.S),
    _rule(RUN_UPDATE, "`runs.update` has no equivalent", Severity.WARNING,
          "Responses have no update endpoint; their metadata is set at creation.",
          "Pass `metadata=` to `responses.create` instead.", False, Effort.S),
    _rule(RUN_STEPS, "Run steps have no equivalent", Severity.WARNING,
          "Steps became the response's output items (`response.output`: messages, function calls, file search "
          "and code interpreter calls); there are no step objects, step timestamps or per-step usage.",
          "Read `response.output` (or `responses.retrieve(id).output`, `responses.input_items.list(id)`).",
          False, Effort.M),
    _rule(TRUNCATION, "`truncation_strategy` has no equivalent", Severity.WARNING,
          "Responses only knows `truncation=\"auto\"` or `\"disabled\"`; keeping the last N messages is not "
          "available.", "Trim conversation items yourself (`conversations.items.delete`) or build `input` by hand.",
          False, Effort.M),
    _rule(MAX_PROMPT_TOKENS, "`max_prompt_tokens` has no equivalent", Severity.WARNING,
          "Responses has no cap on input tokens.",
          "Use `truncation=\"auto\"`, `context_management`, or count with `responses.input_tokens.count`.",
          False, Effort.S),
    _rule(RUN_ARGS, "Run arguments not statically known", Severity.WARNING,
          "The call passes `**kwargs` with unknown keys, positional arguments, or values (response_format, "
          "include, additional_messages) that cannot be mapped without knowing them.",
          "Rewrite as `responses.create(conversation=..., truncation=\"auto\", ...)` with the Responses "
          "parameter names (see the mapping table).", False, Effort.S),
    _rule(CREATE_AND_RUN, "`threads.create_and_run` became a conversation plus a response", Severity.NOTE,
          "Responses has no combined call: the thread's messages become the conversation's items, then a "
          "response runs on it.", "Nothing.", True, Effort.S),
    _rule(RUN_FIELD, "Run field with no Response equivalent", Severity.WARNING,
          "Responses have no expiry, cancel/failure timestamps, assistant id or truncation strategy.",
          "Remove the read, or compute it yourself (e.g. from `created_at`/`completed_at`).", False, Effort.S),
    _rule(FOLLOWS_UNMIGRATED, "Run read left as it was: the run it reads was not migrated", Severity.WARNING,
          "The run this call polls was created by a call left on the Assistants API (its assistant is not "
          "known here); polling it through the Responses API would fail, so both stay together.",
          "Migrate the run's creation first (see the TODO there, e.g. rewrite with --configs), then this "
          "becomes `responses.retrieve(<id>)`, or goes away with its polling loop.", False, Effort.S),
    _rule(BACKGROUND, "Run the program polls became a background response", Severity.NOTE,
          "The program watches this run progress (a polling loop that does more than wait, or a status it "
          "prints or returns). A plain `responses.create` returns a finished response, so those `queued`/"
          "`in_progress` steps would vanish; `background=True` keeps them: the response walks queued -> "
          "in_progress -> completed under `responses.retrieve` as the run did.",
          "Nothing; drop `background=True` and the polling if you no longer need them.", True, Effort.S),
    _rule(ADDITIONAL, "`additional_instructions`/`additional_messages` mapped", Severity.NOTE,
          "`additional_instructions` were appended to the instructions of this call; `additional_messages` are "
          "sent as `input`, and become conversation items once the response completes.",
          "Check that persisting these messages in the conversation is what you want.", True, Effort.S),
)


@dataclass
class Converted:
    args: list[cst.Arg] = field(default_factory=list)
    config_args: list[cst.Arg] = field(default_factory=list)
    input: cst.BaseExpression | None = None
    todos: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    failure: tuple[str, str] | None = None


def map_messages(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """A literal list of `{"role", "content"}` message dicts -> Responses input items."""
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return None
    out = []
    for el in expr.elements:
        if not isinstance(el, cst.Element) or not isinstance(el.value, cst.Dict):
            return None
        items = dict_items(el.value)
        if items is None or not {k for k, _ in items} <= {"role", "content", "metadata"}:
            return None
        d = el.value
        content = dict_get(d, "content")
        if content is None:
            return None
        if isinstance(content.value, (cst.List, cst.Tuple)):
            parts = []
            for p in content.value.elements:
                if not isinstance(p, cst.Element) or not isinstance(p.value, cst.Dict):
                    return None
                if str_value(getattr(dict_get(p.value, "type"), "value", None)) != "text":
                    return None
                t = dict_get(p.value, "type")
                assert t is not None
                parts.append(p.with_changes(value=p.value.with_changes(elements=[
                    e.with_changes(value=s("input_text")) if e is t else e for e in p.value.elements])))
            d = d.with_changes(elements=[e.with_changes(value=content.value.with_changes(elements=parts))
                                         if e is content else e for e in d.elements])
        meta = dict_get(d, "metadata")
        if meta is not None:
            kept = [e for e in d.elements if e is not meta]
            kept[-1] = kept[-1].with_changes(comma=meta.comma)
            d = d.with_changes(elements=kept)
        out.append(el.with_changes(value=d))
    return cst.List(elements=out, lbracket=getattr(expr, "lbracket", cst.LeftSquareBracket()),
                    rbracket=getattr(expr, "rbracket", cst.RightSquareBracket()))


def convert_run_args(ctx: object, args: list[cst.Arg]) -> Converted:
    """Map run keyword args (without thread_id/thread) to responses.create args."""
    out = Converted()
    cfg: cst.BaseExpression | None = None
    keys: frozenset[str] = frozenset()
    mapped: list[tuple[str, cst.BaseExpression]] = []
    options: list[cst.Arg] = []
    additional_instructions: cst.BaseExpression | None = None
    unknown_assistant = False
    for arg in args:
        if arg.star or arg.keyword is None:
            out.failure = (RUN_ARGS, "run arguments not statically known (**kwargs or positional): rewrite as "
                           "responses.create(conversation=..., truncation=\"auto\", ...) by hand")
            return out
        key, value = arg.keyword.value, arg.value
        if key == "assistant_id":
            known = resolve_assistant(ctx, value)
            if known is None and isinstance(value, cst.Attribute) and value.attr.value == "id" and \
                    origin(value.value) in CONFIG_ORIGINS and dotted_name(value.value) not in left_configs(ctx):
                # made by an assistants call in another function or module, which became a config dict
                cfg, keys = value.value, CONFIG_KEYS
                continue
            if known is not None:
                cfg, keys = known.params_expr, known.param_names
                var = dotted_name(cfg)
                if var is not None and var in left_configs(ctx):
                    out.todos.append((ASSISTANT_UNKNOWN, f"{var} is a config dict only where its assistants call "
                                      "was rewritten; another path binds it to a call left with a TODO (an "
                                      "Assistant object): resolve that TODO so every path binds a dict"))
                continue
            configs = ctx.options.configs_module  # type: ignore[attr-defined]
            if configs is None:
                # Same rewrite as with --configs, from the module `export` writes by default: the run and
                # everything that follows it (polls, tool outputs, streams) stay on one API.
                configs = DEFAULT_CONFIGS_MODULE
                unknown_assistant = True
            cfg = cst.Subscript(cst.Name("ASSISTANT_CONFIGS"), [cst.SubscriptElement(cst.Index(value))])
            keys = CONFIG_KEYS
            out.notes.append(("configs", configs))
        elif key in _SAME or key == "instructions":
            mapped.append((key, value))
        elif key == "tools":
            r = tools_mod.reshape_tools(value)
            if r.missing_stores:
                out.todos.append((tools_mod.FILE_SEARCH_STORES,
                                  "file_search tool needs vector_store_ids: add the assistant's stores"))
            mapped.append(("tools", r.expr))
        elif key == "tool_choice":
            mapped.append(("tool_choice", tools_mod.reshape_tool_choice(value).expr))
        elif key == "max_completion_tokens":
            mapped.append(("max_output_tokens", value))
        elif key == "response_format":
            ok, text = tools_mod.response_format_to_text(value)
            if not ok:
                out.failure = (RUN_ARGS, "response_format not a literal: map it to text={\"format\": ...} by hand")
                return out
            if text is not None:
                mapped.append(("text", text))
        elif key == "reasoning_effort":
            mapped.append(("reasoning", tools_mod.reasoning_from_effort(value)))
        elif key == "include":
            if not isinstance(value, (cst.List, cst.Tuple)) or any(
                not isinstance(e, cst.Element) or str_value(e.value) not in _INCLUDE_MAP for e in value.elements
            ):
                out.failure = (RUN_ARGS, "include values not mapped: use Responses includables (file_search_call.results)")
                return out
            mapped.append(("include", cst.List([cst.Element(s(_INCLUDE_MAP[str_value(e.value) or ""]))
                                                for e in value.elements if isinstance(e, cst.Element)])))
        elif key == "truncation_strategy":
            auto = isinstance(value, cst.Dict) and dict_items(value) is not None and len(value.elements) == 1 and \
                str_value(getattr(dict_get(value, "type"), "value", None)) == "auto"
            if not auto:
                out.todos.append((TRUNCATION, f"truncation_strategy {_short(value)} dropped: no equivalent, "
                                  "truncation=\"auto\" used; trim items yourself to keep the last N"))
        elif key == "max_prompt_tokens":
            out.todos.append((MAX_PROMPT_TOKENS, f"max_prompt_tokens={_short(value)} dropped: no equivalent; see "
                              "context_management or responses.input_tokens.count"))
        elif key == "additional_instructions":
            additional_instructions = value
        elif key == "additional_messages":
            items = map_messages(value)
            if items is None:
                out.failure = (RUN_ARGS, "additional_messages not a literal list of text messages: pass them as "
                               "input=[...] input items by hand")
                return out
            out.input = items
            out.notes.append((ADDITIONAL, "additional_messages sent as input (they become conversation items)"))
        elif key == "poll_interval_ms":
            continue
        elif key in _REQUEST_OPTIONS:
            options.append(arg)
        else:
            out.failure = (RUN_ARGS, f"run argument {key}= has no mapping: rewrite this call by hand")
            return out
    if unknown_assistant:
        out.notes.append((ASSISTANT_UNKNOWN, f"assistant id known only at run time: its Responses parameters come "
                          f"from {DEFAULT_CONFIGS_MODULE}.py (one manual item there, not at each run)"))
    if cfg is None:
        out.failure = (RUN_ARGS, "run without assistant_id: rewrite by hand")
        return out
    if additional_instructions is not None:
        explicit = next((v for k, v in mapped if k == "instructions"), None)
        if explicit is not None:
            base: cst.BaseExpression | None = explicit
        elif "instructions" in keys and keys is not CONFIG_KEYS:
            base = cst.Subscript(cfg, [cst.SubscriptElement(cst.Index(s("instructions")))])
        elif keys is CONFIG_KEYS:
            base = cst.parse_expression(f'{_code(cfg)}.get("instructions", "")')
        else:
            base = None
        combined = additional_instructions if base is None else cst.BinaryOperation(
            cst.BinaryOperation(base, cst.Add(), s("\\n\\n")), cst.Add(), additional_instructions)
        mapped = [(k, v) for k, v in mapped if k != "instructions"] + [("instructions", combined)]
        out.notes.append((ADDITIONAL, "additional_instructions appended to the instructions"))
    colliding = [(k, v) for k, v in mapped if k in keys]
    rest = [(k, v) for k, v in mapped if k not in keys]
    config_args: list[cst.Arg] = [kwarg("truncation", s("auto"))]
    if colliding:
        merged = cst.Dict([cst.StarredDictElement(cfg), *[cst.DictElement(s(k), v) for k, v in colliding]])
        merged = merged.with_changes(elements=[
            e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if i < len(merged.elements) - 1 else e for i, e in enumerate(merged.elements)])
        config_args.append(star_arg(merged))
    else:
        config_args.append(star_arg(cfg))
    config_args.extend(kwarg(k, v) for k, v in rest)
    out.config_args = config_args
    out.args = [*config_args, *options]
    return out


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _short(node: cst.CSTNode) -> str:
    text = " ".join(_code(node).split())
    return text if len(text) <= 40 else text[:37] + "..."


class RunsCodemod(Codemod):
    RULES = RULES
    DEPENDS_ON = ("threads", "tool_calls")  # responses run on conversations; their tool loops must become function_call loops
    # run variables are bound by hot statements, so their `.status` reads are hot through them
    HOT_WORDS = ("beta", "runs", "create_and_run", "create_and_run_poll", "Run")

    @classmethod
    def flow_pins(cls, ctx, code: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
        """Every run of the file became a Response (no threads call is left): the `Run` annotations the
        traversal could not prove (a parameter a migrated run is passed to, a variable a response is
        assigned to later) all name Responses now. Rewrite once more with them retyped."""
        if RETYPE_RUNS in ctx.options.pins or _THREADS_CALL.search(code) or not _RUN_IMPORT.search(ctx.source) or \
                not re.search(r"\bRun\b", code):
            return frozenset()
        return frozenset({RETYPE_RUNS})

    def leave_Annotation(self, original_node: cst.Annotation, updated_node: cst.Annotation) -> cst.Annotation:
        if RETYPE_RUNS in self.ctx.options.pins:
            return as_response(self, updated_node) or updated_node
        return updated_node

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._targets: dict[int, cst.BaseExpression | None] = {}
        self._awaited: set[int] = set()
        self._blocks: list[int] = [0]
        self._sync: dict[str, int] = {}  # var -> block id where a synchronous responses.create bound it
        self._dead: set[int] = set()
        self._in_dead = 0
        self._scopes: list[list[str]] = []
        self._left: set[str] = set()  # vars bound to runs left on the Assistants API
        # runs of assistants this file does not create, and no configs module: they all stay, so must
        # any poll of a run whose origin is unknown
        self._unknown_stay = False  # run-time assistant ids are rewritten too (DEFAULT_CONFIGS_MODULE)
        self._watched: set[int] = set()  # runs.create calls whose run the program polls itself: background
        # per function (module first): names bound to run steps that became output items, and their loop
        # variables (a step, now an item): `.data` and `.step_details` reads on them read the items themselves
        self._step_names: list[set[str]] = [set()]

    def visit_Module(self, node: cst.Module) -> None:
        self._watched = observed_runs(node)

    # -- scopes and bindings ---------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append([])
        self._step_names.append(set())

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        known = facts(self.ctx).responses
        # only a `-> Run` annotation is retyped: collecting the returns of every other function cost a
        # whole sub-traversal each
        returned = returned_values(updated_node) if _names_run(updated_node.returns) else []
        if returned and all(_is_response_value(value, known) for value in returned):
            updated_node = self._retype_returns(updated_node)
        self._step_names.pop()
        for var in self._scopes.pop():
            facts(self.ctx).responses.pop(var, None)
            facts(self.ctx).left_runs.discard(var)
            self._sync.pop(var, None)
        return updated_node

    def _retype_returns(self, node: cst.FunctionDef) -> cst.FunctionDef:
        """`def f() -> Run` whose every return is now a response: `-> Response`."""
        returns = as_response(self, node.returns) if node.returns is not None else None
        return node if returns is None else node.with_changes(returns=returns)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._blocks.append(id(node))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self._blocks.pop()
        return updated_node

    def visit_Assign(self, node: cst.Assign) -> None:
        value, _ = strip_await(node.value)
        target = node.targets[0].target if len(node.targets) == 1 else None
        for t in node.targets:
            name = dotted_name(t.target)
            if name is not None:
                self._sync.pop(name, None)
        if isinstance(value, cst.Call):
            self._targets[id(value)] = target
        if target is not None and not isinstance(value, cst.Call) and self._from_left_run(value):
            self._left_run(target)
        elif target is not None and isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and \
                self._from_left_run(value):
            self._left_run(target)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.AnnAssign:
        """`run: Run = <runs call>` that became a response: annotated `Response` (reads of .output type-check)."""
        name = dotted_name(updated_node.target)
        if name is None or name not in facts(self.ctx).responses or updated_node.value is original_node.value:
            return updated_node
        annotation = as_response(self, updated_node.annotation)
        return updated_node if annotation is None else updated_node.with_changes(annotation=annotation)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        name = dotted_name(node.target)
        if name is not None:
            self._sync.pop(name, None)
        if node.value is not None:
            value, _ = strip_await(node.value)
            if isinstance(value, cst.Call):
                self._targets[id(value)] = node.target

    def visit_Await(self, node: cst.Await) -> None:
        self._awaited.add(id(node.expression))

    def _left_run(self, target: cst.BaseExpression | None) -> None:
        name = dotted_name(target) if target is not None else None
        if name is None:
            return
        facts(self.ctx).left_runs.add(name)
        facts(self.ctx).responses.pop(name, None)
        if self._scopes and "." not in name:
            self._scopes[-1].append(name)

    def _from_left_run(self, expr: cst.BaseExpression) -> bool:
        """`runs`, `runs.data`, `runs.data[0]`, `list(runs)`... of a name bound to a run left as it was."""
        expr, _ = strip_await(expr)
        while True:
            if isinstance(expr, cst.Subscript):
                expr = expr.value
            elif isinstance(expr, cst.Attribute) and expr.attr.value in ("data", "first_id", "last_id"):
                expr = expr.value
            elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and \
                    expr.func.value in ("list", "next", "iter", "reversed", "sorted") and expr.args:
                expr = expr.args[0].value
            else:
                break
        if isinstance(expr, cst.Call):
            path = resource_path(expr.func, aliases(self.ctx))
            return path is not None and path[1][:3] == ["beta", "threads", "runs"] and path[1][-1] == "list"
        name = dotted_name(expr)
        return name is not None and name in facts(self.ctx).left_runs

    def visit_For(self, node: cst.For) -> None:
        if self._from_left_run(node.iter):
            self._left_run(node.target)

    def _record(self, target: cst.BaseExpression | None, rf: ResponseFacts, sync: bool) -> None:
        name = dotted_name(target) if target is not None else None
        if name is None:
            return
        facts(self.ctx).responses[name] = ResponseFacts(
            var=name, client=rf.client, conversation=rf.conversation, config_args=rf.config_args,
            is_async=rf.is_async, streaming=False, background=rf.background)
        if sync:
            self._sync[name] = self._blocks[-1]
        if self._scopes and ("." not in name or self._uses_locals(rf.config_args)):
            # `self.run = ...(instructions=instructions)`: a follow-up in another method cannot repeat a local
            self._scopes[-1].append(name)

    def _uses_locals(self, args: tuple[cst.Arg, ...] | list[cst.Arg]) -> bool:
        """Config args naming a variable that is not bound at module level (a function's local or parameter)."""
        names: set[str] = set()

        class _Names(cst.CSTVisitor):
            def visit_Attribute(self, node: cst.Attribute) -> bool:
                root: cst.BaseExpression = node
                while isinstance(root, cst.Attribute):
                    root = root.value
                if isinstance(root, cst.Name):
                    names.add(root.value)
                return False

            def visit_Name(self, node: cst.Name) -> None:
                names.add(node.value)

        for arg in args:
            fast_visit(arg.value, _Names())
        names -= {"self", "cls", "None", "True", "False"}
        names = {n for n in names if not n.isupper()}  # constants (and ASSISTANT_CONFIGS, imported by the rewrite)
        module = "\n".join(line for line in self.ctx.lines if line[:1] not in (" ", "\t"))
        return any(not re.search(r"(?m)^(?:" + re.escape(n) + r"\s*(?::[^=\n]*)?=(?!=)|(?:async\s+)?def\s+" +
                                 re.escape(n) + r"\b|class\s+" + re.escape(n) + r"\b|(?:from\s+\S+\s+)?import\s.*\b" +
                                 re.escape(n) + r"\b)", module) for n in names)

    def _report(self, rule_id: str, message: str | None = None) -> None:
        if not self._in_dead:
            self.report(rule_id, message)

    # -- calls -----------------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        path = resource_path(updated_node.func, aliases(self.ctx))
        if path is None:
            return updated_node
        receiver, names = path
        if names[:3] != ["beta", "threads", "runs"] or len(names) < 4:
            return updated_node
        if names[3] == "steps":
            moved = self._steps_as_output(original_node, updated_node, receiver, names)
            if moved is not None:
                self.todo(RUN_STEPS, "run steps became the response's output items (messages, function calls, "
                          "tool calls): what this code prints of them changes shape")
                return moved
            self.todo(RUN_STEPS, "run steps have no equivalent: read response.output items instead")
            return updated_node
        if len(names) != 4:
            return updated_node
        method = names[3]
        is_async = id(original_node) in self._awaited
        if method in THEIRS:
            return updated_node
        if method in ("create", "create_and_poll"):
            return self._create(original_node, updated_node, receiver, is_async)
        if method in ("retrieve", "poll"):
            return self._retrieve(original_node, updated_node, receiver, is_async)
        if method == "cancel":
            self.todo(RUN_CANCEL, "a synchronous response cannot be cancelled (only background=True ones)")
        elif method == "list":
            self.todo(RUN_LIST, "responses cannot be listed; a synchronous response is never left in progress")
            self._left_run(self._targets.get(id(original_node)))
        elif method == "update":
            self.todo(RUN_UPDATE, "responses have no update: pass metadata= to responses.create")
        return updated_node

    def _keep_with_ids(self, call: cst.Call) -> cst.Call:
        """A call left alone still must not read `.id` of an assistant that became a dict."""
        new_args = []
        for a in call.args:
            rep = id_replacement(self.ctx, a.value) if a.keyword is not None and a.keyword.value == "assistant_id" \
                else None
            new_args.append(a.with_changes(value=rep) if rep is not None else a)
        return call.with_changes(args=new_args)

    def _create(self, original: cst.Call, call: cst.Call, receiver: cst.BaseExpression, is_async: bool) -> cst.BaseExpression:
        if any(a.keyword is not None and a.keyword.value in ("stream", "event_handler") for a in call.args):
            return call  # streaming: the streaming codemod's
        thread: cst.BaseExpression | None = None
        rest: list[cst.Arg] = []
        for i, a in enumerate(call.args):
            if a.keyword is not None and a.keyword.value == "thread_id":
                thread = a.value
            elif i == 0 and a.keyword is None and not a.star:
                thread = a.value
            else:
                rest.append(a)
        conv = convert_run_args(self.ctx, rest)
        if thread is None and conv.failure is None:
            conv.failure = (RUN_ARGS, "run without thread_id: rewrite by hand")
        if conv.failure is not None:
            self.todo(*conv.failure)
            left = self._targets.get(id(original))
            if left is not None and dotted_name(left) is not None:
                self._left.add(dotted_name(left) or "")
                self._left_run(left)
            return self._keep_with_ids(call)
        return self._finish(original, call, receiver, is_async, thread, conv, RUN_CREATE)

    def _finish(self, original: cst.Call, call: cst.Call, receiver: cst.BaseExpression, is_async: bool,
                conversation: cst.BaseExpression | None, conv: Converted, rule: str) -> cst.Call:
        for rid, msg in conv.todos:
            self.todo(rid, msg)
        for rid, msg in conv.notes:
            if rid == "configs":
                import_configs(self)
            elif rid == ASSISTANT_UNKNOWN:
                self.report(rid, msg, fixed=True)  # the manual item is the configs module's one marker
            else:
                self._report(rid, msg)
        self._report(rule)
        args: list[cst.Arg] = []
        if conversation is not None:
            args.append(kwarg("conversation", conversation))
        if conv.input is not None:
            args.append(kwarg("input", conv.input))
        args.extend(conv.args)
        background = id(original) in self._watched
        if background:
            self._report(BACKGROUND)
            args.append(kwarg("background", cst.Name("True")))
        func = cst.Attribute(cst.Attribute(receiver.deep_clone(), cst.Name("responses")), cst.Name("create"))
        new = build_call(func, args, call)
        self._record(self._targets.get(id(original)), ResponseFacts(
            var="", client=receiver.deep_clone(), conversation=conversation, config_args=tuple(conv.config_args),
            is_async=is_async, background=background), sync=not background)
        return new

    def _retrieve(self, original: cst.Call, call: cst.Call, receiver: cst.BaseExpression, is_async: bool) -> cst.Call:
        run_id = thread = None
        options = []
        positional = [a for a in call.args if a.keyword is None and not a.star]
        for a in call.args:
            if a.star:
                self.todo(RUN_ARGS, "run arguments not statically known: use responses.retrieve(<run id>)")
                return call
            if a.keyword is None:
                continue
            key = a.keyword.value
            if key == "run_id":
                run_id = a.value
            elif key == "thread_id":
                thread = a.value
            elif key in _REQUEST_OPTIONS:
                options.append(a)
        if positional:
            run_id = run_id or positional[0].value
            if len(positional) > 1:
                thread = thread or positional[1].value
        if run_id is None:
            self.todo(RUN_ARGS, "run id not found: use responses.retrieve(<run id>)")
            return call
        base = dotted_name(run_id.value) if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id" else None
        known = base is not None and base in facts(self.ctx).responses
        if not known and ((base is not None and base in self._left) or self._unknown_stay):
            self.todo(FOLLOWS_UNMIGRATED, "the run polled here was left on the Assistants API: migrate its "
                      "creation first, then this becomes responses.retrieve")
            self._left_run(self._targets.get(id(original)))
            return call
        self._report(RUN_RETRIEVE)
        func = cst.Attribute(cst.Attribute(receiver.deep_clone(), cst.Name("responses")), cst.Name("retrieve"))
        new = build_call(func, [cst.Arg(run_id), *options], call)
        prior = None
        if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id":
            prior = facts(self.ctx).responses.get(dotted_name(run_id.value) or "")
        self._record(self._targets.get(id(original)), ResponseFacts(
            var="", client=receiver.deep_clone(), conversation=prior.conversation if prior else thread,
            config_args=prior.config_args if prior else (), is_async=is_async,
            background=prior.background if prior else False), sync=False)
        return new

    # -- create_and_run: a statement becomes two ----------------------------------------------

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        if len(updated_node.body) != 1:
            return updated_node
        small = updated_node.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            value, target = small.value, small.targets[0].target
        elif isinstance(small, cst.Expr):
            value, target = small.value, None
        else:
            return updated_node
        call, awaited = strip_await(value)
        if not isinstance(call, cst.Call):
            return updated_node
        path = resource_path(call.func, aliases(self.ctx))
        if path is None or path[1] not in (["beta", "threads", "create_and_run"], ["beta", "threads", "create_and_run_poll"]):
            return updated_node
        if any(a.keyword is not None and a.keyword.value in ("stream", "event_handler") for a in call.args):
            return updated_node
        receiver = path[0]
        thread = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "thread"), None)
        rest = [a for a in call.args if not (a.keyword is not None and a.keyword.value == "thread")]
        conv_args: list[cst.Arg] = []
        if thread is not None:
            items = dict_items(thread) if isinstance(thread, cst.Dict) else None
            if items is None or not {k for k, _ in items} <= {"messages", "metadata"}:
                self.todo(RUN_ARGS, "thread= not a literal of messages/metadata: create the conversation by hand")
                return updated_node.with_changes(body=[small])
            for key, v in items:
                if key == "messages":
                    mapped = map_messages(v)
                    if mapped is None or len(mapped.elements) > 20:  # type: ignore[attr-defined]
                        self.todo(RUN_ARGS, "thread messages not literal text messages (or more than 20): "
                                  "create the conversation items by hand")
                        return updated_node
                    conv_args.append(kwarg("items", mapped))
                else:
                    conv_args.append(kwarg("metadata", v))
        if any(a.keyword is not None and a.keyword.value == "tool_resources" for a in rest):
            self.todo(RUN_ARGS, "create_and_run tool_resources: merge the ids into tools= by hand")
            return updated_node
        conv = convert_run_args(self.ctx, rest)
        if conv.failure is not None:
            self.todo(*conv.failure)
            return updated_node.with_changes(body=[small.with_changes(value=self._rewrap(
                self._keep_with_ids(call), value))])
        tname = dotted_name(target) if target is not None else None
        conv_name = f"{tname.rsplit('.', 1)[-1]}_conversation" if tname else "conversation"
        conv_call: cst.BaseExpression = cst.Call(
            func=cst.Attribute(cst.Attribute(receiver.deep_clone(), cst.Name("conversations")), cst.Name("create")),
            args=[a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                  if i < len(conv_args) - 1 else a for i, a in enumerate(conv_args)],
        )
        if awaited:
            conv_call = cst.Await(conv_call)
        conv_stmt = cst.SimpleStatementLine(
            body=[cst.Assign(targets=[cst.AssignTarget(cst.Name(conv_name))], value=conv_call)],
            leading_lines=updated_node.leading_lines,
        )
        conversation = cst.Attribute(cst.Name(conv_name), cst.Name("id"))
        self._targets[id(call)] = target
        new_call = self._finish(call, call, receiver, awaited, conversation, conv, CREATE_AND_RUN)
        facts(self.ctx).conversations[conv_name] = ConversationFacts(conv_name, is_async=awaited)
        run_stmt = updated_node.with_changes(body=[small.with_changes(value=self._rewrap(new_call, value))],
                                             leading_lines=[])
        return cst.FlattenSentinel([conv_stmt, run_stmt])

    @staticmethod
    def _rewrap(call: cst.BaseExpression, value: cst.BaseExpression) -> cst.BaseExpression:
        return value.with_changes(expression=call) if isinstance(value, cst.Await) else call

    # -- polling loops -------------------------------------------------------------------------

    def visit_While(self, node: cst.While) -> None:
        var = waiting_loop(node)
        if var is not None and self._sync.get(var) == self._blocks[-1]:
            self._dead.add(id(node))
            self._in_dead += 1

    def leave_While(self, original_node: cst.While, updated_node: cst.While) -> cst.While | cst.RemovalSentinel:
        if id(original_node) not in self._dead:
            return updated_node
        self._in_dead -= 1
        self.report(POLL_LOOP)
        # the loop usually slept: its `import time` / `import asyncio` may have no other use now
        for module in ("time", "asyncio"):
            if f"{module}.sleep" in code_of(original_node):
                self.remove_import(module)
        return cst.RemoveFromParent()

    # -- reads of run fields -------------------------------------------------------------------

    def _steps_as_output(self, original: cst.Call, call: cst.Call, receiver: cst.BaseExpression,
                         names: list[str]) -> cst.BaseExpression | None:
        """`steps = ...runs.steps.list(thread_id=..., run_id=run.id)` whose steps are only shown (printed,
        logged, `.data[i]`, a loop printing `step.step_details`) -> `responses.retrieve(run.id).output`:
        the run's steps are the response's output items. Any other read keeps the call (None)."""
        run_id = arg_value(call, "run_id", 0)
        target = self._targets.get(id(original))
        if names[4:] != ["list"] or run_id is None or id(original) in self._awaited or \
                not isinstance(target, cst.Name) or self.ctx.statement is None:
            return None
        shown = _shown_step_names(self._scope_text(), target.value, self.ctx.span_of(self.ctx.statement))
        if shown is None:
            return None
        self._step_names[-1].update(shown)
        self.ctx.scratch.setdefault("shown_steps", set()).update(shown)  # their prints change shape (AM012)
        if isinstance(run_id, cst.Attribute) and run_id.attr.value == "id" and \
                dotted_name(run_id.value) in facts(self.ctx).responses:
            return cst.Attribute(run_id.value, cst.Name("output"))  # the response is at hand
        retrieve = cst.Call(func=cst.Attribute(cst.Attribute(receiver, cst.Name("responses")), cst.Name("retrieve")),
                            args=[cst.Arg(run_id)])
        return cst.Attribute(retrieve, cst.Name("output"))

    def _scope_text(self) -> tuple[int, list[str]]:
        """(first line, lines) of the innermost function around the traversal, else of the module."""
        function = next((s for s in reversed(self.ctx.stmt_stack) if isinstance(s, cst.FunctionDef)), None)
        if function is None:
            return 1, self.ctx.lines
        start, _, end, _ = self.ctx.span_of(function)
        return start, self.ctx.lines[start - 1 : end]

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        attr = updated_node.attr.value
        value = updated_node.value
        if attr in ("data", "step_details") and dotted_name(value) in self._step_names[-1]:
            return value  # the items themselves (see _steps_as_output)
        responses = facts(self.ctx).responses
        if attr in _USAGE_MAP and isinstance(value, cst.Attribute) and value.attr.value == "usage" and \
                dotted_name(value.value) in responses:
            return updated_node.with_changes(attr=cst.Name(_USAGE_MAP[attr]))
        base = dotted_name(value)
        if base is None or base not in responses:
            return updated_node
        if attr in _FIELD_MAP:
            return updated_node.with_changes(attr=cst.Name(_FIELD_MAP[attr]))
        if attr == "thread_id":
            conv = responses[base].conversation
            if conv is not None and isinstance(conv, (cst.Name, cst.Attribute)):
                return conv.deep_clone()
            return cst.Attribute(cst.Attribute(value, cst.Name("conversation")), cst.Name("id"))
        if attr in _NO_FIELD:
            self.todo(RUN_FIELD, f"run.{attr} has no Response equivalent")
        return updated_node


_SHOWING = re.compile(r"\b(print|pprint|log|logger|logging|show\w*|json\.dumps|str|repr)\b\s*[.(]|f[\"']")


def _shown_step_names(scope: tuple[int, list[str]], name: str, statement: tuple[int, int, int, int]) -> set[str] | None:
    """`name` and its loop variables when every read of them, after the statement that binds `name`,
    only shows steps: `name`, `name.data`, `name.data[i]` in a print / log / f-string line or a `for`
    header, and a loop variable read whole or as `.step_details` on such a line (or assigned whole).
    None when any other read exists (`step.step_details.tool_calls`, `steps.has_more`, a helper call)."""
    first, lines = scope
    shown = {name}
    loop = re.compile(r"^\s*for\s+(\w+)\s+in\s+" + re.escape(name) + r"(?:\.data)?\s*:")
    for number, line in enumerate(lines, start=first):
        if number >= statement[0] and (found := loop.match(line)):
            shown.add(found.group(1))
    for number, line in enumerate(lines, start=first):
        if statement[0] <= number <= statement[2] or number < statement[0]:
            continue
        code = line.split("#", 1)[0]
        for use in re.finditer(r"\b(" + "|".join(map(re.escape, shown)) + r")\b", code):
            rest = code[use.end():]
            member = re.match(r"\.(data|step_details)\b(\s*\[[^\]]*\])?", rest)
            after = rest[member.end():] if member else rest
            if after[:1] == "." or (member is None and rest[:1] in (".", "[")):
                return None  # a field of a step, or of the page
            if member is not None and member.group(1) == ("step_details" if use.group(1) == name else "data"):
                return None
            whole = re.match(r"^\s*(\w+)\s*=\s*" + re.escape(use.group(0)) + r"(\.step_details)?\s*$", code)
            if whole:
                shown.add(whole.group(1))
            elif not (_SHOWING.search(code) or loop.match(code) or re.match(r"^\s*for\s+\w+\s+in\s", code)):
                return None
    return shown


CODEMOD = RunsCodemod
