"""Where a value comes from: is this receiver an OpenAI client, an object the openai package
returned, something else, or can't we tell?

A `.beta.threads` chain, a `.status == "requires_action"` test or a `.text.value` read
is Assistants code only when its receiver comes from the openai package. Other
libraries have `threads`, `beta` and `status` too (a forum client, a vector database,
a task queue), so the codemods rewrite a site only when its receiver provably comes
from openai: a client constructed from `OpenAI`, `AsyncOpenAI`, `AzureOpenAI`,
`AsyncAzureOpenAI` (directly, through `self.x`, a factory function, an annotated
parameter, a parameter every caller in the project passes a client to, or a name
imported from a project module) or the `openai` module client; objects returned by
calls on such a client (runs, threads, pages), and values taken from them.

Phase 1 (`INDEX_FACT.collect`, on the standard library's `ast`) records per module what
each name, `self.x` attribute and function return is bound to, the parameters, and the
calls between the project's functions. `join` answers lookups across modules, following
parameters to their callers until nothing changes. Phase 2 asks `Provenance.lookup`
with the libcst receiver's dotted text and the scope it sits in.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Union

from assistants_migrate.codemods import _syntax  # module: _syntax -> _receivers -> this module
from assistants_migrate.engine.index import IndexFact, absolute_module

CLIENT_CLASSES = frozenset({"OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"})
# the package's other names for them (`openai.Client is openai.OpenAI`), recognised when they come from openai
CLIENT_ALIASES = {"Client": "OpenAI", "AsyncClient": "AsyncOpenAI"}
MODULE_CLIENT = "openai"  # the `openai` module: `openai.beta.threads.create()` uses its default client
OBJECT = "object"  # something a client call returned (a run, a thread, a page) or read from it
# ... and where from, when known: "object:beta.threads.messages.list" is what that call returned,
# "object:beta.assistants.create.id" the id read from an assistants.create result
FOREIGN = "foreign"  # provably not from openai (another class, a literal, another library)
UNKNOWN = "unknown"  # can't tell (sources that disagree: a lookalike and an untraceable value, a name bound nowhere)
# comes from outside what the project index sees: an unannotated parameter no caller in the project fills, a
# name imported from a module that is not in the project, what calling such a function returns, attributes of
# these. Nothing proves it foreign, so where it is used like a client (see `assumed_client`) it is taken as one.
EXTERNAL = "external"
# an instance of one of the project's classes, "instance:<module>|<Class.Path>": provably not from openai,
# but its attributes are what the class binds (`Glados = Assistant(); Glados.client`). Internal to the
# resolution: answers give FOREIGN for it.
INSTANCE = "instance:"
NONE = "none"  # the constant None: a placeholder (`client = None` before an init sets it), proves nothing
# A receiver from outside (EXTERNAL) used with one of these namespaces, in a file that imports openai, is
# taken as the openai client: no other library has them, and nothing visible says otherwise.
ASSISTANTS_NAMESPACES = ("threads", "assistants", "vector_stores")
# every method the SDK has (openai 1.x, incl. the v1 `files` sub-resources) under those namespaces
SDK_METHODS = frozenset(
    [f"threads.{m}" for m in ("create", "retrieve", "update", "delete", "create_and_run", "create_and_run_poll",
                              "create_and_run_stream")]
    + [f"threads.messages.{m}" for m in ("create", "list", "retrieve", "update", "delete")]
    + [f"threads.messages.files.{m}" for m in ("list", "retrieve")]
    + [f"threads.runs.{m}" for m in ("create", "create_and_poll", "create_and_stream", "stream", "retrieve", "poll",
                                     "list", "cancel", "update", "submit_tool_outputs", "submit_tool_outputs_and_poll",
                                     "submit_tool_outputs_stream")]
    + [f"threads.runs.steps.{m}" for m in ("list", "retrieve")]
    + [f"assistants.{m}" for m in ("create", "retrieve", "update", "list", "delete")]
    + [f"assistants.files.{m}" for m in ("create", "list", "retrieve", "delete")]
    + [f"vector_stores.{m}" for m in ("create", "retrieve", "update", "list", "delete")]
    + [f"vector_stores.files.{m}" for m in ("create", "create_and_poll", "delete", "list", "poll", "retrieve", "upload",
                                            "upload_and_poll")]
    + [f"vector_stores.file_batches.{m}" for m in ("cancel", "create", "create_and_poll", "list_files", "poll",
                                                   "retrieve", "upload_and_poll")]
)
_SDK_PREFIXES = frozenset(".".join(m.split(".")[:i]) for m in SDK_METHODS for i in range(1, m.count(".") + 1))


def sdk_path(path: str) -> bool:
    """Is `path` (after `.beta.`) a method the SDK has, or a resource on the way to one (`threads.runs`)?"""
    return path in SDK_METHODS or path in _SDK_PREFIXES

Scope = tuple[str, ...]  # names of the enclosing classes and functions; () is the module
# What a value is, as written: resolved lazily against the index.
#   ("client", cls) | ("module",) | ("name", n) | ("dotted", "a.b") | ("call", callee) | ("attr", base)
#   | ("iter", base) | ("def", scope) | ("class", scope) | ("import", module, name) | ("foreign",) | ("unknown",)
Desc = tuple[Union[str, tuple], ...]

_BUILTIN_FACTORIES = frozenset(dir(builtins))


@dataclass
class Param:
    name: str
    position: int  # index among positional parameters (self included), -1 for keyword-only
    annotation: Desc | None  # ("client", cls), ("foreign",) or None when unannotated
    default: Desc | None


@dataclass
class ModuleFacts:
    touches_openai: bool = False  # imports the openai package
    bindings: dict[Scope, dict[str, list[Desc]]] = field(default_factory=dict)
    kinds: dict[Scope, str] = field(default_factory=dict)  # "def" | "class"
    params: dict[Scope, list[Param]] = field(default_factory=dict)
    returns: dict[Scope, list[Desc]] = field(default_factory=dict)
    calls: list[tuple[Scope, Desc, list[tuple[int | str, Desc]]]] = field(default_factory=list)


# ----------------------------------------------------------------------------- phase 1


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.facts = ModuleFacts()
        self.scope: Scope = ()
        self.client_names: dict[str, str] = {}  # local alias of a client class -> class
        self.openai_names: set[str] = set()  # local names bound to the openai module
        self.globals: dict[Scope, set[str]] = {}  # names a function declares `global`

    # -- helpers ----------------------------------------------------------------------

    def bind(self, name: str, desc: Desc, scope: Scope | None = None) -> None:
        if scope is None and name in self.globals.get(self.scope, ()):
            scope, desc = (), ("in", self.scope, desc)  # `global client; client = OpenAI()` in an init function
        self.facts.bindings.setdefault(self.scope if scope is None else scope, {}).setdefault(name, []).append(desc)

    def visit_Global(self, node: ast.Global) -> None:
        self.globals.setdefault(self.scope, set()).update(node.names)

    def klass(self) -> Scope | None:
        """The class whose method this scope is (for `self.x`)."""
        for depth in range(len(self.scope), 0, -1):
            if self.facts.kinds.get(self.scope[:depth]) == "class":
                return self.scope[:depth]
        return None

    def describe(self, node: ast.expr | None) -> Desc:
        if node is None:
            return ("unknown",)
        if isinstance(node, ast.Await):
            return self.describe(node.value)
        if isinstance(node, ast.Name):
            if node.id in self.openai_names:
                return ("module",)
            return ("name", node.id)
        if isinstance(node, ast.Attribute):
            dotted = _syntax.ast_dotted(node)
            if dotted is not None:
                head, _, last = dotted.rpartition(".")
                if head in self.openai_names and (last in CLIENT_CLASSES or last in CLIENT_ALIASES):
                    return ("class-ref", CLIENT_ALIASES.get(last, last))
                return ("dotted", dotted)
            return ("attr", self.describe(node.value))
        if isinstance(node, ast.Call):
            callee = self.describe(node.func)
            if callee[0] == "name" and callee[1] in self.client_names:
                return ("client", self.client_names[callee[1]])
            if callee[0] == "class-ref":
                return ("client", callee[1])
            return ("call", callee)
        if isinstance(node, ast.Subscript):
            return ("attr", self.describe(node.value))
        if isinstance(node, (ast.IfExp,)):
            return ("either", self.describe(node.body), self.describe(node.orelse))
        if isinstance(node, ast.BoolOp):
            return ("either", *(self.describe(v) for v in node.values))
        if isinstance(node, ast.NamedExpr):
            return self.describe(node.value)
        if isinstance(node, ast.Constant) and node.value is None:
            return ("none",)
        return ("foreign",)

    def default(self, node: ast.expr | None) -> Desc | None:
        """A parameter's default; `=None` is no value of its own (the caller, or the body, sets one)."""
        if node is None or (isinstance(node, ast.Constant) and node.value is None):
            return None
        return self.describe(node)

    def annotation(self, node: ast.expr | None) -> Desc | None:
        if node is None:
            return None
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
            n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
        }
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = set(node.value.replace("[", " ").replace("]", " ").replace("|", " ").replace(".", " ").split())
        for name in names:
            cls = self.client_names.get(name) or (name if name in CLIENT_CLASSES else None)
            if cls is not None:
                return ("client", cls)
        if any(_is_openai_type(n) for n in names):
            return ("object",)
        return ("foreign",)

    def bind_target(self, target: ast.expr, desc: Desc) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, desc)
        elif isinstance(target, ast.Attribute):
            dotted = _syntax.ast_dotted(target)
            if dotted is None:
                return
            if dotted.startswith("self.") and dotted.count(".") == 1:
                klass = self.klass()
                if klass is not None:
                    self.bind(dotted, ("in", self.scope, desc), klass)
                    return
            self.bind(dotted, ("in", self.scope, desc), ())  # `st.session_state.client = OpenAI()`: module-wide
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind_target(element.value if isinstance(element, ast.Starred) else element, ("attr", desc))

    # -- imports ------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "openai" or alias.name.startswith("openai."):
                self.facts.touches_openai = True
                if alias.asname or alias.name == "openai":
                    self.openai_names.add(alias.asname or "openai")
                    self.bind(alias.asname or "openai", ("module",))
                continue
            local = alias.asname or alias.name.split(".")[0]
            self.bind(local, ("module-ref", alias.name if alias.asname else local))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = absolute_module(node, self.module)
        if module == "openai" or module.startswith("openai."):
            self.facts.touches_openai = True
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name in CLIENT_CLASSES or alias.name in CLIENT_ALIASES:
                    cls = CLIENT_ALIASES.get(alias.name, alias.name)
                    self.client_names[local] = cls
                    self.bind(local, ("class-ref", cls))
                else:
                    self.bind(local, ("object",))
            return
        for alias in node.names:
            self.bind(alias.asname or alias.name, ("import", module, alias.name))

    # -- scopes -------------------------------------------------------------------------

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        scope = (*self.scope, node.name)
        self.bind(node.name, ("def", scope))
        self.facts.kinds[scope] = "def"
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        params = [
            Param(a.arg, i, self.annotation(a.annotation), self.default(d))
            for i, (a, d) in enumerate(zip(positional, defaults))
        ]
        params += [
            Param(a.arg, -1, self.annotation(a.annotation), self.default(d))
            for a, d in zip(args.kwonlyargs, args.kw_defaults)
        ]
        self.facts.params[scope] = params
        for decorator in node.decorator_list:
            self.visit(decorator)
        outer, self.scope = self.scope, scope
        self.facts.returns.setdefault(scope, [])
        for stmt in node.body:
            self.visit(stmt)
        self.scope = outer

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        scope = (*self.scope, node.name)
        self.bind(node.name, ("class", scope))
        self.facts.kinds[scope] = "class"
        outer, self.scope = self.scope, scope
        for stmt in node.body:
            self.visit(stmt)
        self.scope = outer

    def visit_Lambda(self, node: ast.Lambda) -> None:
        return  # its parameters are not the enclosing scope's names

    # -- bindings -----------------------------------------------------------------------

    def visit_Assign(self, node: ast.Assign) -> None:
        desc = self.describe(node.value)
        for target in node.targets:
            self.bind_target(target, desc)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        annotated = self.annotation(node.annotation)
        desc = self.describe(node.value) if node.value is not None else annotated or ("unknown",)
        if annotated is not None and annotated[0] == "client":
            desc = annotated
        self.bind_target(node.target, desc)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.bind_target(node.target, self.describe(node.value))
        self.generic_visit(node)

    def _for(self, node: ast.For | ast.AsyncFor) -> None:
        self.bind_target(node.target, ("attr", self.describe(node.iter)))
        self.generic_visit(node)

    visit_For = _for
    visit_AsyncFor = _for

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self.bind_target(node.target, ("attr", self.describe(node.iter)))
        self.generic_visit(node)

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self.bind_target(item.optional_vars, self.describe(item.context_expr))
        self.generic_visit(node)

    visit_With = _with
    visit_AsyncWith = _with

    def visit_Return(self, node: ast.Return) -> None:
        if self.scope in self.facts.returns and node.value is not None:
            self.facts.returns[self.scope].append(self.describe(node.value))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        args: list[tuple[int | str, Desc]] = []
        for position, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                break
            args.append((position, self.describe(arg)))
        for kw in node.keywords:
            if kw.arg is not None:
                args.append((kw.arg, self.describe(kw.value)))
        if args:
            callee = self.describe(node.func)
            if callee[0] in ("name", "dotted"):
                self.facts.calls.append((self.scope, callee, args))
        self.generic_visit(node)




