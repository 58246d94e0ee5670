# uses-configs
"""With --configs: assistants.retrieve becomes a lookup in the generated module, sync and async."""

import os

from openai import AsyncOpenAI, OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
aclient = AsyncOpenAI()

assistant = ASSISTANT_CONFIGS[os.environ["ASSISTANT_ID"]]


def ask(thread_id: str) -> str:
    run = client.responses.create(
        conversation=thread_id, truncation="auto", **{**assistant, "instructions": "Answer briefly."}, tool_choice="auto"
    )
    print("used assistant", os.environ["ASSISTANT_ID"])
    return run.status


async def ask_async(thread_id: str, assistant_id: str) -> str:
    cfg = ASSISTANT_CONFIGS[assistant_id]
    run = await aclient.responses.create(conversation=thread_id, truncation="auto", **{**cfg, "temperature": 0})
    return run.status
