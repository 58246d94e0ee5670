"""Runs of an assistant defined elsewhere, no configs module: creation and polling move together."""

import time

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def wait_on_run(run, thread):
    while run.status == "queued" or run.status == "in_progress":
        run = client.responses.retrieve(run.id)
        time.sleep(0.5)
    return run


def submit(assistant_id: str, thread, text: str):
    client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": text}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    return wait_on_run(run, thread)
