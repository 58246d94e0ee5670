# uses-configs
"""With --configs: assistants.retrieve becomes a lookup in the generated module, sync and async."""

import os

from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()

assistant = client.beta.assistants.retrieve(os.environ["ASSISTANT_ID"])


def ask(thread_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(
        thread_id=thread_id, assistant_id=assistant.id, instructions="Answer briefly.", tool_choice="auto"
    )
    print("used assistant", assistant.id)
    return run.status


async def ask_async(thread_id: str, assistant_id: str) -> str:
    cfg = await aclient.beta.assistants.retrieve(assistant_id=assistant_id)
    run = await aclient.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=cfg.id, temperature=0)
    return run.status
