"""Code interpreter over an uploaded CSV file."""

import time

from openai import OpenAI
from typing import Any

client = OpenAI()

csv_file = client.files.create(file=open("sales.csv", "rb"), purpose="assistants")

# Assistant "Data analyst"
analyst: dict[str, Any] = {
    "model": "gpt-4o",
    "instructions": "Analyse the CSV files you are given and answer with numbers.",
    "tools": [{"type": "code_interpreter", "container": {"type": "auto", "file_ids": [csv_file.id]}}],
}

thread = client.conversations.create()
client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": "What was the best month?"}])
run = client.responses.create(conversation=thread.id, truncation="auto", **analyst, max_output_tokens=2000, background=True)

while True:
    run = client.responses.retrieve(run.id)
    if run.status == "completed":
        break
    if run.status in ("failed", "cancelled", "expired"):
        raise RuntimeError(f"run {run.id} ended as {run.status}")
    time.sleep(2)

for message in (item for item in client.conversations.items.list(thread.id, order="asc") if item.type == "message"):
    for part in message.content:
        if part.type in ("input_text", "output_text"):
            print(message.role, part.text)
