"""The assistant id comes from settings and no configs module is given: the run is marked, not rewritten."""

import os

import openai

ASSISTANT_ID = os.getenv("OPENAI_ASSISTANT_ID", "")


def run_turn(thread_id: str) -> str:
    # TODO(assistants-migrate): AM502 assistant id known only at run time: run `export` and rewrite with --configs, or pass model/instructions/tools yourself
    run = openai.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=ASSISTANT_ID)
    return run.status


def run_with(client: openai.OpenAI, thread_id: str, assistant_id: str, **options) -> str:  # type: ignore[no-untyped-def]
    # TODO(assistants-migrate): AM511 run arguments not statically known (**kwargs or positional): rewrite as responses.create(conversation=..., truncation="auto", ...) by hand
    run = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, **options)
    return run.id
