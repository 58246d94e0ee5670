"""The openai-node Assistants surfaces, each mapped to the Python rule of the same surface.

Facts only: which method of `client.beta.<surface>` is which rule, which argument keys
need a person, which event names an `AssistantStream` emits. The scanner (`scan.py`)
knows the syntax; this module knows the API (openai-node v4/v5, camelCase methods).
"""

from __future__ import annotations

import re

from assistants_migrate.codemods._stream_events import EVENT_TABLE
from assistants_migrate.codemods._stream_handlers import CONDITIONS, NO_EQUIVALENT

# `client.beta.<surface>`: only these are the Assistants API (`beta.chat`, `beta.realtime` are not)
SURFACES = frozenset({"assistants", "threads", "vectorStores"})

# method path after `beta` -> rule id. A path not listed falls back to its longest listed prefix
# ("threads.runs.steps" covers `steps.list` and `steps.retrieve`).
METHOD_RULES: dict[str, str] = {
    "assistants.create": "AM210",
    "assistants.retrieve": "AM212",
    "assistants.update": "AM213",
    "assistants.list": "AM214",
    "assistants.del": "AM215",
    "assistants.delete": "AM215",
    "assistants": "AM212",
    "threads.create": "AM301",
    "threads.retrieve": "AM301",
    "threads.update": "AM301",
    "threads.del": "AM301",
    "threads.delete": "AM301",
    "threads.createAndRun": "AM512",
    "threads.createAndRunPoll": "AM512",
    "threads.createAndRunStream": "AM706",
    "threads": "AM301",
    "threads.messages.create": "AM401",
    "threads.messages.list": "AM402",
    "threads.messages.retrieve": "AM408",
    "threads.messages.del": "AM408",
    "threads.messages.delete": "AM408",
    "threads.messages.update": "AM409",
    "threads.messages": "AM413",
    "threads.runs.create": "AM501",
    "threads.runs.createAndPoll": "AM501",
    "threads.runs.retrieve": "AM503",
    "threads.runs.poll": "AM503",
    "threads.runs.cancel": "AM505",
    "threads.runs.list": "AM506",
    "threads.runs.update": "AM507",
    "threads.runs.stream": "AM701",
    "threads.runs.createAndStream": "AM701",
    "threads.runs.submitToolOutputs": "AM605",
    "threads.runs.submitToolOutputsAndPoll": "AM605",
    "threads.runs.submitToolOutputsStream": "AM605",
    "threads.runs.steps": "AM508",
    "threads.runs": "AM511",
    "vectorStores": "AM101",
}

# calls whose result is a run object / an AssistantStream
RUN_RESULTS = frozenset({
    "threads.runs.create", "threads.runs.createAndPoll", "threads.runs.retrieve", "threads.runs.poll",
    "threads.runs.submitToolOutputs", "threads.runs.submitToolOutputsAndPoll", "threads.createAndRun",
    "threads.createAndRunPoll",
})
STREAM_RESULTS = frozenset({
    "threads.runs.stream", "threads.runs.createAndStream", "threads.runs.submitToolOutputsStream",
    "threads.createAndRunStream",
})
POLLING_CALLS = frozenset({"threads.runs.retrieve", "threads.runs.poll"})

# keys of a call's object argument -> rule id, per call path. Top-level keys only, except
# NESTED_ARGUMENTS (`thread: { tool_resources }` of createAndRun); keys of any object with a
# `role` (one message, top-level or in `messages: [...]`) follow MESSAGE_ARGUMENTS.
ARGUMENT_RULES: dict[str, dict[str, str]] = {
    "assistants.create": {"file_ids": "AM205"},  # v1: files attached to the assistant itself
    "assistants.update": {"file_ids": "AM205"},
    "threads.create": {"messages": "AM302", "tool_resources": "AM303"},
    "threads.update": {"tool_resources": "AM305"},
    "threads.createAndRun": {"tool_resources": "AM303"},
    "threads.runs.create": {
        "truncation_strategy": "AM509", "max_prompt_tokens": "AM510", "additional_instructions": "AM514",
        "additional_messages": "AM514",
    },
}
NESTED_ARGUMENTS = frozenset({"tool_resources"})
MESSAGE_ARGUMENTS = {"attachments": "AM403", "file_ids": "AM403", "metadata": "AM404"}
# call paths that share the argument rules of another (prefix match on the method name)
ARGUMENT_ALIASES = {
    "threads.createAndRunPoll": "threads.createAndRun",
    "threads.createAndRunStream": "threads.createAndRun",
    "threads.runs.createAndPoll": "threads.runs.create",
    "threads.runs.stream": "threads.runs.create",
    "threads.runs.createAndStream": "threads.runs.create",
}

