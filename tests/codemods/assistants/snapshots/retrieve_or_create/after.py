"""Retrieve-or-create patterns, sync and async: marked for a human, never guessed."""

import os
from typing import Any

from openai import AsyncOpenAI, NotFoundError, OpenAI

client = OpenAI()


def get_assistant():
    assistant_id = os.getenv("ASSISTANT_ID")
    if assistant_id:
        # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; keep only the created config (a dict of Responses params) and drop the stored asst_ id
        return client.beta.assistants.retrieve(assistant_id)
    # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; replace the lookup with this config (a dict of Responses params) and drop the stored asst_ id
    return client.beta.assistants.create(model="gpt-4o", name="Helper")


def find_or_create(name: str):
    # TODO(assistants-migrate): AM214 no assistants to list after the migration: enumerate your in-code configs
    for assistant in client.beta.assistants.list():
        if assistant.name == name:
            return assistant
    # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; replace the lookup with this config (a dict of Responses params) and drop the stored asst_ id
    return client.beta.assistants.create(model="gpt-4o", name=name)


async def load(aclient: AsyncOpenAI, assistant_id: str):
    try:
        # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; keep only the created config (a dict of Responses params) and drop the stored asst_ id
        assistant = await aclient.beta.assistants.retrieve(assistant_id)
    except NotFoundError:
        # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; replace the lookup with this config (a dict of Responses params) and drop the stored asst_ id
        assistant = await aclient.beta.assistants.create(model="gpt-4o", instructions="Be nice.")
    return assistant


def settings_only(options: dict[str, Any]) -> None:
    # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; keep only the created config (a dict of Responses params) and drop the stored asst_ id
    existing = client.beta.assistants.retrieve(os.environ["ASSISTANT_ID"])
    print(existing.model)
    # TODO(assistants-migrate): AM216 retrieve-or-create: nothing is stored server-side any more; replace the lookup with this config (a dict of Responses params) and drop the stored asst_ id
    client.beta.assistants.create(model="gpt-4o", **options)
