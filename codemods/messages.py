"""Messages become conversation items: `beta.threads.messages.*` -> `conversations.items.*`.

Section 3.6 of the mapping. `messages.create` becomes `conversations.items.create`
with one message item (content parts mapped; assistant turns get string content).
`messages.list` becomes `conversations.items.list` filtered to message items, in the
same order; its readers follow: `.data` lists become plain lists of messages, and
`message.content[0].text.value` becomes the text of the message's text parts. When the
list is read right after a run that became a response in the same scope, the newest
message's text is `response.output_text`. Fields with no counterpart (timestamps,
run/assistant ids, per-message metadata, annotation markers) get a TODO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._conv_common import (
    CallContext,
    arg_value,
    attr_path,
    code_of,
    kwarg,
    resolve_site,
    short,
    str_value,
)
from assistants_migrate.codemods._conv_items import convert_content
from assistants_migrate.codemods._conv_scan import _index, classify_uses, value_unused, walk
from assistants_migrate.codemods._facts import facts
from assistants_migrate.codemods._kwargs import Splat, expand_splat
from assistants_migrate.codemods._receivers import (
    CLIENT_CLASSES,
    ClientTracker,
    dotted_name,
    origin,
    project_function,
)
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

CREATE = "AM401"
LIST = "AM402"
ATTACHMENTS = "AM403"
METADATA = "AM404"
READ_TEXT = "AM405"
OUTPUT_TEXT = "AM406"
RUN_OUTPUT = "AM407"
RETRIEVE_DELETE = "AM408"
UPDATE = "AM409"
PAGE_ESCAPES = "AM410"
NO_FIELD = "AM411"
ANNOTATIONS = "AM412"
LEFT_ALONE = "AM413"

TEXT_TYPES = '("input_text", "output_text")'
NO_EQUIVALENT_FIELDS = {
    "created_at": "conversation items have no timestamp",
    "completed_at": "conversation items have no timestamp",
    "incomplete_at": "conversation items have no timestamp",
    "run_id": "conversation items do not record the response that produced them",
    "assistant_id": "conversation items do not record an assistant",
    "thread_id": "conversation items do not record their conversation",
    "metadata": "conversation items have no metadata",
    "attachments": "conversation items have no attachments",
    "incomplete_details": "conversation items have no incomplete_details",
    "object": "conversation items have no object field (use .type)",
}
LIST_MODES = ("data", "page", "run")  # bindings whose new value is a plain list of messages
PAGE_ORIGIN = "object:beta.threads.messages.list"  # codemods/_provenance.py: what a messages.list call returned
ANNOTATION_FIELDS = frozenset({"text", "file_citation", "file_path", "start_index", "end_index"})

_ATTACH_HELP = (
    "message attachments dropped: for file_search add the files to a vector store and pass "
    'tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put '
    '{"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass '
    '{"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: '
)

RULES = register(
    Rule(
        id=CREATE,
        title="`messages.create` became `conversations.items.create`",
        severity=Severity.NOTE,
        why="Messages are items of a conversation. One message becomes one item: text parts become `input_text`, "
        "image parts `input_image` (with the required `detail`), and assistant turns get string content "
        "(the API rejects `input_text` parts on assistant items).",
        what_to_do="Nothing: rewritten. If the message is followed by a run, consider passing the text as "
        "`input=` of `responses.create` instead, which saves a request.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before='client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)\n',
                after='client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", '
                '"content": question}])\n',
            ),
            Example(
                before='await client.beta.threads.messages.create(tid, role="user", content=[{"type": "text", "text": q}, '
                '{"type": "image_url", "image_url": {"url": url}}])\n',
                after='await client.conversations.items.create(tid, items=[{"type": "message", "role": "user", '
                '"content": [{"type": "input_text", "text": q}, {"type": "input_image", "image_url": url, '
                '"detail": "auto"}]}])\n',
            ),
            Example(
                before='def post(tid, text):\n'
                '    params = {"thread_id": tid, "role": "user", "content": text}\n'
                '    client.beta.threads.messages.create(**params)\n',
                after='def post(tid, text):\n'
                '    params = {"thread_id": tid, "role": "user", "content": text}\n'
                '    client.conversations.items.create(tid, items=[{"type": "message", "role": "user", "content": text}])\n',
            ),
        ),
    ),
    Rule(
        id=LIST,
        title="`messages.list` became `conversations.items.list`, filtered to messages",
        severity=Severity.NOTE,
        why="A conversation lists every item (tool calls, reasoning, messages), newest first like `messages.list`. "
        "The rewrite keeps the order and keeps only `message` items, so loops and indexes see what they saw before.",
        what_to_do="Nothing: rewritten. `limit=` now counts all items, not only messages.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before="messages = client.beta.threads.messages.list(thread_id=thread.id, order=\"asc\")\n"
                "for m in messages.data:\n    print(m.role, m.content[0].text.value)\n",
                after='messages = [item for item in client.conversations.items.list(thread.id, order="asc").data '
                'if item.type == "message"]\n'
                "for m in messages:\n"
                '    print(m.role, "".join(part.text for part in m.content if part.type in ("input_text", "output_text")))\n',
            ),
        ),
    ),
    Rule(
        id=ATTACHMENTS,
        title="Message attachments have no direct equivalent",
        severity=Severity.WARNING,
        why="Attachments put files into the thread's tool resources (an implicit vector store for file_search, "
        "the sandbox for code_interpreter). Items carry no attachments; both replacements need per-call state.",
        what_to_do="file_search: add the file to a vector store (`vector_stores.files.create_and_poll`) and pass "
        '`tools=[{"type": "file_search", "vector_store_ids": [vs_id]}]` on `responses.create` (keeps retrieval), '
        'or put `{"type": "input_file", "file_id": f}` in the message content (the whole file in context). '
        'code_interpreter: pass `{"type": "code_interpreter", "container": {"type": "auto", "file_ids": [f]}}`.',
        autofix=False,
        effort=Effort.M,
        surface="messages",
        examples=(
            Example(
                before='client.beta.threads.messages.create(tid, role="user", content=q, attachments=[{"file_id": f.id, '
                '"tools": [{"type": "file_search"}]}])\n',
                after='# TODO(assistants-migrate): AM403 ' + _ATTACH_HELP + '[{"file_id": f.id, "tools": [{"type": '
                '"file_search"}]}]\n'
                'client.conversations.items.create(tid, items=[{"type": "message", "role": "user", "content": q}])\n',
            ),
        ),
    ),
    Rule(
        id=METADATA,
        title="Per-message metadata dropped",
        severity=Severity.WARNING,
        why="Conversation items have no metadata; only the conversation itself has.",
        what_to_do="If the metadata matters, store it in your own database keyed by the item id, or move it to "
        "the conversation's metadata.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before='client.beta.threads.messages.create(tid, role="user", content=q, metadata={"k": "v"})\n',
                after='client.conversations.items.create(tid, items=[{"type": "message", "role": "user", "content": q}])\n',
            ),
        ),
    ),
    Rule(
        id=READ_TEXT,
        title="Message text read from item content parts",
        severity=Severity.NOTE,
        why="Item content parts carry the text directly (`part.text`, a string) with types `input_text` "
        "(user) and `output_text` (assistant), instead of `content[i].text.value`.",
        what_to_do="Nothing: rewritten.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before="messages = client.beta.threads.messages.list(thread_id=thread.id)\n"
                "print(messages.data[0].content[0].text.value)\n",
                after='messages = [item for item in client.conversations.items.list(thread.id).data if item.type == "message"]\n'
                'print("".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text")))\n',
            ),
        ),
    ),
    Rule(
        id=OUTPUT_TEXT,
        title="Newest message read as `response.output_text`",
        severity=Severity.NOTE,
        why="The list read right after the run only fetched the reply the run produced; the response returned by "
        "`responses.create` already holds it, so no list request is needed.",
        what_to_do="Nothing: rewritten.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before="def answer(client: OpenAI, thread, question):\n"
                '    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")\n'
                '    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)\n'
                "    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)\n"
                "    messages = client.beta.threads.messages.list(thread_id=thread.id)\n"
                "    return messages.data[0].content[0].text.value\n",
            ),
        ),
    ),
    Rule(
        id=RUN_OUTPUT,
        title="Messages of one run read from `response.output`",
        severity=Severity.NOTE,
        why="`messages.list(thread_id, run_id=run.id)` lists what one run produced; a response carries those items "
        "in `output` (oldest first).",
        what_to_do="Nothing when the run became a response in the same scope; otherwise read `response.output` "
        "of the response that replaced the run.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(before="msgs = client.beta.threads.messages.list(thread_id, run_id=run_id)\n"),
        ),
    ),
    Rule(
        id=RETRIEVE_DELETE,
        title="`messages.retrieve/delete` became `conversations.items.retrieve/delete`",
        severity=Severity.NOTE,
        why="Items are addressed like messages, by item id and conversation id. `items.delete` returns the "
        "conversation, not a deleted marker. A retrieved item is a union of item types: check `item.type == "
        '"message"` before reading `content`.',
        what_to_do="Nothing for the call; check readers of the result.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before="client.beta.threads.messages.delete(message_id=mid, thread_id=tid)\n",
                after="client.conversations.items.delete(item_id=mid, conversation_id=tid)\n",
            ),
        ),
    ),
    Rule(
        id=UPDATE,
        title="`messages.update` has no equivalent",
        severity=Severity.WARNING,
        why="Conversation items are immutable and have no metadata.",
        what_to_do="Store per-message data in your own database keyed by item id, or drop the call.",
        autofix=False,
        effort=Effort.S,
        surface="messages",
        examples=(Example(before='client.beta.threads.messages.update(mid, thread_id=tid, metadata={"seen": "1"})\n'),),
    ),
    Rule(
        id=PAGE_ESCAPES,
        title="Message page used beyond `.data` and iteration",
        severity=Severity.WARNING,
        why="The page now holds conversation items: they include tool calls and reasoning, not only messages, "
        "and a message's text is `part.text` (a string), not `content[0].text.value`.",
        what_to_do='Where the page is read, keep only `item.type == "message"` items and read text from parts of '
        'type "output_text"/"input_text".',
        autofix=False,
        effort=Effort.S,
        surface="messages",
        examples=(Example(before="return client.beta.threads.messages.list(thread_id=tid)\n"),),
    ),
    Rule(
        id=NO_FIELD,
        title="Message field without an item equivalent",
        severity=Severity.WARNING,
        why="Conversation items have no `created_at`, `run_id`, `assistant_id`, `thread_id`, `metadata` or "
        "`attachments`.",
        what_to_do="Drop the read, or keep the value in your own storage when the item is created.",
        autofix=False,
        effort=Effort.S,
        surface="messages",
        examples=(
            Example(
                before="messages = client.beta.threads.messages.list(thread_id=thread.id)\n"
                "for m in messages.data:\n"
                "    print(m.created_at)\n",
                after='messages = [item for item in client.conversations.items.list(thread.id).data if item.type == "message"]\n'
                "for m in messages:\n"
                "    # TODO(assistants-migrate): AM411 message.created_at: conversation items have no timestamp (reads None now)\n"
                '    print(getattr(m, "created_at", None))\n',
            ),
        ),
    ),
    Rule(
        id=ANNOTATIONS,
        title="Annotation shapes changed",
        severity=Severity.WARNING,
        why="Responses annotations are `file_citation{file_id, filename, index}` (no in-text marker `text`, no "
        "`end_index`, no nested `file_citation` object), `container_file_citation{container_id, file_id, ...}` "
        "for code-interpreter files (was `file_path`), and `url_citation`.",
        what_to_do="Read `annotation.file_id` / `annotation.filename` / `annotation.index` after checking "
        "`annotation.type`; there is no marker text to replace; download code-interpreter files with "
        "`containers.files.content.retrieve(file_id, container_id=...)`.",
        autofix=False,
        effort=Effort.M,
        surface="messages",
        examples=(
            Example(
                before="messages = client.beta.threads.messages.list(thread_id=thread.id)\n"
                "for a in messages.data[0].content[0].text.annotations:\n"
                "    print(a.file_citation.file_id)\n",
            ),
        ),
    ),
    Rule(
        id=LEFT_ALONE,
        title="Message call left unchanged: its arguments are not known statically",
        severity=Severity.WARNING,
        why="The call passes `**kwargs`, `before=` (items have no `before` cursor), or content whose shape has no "
        "input-item equivalent, so it cannot be rewritten safely. It still calls the deprecated Assistants API.",
        what_to_do="Rewrite it by hand to `client.conversations.items.*` (section 3.6 of the mapping).",
        autofix=False,
        effort=Effort.S,
        surface="messages",
        examples=(Example(before="client.beta.threads.messages.create(**payload)\n"),),
    ),
)


@dataclass
class ListInfo:
    var: str
    mode: str  # "data" | "page" | "escape" | "remove" | "run"
    response: str | None = None  # response variable whose output_text replaces `.data[0]...text.value`
    handled: bool = False  # an escaped page that only goes to project functions, which read it as a page


@dataclass
class Scope:
    node: cst.CSTNode
    is_async: bool
    response_keys: frozenset[str]
    lists: dict[str, ListInfo] = field(default_factory=dict)  # message-list names
    messages: set[str] = field(default_factory=set)  # single-message names
    texts: set[str] = field(default_factory=set)  # names bound to a message's text part
    parts: set[str] = field(default_factory=set)  # names bound to a content part
    annotations: set[str] = field(default_factory=set)  # names bound to an annotation
    item_lists: set[str] = field(default_factory=set)  # results of items.create
    iterators: set[str] = field(default_factory=set)  # `it = iter(messages)`: next(it) is one message


def _items_filter(source: cst.BaseExpression, asynchronous: bool = False, q: str = '"') -> cst.BaseExpression:
    code = code_of(source)
    loop = "async for" if asynchronous else "for"
    return cst.parse_expression(f"[item {loop} item in {code} if item.type == {q}message{q}]")


def _text_types(q: str) -> str:
    return f"({q}input_text{q}, {q}output_text{q})"


def _join_text(message: cst.BaseExpression, q: str = '"') -> cst.BaseExpression:
    code = code_of(message)
    return cst.parse_expression(f"{q}{q}.join(part.text for part in {code}.content if part.type in {_text_types(q)})")


def _first_text_part(message: cst.BaseExpression, q: str = '"') -> cst.BaseExpression:
    code = code_of(message)
    return cst.parse_expression(f"next(part for part in {code}.content if part.type == {q}output_text{q})")


def _strip_parens(expr: cst.BaseExpression) -> cst.BaseExpression:
    return expr.with_changes(lpar=[], rpar=[]) if getattr(expr, "lpar", None) else expr


class MessagesCodemod(CallContext, ClientTracker, Codemod):
    RULES = RULES
    DEPENDS_ON = ("threads",)  # items are read from and written to the conversation a thread became
    # list variables are bound by hot statements; `text.value` finds readers of pages passed in
    HOT_WORDS = ("text.value", *CLIENT_CLASSES)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._scopes: list[Scope] = []
        self._bindings: dict[int, ListInfo] = {}  # id(Assign) -> the list bound there
        self._handled_calls: set[int] = set()  # list calls rewritten by their consumer
        self._data_attrs: dict[int, str] = {}  # id(`<call>.data`) -> "data"
        self._page_iters: dict[int, bool] = {}  # id(For/CompFor) -> iterates a list call directly (async?)
        self._inner_text: set[int] = set()  # `.text` attributes continued by `.value` / `.annotations`
        self._remove: set[int] = set()  # statements to drop
        self._created: dict[int, str] = {}  # id(items.create call) -> variable
        self._created_awaited: set[int] = set()
        self._created_as_message: set[int] = set()  # the name is also a loop's message: bind the created one
        self._narrowing_blocks: dict[int, str] = {}  # id(If body) -> annotation checked to be a file_citation
        self._citation_checked: list[str] = []  # annotations narrowed to file_citation where we are
        self._citation_reads: set[int] = set()  # `A.file_citation` continued by `.file_id`, mapped as a whole
        self._run_lists: set[int] = set()  # messages.list(run_id=...) calls replaced by the response's output
        self._unused_results: set[int] = set()  # id(messages.create call) whose assigned result nobody reads
        self._rewritten_creates: set[int] = set()  # id(messages.create call) rewritten to items.create
        self._retrieved: set[int] = set()  # id(Assign) of `msg = messages.retrieve(...)`

    # -- scopes ------------------------------------------------------------------------

    @property
    def scope(self) -> Scope:
        return self._scopes[-1]

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes = [Scope(node, False, frozenset())]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        scope = Scope(node, node.asynchronous is not None, frozenset(facts(self.ctx).responses))
        self._scopes.append(scope)
        # a parameter the project's callers pass a messages page to (`pretty_print(messages)`) is that page
        for param in node.params.params:
            if origin(param.name) != PAGE_ORIGIN:
                continue
            name = param.name.value
            scope.lists[name] = ListInfo(name, "escape")
            escapes: list[cst.CSTNode] = []
            page_calls: list[cst.CSTNode] = []
            classify_uses(node, name, param, escapes, page_calls)
            for statement in [*escapes, *(s for s in page_calls if all(s is not e for e in escapes))]:
                if not self._to_project_function(statement, name):
                    self.todo(PAGE_ESCAPES, f"`{name}` is a page of conversation items now (not only messages; "
                              "text is part.text): check this use", statement=statement)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if len(self._scopes) > 1:
            self._scopes.pop()
        return updated_node

    # -- recognising expressions (original nodes) ----------------------------------------

    def _site(self, expr: cst.BaseExpression, method: str | None = None):  # type: ignore[no-untyped-def]
        call = expr.expression if isinstance(expr, cst.Await) else expr
        if not isinstance(call, cst.Call):
            return None, None
        site = resolve_site(self.ctx, call.func)
        if site is None or len(site.path) != 3 or site.path[:2] != ["threads", "messages"]:
            return None, None
        if method is not None and site.path[2] != method:
            return None, None
        if isinstance(site.receiver, cst.Name) and site.receiver.value == "__unusable__":
            return None, None
        return site, call

    def _is_list(self, expr: cst.BaseExpression) -> bool:
        """An expression whose value (after the rewrite) is a list of conversation messages."""
        if isinstance(expr, cst.Name):
            info = self._lookup_list(expr.value)
            return info is not None and info.mode in LIST_MODES
        if isinstance(expr, cst.Attribute) and expr.attr.value == "data":
            if isinstance(expr.value, cst.Name):
                info = self._lookup_list(expr.value.value)
                return info is not None and (info.mode in LIST_MODES or info.mode == "escape")
            if id(expr) in self._data_attrs:
                return True
            site, call = self._site(expr.value, "list")  # `<list call>.data` not visited yet (a loop's iter)
            return site is not None and self._listable(call) and arg_value(call, "run_id") is None
        if isinstance(expr, cst.Call):
            site, call = self._site(expr, "list")
            run_id = arg_value(call, "run_id") if site is not None else None
            if run_id is not None and self._listable(call) and self._response_for_run(run_id) is not None:
                return True  # becomes the messages of the response's output
        if isinstance(expr, cst.Subscript) and any(isinstance(e.slice, cst.Slice) for e in expr.slice):
            return self._is_list(expr.value)  # a slice
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("reversed", "sorted", "list"):
            return bool(expr.args) and self._is_list(expr.args[0].value)
        if isinstance(expr, (cst.ListComp, cst.GeneratorExp)):
            return (
                isinstance(expr.elt, cst.Name) and isinstance(expr.for_in.target, cst.Name)
                and expr.elt.value == expr.for_in.target.value and expr.for_in.inner_for_in is None
                and self._is_list(expr.for_in.iter)
            )
        return False

    def _lookup_list(self, name: str) -> ListInfo | None:
        for scope in reversed(self._scopes):
            if name in scope.lists:
                return scope.lists[name]
        return None

    def _innermost(self, name: str) -> str | None:
        """What `name` holds where we are: the innermost scope that binds it decides (a loop's `message`
        in a function is a listed message even when the module's `message` is an items.create result)."""
        for scope in reversed(self._scopes):
            for kind in ("messages", "item_lists", "texts", "parts", "annotations"):
                if name in getattr(scope, kind):
                    return kind
            if name in scope.lists:
                return "lists"
        return None

    def _in_scope(self, name: str, kind: str) -> bool:
        return any(name in getattr(scope, kind) for scope in self._scopes)

    def _is_message(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):  # a listed message, or the one `items.create` made (read through .data[0])
            return self._innermost(expr.value) in ("messages", "item_lists")
        if isinstance(expr, cst.Subscript):  # `messages[0]`, `messages[i]`: one element (not a slice)
            return len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index) and self._is_list(expr.value)
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "next" and expr.args:
            first = expr.args[0].value
            if isinstance(first, cst.Name):  # `next(it, default)` with `it = iter(messages)`
                return self._in_scope(first.value, "iterators")
            return (isinstance(first, cst.GeneratorExp) and self._is_list(first)) or self._iterates_list(first)
        return False

    def _iterates_list(self, expr: cst.BaseExpression) -> bool:
        """`iter(messages)` over a list of messages."""
        return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "iter" and \
            len(expr.args) == 1 and self._is_list(expr.args[0].value)

    def _content0(self, expr: cst.BaseExpression) -> cst.BaseExpression | None:
        """For `E.content[0]` with E a message, return E."""
        if isinstance(expr, cst.Subscript) and _index(expr) == 0:
            inner = expr.value
            if isinstance(inner, cst.Attribute) and inner.attr.value == "content" and self._is_message(inner.value):
                return inner.value
        return None

    # -- bindings ----------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        name = target.value if isinstance(target, cst.Name) else None
        value = node.value
        site, call = self._site(value, "list")
        if site is not None and name is not None:
            self._bind_list(node, name, call)
            return
        site, call = self._site(value, "retrieve")
        if site is not None and name is not None and not any(a.star for a in call.args):
            # `msg = messages.retrieve(...)`: one message, read like the listed ones (content parts)
            self.scope.messages.add(name)
            self._retrieved.add(id(node))
            return
        site, call = self._site(value, "create")
        if site is not None and name is not None:
            self._created[id(call)] = name
            if isinstance(value, cst.Await):
                self._created_awaited.add(id(call))
            if _loop_target_in(self.scope.node, name):
                self._created_as_message.add(id(call))
            if value_unused(self.scope.node, name, node):
                self._unused_results.add(id(call))
            return
        if name is None:
            return
        if self._is_list(value):
            self.scope.lists[name] = ListInfo(name, "page")
        elif self._iterates_list(value):
            self.scope.iterators.add(name)
        elif self._is_message(value):
            self.scope.messages.add(name)
        elif (
            isinstance(value, cst.Attribute) and value.attr.value == "text" and self._content0(value.value) is not None
        ):
            self.scope.texts.add(name)

    @staticmethod
    def _listable(call: cst.Call) -> bool:
        """A `messages.list` call whose arguments all have an `items.list` counterpart."""
        return (
            not any(a.star for a in call.args)
            and arg_value(call, "before") is None
            and arg_value(call, "thread_id", 0) is not None
        )

    def _bind_list(self, node: cst.Assign, name: str, call: cst.Call) -> None:
        if not self._listable(call):
            return  # left alone by leave_Call
        run_id = arg_value(call, "run_id")
        if run_id is not None:
            response = self._response_for_run(run_id)
            if response is None:
                return
            info = ListInfo(name, "run", response)
        else:
            escapes: list[cst.CSTNode] = []
            page_calls: list[cst.CSTNode] = []
            kinds = classify_uses(self.scope.node, name, node, escapes, page_calls)
            if "escape" in kinds:
                escapes = [e for e in escapes if not self._to_project_function(e, name)]
                info = ListInfo(name, "escape", handled=not escapes and not page_calls)
                for statement in [*escapes, *(s for s in page_calls if all(s is not e for e in escapes))]:  # readers of `.data` and loops are rewritten; mark the rest
                    if statement is not self.ctx.statement:
                        self.todo(PAGE_ESCAPES, f"`{name}` is a page of conversation items now (not only messages; "
                                  "text is part.text): check this use", statement=statement)
            else:
                response = self._response_for(call)
                if response is not None and kinds == {"first_text"}:
                    info = ListInfo(name, "remove", response)
                else:
                    info = ListInfo(name, "page" if "page" in kinds else "data", response)
        self.scope.lists[name] = info
        self._bindings[id(node)] = info
        self._handled_calls.add(id(call))
        self.ctx.scratch.setdefault("migrated_pages", set()).add(name)  # codemods/printing.py marks whole prints

    @staticmethod
    def _to_project_function(statement: cst.CSTNode, name: str) -> bool:
        """`helper(name)` as the whole statement, where `helper` is the project's: the index follows the
        page into its body, which the messages codemod rewrites as a page too."""
        body = statement.body if isinstance(statement, cst.SimpleStatementLine) else ()
        if len(body) != 1 or not isinstance(body[0], cst.Expr) or not isinstance(body[0].value, cst.Call):
            return False
        call = body[0].value
        return project_function(call.func) and any(isinstance(a.value, cst.Name) and a.value.value == name
                                                   for a in call.args)

    def _response_for(self, call: cst.Call) -> str | None:
        """A response made in this scope on the same conversation whose output_text is the newest message."""
        order = str_value(arg_value(call, "order"))
        if arg_value(call, "order") is not None and order != "desc":
            return None
        if arg_value(call, "after") is not None or arg_value(call, "run_id") is not None:
            return None
        thread = arg_value(call, "thread_id", 0)
        if thread is None:
            return None
        thread_code = code_of(thread)
        responses = facts(self.ctx).responses
        for var in reversed(list(responses)):
            fact = responses[var]
            if var in self.scope.response_keys and len(self._scopes) > 1:
                continue
            if fact.streaming or fact.background or fact.conversation is None or \
                    code_of(fact.conversation) != thread_code:
                continue
            return var
        return None

    def _response_for_run(self, run_id: cst.BaseExpression) -> str | None:
        name = dotted_name(run_id)
        if name is None or not name.endswith(".id"):
            return None
        var = name[: -len(".id")]
        fact = facts(self.ctx).responses.get(var)
        return var if fact is not None and not fact.streaming and not fact.background else None

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign | cst.Expr:
        if id(original_node) in self._retrieved:
            # items.retrieve returns any conversation item: the id is a message's, say so to the type checker
            self._retrieved.discard(id(original_node))
            self.add_import("typing", "cast")
            # `Message` may already name the Assistants type (openai.types.beta.threads): import under another name
            taken = re.search(r"\bMessage\b", self.ctx.source) is not None
            alias = "ConversationMessage" if taken else "Message"
            self.add_import("openai.types.conversations", "Message", alias if taken else None)
            return updated_node.with_changes(value=cst.Call(cst.Name("cast"), [
                cst.Arg(cst.Name(alias)), cst.Arg(updated_node.value.with_changes(lpar=[], rpar=[]))]))
        value = original_node.value
        call_id = id(value.expression if isinstance(value, cst.Await) else value)
        if call_id in self._unused_results and call_id in self._rewritten_creates:
            # the item list items.create returns is not what messages.create returned, and nothing reads it
            return cst.Expr(value=updated_node.value, semicolon=updated_node.semicolon)
        info = self._bindings.pop(id(original_node), None)
        if info is None:
            return updated_node
        value = updated_node.value
        call = value.expression if isinstance(value, cst.Await) else value
        assert isinstance(call, cst.Call)
        if info.mode == "run":
            assert info.response is not None
            order = str_value(arg_value(call, "order"))
            source = f"{info.response}.output" if order == "asc" else f"reversed({info.response}.output)"
            self.report(RUN_OUTPUT)
            return updated_node.with_changes(value=_items_filter(cst.parse_expression(source)))
        if info.mode == "remove":
            self._remove.add(id(self.ctx.statement))
            return updated_node
        site, _ = self._site(original_node.value, "list")
        assert site is not None
        items_call = self._items_list_call(site.receiver, call)
        awaited = isinstance(value, cst.Await)
        self.report(LIST)
        if info.mode == "escape":
            if info.handled:
                self.report(PAGE_ESCAPES, "the page goes to the project's own functions, rewritten to read its items",
                            fixed=True)
            else:
                self.todo(PAGE_ESCAPES, "the page now holds conversation items: keep item.type == \"message\" items "
                          "and read text from parts (part.text), not content[0].text.value")
            return updated_node.with_changes(value=value.with_changes(expression=items_call) if awaited else items_call)
        is_async = awaited or self.scope.is_async and self.is_async_client(site.receiver)
        if info.mode == "data":
            source: cst.BaseExpression = items_call
            if is_async:
                source = cst.parse_expression(f"(await {code_of(items_call)})")
            return updated_node.with_changes(value=_items_filter(cst.Attribute(value=source, attr=cst.Name("data"))))
        return updated_node.with_changes(value=_items_filter(items_call, asynchronous=is_async))

    def _items_list_call(self, receiver: cst.BaseExpression, call: cst.Call) -> cst.Call:
        thread = arg_value(call, "thread_id", 0)
        args: list[cst.Arg] = []
        if thread is not None:
            args.append(cst.Arg(thread))
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ("order", "limit", "after", "extra_headers",
                                                                  "extra_query", "extra_body", "timeout"):
                args.append(kwarg(arg.keyword.value, arg.value))
        args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) if i < len(args) - 1 else a
                for i, a in enumerate(args)]
        return cst.Call(func=attr_path(receiver, "conversations", "items", "list"), args=args)

    # -- loops and comprehensions --------------------------------------------------------

    def _bind_loop_target(self, target: cst.BaseExpression, iter_: cst.BaseExpression) -> None:
        if isinstance(target, cst.Tuple) and isinstance(iter_, cst.Call) and isinstance(iter_.func, cst.Name) \
                and iter_.func.value == "enumerate" and iter_.args and len(target.elements) == 2:
            target, iter_ = target.elements[1].value, iter_.args[0].value
        if not isinstance(target, cst.Name):
            return
        if self._is_list(iter_) or self._is_escaped_page(iter_):
            self.scope.messages.add(target.value)
        elif isinstance(iter_, cst.Attribute) and iter_.attr.value == "content" and self._is_message(iter_.value):
            self.scope.parts.add(target.value)
        elif isinstance(iter_, cst.Attribute) and iter_.attr.value == "annotations" and (
            (isinstance(iter_.value, cst.Name) and self._in_scope(iter_.value.value, "texts"))
            or (isinstance(iter_.value, cst.Attribute) and iter_.value.attr.value == "text"
                and self._content0(iter_.value.value) is not None)
        ):
            self.scope.annotations.add(target.value)
        else:
            site, call = self._site(iter_, "list")
            if site is not None and not isinstance(iter_, cst.Await):
                self.scope.messages.add(target.value)

    def visit_For(self, node: cst.For) -> None:
        self._mark_direct_iter(node, node.iter, node.asynchronous is not None)
        self._bind_loop_target(node.target, node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._mark_direct_iter(node, node.iter, node.asynchronous is not None)

    def _visit_comp(self, node: cst.CSTNode) -> None:
        for_in = getattr(node, "for_in", None)
        while for_in is not None:
            self._mark_direct_iter(for_in, for_in.iter, for_in.asynchronous is not None)
            self._bind_loop_target(for_in.target, for_in.iter)
            for_in = for_in.inner_for_in

    visit_ListComp = _visit_comp
    visit_GeneratorExp = _visit_comp
    visit_SetComp = _visit_comp
    visit_DictComp = _visit_comp

    def _mark_direct_iter(self, node: cst.CSTNode, iter_: cst.BaseExpression, asynchronous: bool) -> None:
        site, call = self._site(iter_, "list")
        if site is None or isinstance(iter_, cst.Await) or not self._listable(call):
            return
        if arg_value(call, "run_id") is not None:
            return
        self._page_iters[id(node)] = asynchronous
        self._handled_calls.add(id(call))

    def _direct_iter(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.BaseExpression | None:
        asynchronous = self._page_iters.pop(id(original), None)
        if asynchronous is None:
            return None
        site, _ = self._site(original.iter, "list")  # type: ignore[attr-defined]
        call = updated.iter  # type: ignore[attr-defined]
        items_call = self._items_list_call(site.receiver, call)
        self.report(LIST)
        code = code_of(items_call)
        if asynchronous:
            return cst.parse_expression(f'(item async for item in {code} if item.type == "message")')
        return cst.parse_expression(f'(item for item in {code} if item.type == "message")')

    def _is_escaped_page(self, expr: cst.BaseExpression) -> bool:
        if not isinstance(expr, cst.Name):
            return False
        info = self._lookup_list(expr.value)
        return info is not None and info.mode == "escape"

    def _filter_page_iter(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.BaseExpression | None:
        """`for m in page` over a page that stays a page: iterate its messages only."""
        if not self._is_escaped_page(original.iter):  # type: ignore[attr-defined]
            return None
        if isinstance(original, cst.CompFor) and any(
                re.search(r"\.type\s*==\s*['\"]message['\"]", code_of(cond.test)) for cond in original.ifs):
            return None  # already the filter this writes (`item for item in page if item.type == "message"`)
        asynchronous = original.asynchronous is not None  # type: ignore[attr-defined]
        code = code_of(updated.iter)  # type: ignore[attr-defined]
        loop = "async for" if asynchronous else "for"
        q = self.q
        return cst.parse_expression(f"(item {loop} item in {code} if item.type == {q}message{q})")

    def _filter_parts_iter(self, original: cst.For, updated: cst.For) -> cst.BaseExpression | None:
        """`for part in message.content:` whose body reads the part as text without checking its type:
        iterate the text parts only (items also hold refusal, image and file parts; mypy narrows on the filter)."""
        iter_, target = original.iter, original.target
        if not (isinstance(target, cst.Name) and isinstance(iter_, cst.Attribute) and iter_.attr.value == "content"
                and self._is_message(iter_.value)):
            return None
        checks_type = any(
            isinstance(node, cst.Attribute) and node.attr.value == "type" and isinstance(node.value, cst.Name)
            and node.value.value == target.value
            for node, _ in walk(original.body)
        )
        reads_text = any(
            isinstance(node, cst.Attribute) and node.attr.value == "text" and isinstance(node.value, cst.Name)
            and node.value.value == target.value
            for node, _ in walk(original.body)
        )
        if checks_type or not reads_text:
            return None
        q = self.q
        return cst.parse_expression(
            f"(part for part in {code_of(updated.iter)} if part.type in {_text_types(q)})"
        )

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        new_iter = (
            self._direct_iter(original_node, updated_node)
            or self._filter_page_iter(original_node, updated_node)
            or self._filter_parts_iter(original_node, updated_node)
        )
        if new_iter is not None:
            return updated_node.with_changes(iter=new_iter)
        if updated_node.asynchronous is not None and self._is_list(original_node.iter):
            return updated_node.with_changes(asynchronous=None)  # now a plain list
        return updated_node

    def leave_CompFor(self, original_node: cst.CompFor, updated_node: cst.CompFor) -> cst.CompFor:
        new_iter = self._direct_iter(original_node, updated_node) or self._filter_page_iter(original_node, updated_node)
        if new_iter is not None:
            return updated_node.with_changes(iter=new_iter)
        if updated_node.asynchronous is not None and self._is_list(original_node.iter):
            return updated_node.with_changes(asynchronous=None)
        return updated_node

    # -- readers -----------------------------------------------------------------------

    def visit_If(self, node: cst.If) -> None:
        """`if annotation.type == "file_citation":` narrows the annotation in its body (not in elif/else)."""
        test = node.test
        if (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                and isinstance(test.comparisons[0].operator, cst.Equal)
                and str_value(test.comparisons[0].comparator) == "file_citation"
                and isinstance(test.left, cst.Attribute) and test.left.attr.value == "type"
                and isinstance(test.left.value, cst.Name)):
            self._narrowing_blocks[id(node.body)] = test.left.value.value

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        name = self._narrowing_blocks.get(id(node))
        if name is not None:
            self._citation_checked.append(name)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "file_id" and isinstance(node.value, cst.Attribute) \
                and node.value.attr.value == "file_citation" and isinstance(node.value.value, cst.Name) \
                and self._in_scope(node.value.value.value, "annotations") \
                and node.value.value.value in self._citation_checked:
            self._citation_reads.add(id(node.value))
        if node.attr.value in ("value", "annotations") and isinstance(node.value, cst.Attribute) \
                and node.value.attr.value == "text":
            self._inner_text.add(id(node.value))
        if node.attr.value == "data":
            value = node.value
            site, call = self._site(value, "list")
            if site is not None and self._listable(call) and arg_value(call, "run_id") is None:
                self._data_attrs[id(node)] = "data"
                self._handled_calls.add(id(call))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        attr = original_node.attr.value
        value = original_node.value
        if attr == "data":
            inner = value.expression if isinstance(value, cst.Await) else value
            if id(inner) in self._run_lists:
                return updated_node.value.expression if isinstance(updated_node.value, cst.Await) \
                    else updated_node.value  # type: ignore[attr-defined]
            if id(original_node) in self._data_attrs:
                return self._direct_data(original_node, updated_node)
            if isinstance(value, cst.Name):
                info = self._lookup_list(value.value)
                if info is not None and info.mode in LIST_MODES:
                    return updated_node.value
                if info is not None and info.mode == "escape":  # still a page: keep its messages here
                    return _items_filter(updated_node, q=self.q)
            return updated_node
        if attr == "value" and isinstance(value, cst.Attribute) and value.attr.value == "text":
            response = self._shortcut(value.value)
            if response is not None:
                self.report(OUTPUT_TEXT)
                return cst.parse_expression(f"{response}.output_text")
            message = self._content0(value.value)
            if message is not None:
                self.report(READ_TEXT)
                new_message = updated_node.value.value.value.value  # type: ignore[attr-defined]
                return _join_text(new_message, self.q)
            if isinstance(value.value, cst.Name) and self._in_scope(value.value.value, "parts"):
                self.report(READ_TEXT)
                return updated_node.value  # part.text.value -> part.text
        if attr == "value" and isinstance(value, cst.Name) and self._in_scope(value.value, "texts"):
            self.report(READ_TEXT)
            return updated_node.with_changes(attr=cst.Name("text"))
        if attr == "annotations" and isinstance(value, cst.Attribute) and value.attr.value == "text":
            message = self._content0(value.value)
            if message is not None:
                self.todo(ANNOTATIONS, "annotations are Responses annotations now: file_citation{file_id, filename, "
                          "index} without marker text; file_path -> container_file_citation")
                new_message = updated_node.value.value.value.value  # type: ignore[attr-defined]
                return cst.Attribute(value=_first_text_part(new_message, self.q), attr=cst.Name("annotations"))
        if attr == "annotations" and isinstance(value, cst.Name) and self._in_scope(value.value, "texts"):
            self.todo(ANNOTATIONS, "annotations are Responses annotations now: file_citation{file_id, filename, "
                      "index} without marker text; file_path -> container_file_citation")
            return updated_node
        if attr == "text" and id(original_node) not in self._inner_text:
            message = self._content0(value)
            if message is not None:
                self.report(READ_TEXT)
                return _first_text_part(updated_node.value.value.value, self.q)  # type: ignore[attr-defined]
        if attr == "file_id" and isinstance(value, cst.Attribute) and value.attr.value == "file_citation" \
                and isinstance(value.value, cst.Name) and self._in_scope(value.value.value, "annotations") \
                and value.value.value in self._citation_checked:
            # table 3.12: annotation.file_citation.file_id -> annotation.file_id (the type was checked above)
            self.report(ANNOTATIONS, "annotation.file_citation.file_id -> annotation.file_id", fixed=True)
            return cst.Attribute(value=updated_node.value.value, attr=cst.Name("file_id"))  # type: ignore[attr-defined]
        if attr == "file_citation" and id(original_node) in self._citation_reads:
            return updated_node  # its `.file_id` reader maps it
        if attr in ANNOTATION_FIELDS and isinstance(value, cst.Name) and self._in_scope(value.value, "annotations"):
            self.todo(ANNOTATIONS, f"annotation.{attr} does not exist on Responses annotations: check annotation.type "
                      "and read file_id / filename / index (file_citation) or container_id / file_id "
                      "(container_file_citation)")
            return updated_node
        if attr in NO_EQUIVALENT_FIELDS and self._is_message(value):
            self.todo(NO_FIELD, f"message.{attr}: {NO_EQUIVALENT_FIELDS[attr]} (reads None now)")
            q = self.q
            return cst.parse_expression(f"getattr({code_of(updated_node.value)}, {q}{attr}{q}, None)")
        if isinstance(value, cst.Name) and self._innermost(value.value) == "item_lists":
            if attr == "id":
                return updated_node.with_changes(attr=cst.Name("first_id"))
            if attr not in ("data", "first_id", "last_id", "has_more", "object"):
                # the created message is the list's one item
                return updated_node.with_changes(value=cst.parse_expression(f"{value.value}.data[0]"))
        return updated_node

    def _shortcut(self, content0: cst.BaseExpression) -> str | None:
        """`V.data[0]` / `<list call>.data[0]` read right after a response: its output_text."""
        if not (isinstance(content0, cst.Subscript) and _index(content0) == 0):
            return None
        content = content0.value
        if not (isinstance(content, cst.Attribute) and content.attr.value == "content"):
            return None
        message = content.value
        if not (isinstance(message, cst.Subscript) and _index(message) == 0):
            return None
        data = message.value
        if not (isinstance(data, cst.Attribute) and data.attr.value == "data"):
            return None
        if isinstance(data.value, cst.Name):
            info = self._lookup_list(data.value.value)
            return info.response if info is not None and info.mode != "run" else None
        if id(data) in self._data_attrs:
            _, call = self._site(data.value, "list")
            return self._response_for(call) if call is not None else None
        return None

    def _direct_data(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        """`<list call>.data` used directly."""
        site, _ = self._site(original.value, "list")
        value = updated.value
        call = value.expression if isinstance(value, cst.Await) else value
        assert isinstance(call, cst.Call)
        items_call: cst.BaseExpression = self._items_list_call(site.receiver, _strip_parens(call))
        if isinstance(value, cst.Await):
            items_call = cst.parse_expression(f"(await {code_of(items_call)})")
        self.report(LIST)
        return _items_filter(cst.Attribute(value=items_call, attr=cst.Name("data")), q=self.q)

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        """`E.content[0].type == "text"` / `part.type == "text"` -> `... in ("input_text", "output_text")`."""
        left = original_node.left
        if not (isinstance(left, cst.Attribute) and left.attr.value == "type") or len(updated_node.comparisons) != 1:
            return updated_node
        subject = left.value
        if not (self._content0(subject) is not None or (isinstance(subject, cst.Name) and self._in_scope(subject.value, "parts"))):
            return updated_node
        target = updated_node.comparisons[0]
        if str_value(target.comparator) != "text" or not isinstance(target.operator, (cst.Equal, cst.NotEqual)):
            return updated_node
        operator = cst.In() if isinstance(target.operator, cst.Equal) else cst.NotIn()
        return updated_node.with_changes(
            comparisons=[target.with_changes(operator=operator, comparator=cst.parse_expression(_text_types(self.q)))]
        )

    # -- calls -------------------------------------------------------------------------

    def _getattr_citation(self, call: cst.Call) -> cst.BaseExpression | None:
        """`getattr(annotation, "file_citation", None)` -> the annotation itself when it is a file citation."""
        if not (isinstance(call.func, cst.Name) and call.func.value == "getattr" and len(call.args) == 3):
            return None
        subject, attr, default = (a.value for a in call.args)
        if not (isinstance(subject, cst.Name) and self._in_scope(subject.value, "annotations")
                and str_value(attr) == "file_citation" and isinstance(default, cst.Name) and default.value == "None"):
            return None
        self.report(ANNOTATIONS, "file_citation annotations carry file_id themselves: the citation is the annotation",
                    fixed=True)
        q = self.q
        return cst.parse_expression(f"({subject.value} if {subject.value}.type == {q}file_citation{q} else None)")

    @staticmethod
    def _text_value_probe(call: cst.Call) -> cst.Attribute | None:
        """The `E.text` of `hasattr(E.text, "value")` / `getattr(E.text, "value", ...)`."""
        if not (isinstance(call.func, cst.Name) and call.func.value in ("hasattr", "getattr") and
                len(call.args) >= 2 and isinstance(call.args[1].value, cst.SimpleString) and
                str_value(call.args[1].value) == "value"):
            return None
        subject = call.args[0].value
        return subject if isinstance(subject, cst.Attribute) and subject.attr.value == "text" else None

    def visit_Call(self, node: cst.Call) -> None:
        subject = self._text_value_probe(node)
        if subject is not None and self._content0(subject.value) is not None:
            self._inner_text.add(id(subject))  # the probe is rewritten whole (leave_Call)

    def _probe_text_value(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression | None:
        """`hasattr(m.content[0].text, "value")` / `getattr(..., "value", d)` on a message: a content part is
        text when it has `text` (input_text and output_text alike), so the probe asks the part for `text`."""
        subject = self._text_value_probe(original)
        if subject is None or self._content0(subject.value) is None:
            return None
        updated = call.args[0].value
        if not isinstance(updated, cst.Attribute):
            return None
        self.report(READ_TEXT)
        name = call.args[1].value
        assert isinstance(name, cst.SimpleString)  # _text_value_probe checked it
        renamed = name.with_changes(value=name.value.replace("value", "text"))
        return call.with_changes(args=[call.args[0].with_changes(value=updated.value),
                                       call.args[1].with_changes(value=renamed), *call.args[2:]])

    def leave_Await(self, original_node: cst.Await, updated_node: cst.Await) -> cst.BaseExpression:
        if id(original_node.expression) in self._run_lists:
            return updated_node.expression  # the response's output is a plain list
        return updated_node

    def _run_list(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression | None:
        """`messages.list(thread, run_id=R.id)` with R a response made here: the messages of its output."""
        run_id = arg_value(original, "run_id")
        response = self._response_for_run(run_id) if run_id is not None else None
        if response is None or arg_value(original, "before") is not None or arg_value(original, "after") is not None:
            return None
        order = str_value(arg_value(call, "order"))
        source = f"{response}.output" if order == "asc" else f"reversed({response}.output)"
        self._run_lists.add(id(original))
        self.report(RUN_OUTPUT)
        return _items_filter(cst.parse_expression(source), q=self.q)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        site, _ = self._site(original_node)
        if site is None:
            files = resolve_site(self.ctx, original_node.func)
            if files is not None and files.path[:3] == ["threads", "messages", "files"] and len(files.path) == 4:
                # the v1 message files API (`messages.files.list/retrieve`) was removed in v2
                self.todo(LEFT_ALONE, f"messages.files.{files.path[3]} is the removed v1 message files API: read "
                          "the message's attachments (conversation items carry input_file parts) instead")
                return updated_node
            return self._getattr_citation(updated_node) or self._probe_text_value(original_node, updated_node) \
                or updated_node
        method = site.path[2]
        if id(original_node) in self._handled_calls:
            return updated_node
        splat: Splat | None = None
        if any(a.star for a in updated_node.args):
            expanded = expand_splat(self.ctx, updated_node) if method in ("create", "retrieve", "delete") else None
            droppable = ("attachments", "metadata", "file_ids") if method == "create" else ()
            if expanded is None or any(key not in droppable for key in expanded[1].conditional):
                self.todo(LEFT_ALONE, f"messages.{method}(**...) with keys unknown statically: use "
                          f"client.conversations.items.{method if method != 'update' else 'create'} by hand")
                return updated_node
            unexpanded, (updated_node, splat) = updated_node, expanded
            if method == "create":
                result = self._create(original_node, updated_node, site.receiver, splat)
                return unexpanded if result is updated_node else result  # left alone: keep the splat
        if method == "create":
            return self._create(original_node, updated_node, site.receiver, splat)
        if method in ("retrieve", "delete"):
            return self._retrieve_delete(updated_node, site.receiver, method)
        if method == "update":
            self.todo(UPDATE, "messages.update has no equivalent: conversation items are immutable and have no metadata")
            return updated_node
        if method == "list":
            if arg_value(updated_node, "thread_id", 0) is None:
                self.todo(LEFT_ALONE, "messages.list without a thread id: pass the conversation id to "
                          "conversations.items.list")
                return updated_node
            if arg_value(updated_node, "before") is not None:
                self.todo(LEFT_ALONE, "messages.list(before=...): conversation items have no before cursor; use "
                          "order= and after= on conversations.items.list")
                return updated_node
            if arg_value(updated_node, "run_id") is not None:
                replaced = self._run_list(original_node, updated_node)
                if replaced is not None:
                    return replaced
                self.todo(RUN_OUTPUT, "messages.list(run_id=...): read the output of the response that replaced the "
                          "run instead: [item for item in response.output if item.type == \"message\"]")
                return updated_node
            self.report(LIST)
            self.todo(PAGE_ESCAPES, "the page now holds conversation items: keep item.type == \"message\" items and "
                      "read text from parts (part.text), not content[0].text.value")
            return self._items_list_call(site.receiver, updated_node)
        return updated_node

    def _create(
        self, original: cst.Call, call: cst.Call, receiver: cst.BaseExpression, splat: Splat | None = None
    ) -> cst.BaseExpression:
        thread = arg_value(call, "thread_id", 0)
        role = arg_value(call, "role")
        content = arg_value(call, "content")
        known = {"thread_id", "role", "content", "attachments", "file_ids", "metadata", "extra_headers", "extra_query",
                 "extra_body", "timeout"}
        if thread is None or role is None or content is None or any(
            a.keyword is not None and a.keyword.value not in known for a in call.args
        ) or len([a for a in call.args if a.keyword is None]) > 1:
            self.todo(LEFT_ALONE, "messages.create with arguments not known statically: convert it to "
                      "conversations.items.create by hand")
            return call
        converted = convert_content(content, str_value(role))
        if converted.node is None:
            self.todo(LEFT_ALONE, f"messages.create: {converted.reason}; convert it by hand")
            return call
        conditional = splat.conditional if splat is not None else {}
        attachments = arg_value(call, "attachments") or conditional.get("attachments")
        file_ids = arg_value(call, "file_ids") or conditional.get("file_ids")
        if attachments is not None:
            how = f"(set conditionally in {splat.name}) " if splat is not None and "attachments" in conditional else ""
            self.todo(ATTACHMENTS, _ATTACH_HELP + how + short(code_of(attachments), 80))
        elif file_ids is not None:  # the v1 beta shape: files for retrieval, i.e. file_search attachments
            self.todo(ATTACHMENTS, _ATTACH_HELP + "file_ids=" + short(code_of(file_ids), 70))
        if arg_value(call, "metadata") is not None or "metadata" in conditional:
            self.report(METADATA, "per-message metadata dropped: conversation items have no metadata")
        item = cst.parse_expression(
            f'[{{"type": "message", "role": {code_of(role)}, "content": {code_of(converted.node)}}}]'
        )
        args = [cst.Arg(thread, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), kwarg("items", item)]
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ("extra_headers", "extra_query", "extra_body", "timeout"):
                args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                args.append(kwarg(arg.keyword.value, arg.value))
        target = self._created.get(id(original))
        # a name that held a (listed) message and is rebound here: bind the created message itself, so its
        # reads stay message reads and the name keeps one type
        rebound_message = target is not None and (target in self.scope.messages or id(original) in
                                                  self._created_as_message) and \
            id(original) not in self._created_awaited and id(original) not in self._unused_results
        if rebound_message:
            self.scope.messages.add(target)  # type: ignore[arg-type]
        if target is not None and id(original) not in self._unused_results and not rebound_message:
            for kind in ("texts", "parts", "annotations"):
                getattr(self.scope, kind).discard(target)
            self.scope.item_lists.add(target)
        self._rewritten_creates.add(id(original))
        if splat is not None:
            self.report(CREATE, f"messages.create(**{splat.name}) rewritten with the keys of the dict built for it"
                        + (f" (`{splat.name}` is not used any more)" if splat.used_only_here else ""))
        else:
            self.report(CREATE)
        created = call.with_changes(
            func=attr_path(receiver, "conversations", "items", "create"), args=args,
            whitespace_before_args=cst.SimpleWhitespace(""),
        )
        if rebound_message:
            return cst.Subscript(cst.Attribute(created, cst.Name("data")), [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
        return created

    def _retrieve_delete(self, call: cst.Call, receiver: cst.BaseExpression, method: str) -> cst.BaseExpression:
        args = []
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "thread_id":
                arg = arg.with_changes(keyword=cst.Name("conversation_id"))
            elif arg.keyword is not None and arg.keyword.value == "message_id":
                arg = arg.with_changes(keyword=cst.Name("item_id"))
            args.append(arg)
        self.report(RETRIEVE_DELETE)
        return call.with_changes(func=attr_path(receiver, "conversations", "items", method), args=args)

    # -- statements ----------------------------------------------------------------------

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        if id(original_node) in self._remove:
            self._remove.discard(id(original_node))
            return cst.RemovalSentinel.REMOVE
        return updated_node

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        if id(original_node) in self._narrowing_blocks:
            del self._narrowing_blocks[id(original_node)]
            self._citation_checked.pop()
        if not updated_node.body:
            return updated_node.with_changes(body=[cst.SimpleStatementLine(body=[cst.Pass()])])
        return updated_node


CODEMOD = MessagesCodemod


def _loop_target_in(scope: cst.CSTNode, name: str) -> bool:
    """Is `name` the target of a `for` loop in `scope` (a message loop that reuses the name)?"""
    return any(isinstance(node, cst.For) and isinstance(node.target, cst.Name) and node.target.value == name
               and not any(isinstance(p, (cst.FunctionDef, cst.ClassDef)) for p in parents[1:])
               for node, parents in walk(scope))