_OPENAI_TYPE_WORDS = ("Run", "Thread", "Message", "Assistant", "Response", "Conversation", "VectorStore",
                      "AssistantStreamEvent", "RequiredActionFunctionToolCall", "AssistantEventHandler")


def _is_openai_type(name: str) -> bool:
    return name in _OPENAI_TYPE_WORDS


def collect(tree: ast.Module, module: str) -> ModuleFacts:
    collector = _Collector(module)
    for stmt in tree.body:
        collector.visit(stmt)
    return collector.facts


# ----------------------------------------------------------------------------- phase 1 join / phase 2 lookups


ASSUMED_CLIENT = "OpenAI"  # what a receiver from outside is taken as (sync or async: the code's `await` tells)


def assumed_client(names: list[str]) -> bool:
    """`beta.<namespace>.<method>` (or a resource on the way) on a receiver from outside: used like the
    openai client, in a way no other library's object is (`.beta.threads`, `.beta.assistants`,
    `.beta.vector_stores` with a method the SDK has)."""
    return len(names) > 1 and names[0] == "beta" and names[1] in ASSISTANTS_NAMESPACES \
        and sdk_path(".".join(names[1:]))


def _settled(value: str) -> str:
    return FOREIGN if value == NONE or value.startswith(INSTANCE) else value


