"""Assistants stream events -> Responses stream events (api-mapping 3.13).

`EventMapper` rewrites one event variable inside a block of code (a raw
`for event in stream:` body, or the body of an `on_event` callback):
`X.event == "thread.message.delta"` -> `X.type == "response.output_text.delta"`, and
inside the branch of a known event, the `X.data...` chains that have an equivalent
(`X.data.delta.content[0].text.value` -> `X.delta`, `X.data.id` -> `X.response.id`).
What it cannot map it lists in `unmapped`, for a TODO.
"""

from __future__ import annotations

import libcst as cst

from assistants_migrate.codemods._stream_util import code_of, like_string, str_value
from assistants_migrate.engine.transform import fast_visit

CALLS = 'any(item.type == "function_call" for item in {x}.response.output)'

# Assistants event -> (Responses event, extra condition or None); None: no equivalent
EVENT_TABLE: dict[str, tuple[str, str | None] | None] = {
    "thread.created": None,
    "thread.run.created": ("response.created", None),
    "thread.run.queued": ("response.queued", None),
    "thread.run.in_progress": ("response.in_progress", None),
    "thread.run.requires_action": ("response.completed", CALLS),
    "thread.run.completed": ("response.completed", None),
    "thread.run.incomplete": ("response.incomplete", None),
    "thread.run.failed": ("response.failed", None),
    "thread.run.cancelling": None,
    "thread.run.cancelled": None,
    "thread.run.expired": None,
    "thread.run.step.created": ("response.output_item.added", None),
    "thread.run.step.in_progress": None,
    "thread.run.step.delta": None,
    "thread.run.step.completed": ("response.output_item.done", None),
    "thread.run.step.failed": None,
    "thread.run.step.cancelled": None,
    "thread.run.step.expired": None,
    "thread.message.created": ("response.output_item.added", '{x}.item.type == "message"'),
    "thread.message.in_progress": None,
    "thread.message.delta": ("response.output_text.delta", None),
    "thread.message.completed": ("response.output_item.done", '{x}.item.type == "message"'),
    "thread.message.incomplete": None,
    "error": ("error", None),
}
ASSISTANTS_EVENTS = frozenset(EVENT_TABLE) - {"error"}
RUN_EVENTS = frozenset(e for e in EVENT_TABLE if e.startswith("thread.run.") and ".step." not in e)

# the `X.data` attributes of a run event that mean the same on `X.response`
RUN_DATA_FIELDS = frozenset({"id", "status", "required_action", "model"})


def _data_chain(expr: cst.BaseExpression, var: str) -> list[str | int] | None:
    """`X.data.a[0].b` -> ["a", 0, "b"] (attributes and integer subscripts after `.data`)."""
    parts: list[str | int] = []
    node = expr
    while True:
        if isinstance(node, cst.Attribute):
            if node.attr.value == "data" and isinstance(node.value, cst.Name) and node.value.value == var:
                parts.reverse()
                return parts
            parts.append(node.attr.value)
            node = node.value
        elif isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
                parts.append(int(index.value.value))
                node = node.value
            else:
                return None
        else:
            return None


