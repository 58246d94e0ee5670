"""A message taken from the list by a variable index (messages.data[i]) is one message, not a slice (class 3)."""

from openai import OpenAI
from typing import Any

client = OpenAI()
assistant: dict[str, Any] = {"model": "gpt-4o"}
thread = client.conversations.create()
client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": "Hello"}])
client.responses.create(conversation=thread.id, truncation="auto", **assistant)
messages = [item for item in client.conversations.items.list(thread.id).data if item.type == "message"]
for i in reversed(range(0, 2)):
    message = messages[i]
    for content in message.content:
        if content.type in ("input_text", "output_text"):
            print(f"{message.role}: {content.text}")
