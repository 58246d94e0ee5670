"""An assistant created from **kwargs stays an Assistant (AM217): a run of it in another function
must not spread it as a config dict; its id is looked up in the configs module at run time."""
from typing import Any

from openai import OpenAI

client = OpenAI()
settings: dict[str, Any] = {"model": "gpt-4o", "instructions": "Answer from the files."}
assistant = client.beta.assistants.create(**settings)
thread = client.beta.threads.create()


def ask(question: str) -> str:
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    return run.status
