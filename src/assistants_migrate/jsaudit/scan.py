"""Find the Assistants API usage of one TypeScript/JavaScript file in its syntax tree.

The tree comes from tree-sitter (through ast-grep), so comments and strings are never
mistaken for code. Receivers, as in Python (`codemods/_receivers.py`): whatever a
`.beta.assistants` / `.beta.threads` / `.beta.vectorStores` chain hangs off (`openai`,
`client`, `this.openai`, a parameter, `(await getClient())`), which no other library
has, and aliases of such chains (`const threads = openai.beta.threads`,
`const { runs } = openai.beta.threads`, `const beta = client.beta` for a known client).

Everything else (stream handlers, raw events, polling loops, `content[0].text.value`
readers, tool-call shapes) is reported only in a file that shows Assistants usage: a
call or alias above, an `AssistantStream`, or a beta type (`OpenAI.Beta.Threads.Run`,
`openai/resources/beta/...`). A file without any reports nothing.

Two passes: the first learns names (aliases, clients, run, stream and event variables)
in document order; the second reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ast_grep_py import SgNode, SgRoot

from assistants_migrate.jsaudit import surfaces as S

SNIPPET_MAX_LINES = 8
_TRANSPARENT = frozenset({"non_null_expression", "parenthesized_expression", "await_expression", "as_expression",
                          "satisfies_expression", "type_assertion"})
_LOOPS = ("while_statement", "do_statement", "for_statement", "for_in_statement")
_EQUALITY = frozenset({"===", "==", "!==", "!="})


@dataclass(frozen=True)
class Hit:
    """One finding, before it becomes a `Finding`: where, which rule, and why (message)."""

    rule_id: str
    line: int  # 1-based
    column: int  # 1-based, in code points
    end_line: int
    end_column: int
    snippet_start: int
    snippet: str
    message: str = ""


def _unwrap(node: SgNode) -> SgNode:
    """Look through `x!`, `(x)`, `await x`, `x as T`."""
    while node.kind() in _TRANSPARENT:
        children = node.named_children()
        if not children:
            break
        node = children[0]
    return node


def chain(node: SgNode) -> tuple[str | None, list[str]]:
    """`this.openai!.beta?.threads.create` -> ("this.openai", ["beta", "threads", "create"]).

    The root is an identifier, `this.<name>`, or None (a call, a literal, ...)."""
    names: list[str] = []
    node = _unwrap(node)
    while node.kind() == "member_expression":
        prop = node.field("property")
        names.append(prop.text() if prop is not None else "")
        node = _unwrap(node.field("object"))  # type: ignore[arg-type]
    names.reverse()
    kind = node.kind()
    if kind == "identifier":
        return node.text(), names
    if kind == "this" and names:
        return f"this.{names[0]}", names[1:]
    return None, names


def _string_value(node: SgNode | None) -> str | None:
    if node is None:
        return None
    node = _unwrap(node)
    if node.kind() == "string":
        return "".join(c.text() for c in node.named_children() if c.kind() in ("string_fragment", "escape_sequence"))
    if node.kind() == "template_string" and not node.find(kind="template_substitution"):
        return node.text()[1:-1]
    return None


def _key(pair: SgNode) -> str | None:
    key = pair.field("key")
    if key is None:
        return None
    if key.kind() in ("property_identifier", "identifier"):
        return key.text()
    return _string_value(key)


def _object_keys(obj: SgNode) -> dict[str, SgNode]:
    """Top-level keys of an object literal -> their pair (or shorthand) node."""
    keys: dict[str, SgNode] = {}
    for child in obj.named_children():
        if child.kind() == "pair":
            name = _key(child)
            if name is not None:
                keys[name] = child
        elif child.kind() == "shorthand_property_identifier":
            keys[child.text()] = child
    return keys


def _streams(call: SgNode) -> bool:
    """`runs.create(thread, { ..., stream: true })`: the result is a raw event stream, not a run."""
    args = call.field("arguments")
    for obj in args.named_children() if args is not None else []:
        if obj.kind() == "object":
            pair = _object_keys(obj).get("stream")
            if pair is not None and pair.kind() == "pair" and pair.field("value").text() == "true":  # type: ignore[union-attr]
                return True
    return False


def _inside(inner: SgNode, outer: SgNode) -> bool:
    a, b = inner.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


@dataclass
class FileScan:
    root: SgNode
    lines: list[str]
    typed: bool  # TypeScript grammar: type annotations (JavaScript's grammar has no such node kinds)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # name -> ["beta", surface, ...]
    clients: set[str] = field(default_factory=set)  # names known to hold a client
    client_classes: set[str] = field(default_factory=lambda: set(S.CLIENT_CLASSES))
    runs: set[str] = field(default_factory=set)
    streams: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    tool_calls: set[str] = field(default_factory=set)  # typed as a run's required tool call
    imports_openai: bool = False
    beta_types: bool = False
    hits: dict[tuple[str, int, int], Hit] = field(default_factory=dict)
    calls: list[tuple[SgNode, list[str]]] = field(default_factory=list)  # Assistants calls and their paths

    # -- reporting -------------------------------------------------------------------

    def report(self, rule_id: str, node: SgNode, message: str = "", *, snippet_node: SgNode | None = None) -> None:
        rng = node.range()
        line, column = rng.start.line + 1, rng.start.column + 1
        key = (rule_id, line, column)
        if key in self.hits:
            return
        # from the reported line to the end of the site (a handler's `.on(...)`, not the whole chain above it)
        first = rng.start.line
        end = max(rng.end.line, snippet_node.range().end.line if snippet_node is not None else 0)
        last = min(end, first + SNIPPET_MAX_LINES - 1)
        self.hits[key] = Hit(
            rule_id=rule_id, line=line, column=column, end_line=rng.end.line + 1, end_column=rng.end.column + 1,
            snippet_start=first + 1, snippet="\n".join(self.lines[first : last + 1]), message=message,
        )

    # -- names -----------------------------------------------------------------------

    def assistants_path(self, node: SgNode) -> list[str] | None:
        """For a chain through `.beta.<surface>`, the names after `beta` (surface first); else None."""
        root, names = chain(node)
        if root is not None and root in self.aliases:
            names = self.aliases[root] + names
        for i in range(len(names) - 1):
            if names[i] == "beta" and names[i + 1] in S.SURFACES:
                return names[i + 1 :]
        return None

    def is_client(self, node: SgNode) -> bool:
        root, names = chain(node)
        return not names and root is not None and root in self.clients

    @property
    def evidence(self) -> bool:
        """Does this file show Assistants usage at all (and so may its loops, readers, events be reported)?"""
        return bool(self.calls or self.aliases or self.streams or self.beta_types)

    def _learn_imports(self) -> None:
        for imp in self.root.find_all(kind="import_statement"):
            source = _string_value(imp.field("source"))
            if source is None or not (source == "openai" or source.startswith("openai/")):
                continue
            self.imports_openai = True
            if S.BETA_MODULE_MARKER in source:
                self.beta_types = True
            clause = imp.find(kind="import_clause")
            if clause is None:
                continue
            for child in clause.named_children():
                if child.kind() == "identifier":  # default import: the client class under any name
                    self.client_classes.add(child.text())
            for spec in clause.find_all(kind="import_specifier"):
                name, alias = spec.field("name"), spec.field("alias")
                imported = name.text() if name is not None else ""
                local = alias.text() if alias is not None else imported
                if imported in S.CLIENT_CLASSES:
                    self.client_classes.add(local)
                if imported in S.STREAM_TYPES:
                    self.beta_types = True
        for call in self.root.find_all(kind="call_expression"):
            fn = call.field("function")
            if fn is not None and fn.kind() in ("identifier", "import") and fn.text() in ("require", "import"):
                args = call.field("arguments")
                first = args.named_children()[0] if args is not None and args.named_children() else None
                source = _string_value(first)
                if source is not None and (source == "openai" or source.startswith("openai/")):
                    self.imports_openai = True
                    if S.BETA_MODULE_MARKER in source:
                        self.beta_types = True
                    holder = call.parent()
                    if holder is not None and holder.kind() == "variable_declarator":
                        target = holder.field("name")
                        if target is not None and target.kind() == "identifier":
                            self.client_classes.add(target.text())
        if self.typed:
            for ref in self.root.find_all(kind="nested_type_identifier"):
                if any(marker in ref.text() for marker in S.BETA_TYPE_MARKERS):
                    self.beta_types = True

    def _type_names(self, annotation: SgNode | None) -> set[str]:
        if annotation is None:
            return set()
        names = {t.text() for t in annotation.find_all(kind="type_identifier")}
        names |= {t.text().rsplit(".", 1)[-1] for t in annotation.find_all(kind="nested_type_identifier")}
        return names

    def _learn_typed(self) -> None:
        """Parameters and fields typed `OpenAI`, `AssistantStream`, `Run` (`OpenAI.Beta.Threads.Run`)."""
        if not self.typed:
            return
        for kind in ("required_parameter", "optional_parameter", "public_field_definition", "variable_declarator"):
            for node in self.root.find_all(kind=kind):
                annotation = node.field("type")
                if annotation is None:
                    continue
                types = self._type_names(annotation)
                if not types:
                    continue
                target = node.field("pattern") or node.field("name")
                if target is None:
                    continue
                name = target.text()
                if kind == "public_field_definition" or (
                    kind == "required_parameter" and node.find(kind="accessibility_modifier") is not None
                ):
                    name = f"this.{name}"
                if types & self.client_classes:
                    self.clients.add(name)
                if types & S.STREAM_TYPES:
                    self.streams.add(name)
                    self.beta_types = True
                if types & S.RUN_TYPES and ("Beta" in annotation.text() or self.beta_types):
                    self.runs.add(name)
                if types & S.TOOL_CALL_TYPES:
                    self.tool_calls.add(name)

    def _new_client(self, value: SgNode | None) -> bool:
        if value is None:
            return False
        value = _unwrap(value)
        if value.kind() != "new_expression":
            return False
        ctor = value.field("constructor")
        if ctor is None:
            return False
        _, names = chain(ctor)
        root, _ = chain(ctor)
        name = names[-1] if names else root
        return name in self.client_classes

    def _bind(self, target: str, value: SgNode) -> None:
        """Learn what `target = value` makes of the name."""
        if self._new_client(value):
            self.clients.add(target)
            return
        inner = _unwrap(value)
        if inner.kind() == "call_expression":
            fn = inner.field("function")
            path = self.assistants_path(fn) if fn is not None else None
            if path is not None:
                key = ".".join(path)
                if key in S.STREAM_RESULTS or (key in S.RUN_RESULTS and _streams(inner)):
                    self.streams.add(target)
                elif key in S.RUN_RESULTS:
                    self.runs.add(target)
                return
            if fn is not None and fn.kind() == "member_expression":
                method = fn.field("property")
                receiver = fn.field("object")
                if method is not None and receiver is not None:
                    if method.text() in S.STREAM_CONVERTERS and chain(receiver)[0] in S.STREAM_TYPES:
                        self.streams.add(target)
                    elif method.text() == "finalRun" and self._is_stream(receiver):
                        self.runs.add(target)
            return
        if inner.kind() == "member_expression":
            path = self.assistants_path(inner)
            if path is not None:
                self.aliases[target] = ["beta", *path]
            elif self.is_client(inner.field("object")) and inner.field("property").text() == "beta":  # type: ignore[union-attr]
                self.aliases[target] = ["beta"]
        elif inner.kind() == "identifier" and inner.text() in self.clients:
            self.clients.add(target)

    def _bind_pattern(self, pattern: SgNode, value: SgNode) -> None:
        """`const { threads, assistants: a } = openai.beta`."""
        inner = _unwrap(value)
        base: list[str] | None = None
        if inner.kind() == "member_expression":
            path = self.assistants_path(inner)
            if path is not None:
                base = ["beta", *path]
            elif self.is_client(inner.field("object")) and inner.field("property").text() == "beta":  # type: ignore[union-attr]
                base = ["beta"]
        elif inner.kind() == "identifier" and inner.text() in self.aliases:
            base = list(self.aliases[inner.text()])
        elif inner.kind() == "identifier" and inner.text() in self.clients:
            base = []
        if base is None:
            return
        for child in pattern.named_children():
            if child.kind() == "shorthand_property_identifier_pattern":
                key, local = child.text(), child.text()
            elif child.kind() == "pair_pattern":
                key = _key(child) or ""
                target = child.field("value")
                if target is None or target.kind() != "identifier":
                    continue
                local = target.text()
            else:
                continue
            names = [*base, key]
            if len(names) >= 2 and names[0] == "beta" and names[1] in S.SURFACES:
                self.aliases[local] = names
            elif names == ["beta"]:
                self.aliases[local] = names

    def _learn_bindings(self) -> None:
        nodes: list[SgNode] = []
        field_kind = "public_field_definition" if self.typed else "field_definition"
        for kind in ("variable_declarator", "assignment_expression", field_kind, "for_in_statement"):
            nodes.extend(self.root.find_all(kind=kind))
        nodes.sort(key=lambda n: n.range().start.index)
        for node in nodes:
            kind = node.kind()
            if kind == "variable_declarator":
                target, value = node.field("name"), node.field("value")
            elif kind == "assignment_expression":
                target, value = node.field("left"), node.field("right")
            elif kind == field_kind:
                target, value = node.field("name") or node.field("property"), node.field("value")
            else:
                self._learn_event_loop(node)
                continue
            if target is None or value is None:
                continue
            if target.kind() == "object_pattern":
                self._bind_pattern(target, value)
                continue
            if kind == field_kind:
                name = f"this.{target.text()}"
            else:
                root, names = chain(target)
                if root is None or names:
                    continue
                name = root
            self._bind(name, value)

    def _is_stream(self, node: SgNode) -> bool:
        """A stream variable, a stream-making call, or a handler chained on one (`.on(...).on(...)`)."""
        node = _unwrap(node)
        while node.kind() == "call_expression":
            fn = node.field("function")
            if fn is None:
                return False
            path = self.assistants_path(fn)
            if path is not None:
                return ".".join(path) in S.STREAM_RESULTS
            if fn.kind() != "member_expression":
                return False
            method = fn.field("property")
            receiver = fn.field("object")
            if method is None or receiver is None:
                return False
            if method.text() in S.STREAM_CONVERTERS and chain(receiver)[0] in S.STREAM_TYPES:
                return True
            node = _unwrap(receiver)
        root, names = chain(node)
        return root is not None and not names and root in self.streams

    def _learn_event_loop(self, loop: SgNode) -> None:
        """`for await (const event of stream)`: `event` is a raw Assistants stream event."""
        right, left = loop.field("right"), loop.field("left")
        if right is None or left is None or left.kind() != "identifier":
            return
        if self._is_stream(right):
            self.events.add(left.text())

    # -- reports ---------------------------------------------------------------------

    def scan(self) -> list[Hit]:
        self._learn_imports()
        self._learn_typed()
        self._learn_bindings()
        self._report_calls()
        if self.evidence:
            self._report_status_checks()
            self._report_events()
            self._report_readers()
            self._report_objects()
        return sorted(self.hits.values(), key=lambda h: (h.line, h.column, h.rule_id))

    def _report_calls(self) -> None:
        for call in self.root.find_all(kind="call_expression"):
            fn = call.field("function")
            if fn is None or fn.kind() != "member_expression":
                continue
            path = self.assistants_path(fn)
            if path is not None:
                rule = S.rule_for(path)
                if rule is not None:
                    self.calls.append((call, path))
                    self.report(rule, call, f"`beta.{'.'.join(path)}(...)`")
                    self._report_arguments(call, path)
                continue
            method, receiver = fn.field("property"), fn.field("object")
            if method is None or receiver is None:
                continue
            name = method.text()
            if name in S.HANDLER_METHODS and self._is_stream(receiver):
                args = call.field("arguments")
                first = args.named_children()[0] if args is not None and args.named_children() else None
                event = _string_value(first)
                if event in S.HANDLER_EVENTS:
                    rule, replacement = S.HANDLER_EVENTS[event]
                    message = f'`.{name}("{event}", ...)`' + (f": handle `{replacement}` events of `responses.stream`" if replacement else "")
                    self.report(rule, method, message, snippet_node=call)
            elif name in S.STREAM_HELPERS and self._is_stream(receiver):
                self.report("AM705", method, f"`.{name}()` of an AssistantStream", snippet_node=call)
            elif name in S.STREAM_CONVERTERS and (chain(receiver)[0] in S.STREAM_TYPES or self._is_stream(receiver)):
                self.report("AM701", call, f"`AssistantStream.{name}`" if chain(receiver)[0] in S.STREAM_TYPES else f"`.{name}()` of an AssistantStream")

    def _report_arguments(self, call: SgNode, path: list[str]) -> None:
        rules = S.argument_rules(path)
        args = call.field("arguments")
        if args is None:
            return
        for obj in args.named_children():
            if obj.kind() != "object":
                continue
            for inner in [obj, *obj.find_all(kind="object")]:
                keys = _object_keys(inner)
                for key, node in keys.items():
                    rule = rules.get(key) if inner is obj or key in S.NESTED_ARGUMENTS else None
                    if "role" in keys:  # one message, wherever it is
                        rule = S.MESSAGE_ARGUMENTS.get(key, rule)
                    if rule is not None:
                        self.report(rule, node, f"`{key}`" + (" of a message" if "role" in keys else ""))

    def _status_check(self, node: SgNode) -> tuple[SgNode, set[str]] | None:
        """`X.status === "queued"` or `["queued", ...].includes(X.status)`: (X, statuses compared)."""
        if node.kind() == "binary_expression":
            op = node.field("operator")
            if op is None or op.text() not in _EQUALITY:
                return None
            left, right = node.field("left"), node.field("right")
            for a, b in ((left, right), (right, left)):
                value = _string_value(b)
                if a is not None and value is not None and _unwrap(a).kind() == "member_expression":
                    member = _unwrap(a)
                    prop = member.field("property")
                    if prop is not None and prop.text() == "status":
                        return member.field("object"), {value}  # type: ignore[return-value]
            return None
        fn = node.field("function")
        if fn is None or fn.kind() != "member_expression" or fn.field("property").text() != "includes":  # type: ignore[union-attr]
            return None
        array = _unwrap(fn.field("object"))  # type: ignore[arg-type]
        args = node.field("arguments")
        if array.kind() != "array" or args is None or len(args.named_children()) != 1:
            return None
        member = _unwrap(args.named_children()[0])
        if member.kind() != "member_expression" or member.field("property").text() != "status":  # type: ignore[union-attr]
            return None
        values = {v for v in (_string_value(e) for e in array.named_children()) if v is not None}
        return member.field("object"), values  # type: ignore[return-value]

    def _report_status_checks(self) -> None:
        polling_calls = [call for call, path in self.calls if ".".join(path) in S.POLLING_CALLS]
        for kind in ("binary_expression", "call_expression"):
            for node in self.root.find_all(kind=kind):
                found = self._status_check(node)
                if found is None:
                    continue
                subject, statuses = found
                root, names = chain(subject)
                is_run = root is not None and not names and root in self.runs
                if kind == "binary_expression" and S.REQUIRES_ACTION in statuses:
                    self.report("AM601", node)
                if not statuses & S.POLL_STATUSES:
                    continue
                loop = next((a for a in node.ancestors() if a.kind() in _LOOPS), None)
                if loop is None:
                    continue
                if is_run or any(_inside(call, loop) for call in polling_calls):
                    self.report("AM504", loop, "a loop that polls a run's status")

    def _report_events(self) -> None:
        for node in self.root.find_all(kind="binary_expression"):
            op = node.field("operator")
            if op is None or op.text() not in _EQUALITY:
                continue
            left, right = node.field("left"), node.field("right")
            for a, b in ((left, right), (right, left)):
                name = _string_value(b)
                if a is not None and name in S.RAW_EVENTS and self._is_event_field(a):
                    self._report_event(name, node)
        for switch in self.root.find_all(kind="switch_statement"):
            value = switch.field("value")
            if value is None or not self._is_event_field(value):
                continue
            for case in switch.find_all(kind="switch_case"):
                name = _string_value(case.field("value"))
                if name in S.RAW_EVENTS:
                    self._report_event(name, case)

    def _is_event_field(self, node: SgNode) -> bool:
        """`X.event` of a stream event (any X in a file with Assistants usage: the names are specific)."""
        node = _unwrap(node)
        return node.kind() == "member_expression" and node.field("property").text() == "event"  # type: ignore[union-attr]

    def _report_event(self, name: str, node: SgNode) -> None:
        rule, replacement = S.RAW_EVENTS[name]
        message = f'`"{name}"`' + (f' becomes `"{replacement}"` (compare `event.type`)' if replacement else ": no Responses equivalent")
        self.report(rule, node, message)

    def _report_readers(self) -> None:
        """`...content[0].text.value` (message text), `required_action.submit_tool_outputs.tool_calls`."""
        has_tool_calls = False
        for member in self.root.find_all(kind="member_expression"):
            prop = member.field("property")
            if prop is None:
                continue
            _, names = chain(member)
            if prop.text() == "value" and len(names) >= 2 and names[-2] == "text":
                text = _unwrap(member.field("object"))  # type: ignore[arg-type]
                content = _unwrap(text.field("object")) if text.kind() == "member_expression" else None  # type: ignore[arg-type]
                if content is None or content.kind() != "subscript_expression":
                    continue
                holder = _unwrap(content.field("object"))  # type: ignore[arg-type]
                if holder.kind() != "member_expression" or holder.field("property").text() != "content":  # type: ignore[union-attr]
                    continue
                if self._under_delta(holder):
                    self.report("AM703", member, "a stream delta's text: `event.delta` on Responses streams")
                else:
                    self.report("AM405", member)
            elif prop.text() == "tool_calls" and names[-3:] == ["required_action", "submit_tool_outputs", "tool_calls"]:
                self.report("AM602", member)
                has_tool_calls = True
        if has_tool_calls or self.tool_calls:
            for member in self.root.find_all(kind="member_expression"):
                root, names = chain(member)
                if len(names) == 2 and names[0] == "function" and names[1] in ("name", "arguments") and (
                    has_tool_calls or root in self.tool_calls
                ):
                    self.report("AM603", member)

    @staticmethod
    def _under_delta(node: SgNode) -> bool:
        _, names = chain(node)
        return "delta" in names

    def _report_objects(self) -> None:
        """Tool outputs `{ tool_call_id, output }`; tool definitions next to `assistants.create`."""
        makes_assistants = any(path[:2] in (["assistants", "create"], ["assistants", "update"]) for _, path in self.calls)
        for obj in self.root.find_all(kind="object"):
            keys = _object_keys(obj)
            if "tool_call_id" in keys and "output" in keys:
                self.report("AM604", obj)
            if makes_assistants and "type" in keys and keys["type"].kind() == "pair":
                tool_type = _string_value(keys["type"].field("value"))
                if tool_type == "function" and "function" in keys:
                    self.report("AM201", obj, "a function tool nests `function`: Responses tools are flat")
                elif tool_type == "retrieval":
                    self.report("AM205", obj)


def language_grammar(suffix: str) -> str:
    """The tree-sitter grammar of a file suffix."""
    if suffix == ".tsx":
        return "tsx"
    if suffix in (".ts", ".mts", ".cts"):
        return "typescript"
    return "javascript"  # also parses JSX


def scan_source(text: str, suffix: str) -> list[Hit]:
    grammar = language_grammar(suffix)
    root = SgRoot(text, grammar).root()
    return FileScan(root=root, lines=[line.rstrip("\r") for line in text.split("\n")], typed=grammar != "javascript").scan()

