"""Raw run events printed whole: after the rewrite they are Responses events (class 7, a note)."""

from openai import OpenAI
from typing import Any

client = OpenAI()


def show(thread_id: str) -> None:
    assistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief."}
    stream = client.responses.create(conversation=thread_id, stream=True, truncation="auto", **assistant)
    for event in stream:
        # TODO(assistants-migrate): AM012 `event` is a Responses stream event now, not an Assistants one: this output changes shape
        print(event.model_dump_json(indent=2))
