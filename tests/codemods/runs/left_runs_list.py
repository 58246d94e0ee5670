"""Runs from calls left on the Assistants API (runs.list) keep their status checks; a config bound on
one path only is marked where it is spread."""

from typing import Any

from openai import OpenAI

client = OpenAI()


def pending_action(thread_id: str) -> bool:
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
        config = client.beta.assistants.create(model="gpt-4o", **options)
    except Exception:
        config = client.beta.assistants.retrieve(assistant_id)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=config.id)
    return run.status


def mixed(thread_id: str, options: dict[str, Any] | None) -> str:
    if options is None:
        config = client.beta.assistants.create(model="gpt-4o", instructions="Defaults.")
    else:
        config = client.beta.assistants.create(model="gpt-4o", **options)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=config.id)
    return run.status
