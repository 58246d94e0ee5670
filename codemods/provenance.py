"""Provenance gate: only receivers that come from the openai package are rewritten.

This codemod runs first in every file. It points the shared receiver helpers
(`_receivers.beta_chain`, `_receivers.origin`) at this file's provenance answers, so
every other codemod sees a `.beta.threads` chain only when its receiver is an OpenAI
client. A receiver whose value comes from outside what the project index sees (an
unannotated parameter no caller in the project fills, a name imported from a module not in
the project, what calling such a function returns, attributes of these) is taken as the
client in a file that itself imports openai, when it is used with an Assistants namespace
and a method the SDK has: rewritten, with a note (AM014). A receiver whose sources
disagree (a lookalike beside a value from outside), or one from outside in a file that
does not import openai, gets one marker (AM010) and is left as it is; a provably foreign
one (a project class, a literal, another library's class) is not ours and is left alone.
"""

from __future__ import annotations

import ast
import re

import libcst as cst

from assistants_migrate.codemods import _provenance as prov
from assistants_migrate.codemods import _receivers
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.engine.hotspots import parse
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

UNPROVEN = "AM010"
UNKNOWN_METHOD = "AM013"
ASSUMED = "AM014"
# every Assistants call some codemod handles (rewrites or marks); anything else on a client is marked AM013
KNOWN_METHODS = prov.SDK_METHODS
KEPT_FLOW = "AM011"
# A thread's id flows into every threads call of a file, and its runs carry the assistant's id: when
# one such call has no Responses equivalent, all of them stay on the Assistants API together.
FLOW_SURFACES = ("threads", "assistants")
_BLOCKER = "blocker:"  # pins that name what kept the flow (for the root marker)
_ROOT = "root:"  # pins `root:<unit>:<line>`: the statement of the unit's flow that carries the flow's marker

RULES: tuple[Rule, ...] = register(
    Rule(
        id=UNPROVEN,
        title="Assistants-like call on a receiver not proven to be an OpenAI client",
        severity=Severity.WARNING,
        why="Other libraries have `beta`, `threads` and `vector_stores` too. The rewrite only touches calls whose "
        "receiver provably comes from the openai package: a client built from `OpenAI`/`AsyncOpenAI`/`AzureOpenAI` "
        "(directly, via `self.x`, a factory, an annotated parameter, or a parameter the project's callers pass a "
        "client to) or the `openai` module. This receiver could not be traced, so the call was left as it was.",
        what_to_do="If it is an OpenAI client, annotate it (`client: OpenAI`) and run the rewrite again; "
        "otherwise remove the marker.",
        autofix=False,
        effort=Effort.S,
        surface="provenance",
        examples=(
            Example(
                before="from platform_sdk import get_llm_client\n\nllm = get_llm_client()\n"
                "thread = llm.beta.threads.create()\n",
            ),
        ),
    ),
    Rule(
        id=ASSUMED,
        title="Receiver assumed to be the OpenAI client: the file imports openai and the value comes from outside "
        "the project",
        severity=Severity.NOTE,
        why="The receiver's value comes from outside what the rewrite sees (a parameter no caller in the project "
        "fills, a name imported from a module that is not in the project, what such a function returns), nothing "
        "visible says it is something else, the file imports openai, and it is used with an Assistants namespace "
        "(`.beta.threads`, `.beta.assistants`, `.beta.vector_stores`) and a method the SDK has. So it was taken "
        "as the OpenAI client and the call was migrated.",
        what_to_do="Nothing if it is the OpenAI client. If it is another library's object, revert this call; to "
        "make such a value provable, annotate it (`client: OpenAI`).",
        autofix=True,
        effort=Effort.S,
        surface="provenance",
        examples=(
            Example(
                before="from openai import OpenAI\n\n\ndef start(client):\n    return client.beta.threads.create()\n",
                after="from openai import OpenAI\n\n\ndef start(client):\n    return client.conversations.create()\n",
            ),
        ),
    ),
)


