"""Runs the program polls itself, and polling loops that only wait.

A run starts `queued` and moves on while the program polls it (`runs.retrieve`); a plain
`responses.create` returns a finished response. When the program only waits (a loop whose
body sleeps and re-reads the run), the synchronous response is the same program minus the
wait, and the loop goes. When it watches the run's progress (a kept polling loop, a
status it prints or returns), the response is created with `background=True`: it then
walks queued -> in_progress -> completed under `responses.retrieve` as the run did, and
what the program printed stays the same.

`observed_runs` finds, on the original module, the `runs.create` calls whose run is
watched: a `runs.retrieve` of its id outside a loop that only waits, or its `.status`
printed, logged or returned before anything waited for it (`runs.poll` waits). The run
is followed through names bound to its id, `self.x` attributes of one class, and the
parameters and return values of the module's own functions (`wait_on_run(run, thread)`,
`run = start_run(thread)`), as far as this module shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._assist_common import strip_await
from assistants_migrate.codemods._receivers import dotted_name, keyword, positional
from assistants_migrate.codemods._syntax import str_value
from assistants_migrate.engine.transform import fast_visit

NEVER_SYNC = {"queued", "in_progress", "cancelling"}
FINAL = {"completed", "failed", "cancelled", "incomplete"}


def status_test(test: cst.BaseExpression) -> tuple[str, set[str], bool] | None:
    """`V.status in (...)`, `V.status == "x"`, or-chains of those; `not in`/`!=` (negated).
    Returns (V, statuses, negated)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        left, right = status_test(test.left), status_test(test.right)
        if left and right and left[0] == right[0] and not left[2] and not right[2]:
            return left[0], left[1] | right[1], False
        return None
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    left = test.left
    if not (isinstance(left, cst.Attribute) and left.attr.value == "status"):
        return None
    var = dotted_name(left.value)
    if var is None:
        return None
    comp = test.comparisons[0]
    op, right = comp.operator, comp.comparator
    if isinstance(op, (cst.Equal, cst.NotEqual)):
        v = str_value(right)
        return (var, {v}, isinstance(op, cst.NotEqual)) if v is not None else None
    if isinstance(op, (cst.In, cst.NotIn)) and isinstance(right, (cst.List, cst.Tuple, cst.Set)):
        values = {str_value(e.value) for e in right.elements if isinstance(e, cst.Element)}
        if None in values:
            return None
        return var, {v for v in values if v is not None}, isinstance(op, cst.NotIn)
    return None


_PURE_CALLS = {"min", "max", "int", "float", "abs", "round"}


