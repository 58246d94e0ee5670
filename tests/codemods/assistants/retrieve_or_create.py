"""Retrieve-or-create patterns, sync and async: marked for a human, never guessed."""

import os
from typing import Any

from openai import AsyncOpenAI, NotFoundError, OpenAI

client = OpenAI()


def get_assistant():
    assistant_id = os.getenv("ASSISTANT_ID")
    if assistant_id:
        return client.beta.assistants.retrieve(assistant_id)
    return client.beta.assistants.create(model="gpt-4o", name="Helper")


def find_or_create(name: str):
    for assistant in client.beta.assistants.list():
        if assistant.name == name:
            return assistant
    return client.beta.assistants.create(model="gpt-4o", name=name)


async def load(aclient: AsyncOpenAI, assistant_id: str):
    try:
        assistant = await aclient.beta.assistants.retrieve(assistant_id)
    except NotFoundError:
        assistant = await aclient.beta.assistants.create(model="gpt-4o", instructions="Be nice.")
    return assistant


def settings_only(options: dict[str, Any]) -> None:
    existing = client.beta.assistants.retrieve(os.environ["ASSISTANT_ID"])
    print(existing.model)
    client.beta.assistants.create(model="gpt-4o", **options)
