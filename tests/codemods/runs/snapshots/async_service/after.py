# uses-configs
"""An async service: the assistant id comes from the environment, runs are polled with asyncio.sleep."""

import asyncio
import os

from openai import AsyncOpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = AsyncOpenAI()
ASSISTANT_ID = os.environ["ASSISTANT_ID"]


async def answer(thread_id: str, question: str) -> str:
    await client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": question}])
    run = await client.responses.create(
        conversation=thread_id,
        truncation="auto",
        **{**ASSISTANT_CONFIGS[ASSISTANT_ID], "model": "gpt-4o", "instructions": ASSISTANT_CONFIGS[ASSISTANT_ID].get("instructions", "") + "\n\n" + "Answer in one paragraph."},
    )
    return run.output_text


async def quick(thread_id: str) -> str:
    run = await client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[ASSISTANT_ID])
    run = await client.responses.retrieve(run.id)
    return run.status


async def main() -> None:
    thread = await client.conversations.create()
    print(await answer(thread.id, "What is the capital of France?"))


if __name__ == "__main__":
    asyncio.run(main())