# AssistantStream: `.on(<event>, ...)` handlers and helper methods
HANDLER_METHODS = frozenset({"on", "once", "off"})
STREAM_HELPERS = frozenset({"finalRun", "finalMessages", "finalMessage", "finalRunSteps", "currentRun",
                            "currentMessageSnapshot", "currentRunStepSnapshot", "currentEvent"})
STREAM_CONVERTERS = frozenset({"fromReadableStream", "toReadableStream"})  # AssistantStream over fetch


def _snake_callback(event: str) -> str:
    """`textDelta` -> `on_text_delta`, the Python handler callback of the same event."""
    return "on_" + "".join(f"_{c.lower()}" if c.isupper() else c for c in event)


# AssistantStream event name -> (rule id, the Responses event that replaces it or None)
HANDLER_EVENTS: dict[str, tuple[str, str | None]] = {}
for _event in ("runStepCreated", "runStepDelta", "runStepDone", "messageCreated", "messageDelta", "messageDone",
               "textCreated", "textDelta", "textDone", "toolCallCreated", "toolCallDelta", "toolCallDone",
               "imageFileDone"):
    _callback = _snake_callback(_event)
    if _callback in NO_EQUIVALENT or _callback not in CONDITIONS:
        HANDLER_EVENTS[_event] = ("AM704", None)
    else:
        HANDLER_EVENTS[_event] = ("AM701", " or ".join(dict.fromkeys(re.findall(r'"(response\.[^"]+)"', CONDITIONS[_callback]))))
HANDLER_EVENTS["event"] = ("AM703", None)  # every raw `thread.*` event: the for-await case

# raw event names (`event.event === "thread.message.delta"`): with a Responses equivalent or not
RAW_EVENTS: dict[str, tuple[str, str | None]] = {
    name: ("AM703", mapped[0]) if mapped else ("AM704", None)
    for name, mapped in EVENT_TABLE.items()
    if name != "error"
}

# run statuses a polling loop waits on; `requires_action` compared anywhere is a tool-call test
POLL_STATUSES = frozenset({"queued", "in_progress", "requires_action", "cancelling"})
REQUIRES_ACTION = "requires_action"

CLIENT_CLASSES = frozenset({"OpenAI", "AzureOpenAI"})
STREAM_TYPES = frozenset({"AssistantStream"})
RUN_TYPES = frozenset({"Run"})
TOOL_CALL_TYPES = frozenset({"RequiredActionFunctionToolCall"})  # `run.required_action.submit_tool_outputs.tool_calls[i]`
# type references that only the Assistants API has (`OpenAI.Beta.Threads.Run`, beta resource modules)
BETA_TYPE_MARKERS = ("Beta.Threads", "Beta.Assistant", "Beta.VectorStore", "AssistantStream")
BETA_MODULE_MARKER = "/beta/"


def rule_for(path: list[str]) -> str | None:
    """The rule of a call `client.beta.<path...>` (`path[0]` is the surface)."""
    for end in range(len(path), 0, -1):
        rule = METHOD_RULES.get(".".join(path[:end]))
        if rule is not None:
            return rule
    return None


def argument_rules(path: list[str]) -> dict[str, str]:
    key = ".".join(path)
    return ARGUMENT_RULES.get(ARGUMENT_ALIASES.get(key, key), {})

# rules the scanner reports on its own (the rest come from the tables above)
SCAN_RULES = frozenset({"AM201", "AM205", "AM405", "AM504", "AM601", "AM602", "AM603", "AM604", "AM701", "AM703",
                        "AM704", "AM705"})


def emitted_rules() -> frozenset[str]:
    """Every rule id a TypeScript/JavaScript file can get."""
    rules = set(METHOD_RULES.values()) | set(MESSAGE_ARGUMENTS.values()) | SCAN_RULES
    rules |= {rule for table in ARGUMENT_RULES.values() for rule in table.values()}
    rules |= {rule for rule, _ in HANDLER_EVENTS.values()} | {rule for rule, _ in RAW_EVENTS.values()}
    return frozenset(rules)
