"""Threads become conversations: `beta.threads.create/retrieve/update/delete` -> `conversations.*`.

Section 3.5 of the mapping: a conversation is created with `items=` (at most 20 per
call; a longer literal list is chunked into follow-up `conversations.items.create`
calls), per-message metadata is dropped, and thread-level `tool_resources` have no
home (conversations carry no tools). `thread.id` keeps working: it is a `conv_` id.
Every thread variable turned into a conversation is recorded as a ConversationFacts
for the codemods that run after this one.
"""

from __future__ import annotations

import re

import libcst as cst

from assistants_migrate.codemods._conv_common import (
    CallContext,
    arg_value,
    attr_path,
    clean_args,
    code_of,
    kwarg,
    record_alias,
    resolve_site,
    short,
)
from assistants_migrate.codemods._conv_items import convert_message_dict
from assistants_migrate.codemods._facts import ConversationFacts, facts
from assistants_migrate.codemods._kwargs import expand_splat
from assistants_migrate.codemods.provenance import block_flow
from assistants_migrate.codemods._receivers import CLIENT_CLASSES, ClientTracker, dotted_name
from assistants_migrate.codemods._syntax import RenameName, annotation_names, returned_values
from assistants_migrate.engine.codemod import Codemod
from assistants_migrate.findings import Effort, Example, Rule, Severity, register

TO_CONVERSATIONS = "AM301"
MESSAGES_TO_ITEMS = "AM302"
TOOL_RESOURCES = "AM303"
LEFT_ALONE = "AM304"
UPDATE_TOOL_RESOURCES = "AM305"
MESSAGE_METADATA = "AM404"  # registered by messages.py; per-message metadata is lost either way

CHUNK = 20  # "You may add up to 20 items at a time."
METHODS = ("create", "retrieve", "update", "delete")

RULES = register(
    Rule(
        id=TO_CONVERSATIONS,
        title="Threads became conversations",
        severity=Severity.NOTE,
        why="Threads are deprecated with the Assistants API; Conversations hold the same history as items. "
        "`create`, `retrieve`, `update` and `delete` map one to one, and the object's `id` (now a `conv_` id), "
        "`metadata` and `created_at` keep their meaning.",
        what_to_do="Nothing: rewritten. Thread ids stored elsewhere (a database) do not become conversation ids: "
        "migrate them with `assistants-migrate import`.",
        autofix=True,
        effort=Effort.S,
        surface="threads",
        examples=(
            Example(
                before="thread = client.beta.threads.create()\n",
                after="thread = client.conversations.create()\n",
            ),
            Example(
                before="thread = await client.beta.threads.retrieve(thread_id)\n",
                after="thread = await client.conversations.retrieve(thread_id)\n",
            ),
            Example(
                before="client.beta.threads.update(thread.id, metadata={'user': uid})\n",
                after="client.conversations.update(thread.id, metadata={'user': uid})\n",
            ),
            Example(
                before="openai.beta.threads.delete(thread_id=tid)\n",
                after="openai.conversations.delete(conversation_id=tid)\n",
            ),
        ),
    ),
    Rule(
        id=MESSAGES_TO_ITEMS,
        title="Initial thread messages became conversation items",
        severity=Severity.NOTE,
        why="`conversations.create` takes `items=` instead of `messages=`, at most 20 per call. Text parts become "
        "`input_text`, image parts `input_image` (with the required `detail`); assistant turns get string content.",
        what_to_do="Nothing: rewritten. Lists longer than 20 items are added in follow-up `conversations.items.create` calls.",
        autofix=True,
        effort=Effort.S,
        surface="threads",
        examples=(
            Example(
                before='thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])\n',
                after='thread = client.conversations.create(items=[{"role": "user", "content": question}])\n',
            ),
        ),
    ),
    Rule(
        id=TOOL_RESOURCES,
        title="Thread `tool_resources` have no equivalent",
        severity=Severity.WARNING,
        why="Conversations carry no tool configuration. Files and vector stores attached to a thread must be passed "
        "as tools on every `responses.create` that uses the conversation.",
        what_to_do="Keep a conversation -> tool resources mapping in your application and pass "
        '`tools=[{"type": "file_search", "vector_store_ids": [...]}]` or '
        '`{"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}` on each response.',
        autofix=False,
        effort=Effort.M,
        surface="threads",
        examples=(
            Example(
                before='thread = client.beta.threads.create(tool_resources={"file_search": {"vector_store_ids": [vs.id]}})\n',
                after="# TODO(assistants-migrate): AM303 thread tool_resources dropped (conversations carry no tools): "
                'pass them as tools= on each responses.create; was: {"file_search": {"vector_store_ids": [vs.id]}}\n'
                "thread = client.conversations.create()\n",
            ),
        ),
    ),
    Rule(
        id=LEFT_ALONE,
        title="Thread call left unchanged: its arguments are not known statically",
        severity=Severity.WARNING,
        why="The call passes `**kwargs`, a message list built at run time, or messages with shapes that have no "
        "input-item equivalent, so it cannot be rewritten safely. It still calls the deprecated Assistants API.",
        what_to_do="Rewrite it to `client.conversations.create(items=[...])` by hand: at most 20 items per call, "
        "`input_text`/`input_image` content parts, string content for assistant turns, no per-message metadata.",
        autofix=False,
        effort=Effort.S,
        surface="threads",
        examples=(Example(before="thread = client.beta.threads.create(**params)\n"),),
    ),
    Rule(
        id=UPDATE_TOOL_RESOURCES,
        title="`threads.update(tool_resources=...)` has no equivalent",
        severity=Severity.WARNING,
        why="Conversations carry no tool configuration, so a thread's tool resources cannot be updated.",
        what_to_do="Store the tool resources with your conversation id and pass them as `tools=` on each `responses.create`.",
        autofix=False,
        effort=Effort.M,
        surface="threads",
        examples=(
            Example(
                before='client.beta.threads.update(tid, tool_resources={"code_interpreter": {"file_ids": ids}})\n'
            ),
        ),
    ),
)


