"""Runs of an assistant defined elsewhere, no configs module: creation and polling both stay (marked)."""

import time

from openai import OpenAI

client = OpenAI()


def wait_on_run(run, thread):
    while run.status == "queued" or run.status == "in_progress":
        # TODO(assistants-migrate): AM515 the run polled here was left on the Assistants API: migrate its creation first, then this becomes responses.retrieve
        run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
        time.sleep(0.5)
    return run


def submit(assistant_id: str, thread, text: str):
    client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": text}])
    # TODO(assistants-migrate): AM502 assistant id known only at run time: run `export` and rewrite with --configs, or pass model/instructions/tools yourself
    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant_id)
    while run.status in ["queued", "in_progress", "cancelling"]:
        time.sleep(1)
        # TODO(assistants-migrate): AM515 the run polled here was left on the Assistants API: migrate its creation first, then this becomes responses.retrieve
        run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    return wait_on_run(run, thread)