def _foreign(value: str) -> bool:
    return value == FOREIGN or value.startswith(INSTANCE)


def is_object(value: str) -> bool:
    return value == OBJECT or value.startswith(OBJECT + ":")


def from_openai(value: str) -> bool:
    return value in CLIENT_CLASSES or value == MODULE_CLIENT or is_object(value)


def member(base: str, name: str) -> str:
    """What reading `.name` of (or calling the method `name` on) a value from openai gives."""
    if base in CLIENT_CLASSES or base == MODULE_CLIENT:
        return f"{OBJECT}:{name}"
    return f"{base}.{name}" if base != OBJECT else OBJECT


def _combine(results: list[str]) -> str:
    """Many bindings of one name: a client if any binding is one (the code branches on config),
    foreign only when every binding is, from outside only when every binding is (a `None` placeholder
    aside); a visible lookalike beside a value from outside is a conflict: unknown."""
    results = [r for r in results if r != NONE] or ([FOREIGN] if results else [])
    clients = [r for r in results if r in CLIENT_CLASSES or r == MODULE_CLIENT]
    if clients:
        return clients[0]
    objects = {r for r in results if is_object(r)}
    if objects:
        return objects.pop() if len(objects) == 1 else OBJECT
    if len(set(results)) == 1 and results[0].startswith(INSTANCE):
        return results[0]
    if results and all(_foreign(r) for r in results):
        return FOREIGN
    if results and all(r == EXTERNAL for r in results):
        return EXTERNAL
    return UNKNOWN


