"""A listed page rebound to a filtered list of its messages: later readers see the list (class 3)."""

from openai import OpenAI
from typing import Any

client = OpenAI()


def chat(thread_id: str) -> str:
    assistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief."}
    run = client.responses.create(conversation=thread_id, truncation="auto", **assistant)
    if run.status == "completed":
        messages = [item for item in client.conversations.items.list(thread_id) if item.type == "message"]
        messages = [message for message in messages if message.role == "assistant"]
        return "".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text"))
    return ""
