"""Retrieve-or-create patterns, sync and async: marked for a human, never guessed."""

import os
from typing import Any

from openai import AsyncOpenAI, NotFoundError, OpenAI

client = OpenAI()


def get_assistant():
    assistant_id = os.getenv("ASSISTANT_ID")
    if assistant_id:
        # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration there is no stored assistant to retrieve; keep only the created config (a dict of Responses params) and drop the stored asst_ id (or key the export-generated ASSISTANT_CONFIGS by it)
        return client.beta.assistants.retrieve(assistant_id)
    # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration the lookup above finds nothing (no assistants are stored server-side); replace lookup and create by one dict of Responses params (model, instructions, tools) and drop the stored asst_ id
    return client.beta.assistants.create(model="gpt-4o", name="Helper")


def find_or_create(name: str):
    # TODO(assistants-migrate): AM214 assistants.list has no Responses equivalent (assistants are in-code configs now): iterate your config dicts, or ASSISTANT_CONFIGS from assistant_configs.py (`assistants-migrate export` writes it)
    for assistant in client.beta.assistants.list():
        if assistant.name == name:
            return assistant
    # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration the lookup above finds nothing (no assistants are stored server-side); replace lookup and create by one dict of Responses params (model, instructions, tools) and drop the stored asst_ id
    return client.beta.assistants.create(model="gpt-4o", name=name)


async def load(aclient: AsyncOpenAI, assistant_id: str):
    try:
        # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration there is no stored assistant to retrieve; keep only the created config (a dict of Responses params) and drop the stored asst_ id (or key the export-generated ASSISTANT_CONFIGS by it)
        assistant = await aclient.beta.assistants.retrieve(assistant_id)
    except NotFoundError:
        # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration the lookup above finds nothing (no assistants are stored server-side); replace lookup and create by one dict of Responses params (model, instructions, tools) and drop the stored asst_ id
        assistant = await aclient.beta.assistants.create(model="gpt-4o", instructions="Be nice.")
    return assistant


def settings_only(options: dict[str, Any]) -> None:
    # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration there is no stored assistant to retrieve; keep only the created config (a dict of Responses params) and drop the stored asst_ id (or key the export-generated ASSISTANT_CONFIGS by it)
    existing = client.beta.assistants.retrieve(os.environ["ASSISTANT_ID"])
    print(existing.model)
    # TODO(assistants-migrate): AM216 retrieve-or-create: after the migration the lookup above finds nothing (no assistants are stored server-side); replace lookup and create by one dict of Responses params (model, instructions, tools) and drop the stored asst_ id
    client.beta.assistants.create(model="gpt-4o", **options)