RULES += register(
    Rule(
        id=UNKNOWN_METHOD,
        title="Call on an Assistants resource that the rewrite does not know",
        severity=Severity.WARNING,
        why="The receiver is an OpenAI client, but this method is not one of the Assistants API's (a newer or "
        "older SDK name, or a typo such as `threads.list`, which never existed): no codemod maps it.",
        what_to_do="Rewrite it by hand against the Responses and Conversations APIs.",
        autofix=False,
        effort=Effort.S,
        surface="provenance",
        examples=(Example(before="from openai import OpenAI\n\nclient = OpenAI()\nthreads = client.beta.threads.list()\n"),),
    ),
    Rule(
        id=KEPT_FLOW,
        title="Thread flow kept on the Assistants API: one of its calls has no Responses equivalent",
        severity=Severity.WARNING,
        why="A thread's id flows into every threads call of the file (messages, runs, run steps, streams), and "
        "its runs carry the assistant's id. Migrating some of them would hand a `conv_` id to a call left on "
        "the Assistants API (a 404), or a config dict where an assistant id is read. So when one call of the "
        "flow has no Responses equivalent (run steps, runs.list, runs.cancel, a stream handler that cannot "
        "be rewritten), or the flow starts from a thread id written in the code (a thread stored on the "
        "Assistants API), the whole flow stays as it was, and works as before.",
        what_to_do="Rewrite the named blocking call by hand (for run steps: read `response.output` items); for "
        "a stored thread id, import the thread (`assistants-migrate import`) and use its conversation id from "
        "the map. Then run the rewrite again: the rest of the flow will be migrated.",
        autofix=False,
        effort=Effort.M,
        surface="provenance",
        examples=(
            Example(
                before="from openai import OpenAI\n\nclient = OpenAI()\nthread = client.beta.threads.create()\n"
                "steps = client.beta.threads.runs.steps.list(run_id='run_1', thread_id=thread.id)\n"
                "print(steps.data[0].usage)\n",
            ),
        ),
    ),
)


def block_flow(ctx, reason: str) -> None:  # type: ignore[no-untyped-def]
    """A codemod met a part of a thread flow with no Responses equivalent (a read it cannot map):
    the flow it belongs to stays whole on the Assistants API (see flow_pins)."""
    ctx.scratch.setdefault("flow_blockers", []).append((unit_of(ctx), ctx.span_of(ctx.statement)[0], reason))


def unit_of(ctx) -> str:  # type: ignore[no-untyped-def]
    """The top-level def or class the traversal is in; "<main>" for module-level code."""
    top = ctx.stmt_stack[0] if ctx.stmt_stack else None
    return top.name.value if isinstance(top, (cst.FunctionDef, cst.ClassDef)) else MAIN


