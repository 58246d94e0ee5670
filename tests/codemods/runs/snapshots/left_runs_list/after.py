"""Runs from calls left on the Assistants API (runs.list) keep their status checks; a config bound on
one path only is marked where it is spread."""

from typing import Any

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def pending_action(thread_id: str) -> bool:
    # TODO(assistants-migrate): AM506 responses cannot be listed; a synchronous response is never left in progress
    runs = client.beta.threads.runs.list(thread_id=thread_id)
    latest = runs.data[0]
    if latest.status != "requires_action":
        return False
    for run in runs.data:
        if run.status == "requires_action":
            print(run.required_action)
    return True


def answer(thread_id: str, assistant_id: str, options: dict[str, Any]) -> str:
    try:
        # TODO(assistants-migrate): AM217 assistant settings not statically known (**kwargs, positional, v1 file_ids= or a non-literal tool_resources/response_format): write the Responses config dict by hand
        config = client.beta.assistants.create(model="gpt-4o", **options)
    except Exception:
        # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration there is no stored assistant to retrieve; keep only the created config (a dict of Responses params) and drop the stored asst_ id (or key the export-generated ASSISTANT_CONFIGS by it)
        config = client.beta.assistants.retrieve(assistant_id)
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[config.id])
    return run.status


def mixed(thread_id: str, options: dict[str, Any] | None) -> str:
    if options is None:
        config: dict[str, Any] = {"model": "gpt-4o", "instructions": "Defaults."}
    else:
        # TODO(assistants-migrate): AM217 assistant settings not statically known (**kwargs, positional, v1 file_ids= or a non-literal tool_resources/response_format): write the Responses config dict by hand
        config = client.beta.assistants.create(model="gpt-4o", **options)
    # TODO(assistants-migrate): AM502 config is a config dict only where its assistants call was rewritten; another path binds it to a call left with a TODO (an Assistant object): resolve that TODO so every path binds a dict
    run = client.responses.create(conversation=thread_id, truncation="auto", **config)
    return run.status