def _pure(node: cst.CSTNode) -> bool:
    """No call (but arithmetic helpers) and no assignment expression anywhere in `node`."""
    found: list[cst.CSTNode] = []

    class _Effects(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            if not (isinstance(call.func, cst.Name) and call.func.value in _PURE_CALLS):
                found.append(call)

        def visit_NamedExpr(self, expr: cst.NamedExpr) -> None:
            found.append(expr)

    fast_visit(node, _Effects())
    return not found


def only_waits(body: cst.BaseSuite, var: str) -> bool:
    """A polling loop body that only sleeps and re-reads `var` (`var = ....runs.retrieve(...)`)."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        if not isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            return False
        for small in statement.body:
            if isinstance(small, (cst.Pass, cst.Continue)):
                continue
            if isinstance(small, cst.Expr):
                value, _ = strip_await(small.value)
                if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                    continue
                if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] == "sleep" and \
                        all(_pure(a) for a in value.args):
                    continue
                return False
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and dotted_name(small.targets[0].target) == var:
                value, _ = strip_await(small.value)
                name = dotted_name(value.func) if isinstance(value, cst.Call) else None
                if name is not None and name.split(".")[-2:] in (["runs", "retrieve"], ["runs", "poll"]) and \
                        all(_pure(a) for a in value.args):  # type: ignore[union-attr]
                    continue
            return False
    return True


def waiting_loop(node: cst.While) -> str | None:
    """The run variable of a status-polling loop that only waits while a run is unfinished (so never
    runs for a synchronous response); None for any other loop."""
    test = status_test(node.test)
    if test is None or node.orelse is not None:
        return None
    var, statuses, negated = test
    dead = (FINAL <= statuses) if negated else statuses <= NEVER_SYNC
    return var if dead and only_waits(node.body, var) else None


# ----------------------------------------------------------------------------- watched runs

_SHOWING = frozenset({"print", "pprint", "echo", "write", "info", "debug", "warning", "error", "critical", "log",
                      "jsonify", "dumps"})


def _runs_method(call: cst.Call) -> str | None:
    """`<...>.runs.<method>(...)` -> method (any receiver: aliases are resolved by the codemod itself)."""
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) and func.value.attr.value == "runs":
        return func.attr.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "runs":
        return func.attr.value
    return None


@dataclass
class _Scope:
    node: cst.CSTNode
    parent: "_Scope | None"
    params: list[str] = field(default_factory=list)
    klass: cst.ClassDef | None = None
    method: bool = False  # a function whose first parameter is the instance (or class)
    creates: dict[str, list[int]] = field(default_factory=dict)  # name -> ids of runs.create calls bound to it
    ids: dict[str, list[str]] = field(default_factory=dict)  # `n = run.id` -> {"n": ["run"]}
    bound: set[str] = field(default_factory=set)
    settled: set[str] = field(default_factory=set)  # runs a loop or `runs.poll` waited for (final from there on)
    results: dict[str, list[str]] = field(default_factory=dict)  # `run = start(...)` -> {"run": ["start"]}
    returns: list[cst.BaseExpression] = field(default_factory=list)  # what the function returns
    returned_creates: list[int] = field(default_factory=list)  # runs.create calls it returns directly


class _Scan(cst.CSTVisitor):
    def __init__(self, module: cst.Module) -> None:
        self.module = _Scope(module, None)
        self.scopes = [self.module]
        self.classes: list[cst.ClassDef] = []
        self.attr_creates: dict[tuple[int, str], list[int]] = {}  # (class, "self.run") -> create ids
        self.functions: dict[str, list[_Scope]] = {}
        self.calls: list[tuple[_Scope, str, bool, cst.Call]] = []  # caller, callee name, a method call, call
        self.watched: list[tuple[_Scope, str, cst.BaseExpression]] = []  # ("run" | "run_id", expression)
        self.waiting: list[str] = []  # run variables of the enclosing loops that only wait
        self.showing = 0

    @property
    def scope(self) -> _Scope:
        return self.scopes[-1]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)]
        klass = self.classes[-1] if self.classes and self.scope.klass is not self.classes[-1] else None
        scope = _Scope(node, self.scope, params, klass, method=klass is not None and bool(params) and
                       params[0] in ("self", "cls"))
        self.functions.setdefault(node.name.value, []).append(scope)
        self.scopes.append(scope)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_While(self, node: cst.While) -> None:
        self.waiting.append(waiting_loop(node) or "")

    def leave_While(self, original_node: cst.While) -> None:
        self.scope.settled.add(self.waiting.pop())

    def visit_Return(self, node: cst.Return) -> None:
        self.showing += 1
        if node.value is not None:
            value, _ = strip_await(node.value)
            if isinstance(value, cst.Call) and _runs_method(value) == "create":
                self.scope.returned_creates.append(id(value))  # `return client.beta.threads.runs.create(...)`
            else:
                self.scope.returns.append(value)

    def leave_Return(self, original_node: cst.Return) -> None:
        self.showing -= 1

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        name = dotted_name(target)
        if name is None:
            return
        value, _ = strip_await(value)
        self.scope.bound.add(name)
        if isinstance(value, cst.Call) and _runs_method(value) == "create" and not any(
                a.keyword is not None and a.keyword.value in ("stream", "event_handler") for a in value.args):
            self.scope.creates.setdefault(name, []).append(id(value))
            if name.startswith("self.") and self.scope.klass is not None:
                self.attr_creates.setdefault((id(self.scope.klass), name), []).append(id(value))
        elif isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute)):
            callee = value.func.value if isinstance(value.func, cst.Name) else value.func.attr.value
            self.scope.results.setdefault(name, []).append(callee)  # a run one of the module's functions returns
        elif isinstance(value, cst.Attribute) and value.attr.value == "id":
            run = dotted_name(value.value)
            if run is not None:
                self.scope.ids.setdefault(name, []).append(run)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        method = _runs_method(node)
        if method in ("retrieve", "poll"):
            run_id = keyword(node, "run_id")
            value = run_id.value if run_id is not None else (positional(node)[0].value if positional(node) else None)
            polled = _run_of_id(value) if value is not None else None
            if method == "poll":  # the SDK's own wait until the run is final: `responses.retrieve` of a finished one
                self.scope.settled.add(polled or "")
            elif value is not None and not (polled is not None and polled in self.waiting):
                self.watched.append((self.scope, "run_id", value))
        func = node.func
        if isinstance(func, cst.Name):
            self.calls.append((self.scope, func.value, False, node))
        elif isinstance(func, cst.Attribute):
            self.calls.append((self.scope, func.attr.value, True, node))
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        if name in _SHOWING:
            self.showing += 1

    def leave_Call(self, original_node: cst.Call) -> None:
        func = original_node.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        if name in _SHOWING:
            self.showing -= 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "status" and self.showing and dotted_name(node.value) not in self.scope.settled:
            self.watched.append((self.scope, "run", node.value))


def _run_of_id(expr: cst.BaseExpression) -> str | None:
    expr, _ = strip_await(expr)
    if isinstance(expr, cst.Attribute) and expr.attr.value == "id":
        return dotted_name(expr.value)
    return None


class _Resolver:
    def __init__(self, scan: _Scan) -> None:
        self.scan = scan
        self.found: set[int] = set()

    def callers(self, scope: _Scope, param: str) -> list[tuple[_Scope, cst.BaseExpression]]:
        """What the module's calls of `scope`'s function pass for `param`."""
        assert isinstance(scope.node, cst.FunctionDef)
        index = scope.params.index(param)
        out = []
        for caller, name, is_method_call, call in self.scan.calls:
            if name != scope.node.name.value:
                continue
            arg = keyword(call, param)
            position = index - 1 if scope.method and is_method_call else index
            args = positional(call)
            if arg is None and 0 <= position < len(args):
                arg = args[position]
            if arg is not None:
                out.append((caller, arg.value))
        return out

    def run(self, scope: _Scope | None, expr: cst.BaseExpression, depth: int = 0) -> None:
        name = dotted_name(strip_await(expr)[0])
        if name is None or scope is None or depth > 4:
            return
        if name in scope.creates:
            self.found.update(scope.creates[name])
        for callee in scope.results.get(name, []):
            for function in self.scan.functions.get(callee, []):
                self.found.update(function.returned_creates)
                for value in function.returns:
                    self.run(function, value, depth + 1)
        if name.startswith("self.") and scope.klass is not None:
            self.found.update(self.scan.attr_creates.get((id(scope.klass), name), []))
        elif name in scope.params:
            for caller, value in self.callers(scope, name):
                self.run(caller, value, depth + 1)
        elif name not in scope.bound:
            self.run(scope.parent, expr, depth + 1)  # a closure or a module global

    def run_id(self, scope: _Scope | None, expr: cst.BaseExpression, depth: int = 0) -> None:
        expr, _ = strip_await(expr)
        if scope is None or depth > 4:
            return
        run = _run_of_id(expr)
        if run is not None:
            self.run(scope, cst.parse_expression(run), depth)
            return
        name = dotted_name(expr)
        if name is None:
            return
        for run in scope.ids.get(name, []):
            self.run(scope, cst.parse_expression(run), depth)
        if name in scope.params:
            for caller, value in self.callers(scope, name):
                self.run_id(caller, value, depth + 1)
        elif name not in scope.bound:
            self.run_id(scope.parent, expr, depth + 1)


def observed_runs(module: cst.Module) -> set[int]:
    """Ids of the `runs.create` calls (nodes of `module`) whose run the program watches progress."""
    scan = _Scan(module)
    fast_visit(module, scan)
    resolver = _Resolver(scan)
    for scope, kind, expr in scan.watched:
        if kind == "run":
            resolver.run(scope, expr)
        else:
            resolver.run_id(scope, expr)
    return resolver.found
