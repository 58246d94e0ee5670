"""Tool shapes: Assistants tool dicts -> Responses tool dicts (api-mapping 3.3, 3.4, 3.16).

The reshaping functions are reusable: the assistants and runs codemods call
`reshape_tool`, `reshape_tools` and `reshape_tool_choice` for the `tools=` and
`tool_choice=` arguments they rewrite. This module's own codemod handles tool
literals that stand alone (module constants, lists built before the call) and
imports of the `openai.types.beta` tool param types, whose same-named
`openai.types.responses` counterparts have a different (flat) shape.

Every reshape is idempotent: a dict already in the Responses shape is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._assist_common import dict_get, dict_items, s, str_value
from assistants_migrate.codemods._receivers import dotted_name, flow_kept_in_file, iter_children, kept_here, raw_beta_chain
from assistants_migrate.codemods._tool_defs import INDEX_FACT as NESTED_TOOLS_FACT, imported_nested_tools
from assistants_migrate.codemods._assist_examples import EXAMPLES
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

TOOL_SHAPE = "AM201"
TOOL_TYPES = "AM202"
FILE_SEARCH_STORES = "AM203"
SHARED_WITH_CHAT = "AM204"
RETRIEVAL = "AM205"
TOOLS_ELSEWHERE = "AM206"

RANKER_MAP = {"default_2024_08_21": "auto"}


@dataclass
class Resources:
    """What `tool_resources=` said, as expressions: merged into the tools."""

    vector_store_ids: cst.BaseExpression | None = None
    file_ids: cst.BaseExpression | None = None


@dataclass
class Reshaped:
    expr: cst.BaseExpression
    changed: bool = False
    missing_stores: bool = False  # a file_search tool got no vector_store_ids
    notes: list[str] = field(default_factory=list)


def parse_resources(expr: cst.BaseExpression | None) -> Resources | None:
    """`{"file_search": {"vector_store_ids": [...]}, "code_interpreter": {"file_ids": [...]}}`;
    None when the expression is not a literal we can read."""
    if expr is None:
        return Resources()
    if not isinstance(expr, cst.Dict):
        return None
    res = Resources()
    items = dict_items(expr)
    if items is None:
        return None
    for key, value in items:
        if not isinstance(value, cst.Dict):
            return None
        inner = dict_items(value)
        if inner is None:
            return None
        for ikey, ivalue in inner:
            if key == "file_search" and ikey == "vector_store_ids":
                res.vector_store_ids = ivalue
            elif key == "code_interpreter" and ikey == "file_ids":
                res.file_ids = ivalue
            else:
                return None  # e.g. inline `vector_stores` creation: no Responses equivalent
    return res


def _el(key: str, value: cst.BaseExpression) -> cst.DictElement:
    return cst.DictElement(s(key), value)


def _with_layout(new_elements: list[cst.BaseDictElement], like: cst.Dict) -> cst.Dict:
    """Give the new elements the separators `like` used (one per line stays one per line)."""
    sep: cst.Comma | cst.MaybeSentinel = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    for el in like.elements[:-1]:
        if isinstance(el.comma, cst.Comma):
            sep = el.comma
            break
    tail = like.elements[-1].comma if like.elements else cst.MaybeSentinel.DEFAULT
    out: list[cst.BaseDictElement] = []
    for i, el in enumerate(new_elements):
        out.append(el.with_changes(comma=tail if i == len(new_elements) - 1 else sep))
    return like.with_changes(elements=out)


def tool_type(d: cst.BaseExpression) -> str | None:
    if not isinstance(d, cst.Dict):
        return None
    el = dict_get(d, "type")
    return str_value(el.value) if el is not None else None


def is_assistants_tool(d: cst.BaseExpression) -> bool:
    """A dict literal in the Assistants shape (needs reshaping)."""
    t = tool_type(d)
    assert t is None or isinstance(d, cst.Dict)
    if t == "function":
        return dict_get(d, "function") is not None  # type: ignore[arg-type]
    if t == "file_search":
        return dict_get(d, "vector_store_ids") is None  # type: ignore[arg-type]
    if t == "code_interpreter":
        return dict_get(d, "container") is None  # type: ignore[arg-type]
    return t == "retrieval"  # the v1 name of file_search


def _ranking(value: cst.BaseExpression) -> cst.BaseExpression:
    if not isinstance(value, cst.Dict):
        return value
    out = []
    for el in value.elements:
        if isinstance(el, cst.DictElement) and str_value(el.key) == "ranker":
            ranker = str_value(el.value)
            if ranker in RANKER_MAP:
                el = el.with_changes(value=s(RANKER_MAP[ranker]))
        out.append(el)
    return value.with_changes(elements=out)


def reshape_tool(expr: cst.BaseExpression, resources: Resources | None = None) -> Reshaped:
    """One tool dict literal -> its Responses shape (unchanged when not a known Assistants tool)."""
    res = resources or Resources()
    if not isinstance(expr, cst.Dict):
        return Reshaped(expr)
    t = tool_type(expr)
    if t == "retrieval":
        # v1 `retrieval` (rejected by the API since v2) is `file_search`, whose stores are explicit
        type_el = dict_get(expr, "type")
        assert type_el is not None
        new_type = type_el.with_changes(value=s("file_search"))
        missing = res.vector_store_ids is None
        stores = _el("vector_store_ids", res.vector_store_ids if res.vector_store_ids is not None else cst.List([]))
        rest = [el for el in expr.elements if el is not type_el]
        return Reshaped(_with_layout([new_type, stores, *rest], expr), changed=True, missing_stores=missing,
                        notes=[RETRIEVAL])
    if t == "function":
        fn = dict_get(expr, "function")
        if fn is None:
            return Reshaped(expr)
        others = [el for el in expr.elements if el is not fn and not (
            isinstance(el, cst.DictElement) and str_value(el.key) == "type")]
        type_el = dict_get(expr, "type")
        assert type_el is not None
        inner = fn.value
        new: list[cst.BaseDictElement] = [type_el]
        if isinstance(inner, cst.Dict) and dict_items(inner) is not None:
            items = dict(dict_items(inner) or [])
            for key in ("name", "description"):
                el = dict_get(inner, key)
                if el is not None:
                    new.append(el)
            params = dict_get(inner, "parameters")
            new.append(params if params is not None else _el("parameters", cst.Name("None")))
            strict = dict_get(inner, "strict")
            new.append(strict if strict is not None else _el("strict", cst.Name("False")))
            new.extend(el for el in inner.elements if isinstance(el, cst.DictElement) and str_value(el.key)
                       not in ("name", "description", "parameters", "strict"))
            del items
        else:
            # a function definition held in a variable: spread it, strict off unless it says otherwise
            new.append(_el("strict", cst.Name("False")))
            new.append(cst.StarredDictElement(inner))
        new.extend(others)
        return Reshaped(_with_layout(new, expr), changed=True)
    if t == "file_search":
        if dict_get(expr, "vector_store_ids") is not None:
            return Reshaped(expr)
        type_el = dict_get(expr, "type")
        assert type_el is not None
        new = [type_el]
        missing = res.vector_store_ids is None
        new.append(_el("vector_store_ids", res.vector_store_ids if res.vector_store_ids is not None else cst.List([])))
        fs = dict_get(expr, "file_search")
        if fs is not None:
            inner = fs.value
            if isinstance(inner, cst.Dict) and dict_items(inner) is not None:
                for el in inner.elements:
                    assert isinstance(el, cst.DictElement)
                    if str_value(el.key) == "ranking_options":
                        el = el.with_changes(value=_ranking(el.value))
                    new.append(el.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            else:
                new.append(cst.StarredDictElement(inner))
        new.extend(el for el in expr.elements if el is not fs and el is not type_el)
        return Reshaped(_with_layout(new, expr), changed=True, missing_stores=missing)
    if t == "code_interpreter":
        if dict_get(expr, "container") is not None:
            return Reshaped(expr)
        container: list[tuple[str, cst.BaseExpression]] = [("type", s("auto"))]
        if res.file_ids is not None:
            container.append(("file_ids", res.file_ids))
        cdict = cst.Dict([_el(k, v) for k, v in container])
        cdict = cdict.with_changes(elements=[
            el.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if i < len(container) - 1 else el for i, el in enumerate(cdict.elements)])
        new = [*expr.elements, _el("container", cdict)]
        return Reshaped(_with_layout(new, expr), changed=True)
    return Reshaped(expr)


def reshape_tools(expr: cst.BaseExpression, resources: Resources | None = None) -> Reshaped:
    """A `tools=` value: a list literal is reshaped element by element.

    `changed` tells whether anything was rewritten; a non-literal is returned as is."""
    if isinstance(expr, cst.Dict):
        return reshape_tool(expr, resources)
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return Reshaped(expr)
    elements = []
    out = Reshaped(expr)
    for el in expr.elements:
        if isinstance(el, cst.Element):
            r = reshape_tool(el.value, resources)
            out.changed |= r.changed
            out.missing_stores |= r.missing_stores
            out.notes.extend(n for n in r.notes if n not in out.notes)
            el = el.with_changes(value=r.expr)
        elements.append(el)
    if isinstance(expr, cst.Tuple):  # Responses wants a list; keep the tuple (Iterable)
        out.expr = expr.with_changes(elements=elements)
    else:
        out.expr = expr.with_changes(elements=elements)
    return out


def flatten_imported(codemod: Codemod, call: cst.Call) -> cst.Call:
    """`tools=[add_tool, ...]` where `add_tool` is a function tool another project module defines in the
    nested (Assistants/Chat) shape: that element becomes the flat Responses shape, spread from its
    `"function"` dict (the definition itself may also feed Chat Completions, so it stays as it is)."""
    names = imported_nested_tools(codemod.ctx)
    arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == "tools"), None)
    if not names or arg is None or not isinstance(arg.value, (cst.List, cst.Tuple)):
        return call
    elements = []
    for el in arg.value.elements:
        if isinstance(el, cst.Element) and isinstance(el.value, cst.Name) and el.value.value in names:
            flat = cst.parse_expression('{"type": "function", "strict": False, **cast(dict[str, Any], '
                                        f'{el.value.value}["function"])}}')
            el = el.with_changes(value=flat)
        elements.append(el)
    if all(new is old for new, old in zip(elements, arg.value.elements)):
        return call
    codemod.add_import("typing", "Any")
    codemod.add_import("typing", "cast")  # the definition's inferred type is too loose for ** (mypy)
    codemod.report(TOOL_SHAPE, "function tools imported in the Assistants shape flattened here for Responses")
    new_arg = arg.with_changes(value=arg.value.with_changes(elements=elements))
    return call.with_changes(args=[new_arg if a is arg else a for a in call.args])


def merge_resources_into(expr: cst.BaseExpression, resources: Resources) -> Reshaped:
    """Tools already in the Responses shape whose file_search/code_interpreter entries lack the
    ids `tool_resources` carried: add them (a file_search placeholder `[]` is replaced)."""
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return Reshaped(expr)
    out = Reshaped(expr)
    elements = []
    for el in expr.elements:
        if isinstance(el, cst.Element) and isinstance(el.value, cst.Dict):
            d = el.value
            t = tool_type(d)
            if t == "file_search" and resources.vector_store_ids is not None:
                ids = dict_get(d, "vector_store_ids")
                if ids is not None and isinstance(ids.value, cst.List) and not ids.value.elements:
                    d = d.with_changes(elements=[
                        e.with_changes(value=resources.vector_store_ids) if e is ids else e for e in d.elements])
                    out.changed = True
            elif t == "file_search":
                ids = dict_get(d, "vector_store_ids")
                if ids is not None and isinstance(ids.value, cst.List) and not ids.value.elements:
                    out.missing_stores = True
            if t == "code_interpreter" and resources.file_ids is not None:
                cont = dict_get(d, "container")
                if cont is not None and isinstance(cont.value, cst.Dict) and dict_get(cont.value, "file_ids") is None:
                    cd = cont.value
                    new_cd = cd.with_changes(elements=[
                        *[e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                          for e in cd.elements],
                        _el("file_ids", resources.file_ids)])
                    d = d.with_changes(elements=[e.with_changes(value=new_cd) if e is cont else e for e in d.elements])
                    out.changed = True
            el = el.with_changes(value=d)
        elements.append(el)
    out.expr = expr.with_changes(elements=elements)
    return out


def reshape_tool_choice(expr: cst.BaseExpression) -> Reshaped:
    """`{"type": "function", "function": {"name": X}}` -> `{"type": "function", "name": X}`."""
    if not isinstance(expr, cst.Dict) or tool_type(expr) != "function":
        return Reshaped(expr)
    fn = dict_get(expr, "function")
    if fn is None or not isinstance(fn.value, cst.Dict):
        return Reshaped(expr)
    name = dict_get(fn.value, "name")
    if name is None:
        return Reshaped(expr)
    new = [el if el is not fn else name.with_changes(comma=fn.comma) for el in expr.elements]
    return Reshaped(expr.with_changes(elements=new), changed=True)


def response_format_to_text(expr: cst.BaseExpression) -> tuple[bool, cst.BaseExpression | None]:
    """(understood, text= value). `"auto"` -> (True, None): omit `text`."""
    lit = str_value(expr)
    if lit == "auto":
        return True, None
    if isinstance(expr, cst.Name) and expr.value == "None":
        return True, None
    if not isinstance(expr, cst.Dict):
        return False, None
    items = dict_items(expr)
    if items is None:
        return False, None
    kind = str_value(dict(items).get("type"))
    if kind in ("text", "json_object") and len(items) == 1:
        return True, cst.Dict([_el("format", expr)])
    if kind == "json_schema":
        js = dict(items).get("json_schema")
        if not isinstance(js, cst.Dict) or dict_items(js) is None:
            return False, None
        type_el = dict_get(expr, "type")
        assert type_el is not None
        flat = _with_layout([type_el, *js.elements], js) if js.elements else js
        return True, cst.Dict([_el("format", flat)])
    return False, None


def reasoning_from_effort(expr: cst.BaseExpression) -> cst.BaseExpression:
    return cst.Dict([_el("effort", expr)])


# -- types ------------------------------------------------------------------------------

# openai.types.beta name -> (module, name in that module)
TYPE_MAP: dict[str, tuple[str, str]] = {
    "FunctionToolParam": ("openai.types.responses", "FunctionToolParam"),
    "FileSearchToolParam": ("openai.types.responses", "FileSearchToolParam"),
    "CodeInterpreterToolParam": ("openai.types.responses.tool_param", "CodeInterpreter"),
    "AssistantToolParam": ("openai.types.responses", "ToolParam"),
    "AssistantToolChoiceOptionParam": ("openai.types.responses.response_create_params", "ToolChoice"),
    "AssistantToolChoiceFunctionParam": ("openai.types.responses", "ToolChoiceFunctionParam"),
}
SUBMODULE_MAP = {
    "function_tool_param": "openai.types.responses.function_tool_param",
    "file_search_tool_param": "openai.types.responses.file_search_tool_param",
}


RULES = register(
    Rule(
        id=TOOL_SHAPE,
        title="Tool definitions reshaped for the Responses API",
        severity=Severity.NOTE,
        why="Responses function tools are flat (`name`, `parameters` and `strict` at the top level, where "
        "Assistants nested them under `function`); `file_search` carries its `vector_store_ids`; "
        "`code_interpreter` needs a `container`; the file-search ranker `default_2024_08_21` does not exist. "
        "`strict` is written explicitly because the two APIs' defaults differ.",
        what_to_do="Nothing: the dicts were rewritten. Check tools you build dynamically (not literals).",
        autofix=True,
        effort=Effort.S,
        surface="tools",
        examples=EXAMPLES.get(TOOL_SHAPE, ()),
    ),
    Rule(
        id=TOOL_TYPES,
        title="`openai.types.beta` tool param types replaced by their Responses counterparts",
        severity=Severity.NOTE,
        why="`openai.types.responses.FunctionToolParam` and `FileSearchToolParam` share names with the beta "
        "types but have a different (flat) shape; the dict literals were reshaped with them.",
        what_to_do="Nothing for literals; reshape any tool dicts you build elsewhere.",
        autofix=True,
        effort=Effort.S,
        surface="tools",
        examples=EXAMPLES.get(TOOL_TYPES, ()),
    ),
    Rule(
        id=FILE_SEARCH_STORES,
        title="`file_search` tool without `vector_store_ids`",
        severity=Severity.ERROR,
        why="The Responses `file_search` tool requires `vector_store_ids`; in Assistants they came from the "
        "assistant's or thread's `tool_resources`, which this code does not show.",
        what_to_do="Fill in the vector store ids (those of the assistant's or thread's `tool_resources`).",
        autofix=False,
        effort=Effort.S,
        surface="tools",
        examples=EXAMPLES.get(FILE_SEARCH_STORES, ()),
    ),
    Rule(
        id=RETRIEVAL,
        title="v1 `retrieval` tool became `file_search`",
        severity=Severity.WARNING,
        why="`{\"type\": \"retrieval\"}` is the Assistants v1 tool; the API rejects it now. Its successor "
        "`file_search` searches vector stores, which must be named in `vector_store_ids` (v1 attached files "
        "directly with `file_ids`).",
        what_to_do="Put the files in a vector store (`vector_stores.create(file_ids=[...])`) and list its id in "
        "`vector_store_ids` where the tool says `[]`.",
        autofix=True,
        effort=Effort.S,
        surface="tools",
        examples=EXAMPLES.get(RETRIEVAL, ()),
    ),
    Rule(
        id=SHARED_WITH_CHAT,
        title="Tool list may be shared with Chat Completions",
        severity=Severity.WARNING,
        why="This file also calls Chat Completions, whose tools keep the nested `function` shape; a standalone "
        "tool literal may feed both APIs, so it was not reshaped.",
        what_to_do="Reshape the copy that goes to the Responses API (flat `name`/`parameters`/`strict`).",
        autofix=False,
        effort=Effort.S,
        surface="tools",
        examples=EXAMPLES.get(SHARED_WITH_CHAT, ()),
    ),
    Rule(
        id=TOOLS_ELSEWHERE,
        title="Tool definitions built elsewhere: reshape them for the Responses API",
        severity=Severity.WARNING,
        why="The assistant's `tools=` is not a literal list here (a constant imported from another module, a "
        "variable, a function's result), so the rewrite could not reshape the definitions. Responses function "
        "tools are flat (`name`, `parameters`, `strict` at the top level, not under `function`); code interpreter "
        "needs a `container`; file search its `vector_store_ids`. Nested Assistants-style definitions make "
        "`responses.create` fail or call no function.",
        what_to_do="Reshape the definitions where they are built: "
        "`{\"type\": \"function\", \"name\": ..., \"parameters\": ..., \"strict\": False}`.",
        autofix=False,
        effort=Effort.S,
        surface="tools",
        examples=(
            Example(before="from openai import OpenAI\nfrom mytools import TOOLS\n\nclient = OpenAI()\n"
                    "bot = client.beta.assistants.create(model=\"gpt-4o\", tools=TOOLS)\n"),
        ),
    ),
)


def is_chat_call(call: cst.Call) -> bool:
    name = dotted_name(call.func) or ""
    return "completions" in name or "ChatCompletion" in name


def is_assistants_call(call: cst.Call) -> bool:
    """A call whose own code reshapes its `tools=` (assistants/runs/threads surfaces) when it is migrated,
    and whose tools stay as they are when it is not (a kept flow, or a lookalike that is not OpenAI's)."""
    return isinstance(call.func, cst.Attribute) and raw_beta_chain(call.func) is not None


class ToolsCodemod(Codemod):
    RULES = RULES
    INDEX = (NESTED_TOOLS_FACT,)  # function tools other modules define in the nested shape (flatten_imported)
    DEPENDS_ON = ("assistants",)  # tool definitions are reshaped inside the assistants' Responses parameters
    HOT_WORDS = ("function", "file_search", "code_interpreter", "retrieval", "FunctionToolParam", "FileSearchToolParam",
                 "CodeInterpreterToolParam", "AssistantToolParam", "AssistantToolChoiceOptionParam",
                 "AssistantToolChoiceFunctionParam")

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._chat_file = "completions" in ctx.source or "ChatCompletion" in ctx.source
        # ids of (original) dicts and lists inside calls that reshape their own tools, Chat Completions
        # calls, or message attachments. A set of descendants, not a stack of open calls: a call another
        # codemod replaces (by a dict, say) never reaches this codemod's leave_Call.
        self._inside: set[int] = set()
        self._annotated: set[tuple[str, ...]] = set()  # (enclosing defs..., name): annotated once per scope

    def _shelter(self, node: cst.CSTNode) -> None:
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, (cst.Dict, cst.List, cst.Tuple)):
                if id(n) in self._inside:
                    continue
                self._inside.add(id(n))
            stack.extend(iter_children(n))

    def visit_Call(self, node: cst.Call) -> None:
        if is_chat_call(node) or is_assistants_call(node) or self._is_alias_call(node):
            self._shelter(node)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value == "attachments":
            self._shelter(node.value)

    def visit_Dict(self, node: cst.Dict) -> None:
        # a message attachment `{"file_id": ..., "tools": [...]}`, or `{"attachments": [...]}`: its tool
        # list says which tool may read the file, it is not a tool definition
        keys = {str_value(el.key): el for el in node.elements if isinstance(el, cst.DictElement)}
        if "file_id" in keys and "tools" in keys:
            self._shelter(keys["tools"].value)
        if "attachments" in keys:
            self._shelter(keys["attachments"].value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            target = t.target
            name = dotted_name(target) or ""
            if isinstance(target, cst.Subscript) and any(
                isinstance(e.slice, cst.Index) and str_value(e.slice.value) == "attachments" for e in target.slice
            ) or "attachment" in name.rsplit(".", 1)[-1].lower():
                self._shelter(node.value)

    def _is_alias_call(self, node: cst.Call) -> bool:
        aliases = self.ctx.scratch.get("assist_aliases", {})
        if not aliases or not isinstance(node.func, cst.Attribute):
            return False
        name = dotted_name(node.func.value)
        return name is not None and any(name == a or name.startswith(a + ".") for a in aliases)

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.BaseExpression:
        if id(original_node) in self._inside or not is_assistants_tool(updated_node) or kept_here():
            return updated_node  # a kept flow's assistant is still created on the Assistants API
        if self._chat_file:
            self.todo(SHARED_WITH_CHAT)
            return updated_node
        r = reshape_tool(updated_node)
        if RETRIEVAL in r.notes:
            self.todo(RETRIEVAL, "v1 retrieval tool became file_search: list the vector store ids holding its "
                      "files in vector_store_ids")
        elif r.missing_stores:
            self.todo(FILE_SEARCH_STORES, "file_search tool needs vector_store_ids: fill in the assistant's stores")
        if r.changed:
            self.report(TOOL_SHAPE)
        return r.expr  # type: ignore[return-value]

    # -- imports -----------------------------------------------------------------------

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        if updated_node.relative or updated_node.module is None or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        module = dotted_name(updated_node.module)
        if module is None:
            return updated_node
        parts = module.split(".")
        if parts[:3] != ["openai", "types", "beta"] or flow_kept_in_file():
            return updated_node  # a kept flow's tools are still Assistants tools
        if len(parts) == 4 and parts[3] in SUBMODULE_MAP:
            self.report(TOOL_TYPES)
            return updated_node.with_changes(module=cst.parse_expression(SUBMODULE_MAP[parts[3]]))
        if len(parts) != 3:
            return updated_node
        moved = [a for a in updated_node.names if dotted_name(a.name) in TYPE_MAP]
        if not moved:
            return updated_node
        self.report(TOOL_TYPES)
        kept = [a for a in updated_node.names if a not in moved]
        in_place: list[cst.ImportAlias] = []
        target_module = None if kept else TYPE_MAP[dotted_name(moved[0].name) or ""][0]
        for alias in moved:
            old = dotted_name(alias.name)
            assert old is not None
            local = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else old
            new_module, new_name = TYPE_MAP[old]
            asname = None if local == new_name else cst.AsName(cst.Name(local))
            if new_module == target_module:
                in_place.append(cst.ImportAlias(name=cst.Name(new_name), asname=asname))
            else:
                self.add_import(new_module, new_name, None if local == new_name else local)
        if in_place:
            names = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                     for a in in_place[:-1]] + [in_place[-1]]
            return updated_node.with_changes(module=cst.parse_expression(target_module or ""), names=names,
                                             lpar=None, rpar=None)
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept)

    # -- annotate standalone constants so they type-check where Responses expects ToolParam

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.BaseSmallStatement:
        if len(updated_node.targets) != 1 or not isinstance(updated_node.targets[0].target, cst.Name):
            return updated_node
        if self._chat_file or id(original_node.value) in self._inside or kept_here():
            return updated_node
        value, orig = updated_node.value, original_node.value
        if isinstance(orig, cst.List) and orig.elements and all(
            isinstance(e, cst.Element) and is_assistants_tool(e.value) for e in orig.elements
        ):
            annotation = cst.Subscript(cst.Name("list"), [cst.SubscriptElement(cst.Index(cst.Name("ToolParam")))])
        elif isinstance(orig, cst.Dict) and is_assistants_tool(orig):
            annotation = cst.Name("ToolParam")
        else:
            return updated_node
        scoped = (*(stmt.name.value for stmt in self.ctx.stmt_stack if isinstance(stmt, (cst.FunctionDef, cst.ClassDef))),
                  updated_node.targets[0].target.value)
        if scoped in self._annotated:
            return updated_node  # a second annotation of one name (another branch) is a redefinition for mypy
        self._annotated.add(scoped)
        self.add_import("openai.types.responses", "ToolParam")
        return cst.AnnAssign(
            target=updated_node.targets[0].target,
            annotation=cst.Annotation(annotation),
            value=value,
            semicolon=updated_node.semicolon,
        )


CODEMOD = ToolsCodemod