class ProvenanceCodemod(Codemod):
    RULES = RULES
    HOT_WORDS = ()
    INDEX = (prov.INDEX_FACT,)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.provenance: prov.Provenance | None = ctx.project.get(prov.INDEX_FACT.name)
        self.touches_openai = self.provenance is not None and self.provenance.touches_openai(ctx.module)
        # pins name the top-level units (a def, a class, or "<main>" for module code) whose flow stays
        self.kept_units = {p.split("@", 1)[1] for p in ctx.options.pins if p.startswith("threads@")}
        self.blockers = sorted(p[len(_BLOCKER):] for p in ctx.options.pins if p.startswith(_BLOCKER))
        self.imports_openai = self.provenance is not None and self.provenance.imports_openai(ctx.module)
        # each kept unit -> the line of its flow's root statement, the one that carries the flow's marker
        self.flow_roots = {unit: int(line) for unit, line in
                           (p[len(_ROOT):].rsplit(":", 1) for p in ctx.options.pins if p.startswith(_ROOT))}
        _receivers.set_origin(self.origin, self.touches_openai, self.kept if self.kept_units else None,
                              self.project_function, self.imports_openai)
        self.flow_receivers: set[str] = ctx.scratch.setdefault("flow_receivers", set())
        self.flow_sites: list[str] = ctx.scratch.setdefault("flow_sites", [])
        self.marked_units: set[str] = set()

    def kept(self, surface: str) -> bool:
        return surface in FLOW_SURFACES and unit_of(self.ctx) in self.kept_units

    def scope(self) -> prov.Scope:
        return tuple(
            s.name.value for s in self.ctx.stmt_stack if isinstance(s, (cst.FunctionDef, cst.ClassDef))
        )

    def project_function(self, func: cst.BaseExpression) -> bool:
        callee = _receivers.dotted_name(func)
        if self.provenance is None or callee is None:
            return False
        desc = ("dotted", callee) if "." in callee else ("name", callee)
        return self.provenance.function_of(self.ctx.module, self.scope(), desc) is not None

    def origin(self, expr: cst.BaseExpression) -> str:
        """Where the value of `expr` comes from (see _provenance): a client class, OBJECT, FOREIGN, UNKNOWN."""
        if self.provenance is None:
            return prov.UNKNOWN
        if isinstance(expr, cst.Await):
            expr = expr.expression
        cls = _receivers.client_class_of(expr)
        if cls is not None:
            return cls
        if isinstance(expr, cst.Call):
            callee = _receivers.dotted_name(expr.func)
            if callee is None:
                return prov.UNKNOWN
            return self.provenance.call_result(self.ctx.module, self.scope(), callee)
        dotted = _receivers.dotted_name(expr)
        if dotted is None:
            if isinstance(expr, (cst.Attribute, cst.Subscript)):
                base = self.origin(expr.value)
                if not prov.from_openai(base):
                    return base
                return prov.member(base, expr.attr.value if isinstance(expr, cst.Attribute) else "[]")
            return prov.UNKNOWN
        return self.provenance.lookup(self.ctx.module, self.scope(), dotted)

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Attribute):
            return
        chain = _receivers.raw_beta_chain(node.func)
        if chain is None or chain[1][1:2] not in (["threads"], ["assistants"], ["vector_stores"]):
            return
        origin = self.origin(chain[0])
        if origin == prov.EXTERNAL and self.imports_openai and ".".join(chain[1][1:]) in prov.SDK_METHODS:
            self.report(ASSUMED, f"`{_receivers.dotted_name(chain[0]) or 'this receiver'}` is taken as the OpenAI "
                                 "client: the file imports openai and the value comes from outside the project")
            origin = prov.ASSUMED_CLIENT
        # an untraceable receiver of `.beta.threads` / `.beta.assistants` (no other library has those) is marked
        # even where the file never imports openai (a client handed over by code outside the project); so is a
        # `.beta.vector_stores` receiver from outside (vector databases have `vector_stores`, not `beta`)
        if origin in (prov.UNKNOWN, prov.EXTERNAL) and (self.touches_openai or chain[1][1] in ("threads", "assistants")
                                                        or origin == prov.EXTERNAL):
            self.todo(UNPROVEN, f"`{_receivers.dotted_name(chain[0]) or 'this receiver'}` is not proven to be an "
                                "OpenAI client: left as it was (annotate it and run again)")
            return
        if prov.is_client(origin) and ".".join(chain[1][1:]) not in KNOWN_METHODS and \
                not (chain[1][1] == "vector_stores") and self.ctx.statement is not None:
            self.todo(UNKNOWN_METHOD, f"`{'.'.join(chain[1])}` is no Assistants API method the rewrite knows: "
                                      "left as it was")
            return
        if not prov.is_client(origin) or chain[1][1] != "threads":
            return
        receiver = _receivers.dotted_name(chain[0])
        if receiver is not None:
            self.flow_receivers.add(receiver)
            self.flow_sites.append(unit_of(self.ctx))
        if self.kept("threads") and self.ctx.statement is not None:
            self._mark_kept_site(unit_of(self.ctx), self.ctx.span_of(self.ctx.statement)[0])

    def _mark_kept_site(self, unit: str, line: int) -> None:
        """One marker per kept flow, at its root (where its thread is made, else its first call), naming
        what blocks it; a finding at each blocking site; the flow's other calls carry nothing."""
        root = self.flow_roots.get(unit)
        members = {u for u, r in self.flow_roots.items() if r == root} if root is not None else {unit}
        everything = [b.split(":", 2) for b in self.blockers]
        mine = [b for b in everything if b[0] in members]
        blocking = [text for u, at, text in mine if u == unit and at == str(line)]
        if blocking:
            self.report(KEPT_FLOW, f"blocks migrating this thread flow: {blocking[0]}")
        is_root = line == root if root is not None else unit not in self.marked_units
        if is_root and unit not in self.marked_units:
            self.marked_units.add(unit)
            named = ", ".join(f"{text} (line {at})" for _, at, text in mine or everything) or "a call of this flow"
            self.todo(KEPT_FLOW, f"thread flow kept on the Assistants API, blocked by {named}: rewrite that by "
                      "hand (a stored thread id: import the thread and use its conversation id), then run the "
                      "rewrite again")

    @classmethod
    def flow_pins(cls, ctx, code: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
        """Threads calls left on the Assistants API beside migrated ones of the same flow: keep that
        flow whole. A flow's extent is the group of top-level units (defs, classes, module code) that
        use one another's names: a thread made in one and read in another is one flow."""
        receivers = ctx.scratch.get("flow_receivers")
        if not receivers or any(p.startswith("threads@") for p in ctx.options.pins):
            return frozenset()
        stored = _STORED_THREAD_ID.findall(ctx.source)
        if ".beta" not in code and not stored and not ctx.scratch.get("flow_blockers"):
            return frozenset()
        try:
            rewritten, original = parse(code), parse(ctx.source)
        except SyntaxError:
            return frozenset()
        left = [_unit_of(rewritten, node.lineno) for node in _left_thread_calls(rewritten, receivers)]
        # a thread id written in the code names a thread stored on the Assistants API: until its data is
        # imported (its conversation id is in the map `import` writes), the flow it starts stays there
        literals = [(_unit_of(original, node.lineno), node.lineno) for node in ast.walk(original)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and _STORED_THREAD_ID.fullmatch(node.value)]
        if not left and not literals and not ctx.scratch.get("flow_blockers"):
            return frozenset()
        groups = _flow_groups(original, shared=receivers)
        pins: set[str] = set()
        sites = ctx.scratch.get("flow_sites", ())
        for group in {groups.get(unit, frozenset({unit})) for unit in left}:
            if sum(1 for unit in sites if unit in group) > sum(1 for unit in left if unit in group):
                pins.update(f"threads@{unit}" for unit in group)  # some of this flow was migrated: split
        stored_blockers = []
        found = [(unit, line, "the stored thread id") for unit, line in literals]
        for unit, line, reason in [*found, *ctx.scratch.get("flow_blockers", ())]:
            group = groups.get(unit, frozenset({unit}))
            if any(site in group for site in sites):
                pins.update(f"threads@{member}" for member in group)
                stored_blockers.append(f"{unit}:{line}:{reason}")
        if not pins:
            return frozenset()
        left_lines = {line.strip() for line in code.splitlines() if ".beta" in line}
        blockers = sorted({
            f"{_unit_of(original, f.line)}:{f.line}:threads.{call.group(1)}"
            for f in ctx.findings
            if not f.fixed and 0 < f.line <= len(ctx.lines) and ctx.lines[f.line - 1].strip() in left_lines
            and f"threads@{_unit_of(original, f.line)}" in pins
            and (call := _THREADS_CALL.search(ctx.lines[f.line - 1])) is not None
        } | set(stored_blockers))
        roots = _flow_roots(original, receivers, groups, {pin.split("@", 1)[1] for pin in pins})
        return frozenset({*pins, *(_BLOCKER + b for b in blockers), *(f"{_ROOT}{u}:{line}" for u, line in roots.items())})


MAIN = "<main>"
_STORED_THREAD_ID = re.compile(r"thread_[A-Za-z0-9]{12,}")
_THREADS_CALL = re.compile(r"\.\s*beta\s*\.\s*threads\s*\.\s*([\w.]+)\s*\(")


def _unit_name(node: ast.stmt) -> str:
    return node.name if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else MAIN


def _unit_of(tree: ast.Module, line: int) -> str:
    for node in tree.body:
        if node.lineno <= line <= (node.end_lineno or node.lineno):
            return _unit_name(node)
    return MAIN


def _flow_groups(tree: ast.Module, shared: set[str]) -> dict[str, frozenset[str]]:
    """Top-level units joined when one uses a name another binds (union-find over the units).
    Imports and the `shared` names (the clients every unit uses) carry no thread between units."""
    parent: dict[str, str] = {}

    def find(unit: str) -> str:
        while parent.setdefault(unit, unit) != unit:
            unit = parent[unit]
        return unit

    binders: dict[str, str] = {}
    for node in tree.body:
        unit = _unit_name(node)
        find(unit)
        if unit != MAIN:
            binders[unit] = unit
        elif not isinstance(node, (ast.Import, ast.ImportFrom)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store) and sub.id not in shared:
                    binders.setdefault(sub.id, MAIN)
    for node in tree.body:
        unit = _unit_name(node)
        # `tutor("2 + 2?")` as a statement hands no object either way: calling a unit links it only
        # when an argument or the result can carry one
        inert = {id(sub.value.func) for sub in ast.walk(node) if isinstance(sub, ast.Expr)
                 and isinstance(sub.value, ast.Call) and all(isinstance(a, ast.Constant) for a in sub.value.args)
                 and all(isinstance(k.value, ast.Constant) for k in sub.value.keywords)}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id in binders and id(sub) not in inert:
                parent[find(unit)] = find(binders[sub.id])
    groups: dict[str, set[str]] = {}
    for unit in parent:
        groups.setdefault(find(unit), set()).add(unit)
    return {unit: frozenset(members) for members in groups.values() for unit in members}


def _flow_roots(tree: ast.Module, receivers: set[str], groups: dict[str, frozenset[str]],
               kept: set[str]) -> dict[str, int]:
    """Each kept unit -> the first line of its flow's root statement: the statement that makes the
    thread (`threads.create`, `create_and_run*`), else the flow's first threads call."""
    statements = _statement_lines(tree)
    calls = sorted((statements[id(call)], call) for call in _left_thread_calls(tree, receivers)
                   if id(call) in statements)
    roots: dict[str, int] = {}
    for unit in kept:
        group = groups.get(unit, frozenset({unit}))
        here = [(line, call) for line, call in calls if _unit_of(tree, line) in group]
        if not here:
            continue
        makers = [line for line, call in here if isinstance(call.func, ast.Attribute) and
                  (call.func.attr.startswith("create_and_run") or ast.unparse(call.func).endswith("threads.create"))]
        roots[unit] = (makers or [here[0][0]])[0]
    return roots


def _statement_lines(tree: ast.Module) -> dict[int, int]:
    """id of each call -> the first line of the innermost statement holding it."""
    lines: dict[int, int] = {}
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, line = stack.pop()
        for child in ast.iter_child_nodes(node):
            at = child.lineno if isinstance(child, ast.stmt) else line
            if isinstance(child, ast.Call):
                lines[id(child)] = at
            stack.append((child, at))
    return lines


def _left_thread_calls(tree: ast.Module, receivers: set[str]) -> list[ast.Call]:
    """Calls through `<receiver>.beta.threads` still in the rewritten code, on receivers that are
    clients (an alias assignment such as `runs = client.beta.threads.runs` is no call)."""
    left = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        chain = node.func
        while isinstance(chain, ast.Attribute):
            if chain.attr == "threads" and isinstance(chain.value, ast.Attribute) and chain.value.attr == "beta" \
                    and ast.unparse(chain.value.value) in receivers:
                left.append(node)
                break
            chain = chain.value
    return left


CODEMOD = ProvenanceCodemod
