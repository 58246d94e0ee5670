"""Assistants -> in-code Responses configs (api-mapping 1.1, 3.2, 3.3, 4 #1-#2).

An assistant has no server-side successor: `assistants.create(...)` becomes a dict of
Responses parameters bound to the same name (`assistant: dict[str, Any] = {...}`); the
runs codemod spreads it (`**assistant`) where `assistant_id=assistant.id` was passed.

What `.id` becomes: there is no `asst_` id any more. Where the id is passed as
`assistant_id=` to a run, the config itself is spread. Anywhere else (printing,
storing) `assistant.id` becomes a stable key for the config: the assistant's name
literal (or the variable's name when it had none), with a note. For an assistant
looked up with `--configs`, `.id` becomes the id expression it was looked up by.

`assistants.retrieve(X)` becomes `ASSISTANT_CONFIGS[X]` with `--configs`, else a TODO.
`update` of a config created in this file becomes a dict update; other updates,
`list`, `delete` and retrieve-or-create patterns get a TODO and a finding.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass

import libcst as cst

from assistants_migrate.codemods import tools as tools_mod
from assistants_migrate.codemods._assist_common import code_of, dict_items, s, str_value, strip_await
from assistants_migrate.codemods._facts import AssistantFacts, facts
from assistants_migrate.codemods._receivers import ClientTracker, beta_chain, dotted_name
from assistants_migrate.codemods._assist_examples import EXAMPLES
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.engine.hotspots import parse
from assistants_migrate.findings import Effort, Rule, Severity, register

CREATE = "AM210"
ID_USE = "AM211"
RETRIEVE = "AM212"
UPDATE = "AM213"
LIST = "AM214"
DELETE = "AM215"
RETRIEVE_OR_CREATE = "AM216"
NOT_LITERAL = "AM217"

# keys an exported config (the --configs module) may hold: all may collide with run overrides
CONFIG_KEYS = frozenset({"model", "instructions", "tools", "text", "temperature", "top_p", "reasoning"})
_PASSTHROUGH = {"model", "instructions", "temperature", "top_p", "metadata"}
_REQUEST_OPTIONS = {"extra_headers", "extra_query", "extra_body", "timeout"}
_LOOKUP = re.compile(r"assistants\s*\.\s*(?:retrieve|list)\b")


# The module `assistants-migrate export` writes: asst_ id -> Responses parameters.
DEFAULT_CONFIGS_MODULE = "assistant_configs"


def import_configs(codemod: Codemod) -> None:
    """`from <configs module> import ASSISTANT_CONFIGS`; the default module is created by the rewrite
    when the project has none (export/configs.py: it reads missing ids from the server once, and holds
    the one manual item: replace it with the module `export` writes)."""
    module = codemod.ctx.options.configs_module
    if module is None:
        module = DEFAULT_CONFIGS_MODULE
        codemod.require_module(module, _fallback_module())
    codemod.add_import(module, "ASSISTANT_CONFIGS")


@functools.lru_cache(maxsize=1)
def _fallback_module() -> str:
    from assistants_migrate.export.configs import render_fallback_module

    return render_fallback_module()


@dataclass
class AssistantInfo:
    """Private facts: what `.id` of a config variable becomes, its name and description."""

    id_expr: cst.BaseExpression
    name: cst.BaseExpression | None
    description: cst.BaseExpression | None
    keys: frozenset[str]
    stable: bool = True  # id_expr is the assistant's name literal (or a looked-up id), not a made-up key


def left_configs(ctx: object) -> set[str]:
    """Names some path binds to an assistants call left as it was (an Assistant, not a config dict)."""
    return ctx.scratch.setdefault("assist_left", set())  # type: ignore[attr-defined]


def infos(ctx: object) -> dict[str, AssistantInfo]:
    return ctx.scratch.setdefault("assist_infos", {})  # type: ignore[attr-defined]


def aliases(ctx: object) -> dict[str, tuple[cst.BaseExpression, list[str]]]:
    """`runs = client.beta.threads.runs` -> {"runs": (client, ["beta", "threads", "runs"])}."""
    return ctx.scratch.setdefault("assist_aliases", {})  # type: ignore[attr-defined]


def resolve_assistant(ctx: object, expr: cst.BaseExpression) -> AssistantFacts | None:
    """`assistant.id` / `assistant_id` (bound to `assistant.id`) -> the config's facts."""
    known = facts(ctx).assistants
    if isinstance(expr, cst.Attribute) and expr.attr.value == "id":
        base = dotted_name(expr.value)
        if base is not None and base in known:
            return known[base]
    name = dotted_name(expr)
    if name is not None and name in known and name not in infos(ctx):
        return known[name]  # an alias of an id, not the config itself
    return None


# Assistant object fields -> the config key holding the same setting
_FIELD_KEYS = {"model": "model", "instructions": "instructions", "tools": "tools", "temperature": "temperature",
               "top_p": "top_p", "metadata": "metadata"}
_NO_KEY_FIELDS = {"created_at", "object", "tool_resources", "response_format", "reasoning_effort"}


