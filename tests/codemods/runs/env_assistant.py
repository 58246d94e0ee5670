"""The assistant id comes from settings and no configs module is given: rewritten from assistant_configs, marked."""

import os

import openai

ASSISTANT_ID = os.getenv("OPENAI_ASSISTANT_ID", "")


def run_turn(thread_id: str) -> str:
    run = openai.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=ASSISTANT_ID)
    return run.status


def run_with(client: openai.OpenAI, thread_id: str, assistant_id: str, **options) -> str:  # type: ignore[no-untyped-def]
    run = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, **options)
    return run.id