@dataclass
class Provenance:
    modules: dict[str, ModuleFacts]
    resolve_import: Callable[[str, str], str | None]
    param_results: dict[tuple[str, Scope, str], str] = field(default_factory=dict)

    # -- phase 2 entry points --------------------------------------------------------------

    def touches_openai(self, module: str) -> bool:
        facts = self.modules.get(module)
        if facts is None:
            return False
        if facts.touches_openai:
            return True
        # a project module that hands it a client (`from app.clients import client`)
        for names in facts.bindings.values():
            for descs in names.values():
                for desc in descs:
                    if desc[0] == "import":
                        target = self.resolve_import(module, desc[1])  # type: ignore[arg-type]
                        if target and self.lookup(target, (), str(desc[2])) in (*CLIENT_CLASSES, MODULE_CLIENT):
                            return True
        return False

    def imports_openai(self, module: str) -> bool:
        """Does the file itself import the openai package (where a receiver from outside may be assumed)?"""
        facts = self.modules.get(module)
        return facts is not None and facts.touches_openai

    def lookup(self, module: str, scope: Scope, dotted: str) -> str:
        """What `dotted` (`client`, `self.client`, `st.session_state.client`) is in `scope` of `module`."""
        return _settled(self._value(module, scope, ("dotted", dotted) if "." in dotted else ("name", dotted), 0))

    def call_result(self, module: str, scope: Scope, callee: str) -> str:
        """What calling `callee` (`get_client`, `self._client`) returns."""
        head = ("dotted", callee) if "." in callee else ("name", callee)
        return _settled(self._value(module, scope, ("call", head), 0))

    def through(self, module: str, base: str, path: str) -> str:
        """What `<base>.<path>` is: names on a value from openai are read as its members. A value from
        outside followed by an Assistants namespace (`.beta.threads`) in a file that imports openai is
        taken as the client (see `assumed_client`), so what its calls return is traced like a client's."""
        names = path.split(".")
        while base.startswith(INSTANCE) and names and names[0]:
            base, names = self._instance_attribute(base, names[0]), names[1:]
        if not names or not names[0]:
            return base
        if base == EXTERNAL and "beta" in names and self.imports_openai(module):
            at = names.index("beta")
            if assumed_client(names[at:]):
                base, names = ASSUMED_CLIENT, names[at:]  # `ext.client.beta.threads`: `ext.client` is the client
        if from_openai(base):
            for name in names:
                base = member(base, name)
        return base

    def _instance_attribute(self, instance: str, name: str) -> str:
        """`.name` of an instance of a project class: what the class binds to `self.name` (or its body to
        `name`); FOREIGN when it binds nothing (inherited, set from outside: as before instances were traced)."""
        module, _, klass_path = instance[len(INSTANCE):].partition("|")
        klass = tuple(klass_path.split("."))
        facts = self.modules.get(module)
        descs = facts.bindings.get(klass, {}).get(f"self.{name}") or facts.bindings.get(klass, {}).get(name) \
            if facts is not None else None
        if not descs:
            return FOREIGN
        return _combine([self._value(module, klass, desc, 1) for desc in descs])

    # -- resolution -----------------------------------------------------------------------

    def _value(self, module: str, scope: Scope, desc: Desc, depth: int) -> str:
        if depth > 24:
            return UNKNOWN
        kind = desc[0]
        if kind == "client":
            return str(desc[1])
        if kind == "module":
            return MODULE_CLIENT
        if kind == "object":
            return OBJECT
        if kind == "none":
            return NONE
        if kind in ("foreign", "class-ref", "class", "def", "module-ref"):
            return FOREIGN
        if kind == "unknown":
            return UNKNOWN
        if kind == "in":  # a value written in another scope (`self.x = client` in `__init__`)
            return self._value(module, desc[1], desc[2], depth + 1)  # type: ignore[arg-type]
        if kind == "either":
            return _combine([self._value(module, scope, d, depth + 1) for d in desc[1:]])  # type: ignore[arg-type]
        if kind == "name":
            return self._name(module, scope, str(desc[1]), depth)
        if kind == "dotted":
            return self._dotted(module, scope, str(desc[1]), depth)
        if kind in ("attr", "iter"):
            base = self._value(module, scope, desc[1], depth + 1)  # type: ignore[arg-type]
            return member(base, "[]") if from_openai(base) else FOREIGN if _foreign(base) else base
        if kind == "call":
            return self._call(module, scope, desc[1], depth)  # type: ignore[arg-type]
        if kind == "import":
            target = self.resolve_import(module, str(desc[1]))
            if target is None:  # a module not in the project: a function or value from outside, or a class
                return EXTERNAL if str(desc[2])[:1].islower() else FOREIGN
            return self._name(target, (), str(desc[2]), depth + 1)
        return UNKNOWN

    def _binding(self, module: str, scope: Scope, name: str) -> tuple[Scope, list[Desc]] | None:
        facts = self.modules.get(module)
        if facts is None:
            return None
        for depth in range(len(scope), -1, -1):
            here = scope[:depth]
            if depth and facts.kinds.get(here) == "class" and here != scope:
                continue  # a method does not see its class body's names
            found = facts.bindings.get(here, {}).get(name)
            if found:
                return here, found
            for param in facts.params.get(here, ()) if depth else ():
                if param.name == name:
                    return here, [("param", here, name)]
        return None

    def _name(self, module: str, scope: Scope, name: str, depth: int) -> str:
        found = self._binding(module, scope, name)
        if found is None:
            return FOREIGN if name in _BUILTIN_FACTORIES else UNKNOWN
        where, descs = found
        results = []
        for desc in descs:
            if desc[0] == "param":
                results.append(self._param(module, where, name, depth))
            else:
                results.append(self._value(module, where, desc, depth + 1))
        return _combine(results)

    def _param(self, module: str, function: Scope, name: str, depth: int) -> str:
        known = self.param_results.get((module, function, name))
        if known is not None:
            return known
        param = next(p for p in self.modules[module].params[function] if p.name == name)
        if param.annotation is not None:
            return self._value(module, function, param.annotation, depth + 1)
        if param.default is None:
            return EXTERNAL  # no caller in the project: whoever calls it is outside what the index sees
        default = self._value(module, function, param.default, depth + 1)
        return default if not _foreign(default) else UNKNOWN  # a lookalike by default, anything from outside

    def _dotted(self, module: str, scope: Scope, dotted: str, depth: int) -> str:
        head, _, rest = dotted.partition(".")
        facts = self.modules.get(module)
        if facts is None:
            return UNKNOWN
        if head == "self" and "." not in rest:
            for d in range(len(scope), 0, -1):
                if facts.kinds.get(scope[:d]) == "class":
                    klass = scope[:d]
                    descs = facts.bindings.get(klass, {}).get(dotted) or facts.bindings.get(klass, {}).get(rest)
                    if descs:
                        return _combine([self._value(module, klass, desc, depth + 1) for desc in descs])
                    if (*klass, rest) in facts.kinds:
                        return FOREIGN  # a method
                    return UNKNOWN
            return UNKNOWN
        parts = dotted.split(".")
        for end in range(len(parts), 1, -1):  # `st.session_state.client` set module-wide, then `.beta.threads`
            descs = facts.bindings.get((), {}).get(".".join(parts[:end]))
            if descs:
                base = _combine([self._value(module, (), desc, depth + 1) for desc in descs])
                return self.through(module, base, ".".join(parts[end:])) if end < len(parts) else base
        found = self._binding(module, scope, head)
        if found is not None and found[1][-1][0] == "class" and "." not in rest:
            # `Glados.client` read through the class: what its methods bind to `self.client` (or its body to `client`)
            klass = found[1][-1][1]
            descs = facts.bindings.get(klass, {}).get(f"self.{rest}") or facts.bindings.get(klass, {}).get(rest)  # type: ignore[arg-type]
            if descs:
                return _combine([self._value(module, klass, desc, depth + 1) for desc in descs])  # type: ignore[arg-type]
        if found is not None and found[1][0][0] == "module-ref":
            target = self.resolve_import(module, str(found[1][0][1]))
            if target is not None:
                return self.lookup(target, (), rest)
            return self.through(module, EXTERNAL, rest)  # `import helpers; helpers.client`, helpers not in the project
        if head == "self":  # `self.agent.client`: what `self.agent` is, then its attributes
            first, _, more = rest.partition(".")
            base = self._dotted(module, scope, f"self.{first}", depth + 1)
            return self.through(module, base, more) if from_openai(base) or base == EXTERNAL or \
                base.startswith(INSTANCE) else UNKNOWN
        return self.through(module, self._name(module, scope, head, depth + 1), rest)

    def function_of(self, module: str, scope: Scope, callee: Desc) -> tuple[str, Scope, int] | None:
        """The project function (module, scope, positional shift) a call of `callee` lands in, if any."""
        target = self._function_of(module, scope, callee, 0)
        if target is None or target[1] not in self.modules[target[0]].params:
            return None
        return target

    def _function_of(self, module: str, scope: Scope, callee: Desc, depth: int) -> tuple[str, Scope, int] | None:
        """(module, function scope, positional shift) a call lands in, when it is the project's."""
        facts = self.modules.get(module)
        if facts is None:
            return None
        if callee[0] == "name":
            found = self._binding(module, scope, str(callee[1]))
            if found is None:
                return None
            where, descs = found
            desc = descs[-1]
            if desc[0] == "def":
                return module, desc[1], 0  # type: ignore[return-value]
            if desc[0] == "class":
                return module, (*desc[1], "__init__"), 1  # type: ignore[misc]
            if desc[0] == "import" and depth < 24:
                target = self.resolve_import(module, str(desc[1]))
                if target is not None:
                    return self._function_of(target, (), ("name", desc[2]), depth + 1)
            return None
        dotted = str(callee[1])
        head, _, rest = dotted.partition(".")
        if head == "self" and "." not in rest:
            for d in range(len(scope), 0, -1):
                if facts.kinds.get(scope[:d]) == "class":
                    target_scope = (*scope[:d], rest)
                    return (module, target_scope, 1) if target_scope in facts.kinds else None
            return None
        found = self._binding(module, scope, head)
        if found is not None and found[1][-1][0] == "module-ref" and "." not in rest:
            target = self.resolve_import(module, str(found[1][-1][1]))
            if target is not None:
                return self._function_of(target, (), ("name", rest), depth + 1)
        return None

    def _call(self, module: str, scope: Scope, callee: Desc, depth: int) -> str:
        if callee[0] in ("client", "class-ref"):
            return str(callee[1])
        target = self._function_of(module, scope, callee, depth)
        if target is not None:
            target_module, function, shift = target
            facts = self.modules[target_module]
            if shift == 1 and facts.kinds.get(function[:-1]) == "class":
                return f"{INSTANCE}{target_module}|{'.'.join(function[:-1])}"  # an instance of the project's class
            returns = facts.returns.get(function)
            if returns is None:
                return UNKNOWN
            if not returns:
                return FOREIGN
            return _combine([self._value(target_module, function, r, depth + 1) for r in returns])
        # a call on something from openai returns something from openai (`client.beta.threads.create()`)
        if callee[0] in ("dotted", "attr", "call"):
            if callee[0] == "dotted":
                head, _, method = str(callee[1]).rpartition(".")
                base = self._value(module, scope, ("dotted", head) if "." in head else ("name", head), depth + 1)
                if from_openai(base):
                    return member(base, method)  # the result of `method`, named by its path
            else:
                base = self._value(module, scope, callee, depth + 1)
            if from_openai(base):
                return OBJECT
            return base if base in (UNKNOWN, EXTERNAL) else FOREIGN
        if callee[0] == "name":
            name = str(callee[1])
            value = self._name(module, scope, name, depth + 1)
            if value in (UNKNOWN, EXTERNAL) and name[:1].isupper():
                return FOREIGN  # a class from another library
            return value if value in (UNKNOWN, EXTERNAL) else FOREIGN
        return UNKNOWN

    # -- the fixpoint over parameters ---------------------------------------------------------

    def settle_params(self) -> None:
        """An unannotated parameter is what the project's callers pass it: iterate until stable."""
        open_params = [
            (module, function, p)
            for module, facts in self.modules.items()
            for function, params in facts.params.items()
            for p in params
            if p.annotation is None and p.name not in ("self", "cls")
        ]
        if not open_params:
            return
        incoming: dict[tuple[str, Scope, str], list[tuple[str, Scope, Desc]]] = {}
        positions = {(m, f): {p.position: p.name for p in self.modules[m].params[f] if p.position >= 0}
                     for m, f, _ in open_params}
        for module, facts in self.modules.items():
            for scope, callee, args in facts.calls:
                target = self._function_of(module, scope, callee, 0)
                if target is None or (target[0], target[1]) not in positions:
                    continue
                target_module, function, shift = target
                by_position = positions[(target_module, function)]
                names = {p.name for p in self.modules[target_module].params[function]}
                for where, desc in args:
                    name = by_position.get(where + shift) if isinstance(where, int) else (where if where in names else None)
                    if name is not None:
                        incoming.setdefault((target_module, function, name), []).append((module, scope, desc))
        for _ in range(6):
            changed = False
            for module, function, param in open_params:
                key = (module, function, param.name)
                sources = incoming.get(key)
                if not sources:
                    continue
                before = self.param_results.pop(key, None)
                result = _combine([self._value(m, s, d, 1) for m, s, d in sources])
                if param.default is not None:
                    result = _combine([result, self._value(module, function, param.default, 1)])
                if before != result:
                    changed = True
                self.param_results[key] = result
            if not changed:
                break


def join(modules: Mapping[str, ModuleFacts], resolve: Callable[[str, str], str | None]) -> Provenance:
    provenance = Provenance(dict(modules), resolve)
    provenance.settle_params()
    return provenance


# linked: join resolves only what a module's imports name (`import` and `module-ref` descriptions)
INDEX_FACT = IndexFact("provenance", collect, join, triggers=(b"openai",), linked=True)


def is_client(value: str) -> bool:
    return value in CLIENT_CLASSES or value == MODULE_CLIENT