def id_replacement(ctx: object, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """What `<config var>.id` becomes outside run sites."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == "id":
        base = dotted_name(expr.value)
        info = infos(ctx).get(base) if base is not None else None
        if info is not None:
            return info.id_expr
    return None


RULES = register(
    Rule(
        id=CREATE,
        title="`assistants.create` became a dict of Responses parameters",
        severity=Severity.NOTE,
        why="Assistants have no successor object: the Responses API takes model, instructions, tools, text "
        "format and reasoning on every call. The assistant's settings now live in your code and are spread "
        "into each `responses.create` call. Tools were reshaped, `tool_resources` merged into them, "
        "`response_format` became `text`, `reasoning_effort` became `reasoning`.",
        what_to_do="Nothing. `name`/`description` were kept as a comment; `.id` of the config is now its name.",
        autofix=True,
        effort=Effort.S,
        surface="assistants",
        examples=EXAMPLES.get(CREATE, ()),
    ),
    Rule(
        id=ID_USE,
        title="Assistant id used outside a run",
        severity=Severity.WARNING,
        why="There is no `asst_` id after the migration: the assistant is a dict of parameters in your code. "
        "`.id` was replaced by a stable key for that config (its name).",
        what_to_do="If the id was stored (database, settings) and later passed as `assistant_id=`, key your "
        "configs by this name, or keep the old ids with the module `export` generates.",
        autofix=False,
        effort=Effort.S,
        surface="assistants",
        examples=EXAMPLES.get(ID_USE, ()),
    ),
    Rule(
        id=RETRIEVE,
        title="`assistants.retrieve` has no Responses equivalent",
        severity=Severity.ERROR,
        why="There is no assistant object to fetch: its settings must be in your code. `export` writes them "
        "to a module keyed by the old `asst_` id; rewritten with `--configs MODULE`, the call becomes a "
        "lookup `ASSISTANT_CONFIGS[<id>]` in that module.",
        what_to_do="Run `assistants-migrate export`, then re-run the rewrite with `--configs <module>`; or "
        "replace the call by a dict of Responses parameters (model, instructions, tools, ...).",
        autofix=False,
        effort=Effort.M,
        surface="assistants",
        examples=EXAMPLES.get(RETRIEVE, ()),
    ),
    Rule(
        id=UPDATE,
        title="`assistants.update` has no Responses equivalent",
        severity=Severity.WARNING,
        why="Assistant settings are in your code now; updating a server-side assistant changes nothing the "
        "Responses API uses. An update of a config created in the same file became a dict update.",
        what_to_do="Change the config in code (or in the generated configs module) instead.",
        autofix=False,
        effort=Effort.S,
        surface="assistants",
        examples=EXAMPLES.get(UPDATE, ()),
    ),
    Rule(
        id=LIST,
        title="`assistants.list` has no Responses equivalent",
        severity=Severity.WARNING,
        why="There are no assistant objects to enumerate after the migration.",
        what_to_do="Enumerate your in-code configs (e.g. the keys of ASSISTANT_CONFIGS) instead.",
        autofix=False,
        effort=Effort.S,
        surface="assistants",
        examples=EXAMPLES.get(LIST, ()),
    ),
    Rule(
        id=DELETE,
        title="`assistants.delete` has no Responses equivalent",
        severity=Severity.NOTE,
        why="There is no server-side assistant to delete after the migration.",
        what_to_do="Remove the call once the old assistants are no longer needed (cleanup of the old API only).",
        autofix=False,
        effort=Effort.S,
        surface="assistants",
        examples=EXAMPLES.get(DELETE, ()),
    ),
    Rule(
        id=RETRIEVE_OR_CREATE,
        title="Retrieve-or-create assistant pattern",
        severity=Severity.WARNING,
        why="The code fetches an existing assistant (by id or by listing) and creates one when it is missing. "
        "After the migration nothing is stored server-side, so the lookup has nothing to find: the created "
        "config is all there is, and the stored id (env var, file, database) becomes meaningless.",
        what_to_do="Replace the whole lookup with the dict of Responses parameters the create call builds, "
        "and drop the stored assistant id (or key the generated configs module by it).",
        autofix=False,
        effort=Effort.M,
        surface="assistants",
        examples=EXAMPLES.get(RETRIEVE_OR_CREATE, ()),
    ),
    Rule(
        id=NOT_LITERAL,
        title="Assistant settings not statically known",
        severity=Severity.WARNING,
        why="The create call passes `**kwargs`, positional arguments, a non-literal `tool_resources` or "
        "`response_format`, or parameters with no Responses equivalent, so its Responses config cannot be "
        "written reliably.",
        what_to_do="Write the dict of Responses parameters by hand (see the mapping in the docs).",
        autofix=False,
        effort=Effort.M,
        surface="assistants",
        examples=EXAMPLES.get(NOT_LITERAL, ()),
    ),
)


class AssistantsCodemod(ClientTracker, Codemod):
    RULES = RULES
    DEPENDS_ON = ("runs", "streaming")  # a config dict has no .id for runs left on the Assistants API
    HOT_WORDS = ("beta", "assistants", "assistant", "assistant_id")

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._targets: dict[int, tuple[str, cst.BaseExpression | None]] = {}  # id(call) -> (kind, target)
        self._skip_ids: set[int] = set()  # `.id` nodes the runs codemod rewrites itself
        # (function name, first line, last line, names bound); module level: lines outside defs
        self._scopes: list[tuple[str, int, int, list[str]]] = []
        self._def_lines: set[int] = set()
        self._factories: dict[str, tuple[frozenset[str], AssistantInfo]] = {}
        self._returns_config: set[str] = set()
        self._comments: dict[int, list[str]] = {}
        self._annotate: set[int] = set()  # id(original Assign) -> annotate as dict[str, Any]
        self._converted: set[int] = set()
        self._fstrings: list[str] = []
        self._drop: set[int] = set()
        self._register: dict[int, str] = {}  # id(statement) -> registration of a config whose key escapes
        self._blocks: list[int] = [0]  # ids of the indented blocks around the statement (0: the module)
        self._bound_at: dict[str, tuple[int, ...]] = {}  # config var -> blocks around its binding
        self._annotated: list[set[str]] = [set()]  # per scope: names already annotated dict[str, Any]
        self._attr_annotated: set[str] = set()  # `self.x` annotated once per file

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._blocks.append(id(node))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self._blocks.pop()
        return updated_node

    def _bound_everywhere(self, var: str) -> bool:
        """`var` is bound on every path to the current statement: bound earlier in this block or in a block
        around it (not in a sibling branch). Attributes (`self.x`) are set by another method: trusted."""
        if "." in var:
            return True
        path = self._bound_at.get(var)
        return path is not None and tuple(self._blocks[: len(path)]) == path

    # -- scopes ---------------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        start, _, end, _ = self.ctx.span_of(node)
        if not self._scopes:
            self._def_lines.update(range(start, end + 1))
        self._scopes.append((node.name.value, start, end, []))
        self._annotated.append(set())

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        name, _, _, bound = self._scopes.pop()
        self._annotated.pop()
        for var in bound:
            infos(self.ctx).pop(var, None)
            facts(self.ctx).assistants.pop(var, None)
        if name in self._returns_config and updated_node.returns is not None:
            ann = dotted_name(updated_node.returns.annotation) or ""
            if ann.rsplit(".", 1)[-1] == "Assistant":
                self.add_import("typing", "Any")
                return updated_node.with_changes(returns=cst.Annotation(cst.parse_expression("dict[str, Any]")))
        return updated_node

    def _scope_text(self, before: bool) -> str:
        """Source of the current scope before (or after) the current statement. Module level:
        lines outside top-level functions (a lookup in a def does not make module code one)."""
        here_start, _, here_end, _ = self.ctx.span_of(self.ctx.statement)
        if self._scopes:
            lo, hi = self._scopes[-1][1], self._scopes[-1][2]
            skip: set[int] = set()
        else:
            lo, hi, skip = 1, len(self.ctx.lines), self._def_lines
        if here_start <= 0:
            return ""
        rng = range(lo, here_start) if before else range(here_end + 1, hi + 1)
        return "\n".join(self.ctx.lines[i - 1] for i in rng if i not in skip and 0 < i <= len(self.ctx.lines))

    def _lookup_in_scope(self) -> bool:
        """A retrieve/list of assistants earlier in the same scope: a retrieve-or-create."""
        return bool(_LOOKUP.search(self._scope_text(before=True)))

    def _bind(self, var: str, keys: frozenset[str], info: AssistantInfo, params: cst.BaseExpression) -> None:
        facts(self.ctx).assistants[var] = AssistantFacts(var=var, param_names=keys, params_expr=params)
        infos(self.ctx)[var] = info
        self._bound_at[var] = tuple(self._blocks)
        if self._scopes and "." not in var:
            self._scopes[-1][3].append(var)

    # -- bindings ---------------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        value, _ = strip_await(node.value)
        target = node.targets[0].target if len(node.targets) == 1 else None
        tname = dotted_name(target) if target is not None else None
        if isinstance(value, cst.Call):
            self._targets[id(value)] = ("assign", target if tname is not None else None)
            self._bind_factory_result(tname, value)
        elif isinstance(value, cst.Attribute):
            chain = beta_chain(value)
            if chain is not None and tname is not None and chain[1][-1] in ("threads", "runs", "assistants", "steps",
                                                                            "messages"):
                aliases(self.ctx)[tname] = (chain[0], chain[1])
                facts(self.ctx).aliases[tname] = ".".join(chain[1])
            # `assistant_id = assistant.id`: an alias of the config for run sites
            known = resolve_assistant(self.ctx, value)
            if known is not None and tname is not None:
                facts(self.ctx).assistants[tname] = known
                # `settings.x = assistant.id` of a function-local config: the alias dies with the function
                # (another function spreading `**assistant` would name an undefined variable)
                if self._scopes and ("." not in tname or known.var in self._scopes[-1][3]):
                    self._scopes[-1][3].append(tname)
        source = dotted_name(value)
        if tname is not None and source is not None and source in infos(self.ctx) and source != tname:
            # `self.assistant = assistant`: the same config under another name
            info = infos(self.ctx)[source]
            self._bind(tname, info.keys, info, cst.parse_expression(tname))
            if source in left_configs(self.ctx):
                left_configs(self.ctx).add(tname)
        elif tname is not None and tname in infos(self.ctx) and not isinstance(value, (cst.Call, cst.Dict)):
            infos(self.ctx).pop(tname, None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        super().visit_AnnAssign(node)
        if node.value is not None:
            value, _ = strip_await(node.value)
            if isinstance(value, cst.Call):
                self._targets[id(value)] = ("assign", node.target)
                self._bind_factory_result(dotted_name(node.target), value)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            value, _ = strip_await(node.value)
            if isinstance(value, cst.Call):
                self._targets[id(value)] = ("return", None)

    def _bind_factory_result(self, tname: str | None, call: cst.Call) -> None:
        """`assistant = create_assistant()` where that function returns a config."""
        if tname is None:
            return
        fname = dotted_name(call.func)
        if fname is None:
            return
        short = fname[5:] if fname.startswith("self.") else fname
        if short in self._factories:
            keys, info = self._factories[short]
            self._bind(tname, keys, AssistantInfo(info.id_expr, info.name, info.description, keys),
                       cst.parse_expression(tname))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstrings.append(node.start + node.end)

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        self._fstrings.pop()
        return updated_node

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value == "assistant_id":
            self._skip_ids.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        chain = beta_chain(node.func) if isinstance(node.func, cst.Attribute) else None
        if chain is not None and chain[1][:2] == ["beta", "assistants"] and chain[1][-1] in ("update", "delete"):
            if node.args and node.args[0].keyword is None:
                self._skip_ids.add(id(node.args[0].value))

    # -- rewrites -------------------------------------------------------------------------

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if original_node.attr.value != "id":
            return self._field_read(updated_node)
        if id(original_node) in self._skip_ids:
            return updated_node
        replacement = id_replacement(self.ctx, updated_node)
        if replacement is None:
            return updated_node
        base = dotted_name(updated_node.value) or ""
        info = infos(self.ctx)[base]
        if self._fstrings and isinstance(replacement, cst.SimpleString):
            used = "".join(self._fstrings)
            value = str_value(replacement) or ""
            quote = next((q for q in ('"', "'") if q not in used and q not in value and "\\" not in value), None)
            if quote is None:
                self.todo(ID_USE, f"no asst_ id any more: replace {code_of(original_node)} by a key of the config "
                          f"{base} (e.g. its name)")
                return updated_node
            replacement = cst.SimpleString(f"{quote}{value}{quote}")
        stmt = self.ctx.statement
        text = code_of(stmt) if stmt is not None else ""
        if not info.stable:
            self.todo(ID_USE, f"no asst_ id any more: {code_of(original_node)} became {code_of(replacement)}, the "
                      "variable's name, as the assistant's name= is not a literal; store, compare and look up "
                      "configs by this key, not by an asst_ id")
        elif not isinstance(replacement, cst.SimpleString):  # the id it was looked up by: the same value
            self.report(ID_USE, "assistant `.id` replaced by the id the config was looked up by", fixed=True)
        elif re.search(r"\b(print|log\w*|logger|logging|st\.\w+)\s*[.(]", text):
            self.todo(ID_USE, f"no asst_ id any more: {code_of(original_node)} became the config's name "
                      f"{code_of(replacement)}: this output changes")
        elif re.search(r"(^|\n)\s*\w+\s*=\s*" + re.escape(code_of(original_node)) + r"\s*($|\n)", text):
            self.report(ID_USE, "assistant `.id` replaced by the config's name", fixed=True)
        else:
            self.todo(ID_USE, f"no asst_ id any more: {code_of(original_node)} became the config's name "
                      f"{code_of(replacement)}; re-key anything stored or compared by asst_ id")
        return replacement

    def _field_read(self, node: cst.Attribute) -> cst.BaseExpression:
        """`assistant.model`, `.name`, ... of a config that is a dict now."""
        field_name = node.attr.value
        if field_name not in _FIELD_KEYS and field_name not in _NO_KEY_FIELDS and \
                field_name not in ("name", "description"):
            return node
        base = dotted_name(node.value)
        info = infos(self.ctx).get(base) if base is not None else None
        if info is None:
            return node
        used = "".join(self._fstrings)
        quote = next((q for q in ('"', "'") if q not in used), None)
        if field_name in _FIELD_KEYS and quote is not None:
            key = cst.SimpleString(f"{quote}{_FIELD_KEYS[field_name]}{quote}")
            self.report(ID_USE, f"assistant .{field_name} read from the config dict", fixed=True)
            if _FIELD_KEYS[field_name] in info.keys and info.keys is not CONFIG_KEYS:
                return cst.Subscript(node.value, [cst.SubscriptElement(cst.Index(key))])
            return cst.Call(cst.Attribute(node.value, cst.Name("get")), [cst.Arg(key)])
        if field_name in ("name", "description"):
            lit = info.name if field_name == "name" else info.description
            value = str_value(lit) if lit is not None else None
            if value is not None and (not used or (quote is not None and quote not in value and "\\" not in value)):
                self.report(ID_USE, f"assistant .{field_name} replaced by its literal", fixed=True)
                return cst.SimpleString(f"{quote}{value}{quote}") if used else s(value)
        if field_name == "name" and quote is not None:
            key_value = str_value(info.id_expr) if not info.stable else None
            if key_value is not None and quote not in key_value:
                self.todo(ID_USE, f"{code_of(node)} became {quote}{key_value}{quote}, the config's key (its name= "
                          f"is not a literal: {code_of(info.name) if info.name is not None else 'none'}); use the "
                          "real name if it matters")
                return cst.SimpleString(f"{quote}{key_value}{quote}")
        if quote is None:
            self.todo(ID_USE, f"{code_of(node)}: {base} is a dict of Responses parameters now, with no "
                      f"{field_name}; use a value of your own")
            return node
        self.todo(ID_USE, f"{code_of(node)}: {base} is a dict of Responses parameters now, with no {field_name} "
                  "(this reads None); use a value of your own")
        return cst.Call(cst.Attribute(node.value, cst.Name("get")),
                        [cst.Arg(cst.SimpleString(f"{quote}{field_name}{quote}"))])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        chain = beta_chain(func)
        if chain is None:
            return self._aliased_call(func, updated_node)
        receiver, names = chain
        if names[:3] == ["beta", "assistants", "files"] and len(names) == 4:
            # the v1 assistant files API (`assistants.files.create/list/delete`) was removed in v2
            self.todo(tools_mod.RETRIEVAL, f"assistants.files.{names[3]} is the removed v1 assistant files API: "
                      "files the assistant searches live in a vector store named in its file_search tool "
                      "(vector_store_ids); manage them with vector_stores.files")
            return updated_node
        if names[:2] != ["beta", "assistants"] or len(names) != 3:
            return updated_node
        method = names[2]
        if method == "create":
            return self._create(original_node, updated_node)
        if method == "retrieve":
            return self._retrieve(original_node, updated_node)
        if method == "update":
            return self._update(original_node, updated_node)
        if method == "list":
            self.todo(LIST, "assistants.list has no Responses equivalent (assistants are in-code configs now): "
                      f"iterate your config dicts, or ASSISTANT_CONFIGS from {DEFAULT_CONFIGS_MODULE}.py "
                      "(`assistants-migrate export` writes it)")
        elif method == "delete":
            return self._delete(original_node, updated_node)
        return updated_node

    def _aliased_call(self, func: cst.Attribute, call: cst.Call) -> cst.BaseExpression:
        """`assistants = client.beta.assistants; assistants.create(...)`: not rewritten, but never unmarked."""
        path = [func.attr.value]
        node = func.value
        while isinstance(node, cst.Attribute):
            path.insert(0, node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name) or node.value not in aliases(self.ctx):
            return call
        names = [*aliases(self.ctx)[node.value][1], *path]
        if names[:2] != ["beta", "assistants"] or len(names) < 3:
            return call
        alias = node.value
        if names[2] == "files":
            self.todo(tools_mod.RETRIEVAL, f"{alias}.files.{names[-1]} is the removed v1 assistant files API: files "
                      "the assistant searches live in a vector store named in its file_search tool "
                      "(vector_store_ids); manage them with vector_stores.files")
            return call
        rule, what = {
            "create": (NOT_LITERAL, "its settings become a dict of Responses parameters (model, instructions, "
                       "tools) spread into responses.create"),
            "retrieve": (RETRIEVE, f"look the config up in your code (or ASSISTANT_CONFIGS from "
                         f"{DEFAULT_CONFIGS_MODULE}.py, which `assistants-migrate export` writes)"),
            "update": (UPDATE, "change the config dict in your code"),
            "list": (LIST, "iterate your config dicts (or ASSISTANT_CONFIGS)"),
            "delete": (DELETE, "keep it while old assistants exist, then remove it"),
        }.get(names[2], (None, ""))
        if rule is not None:
            self.todo(rule, f"assistants.{names[2]} through the alias {alias} (= {'.'.join(names[:2])}) is left "
                      f"as it was: assistants have no Responses successor; {what}")
        return call

    def _delete(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        id_arg = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "assistant_id"), None)
        replacement = id_replacement(self.ctx, id_arg) if id_arg is not None else None
        stmt = self.ctx.statement
        if replacement is not None and isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
                isinstance(stmt.body[0], cst.Expr) and strip_await(stmt.body[0].value)[0] is original:
            self.report(DELETE, "delete of an in-code config removed: nothing exists server-side", fixed=True)
            self._drop.add(id(stmt))
            return call
        if replacement is not None and isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
                isinstance(stmt.body[0], cst.Assign) and strip_await(stmt.body[0].value)[0] is original:
            # `deleted = client.beta.assistants.delete(config.id)`: nothing to delete, and no delete by name
            self.todo(DELETE, "nothing to delete: the assistant is a config in code now; this name holds a "
                      "stand-in deletion result")
            self.add_import("openai.types.beta", "AssistantDeleted")
            return cst.parse_expression(
                f'AssistantDeleted(id={code_of(replacement)}, deleted=True, object="assistant.deleted")')
        self.todo(DELETE, "assistants.delete only cleans up the old Assistants API (configs live in code now): "
                  "keep it while old assistants exist, then remove it")
        if replacement is not None:
            return call.with_changes(args=[a.with_changes(value=replacement) if a.value is id_arg else a
                                           for a in call.args])
        return call

    def _left(self, target: cst.BaseExpression | None) -> None:
        """An assistants call bound to `target` stays: on that path the name holds an Assistant."""
        tname = dotted_name(target) if target is not None else None
        if tname is not None:
            left_configs(self.ctx).add(tname)

    def _create(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        kind, target = self._targets.get(id(original), ("other", None))
        if self._lookup_in_scope():
            self.todo(RETRIEVE_OR_CREATE, "retrieve-or-create: after the migration the lookup above finds nothing "
                      "(no assistants are stored server-side); replace lookup and create by one dict of Responses "
                      "params (model, instructions, tools) and drop the stored asst_ id")
            self._left(target)
            return call
        if kind == "other" or (kind == "assign" and target is None):
            self.todo(NOT_LITERAL, "assistant created but not bound to a name: bind its Responses config (a dict "
                      "of model, instructions, tools) to a variable and spread it into responses.create")
            return call
        call = tools_mod.flatten_imported(self, call)
        built = build_config(call)
        if built is None:
            self.todo(NOT_LITERAL, "assistant settings not statically known (**kwargs, positional, v1 file_ids= or "
                      "a non-literal tool_resources/response_format): write the Responses config dict by hand")
            self._left(target)
            return call
        dict_expr, keys, name, description, missing_stores, retrieval = built
        if retrieval and not missing_stores:
            self.report(tools_mod.RETRIEVAL, "v1 retrieval tool became file_search with the tool_resources stores")
        elif retrieval:
            self.todo(tools_mod.RETRIEVAL, "v1 retrieval tool became file_search: list the vector store ids "
                      "holding its files in vector_store_ids")
        elif missing_stores:
            if re.search(r"assistants\s*\.\s*update\b[^\n]*(\n[^\n]*){0,6}tool_resources",
                         self._scope_text(before=False)):
                self.report(tools_mod.FILE_SEARCH_STORES, "file_search vector_store_ids come from the "
                            "assistants.update(tool_resources=...) below", fixed=True)
            else:
                self.todo(tools_mod.FILE_SEARCH_STORES, "file_search tool needs vector_store_ids: none in "
                          "tool_resources")
        self.report(CREATE)
        tools_arg = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "tools"), None)
        defined_here = isinstance(tools_arg, cst.Name) and re.search(  # a constant of this file: reshaped there
            rf"(?m)^{re.escape(tools_arg.value)}\s*(:[^=\n]*)?=(?!=)", self.ctx.source) is not None
        if tools_arg is not None and not isinstance(tools_arg, (cst.List, cst.Tuple)) and not defined_here:
            self.todo(tools_mod.TOOLS_ELSEWHERE, f"tools={code_of(tools_arg)} is built elsewhere: reshape those "
                      "definitions for the Responses API (flat function tools, code_interpreter container)")
        stmt = self.ctx.statement
        if stmt is not None and (name is not None or description is not None):
            self._comments.setdefault(id(stmt), []).append(_describe(name, description))
        tname = dotted_name(target) if target is not None else None
        stable = str_value(name) is not None
        if tname is not None:
            id_expr = s(str_value(name)) if stable else s(tname.rsplit(".", 1)[-1])
            self._bind(tname, keys, AssistantInfo(id_expr, name, description, keys, stable),
                       cst.parse_expression(tname))
            if self._first_binding(tname):
                self._annotate.add(id(stmt))
            if stmt is not None and self._id_escapes(tname):
                # its key (the name that replaced the id) is stored, returned or passed on, and may come back
                # as ASSISTANT_CONFIGS[key] elsewhere: the config is found there under that key too
                import_configs(self)
                self._register[id(stmt)] = f"ASSISTANT_CONFIGS[{code_of(id_expr)}] = {tname}"
        elif kind == "return" and self._scopes:
            fname = self._scopes[-1][0]
            id_expr = s(str_value(name)) if stable else s(fname)
            self._factories[fname] = (keys, AssistantInfo(id_expr, name, description, keys, stable))
            self._returns_config.add(fname)
        self._converted.add(id(dict_expr))
        return dict_expr

    def _id_escapes(self, tname: str) -> bool:
        """Is `tname.id` used after here (a module-level config: anywhere in the module) other than as a
        run's `assistant_id=`, in an assistants call on the config itself, or printed?"""
        _, _, end, _ = self.ctx.span_of(self.ctx.statement)
        last = self._scopes[-1][2] if self._scopes else len(self.ctx.lines)
        tree = self.ctx.scratch.get("assist_ast")
        if tree is None:
            tree = self.ctx.scratch["assist_ast"] = parse(self.ctx.source)
        uses = at_runs = 0
        shown = {id(sub) for node in ast.walk(tree) if isinstance(node, ast.Call) and  # printed, logged: no flow
                 re.fullmatch(r"print|(\w+\.)*(debug|info|warning|error|exception|write|echo)", ast.unparse(node.func))
                 for sub in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in shown:
                continue
            if not end < getattr(node, "lineno", 0) <= last:
                continue
            if isinstance(node, ast.Attribute) and node.attr == "id" and ast.unparse(node.value) == tname:
                uses += 1
            elif isinstance(node, ast.keyword) and node.arg == "assistant_id" and \
                    isinstance(node.value, ast.Attribute) and ast.unparse(node.value) == f"{tname}.id":
                at_runs += 1
            elif isinstance(node, ast.Call) and re.search(r"\bassistants\.(delete|update|retrieve)$", ast.unparse(node.func)) \
                    and f"{tname}.id" in (ast.unparse(a) for a in [*node.args, *(k.value for k in node.keywords)]):
                at_runs += 1  # rewritten on the config itself (dropped, or a dict update): no use of its key
        return uses > at_runs

    def _first_binding(self, tname: str) -> bool:
        """Annotate a config variable once: a second annotation of a name is a mypy no-redef."""
        if "." in tname:
            seen = self._attr_annotated
            start, _, end, _ = self.ctx.span_of(self.ctx.statement)
            other = "\n".join(line for i, line in enumerate(self.ctx.lines, 1) if not start <= i <= end)
            if re.search(r"(?m)^\s*" + re.escape(tname) + r"\s*(:[^=\n]*)?=(?!=)", other):
                seen.add(tname)  # bound by another statement too (`self.x = None` in __init__): its type is set there
        else:
            seen = self._annotated[-1]
            if re.search(r"(?m)^\s*" + re.escape(tname) + r"\s*(:[^=\n]*)?=(?!=)", self._scope_text(before=True)):
                seen.add(tname)  # bound before (None, an Assistant, ...): its type is already set
        if tname in seen:
            return False
        seen.add(tname)
        return True

    def _retrieve(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        kind, target = self._targets.get(id(original), ("other", None))
        if _has_create(self._scope_text(before=False)) or _has_create(self._scope_text(before=True)):
            self.todo(RETRIEVE_OR_CREATE, "retrieve-or-create: after the migration there is no stored assistant "
                      "to retrieve; keep only the created config (a dict of Responses params) and drop the stored "
                      "asst_ id (or key the export-generated ASSISTANT_CONFIGS by it)")
            self._left(target)
            return call
        id_arg = call.args[0].value if call.args and call.args[0].keyword in (None,) else None
        for a in call.args:
            if a.keyword is not None and a.keyword.value == "assistant_id":
                id_arg = a.value
        if id_arg is None or kind != "assign" or target is None:
            self.todo(RETRIEVE, "no assistant objects after the migration: bind ASSISTANT_CONFIGS[<asst_ id>] from "
                      f"{DEFAULT_CONFIGS_MODULE}.py (`assistants-migrate export` writes it) to a variable, or "
                      "inline the dict of Responses params")
            self._left(target)
            return call
        self._configs_import()
        tname = dotted_name(target)
        if tname is not None:
            simple = isinstance(id_arg, (cst.Name, cst.Attribute, cst.SimpleString, cst.Subscript))
            id_expr = id_arg if simple else s(tname)
            self._bind(tname, CONFIG_KEYS, AssistantInfo(id_expr, None, None, CONFIG_KEYS), cst.parse_expression(tname))
        result = cst.Subscript(cst.Name("ASSISTANT_CONFIGS"), [cst.SubscriptElement(cst.Index(id_arg))])
        self._converted.add(id(result))
        return result

    def _configs_import(self) -> None:
        self.report(RETRIEVE, "assistant looked up in the configs module", fixed=True)
        import_configs(self)

    def _update(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        id_arg = None
        rest = []
        for a in call.args:
            if a.keyword is None and not a.star and id_arg is None:
                id_arg = a.value
            elif a.keyword is not None and a.keyword.value == "assistant_id":
                id_arg = a.value
            else:
                rest.append(a)
        known = resolve_assistant(self.ctx, id_arg) if id_arg is not None else None
        kind, target = self._targets.get(id(original), ("other", None))
        tname = dotted_name(target) if target is not None and kind == "assign" else None
        config_var = dotted_name(known.params_expr) if known is not None else None
        if known is not None and config_var is not None and not self._bound_everywhere(config_var):
            self.todo(UPDATE, f"{config_var}, the config this id names, is not bound on this path (assistant "
                      "settings live in code now): build the dict of Responses params here, or bind "
                      f"{config_var} before this branch, and drop the update")
            self._left(target)
            return call
        if known is None and kind == "assign" and tname is not None and id_arg is not None and \
                id_replacement(self.ctx, id_arg) is None:
            # an assistant known only at run time: its config comes from the export-generated module
            built = build_config(call.with_changes(args=rest), require_model=False)
            if built is not None and not built[4] and not built[5] and \
                    not any(a.keyword is not None and a.keyword.value == "tool_resources" for a in rest):
                import_configs(self)
                self.todo(UPDATE, f"update of an assistant known only at run time: {tname} is now its config read "
                          f"from ASSISTANT_CONFIGS ({DEFAULT_CONFIGS_MODULE}.py, which `assistants-migrate export` "
                          "writes) with these changes, in this process only; make them in that module to keep them")
                base = cst.Subscript(cst.Name("ASSISTANT_CONFIGS"), [cst.SubscriptElement(cst.Index(id_arg))])
                merged = _spread_with(base, built[0])
                keys = CONFIG_KEYS | built[1]
                self._bind(tname, CONFIG_KEYS, AssistantInfo(id_arg if isinstance(
                    id_arg, (cst.Name, cst.Attribute, cst.SimpleString, cst.Subscript)) else s(tname),
                    None, None, keys), cst.parse_expression(tname))
                self._converted.add(id(merged))
                return merged
        if known is None or kind == "return":
            self.todo(UPDATE, "assistants.update has no Responses equivalent: the assistant's settings live in code "
                      f"now (your config dict, or {DEFAULT_CONFIGS_MODULE}.py from `assistants-migrate export`); "
                      "make this change there and drop the call")
            self._left(target)
            if id_arg is not None and id_replacement(self.ctx, id_arg) is not None:
                return call.with_changes(args=[a.with_changes(value=id_replacement(self.ctx, a.value))
                                               if a.value is id_arg else a for a in call.args])
            return call
        resources_arg = next((a.value for a in rest if a.keyword is not None and a.keyword.value == "tool_resources"),
                             None)
        updates_tools = any(a.keyword is not None and a.keyword.value == "tools" for a in rest)
        resources = tools_mod.parse_resources(resources_arg) if resources_arg is not None and not updates_tools \
            else None
        if resources is not None:
            rest = [a for a in rest if a.value is not resources_arg]
        built = build_config(call.with_changes(args=rest), require_model=False) if rest else None
        if rest and built is None:
            self.todo(UPDATE, "assistant settings live in code now and these are not statically known: change "
                      f"the config {config_var} by hand and drop the update")
            self._left(target)
            return call
        elements: list[cst.BaseDictElement] = list(built[0].elements) if built is not None else []
        if built is not None and built[5] and built[4]:
            self.todo(tools_mod.RETRIEVAL, "v1 retrieval tool became file_search: list the vector store ids holding "
                      "its files in vector_store_ids")
        elif built is not None and built[4]:
            self.todo(tools_mod.FILE_SEARCH_STORES, "file_search tool needs vector_store_ids: none in tool_resources")
        if resources_arg is not None and not updates_tools:
            tools_el = _tools_with_resources(known.params_expr, resources) if resources is not None and \
                "tools" in known.param_names else None
            if tools_el is None:
                self.todo(UPDATE, f"tool_resources of this update not merged: add the vector store ids / file ids "
                          f"to the file_search / code_interpreter tools of the config {config_var} by hand")
            else:
                if elements:
                    elements[-1] = elements[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                elements.append(tools_el)
        self.report(UPDATE, "update of an in-code config became a dict update", fixed=True)
        if kind == "assign":
            merged = _spread_with(known.params_expr, cst.Dict(elements))
            if tname is not None and tname != config_var:
                info = infos(self.ctx).get(config_var or "")
                if info is not None:
                    self._bind(tname, known.param_names, info, cst.parse_expression(tname))
            self._converted.add(id(merged))
            return merged
        # a bare statement: update the config in place
        result = cst.Call(func=cst.Attribute(known.params_expr, cst.Name("update")), args=[cst.Arg(cst.Dict(elements))])
        self._converted.add(id(result))
        return result

    def leave_Await(self, original_node: cst.Await, updated_node: cst.Await) -> cst.BaseExpression:
        if id(updated_node.expression) in self._converted:
            return updated_node.expression.with_changes(
                lpar=updated_node.lpar, rpar=updated_node.rpar) if updated_node.lpar else updated_node.expression
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.BaseSmallStatement:
        stmt = self.ctx.statement
        if stmt is None or id(stmt) not in self._annotate or len(updated_node.targets) != 1:
            return updated_node
        if not isinstance(updated_node.value, cst.Dict):
            return updated_node
        self._annotate.discard(id(stmt))
        self.add_import("typing", "Any")
        return cst.AnnAssign(
            target=updated_node.targets[0].target,
            annotation=cst.Annotation(cst.parse_expression("dict[str, Any]")),
            value=updated_node.value,
            semicolon=updated_node.semicolon,
        )

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if id(original_node) in self._drop:
            return cst.RemoveFromParent()  # type: ignore[return-value]
        register = self._register.pop(id(original_node), None)
        if register is not None:
            updated_node = self._with_comments(original_node, updated_node)
            return cst.FlattenSentinel([updated_node, cst.parse_statement(register)])  # type: ignore[return-value]
        return self._with_comments(original_node, updated_node)

    def _with_comments(self, original_node: cst.SimpleStatementLine,
                       updated_node: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        comments = self._comments.pop(id(original_node), None)
        if not comments:
            return updated_node
        lines = [cst.EmptyLine(indent=True, comment=cst.Comment(c)) for c in comments]
        return updated_node.with_changes(leading_lines=[*updated_node.leading_lines, *lines])


def _spread_with(base: cst.BaseExpression, changes: cst.Dict) -> cst.Dict:
    """`{**base, <changes>}` (`{**base}` when there are none)."""
    spread = cst.StarredDictElement(base, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                                    if changes.elements else cst.MaybeSentinel.DEFAULT)
    return cst.Dict([spread, *changes.elements])


def _tools_with_resources(config: cst.BaseExpression, resources: tools_mod.Resources) -> cst.DictElement | None:
    """`"tools": [...]` of `config` with the stores / files of an update's `tool_resources` merged in."""
    cfg = code_of(config)
    parts = []
    if resources.vector_store_ids is not None:
        parts.append(f'{{**t, "vector_store_ids": {code_of(resources.vector_store_ids)}}} '
                     f'if t["type"] == "file_search" else ')
    if resources.file_ids is not None:
        parts.append(f'{{**t, "container": {{"type": "auto", "file_ids": {code_of(resources.file_ids)}}}}} '
                     f'if t["type"] == "code_interpreter" else ')
    if not parts:
        return None
    expr = cst.parse_expression(f'[{"".join(parts)}t for t in {cfg}["tools"]]')
    return cst.DictElement(s("tools"), expr)


def _has_create(text: str) -> bool:
    return bool(re.search(r"assistants\s*\.\s*create\b", text))


def _describe(name: cst.BaseExpression | None, description: cst.BaseExpression | None) -> str:
    parts = []
    if name is not None:
        lit = str_value(name)
        parts.append(f'Assistant "{lit}"' if lit is not None else f"Assistant name: {code_of(name)}")
    else:
        parts.append("Assistant")
    if description is not None:
        lit = str_value(description)
        parts.append(lit if lit is not None else code_of(description))
    return " ".join(("# " + ": ".join(parts)).split())


def build_config(
    call: cst.Call, *, require_model: bool = True
) -> tuple[cst.Dict, frozenset[str], cst.BaseExpression | None, cst.BaseExpression | None, bool, bool] | None:
    """The Responses config dict for `assistants.create(...)` args; None when not statically known."""
    name = description = None
    resources_arg = None
    entries: list[tuple[str, cst.BaseExpression, cst.Arg]] = []
    for arg in call.args:
        if arg.star or arg.keyword is None:
            return None
        key = arg.keyword.value
        if key == "name":
            name = arg.value
        elif key == "description":
            description = arg.value
        elif key == "tool_resources":
            resources_arg = arg.value
        elif key in _REQUEST_OPTIONS:
            continue
        elif key in _PASSTHROUGH or key in ("tools", "response_format", "reasoning_effort"):
            entries.append((key, arg.value, arg))
        else:
            return None
    resources = tools_mod.parse_resources(resources_arg)
    if resources is None:
        return None
    out: list[tuple[str, cst.BaseExpression, cst.Arg]] = []
    missing = retrieval = False
    for key, value, arg in entries:
        if key == "tools":
            r = tools_mod.reshape_tools(value, resources)
            if not isinstance(value, (cst.List, cst.Tuple)):
                if resources_arg is not None:
                    return None  # resources cannot be merged into tools held elsewhere
            else:
                r2 = tools_mod.merge_resources_into(r.expr, resources)
                r = tools_mod.Reshaped(r2.expr, r.changed or r2.changed, r.missing_stores and r2.missing_stores,
                                       r.notes)
            missing |= r.missing_stores
            retrieval |= tools_mod.RETRIEVAL in r.notes
            out.append(("tools", r.expr, arg))
        elif key == "response_format":
            ok, text = tools_mod.response_format_to_text(value)
            if not ok:
                return None
            if text is not None:
                out.append(("text", text, arg))
        elif key == "reasoning_effort":
            out.append(("reasoning", tools_mod.reasoning_from_effort(value), arg))
        else:
            out.append((key, value, arg))
    if require_model and not any(k == "model" for k, _, _ in out):
        return None
    elements: list[cst.BaseDictElement] = []
    sep: cst.Comma | cst.MaybeSentinel = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    for a in call.args[:-1]:
        if isinstance(a.comma, cst.Comma):
            sep = a.comma
            break
    tail = call.args[-1].comma if call.args else cst.MaybeSentinel.DEFAULT
    for i, (key, value, _) in enumerate(out):
        elements.append(cst.DictElement(s(key), value, comma=tail if i == len(out) - 1 else sep))
    lbrace = cst.LeftCurlyBrace(whitespace_after=call.whitespace_before_args)
    rbrace = cst.RightCurlyBrace(whitespace_before=call.args[-1].whitespace_after_arg if call.args
                                 else cst.SimpleWhitespace(""))
    d = cst.Dict(elements=elements, lbrace=lbrace, rbrace=rbrace)
    return d, frozenset(k for k, _, _ in out), name, description, missing, retrieval


def dict_keys_of(d: cst.Dict) -> frozenset[str]:
    return frozenset(k for k, _ in (dict_items(d) or []))


CODEMOD = AssistantsCodemod