class EventMapper(cst.CSTTransformer):
    """Rewrites the uses of one event variable; `new_var` renames it (on_event's parameter)."""

    def __init__(self, var: str, new_var: str | None = None, *, completed_excludes_calls: bool = False) -> None:
        super().__init__()
        self.var = var
        self.new_var = new_var or var
        self.completed_excludes_calls = completed_excludes_calls
        self.kinds: list[set[str]] = []  # events the enclosing `if` branches are about
        self.unmapped: list[str] = []
        self.changed = False
        self.matches: list[bool] = []  # per enclosing `match`: its subject is `X.event`

    # -- branch context ------------------------------------------------------------------

    def _kinds_of_test(self, test: cst.BaseExpression) -> set[str]:
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            left, right = test.left, test.comparisons[0].comparator
            if str_value(left) is not None:
                left, right = right, left
            if self._is_event_attr(left):
                op = test.comparisons[0].operator
                if isinstance(op, cst.Equal) and str_value(right) is not None:
                    return {str_value(right)}  # type: ignore[arg-type]
                if isinstance(op, cst.In) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
                    return {v for e in right.elements if (v := str_value(e.value)) is not None}
        if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
            return self._kinds_of_test(test.left) or self._kinds_of_test(test.right)
        return set()

    def visit_If_body(self, node: cst.If) -> None:
        self.kinds.append(self._kinds_of_test(node.test))

    def leave_If_body(self, node: cst.If) -> None:
        self.kinds.pop()

    # -- `match X.event:` -----------------------------------------------------------------

    def visit_Match(self, node: cst.Match) -> None:
        self.matches.append(self._is_event_attr(node.subject))

    def leave_Match(self, original_node: cst.Match, updated_node: cst.Match) -> cst.Match:
        if not self.matches.pop():
            return updated_node
        self.changed = True
        return updated_node.with_changes(subject=cst.Attribute(value=cst.Name(self.new_var), attr=cst.Name("type")))

    def _case_values(self, pattern: cst.MatchPattern) -> list[cst.MatchValue] | None:
        """The value patterns of a case (`case "a" | "b":`); None for any other shape (`case _:`)."""
        patterns = [e.pattern for e in pattern.patterns] if isinstance(pattern, cst.MatchOr) else [pattern]
        if all(isinstance(p, cst.MatchValue) and str_value(p.value) is not None for p in patterns):
            return patterns  # type: ignore[return-value]
        return None

    def visit_MatchCase(self, node: cst.MatchCase) -> None:
        if not (self.matches and self.matches[-1]):
            self.kinds.append(self.kinds[-1] if self.kinds else set())  # another match: the enclosing context
            return
        values = self._case_values(node.pattern)
        self.kinds.append({str_value(v.value) for v in values} if values else set())  # type: ignore[misc]

    def leave_MatchCase(self, original_node: cst.MatchCase, updated_node: cst.MatchCase) -> cst.MatchCase:
        self.kinds.pop()
        if not (self.matches and self.matches[-1]):
            return updated_node
        values = self._case_values(updated_node.pattern)
        if values is None:
            return updated_node
        mapped: dict[int, cst.MatchValue] = {}
        guard: str | None = None
        for v in values:
            event = str_value(v.value)
            if event not in EVENT_TABLE:
                continue
            entry = EVENT_TABLE[event]
            if entry is None:
                self.unmapped.append(f"stream event {event!r} never comes on a Responses stream; its case is dead")
                continue
            new_event, extra = entry
            if event == "thread.run.completed" and self.completed_excludes_calls:
                extra = "not " + CALLS
            if extra and (len(values) > 1 or updated_node.guard is not None):
                self.unmapped.append(f"stream event {event!r} needs a hand-written case")
                continue
            guard = extra.format(x=self.new_var) if extra else None
            mapped[id(v)] = v.with_changes(value=like_string(v.value, new_event))  # type: ignore[arg-type]
        if not mapped:
            return updated_node
        pattern = updated_node.pattern
        if isinstance(pattern, cst.MatchOr):
            pattern = pattern.with_changes(patterns=[e.with_changes(pattern=mapped.get(id(e.pattern), e.pattern))
                                                     for e in pattern.patterns])
        else:
            pattern = mapped.get(id(pattern), pattern)
        changes: dict[str, object] = {"pattern": pattern}
        if guard is not None:
            changes["guard"] = cst.parse_expression(guard)
            changes["whitespace_before_if"] = cst.SimpleWhitespace(" ")
            changes["whitespace_after_if"] = cst.SimpleWhitespace(" ")
        return updated_node.with_changes(**changes)

    def _is_event_attr(self, expr: cst.BaseExpression) -> bool:
        return (
            isinstance(expr, cst.Attribute)
            and expr.attr.value == "event"
            and isinstance(expr.value, cst.Name)
            and expr.value.value == self.var
        )

    # -- rewrites -----------------------------------------------------------------------

    def _condition(self, event: str) -> cst.BaseExpression | None:
        entry = EVENT_TABLE.get(event)
        if entry is None:
            return None
        new_event, extra = entry
        if event == "thread.run.completed" and self.completed_excludes_calls:
            extra = "not " + CALLS
        text = f'{self.new_var}.type == "{new_event}"'
        if extra:
            text += " and " + extra.format(x=self.new_var)
        return cst.parse_expression(text)

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        if len(updated_node.comparisons) != 1:
            return updated_node
        target = updated_node.comparisons[0]
        left, right = original_node.left, original_node.comparisons[0].comparator
        if str_value(left) is not None:
            left, right = right, left
        if not self._is_event_attr(left):
            return updated_node
        op = target.operator
        if isinstance(op, (cst.Equal, cst.NotEqual)):
            event = str_value(right)
            if event is None:
                return updated_node
            if event not in EVENT_TABLE:
                return updated_node
            cond = self._condition(event)
            if cond is None:
                # the event never comes on a Responses stream: the test is constant
                self.unmapped.append(f"stream event {event!r} never comes on a Responses stream; its branch is dead")
                self.changed = True
                return cst.Name("True" if isinstance(op, cst.NotEqual) else "False")
            self.changed = True
            if isinstance(op, cst.NotEqual):
                cond = cst.UnaryOperation(operator=cst.Not(), expression=_paren(cond))
            elif isinstance(cond, cst.BooleanOperation) and original_node.lpar:
                cond = cond.with_changes(lpar=original_node.lpar, rpar=original_node.rpar)
            elif isinstance(cond, cst.BooleanOperation):
                cond = _paren(cond)
            return cond
        if isinstance(op, (cst.In, cst.NotIn)) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
            values = [str_value(e.value) for e in right.elements]
            if not any(v in EVENT_TABLE for v in values):
                return updated_node
            upd_right = target.comparator
            if not isinstance(upd_right, (cst.Tuple, cst.List, cst.Set)):
                return updated_node
            kept: list[cst.Element] = []
            for v, e in zip(values, upd_right.elements):
                entry = EVENT_TABLE.get(v) if v is not None else None
                if v is None or v not in EVENT_TABLE or (entry is not None and entry[1] is not None):
                    self.unmapped.append(f"stream events {values!r} need a hand-written test")
                    return updated_node
                if entry is None:
                    self.unmapped.append(f"stream event {v!r} never comes on a Responses stream")
                    continue
                if isinstance(e.value, cst.SimpleString):
                    kept.append(e.with_changes(value=like_string(e.value, entry[0])))
            self.changed = True
            if not kept:
                return cst.Name("True" if isinstance(op, cst.NotIn) else "False")
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            if isinstance(upd_right, cst.Tuple) and len(kept) == 1:
                kept[0] = kept[0].with_changes(comma=cst.Comma())
            new_right = upd_right.with_changes(elements=kept)
            new_left = cst.Attribute(value=cst.Name(self.new_var), attr=cst.Name("type"))
            return updated_node.with_changes(left=new_left, comparisons=[target.with_changes(comparator=new_right)])
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return self._map_data(original_node, updated_node)

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return self._map_data(original_node, updated_node)

    _consumed: set[int]

    def visit_Module(self, node: cst.Module) -> None:  # pragma: no cover - never a module
        pass

    def _map_data(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        chain = _data_chain(original, self.var)
        if chain is None:
            return updated
        kinds = self.kinds[-1] if self.kinds else set()
        new = self.new_var
        if kinds and kinds <= {"thread.message.delta"} and chain == ["delta", "content", 0, "text", "value"]:
            self.changed = True
            return cst.parse_expression(f"{new}.delta")
        if kinds and kinds <= RUN_EVENTS and len(chain) >= 1 and chain[0] in RUN_DATA_FIELDS:
            if len(chain) == 1 or chain[0] == "required_action":
                self.changed = True
                rest = "".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in chain)
                return cst.parse_expression(f"{new}.response{rest}")
        if kinds == {"error"} and chain == ["message"]:
            self.changed = True
            return cst.parse_expression(f"{new}.message")
        return updated

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if updated_node.value == self.var and self.new_var != self.var:
            self.changed = True
            return updated_node.with_changes(value=self.new_var)
        return updated_node


def leftover_data_uses(node: cst.CSTNode, var: str) -> list[str]:
    """`var.data` / `var.event` uses still in `node` after mapping: they need a human."""
    found: list[str] = []

    class _Finder(cst.CSTVisitor):
        def visit_Attribute(self, n: cst.Attribute) -> None:
            if isinstance(n.value, cst.Name) and n.value.value == var and n.attr.value in ("data", "event"):
                found.append(code_of(n))

    fast_visit(node, _Finder())
    return found


def _paren(expr: cst.BaseExpression) -> cst.BaseExpression:
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
