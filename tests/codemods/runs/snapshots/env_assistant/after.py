"""The assistant id comes from settings and no configs module is given: rewritten from assistant_configs, marked."""

import os

import openai
from assistant_configs import ASSISTANT_CONFIGS

ASSISTANT_ID = os.getenv("OPENAI_ASSISTANT_ID", "")


def run_turn(thread_id: str) -> str:
    run = openai.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[ASSISTANT_ID])
    return run.status


def run_with(client: openai.OpenAI, thread_id: str, assistant_id: str, **options) -> str:  # type: ignore[no-untyped-def]
    # TODO(assistants-migrate): AM511 run arguments not statically known (**kwargs or positional): rewrite as responses.create(conversation=..., truncation="auto", ...) by hand
    run = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, **options)
    return run.id