class ThreadsCodemod(CallContext, ClientTracker, Codemod):
    RULES = RULES
    DEPENDS_ON = ("runs", "messages", "streaming")  # a conversation id is no thread id for calls left on the Assistants API
    HOT_WORDS = ("threads", *CLIENT_CLASSES)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._assigned: dict[int, str] = {}  # id(call) -> dotted target it is assigned to
        self._extra: dict[int, list[cst.BaseStatement]] = {}  # id(statement) -> statements to add after it

    # -- bookkeeping -------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        if len(node.targets) == 1:
            record_alias(self.ctx, node.targets[0].target, node.value)
            target = dotted_name(node.targets[0].target)
            value = node.value.expression if isinstance(node.value, cst.Await) else node.value
            if target is not None and isinstance(value, cst.Call):
                self._assigned[id(value)] = target

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        super().visit_AnnAssign(node)
        if node.value is not None:
            record_alias(self.ctx, node.target, node.value)
            target = dotted_name(node.target)
            value = node.value.expression if isinstance(node.value, cst.Await) else node.value
            if target is not None and isinstance(value, cst.Call):
                self._assigned[id(value)] = target

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        """`thread.tool_resources` on what would become a conversation: that flow stays whole on the Assistants API."""
        if original_node.attr.value != "tool_resources":
            return updated_node
        name = dotted_name(original_node.value)
        if name is None or name not in facts(self.ctx).conversations:
            return updated_node
        # conversations carry no tools: the thread's flow keeps its tool resources on the Assistants API
        block_flow(self.ctx, f"{name}.tool_resources")
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        """`def f() -> Thread` whose every return is now a conversation: `-> Conversation`."""
        returns = updated_node.returns
        if returns is None or not any(n.value == "Thread" for n in annotation_names(returns.annotation)):
            return updated_node
        returned = returned_values(updated_node)
        known = facts(self.ctx).conversations
        if not returned or not all(_is_conversation(value, known) for value in returned):
            return updated_node
        return updated_node.with_changes(returns=self._as_conversation(returns))

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.AnnAssign:
        """`thread: Thread = <threads call>` that became a conversation: annotated `Conversation`."""
        if updated_node.value is None or updated_node.value is original_node.value or \
                not any(n.value == "Thread" for n in annotation_names(updated_node.annotation.annotation)) or \
                not _is_conversation(updated_node.value, facts(self.ctx).conversations):
            return updated_node
        return updated_node.with_changes(annotation=self._as_conversation(updated_node.annotation))

    def _as_conversation(self, annotation: cst.Annotation) -> cst.Annotation:
        alias = "OpenAIConversation" if re.search(r"\bConversation\b", self.ctx.source) else "Conversation"
        self.add_import("openai.types.conversations", "Conversation", alias if alias != "Conversation" else None)
        for module in ("openai.types.beta", "openai.types.beta.thread"):
            self.remove_import(module, "Thread")  # only where nothing mentions Thread any more
        return annotation.with_changes(annotation=annotation.annotation.visit(RenameName("Thread", alias)))

    # -- rewrites ----------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        site = resolve_site(self.ctx, original_node.func)
        if site is None or len(site.path) != 2 or site.path[0] != "threads" or site.path[1] not in METHODS:
            return updated_node
        method = site.path[1]
        if site.via_alias is not None and isinstance(site.receiver, cst.Name) and site.receiver.value == "__unusable__":
            self.todo(LEFT_ALONE, f"threads.{method} through the alias `{site.via_alias}`, whose client is not in "
                      "scope here: call client.conversations." + method + " instead")
            return updated_node
        unexpanded = updated_node
        if any(a.star for a in updated_node.args):
            expanded = expand_splat(self.ctx, updated_node)
            droppable = ("tool_resources",) if method == "create" else ()
            if expanded is None or any(key not in droppable for key in expanded[1].conditional):
                self.todo(LEFT_ALONE, f"threads.{method}(**...) with keys unknown statically: use "
                          f"client.conversations.{method} (items= instead of messages=, at most 20 per call)")
                return updated_node
            unexpanded, (updated_node, splat) = updated_node, expanded
            if "tool_resources" in splat.conditional:
                self.todo(TOOL_RESOURCES, "thread tool_resources dropped (conversations carry no tools): pass them "
                          f"as tools= on each responses.create; was (set conditionally in {splat.name}): "
                          + short(code_of(splat.conditional["tool_resources"]), 80))

        is_async = id(original_node) in self._awaited or self.is_async_client(site.receiver)
        func = attr_path(site.receiver, "conversations", method)
        if method == "create":
            result = self._create(original_node, updated_node, func, is_async)
        elif method == "update":
            result = self._update(updated_node, func)
        else:
            args = [
                a.with_changes(keyword=cst.Name("conversation_id")) if a.keyword and a.keyword.value == "thread_id" else a
                for a in updated_node.args
            ]
            result = updated_node.with_changes(func=func, args=args)
            self.report(TO_CONVERSATIONS)
        if result is updated_node:
            return unexpanded  # left alone: keep the splat as written
        if method in ("create", "retrieve"):
            target = self._assigned.get(id(original_node))
            if target is not None:
                facts(self.ctx).conversations[target] = ConversationFacts(target, is_async)
        return result

    def _create(self, original: cst.Call, call: cst.Call, func: cst.BaseExpression, is_async: bool) -> cst.BaseExpression:
        args: list[cst.Arg] = []
        extra_chunks: list[list[cst.BaseElement]] = []
        for arg in call.args:
            name = arg.keyword.value if arg.keyword else None
            if name == "tool_resources":
                self.todo(TOOL_RESOURCES, "thread tool_resources dropped (conversations carry no tools): pass them "
                          f"as tools= on each responses.create; was: {short(code_of(arg.value), 100)}")
                continue
            if name == "messages":
                items = self._items(arg.value)
                if items is None:
                    return call
                if len(items) > CHUNK:
                    target = self._assigned.get(id(original))
                    if target is None:
                        self.todo(LEFT_ALONE, f"more than {CHUNK} initial messages and no variable for the "
                                  "conversation: create it, then add the rest with conversations.items.create")
                        return call
                    extra_chunks = [items[i : i + CHUNK] for i in range(CHUNK, len(items), CHUNK)]
                    items = items[:CHUNK]
                    self._chunk_statements(call, func, target, extra_chunks, is_async)
                value = arg.value
                assert isinstance(value, (cst.List, cst.Tuple))
                if extra_chunks:
                    items[-1] = items[-1].with_changes(comma=value.elements[-1].comma)
                args.append(arg.with_changes(keyword=cst.Name("items"), value=cst.List(
                    elements=items, lbracket=value.lbracket if isinstance(value, cst.List) else cst.LeftSquareBracket(),
                    rbracket=value.rbracket if isinstance(value, cst.List) else cst.RightSquareBracket(),
                )))
                self.report(MESSAGES_TO_ITEMS)
                continue
            if name is None and not arg.star:
                self.todo(LEFT_ALONE, "threads.create with a positional argument")
                return call
            args.append(arg)
        self.report(TO_CONVERSATIONS)
        return call.with_changes(func=func, args=clean_args(args))

    def _items(self, value: cst.BaseExpression) -> list[cst.Element] | None:
        if not isinstance(value, (cst.List, cst.Tuple)):
            self.todo(LEFT_ALONE, "threads.create(messages=...) built at run time: convert to "
                      "conversations.create(items=...) by hand (at most 20 items per call, input_text parts, "
                      "string content for assistant turns, no per-message metadata)")
            return None
        items: list[cst.Element] = []
        dropped = False
        for el in value.elements:
            if not isinstance(el, cst.Element):
                self.todo(LEFT_ALONE, "threads.create(messages=[*...]) with a starred element")
                return None
            converted = convert_message_dict(el.value)
            if converted.node is None:
                self.todo(LEFT_ALONE, f"threads.create(messages=...): {converted.reason}; convert it by hand")
                return None
            if converted.attachments:
                self.todo("AM403", "message attachments dropped: for file_search add the files to a vector store and "
                          'pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put '
                          '{"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass '
                          '{"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: '
                          + short(code_of(converted.attachments[0]), 80))
            dropped = dropped or converted.dropped_metadata
            items.append(el.with_changes(value=converted.node))
        if dropped:
            self.report(MESSAGE_METADATA, "per-message metadata dropped: conversation items have no metadata")
        return items

    def _chunk_statements(
        self, call: cst.Call, func: cst.BaseExpression, target: str, chunks: list[list[cst.BaseElement]], is_async: bool
    ) -> None:
        assert isinstance(func, cst.Attribute)
        items_create = attr_path(func.value, "items", "create")
        statements: list[cst.BaseStatement] = []
        for chunk in chunks:
            elements = list(chunk)
            last = elements[-1]
            if isinstance(last, cst.Element) and isinstance(last.comma, cst.Comma):
                elements[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
            elements = [e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                        if i < len(elements) - 1 else e for i, e in enumerate(elements)]
            new_call: cst.BaseExpression = cst.Call(
                func=items_create,
                args=[
                    cst.Arg(cst.parse_expression(f"{target}.id"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    kwarg("items", cst.List(elements=elements)),
                ],
            )
            if is_async:
                new_call = cst.Await(new_call)
            statements.append(cst.SimpleStatementLine(body=[cst.Expr(new_call)]))
        statement = self.ctx.statement
        if statement is not None:
            self._extra[id(statement)] = statements

    def _update(self, call: cst.Call, func: cst.BaseExpression) -> cst.BaseExpression:
        names = {a.keyword.value for a in call.args if a.keyword}
        if "tool_resources" in names:
            if "metadata" not in names:
                self.todo(UPDATE_TOOL_RESOURCES, "threads.update(tool_resources=...) has no equivalent: keep the "
                          "tool resources with the conversation id and pass them as tools= on each responses.create")
                return call
            self.todo(UPDATE_TOOL_RESOURCES, "tool_resources dropped from the update (conversations carry no tools): "
                      "pass them as tools= on each responses.create")
        if "metadata" not in names and arg_value(call, "metadata") is None:
            self.todo(LEFT_ALONE, "threads.update without metadata= (conversations.update requires it)")
            return call
        args = [
            a.with_changes(keyword=cst.Name("conversation_id")) if a.keyword and a.keyword.value == "thread_id" else a
            for a in call.args
            if not (a.keyword and a.keyword.value == "tool_resources")
        ]
        self.report(TO_CONVERSATIONS)
        return call.with_changes(func=func, args=clean_args(args))

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.BaseStatement]:
        extra = self._extra.pop(id(original_node), None)
        if not extra:
            return updated_node
        return cst.FlattenSentinel([updated_node, *extra])


CODEMOD = ThreadsCodemod


def _is_conversation(value: cst.BaseExpression, known: dict) -> bool:  # type: ignore[type-arg]
    """A name bound to a migrated thread, or a conversations create/retrieve call."""
    value = value.expression if isinstance(value, cst.Await) else value
    name = dotted_name(value)
    if name is not None:
        return name in known
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
        value.func.attr.value in ("create", "retrieve") and isinstance(value.func.value, cst.Attribute) and \
        value.func.value.attr.value == "conversations"
