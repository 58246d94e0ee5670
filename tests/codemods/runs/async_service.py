# uses-configs
"""An async service: the assistant id comes from the environment, runs are polled with asyncio.sleep."""

import asyncio
import os

from openai import AsyncOpenAI

client = AsyncOpenAI()
ASSISTANT_ID = os.environ["ASSISTANT_ID"]


async def answer(thread_id: str, question: str) -> str:
    await client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = await client.beta.threads.runs.create(
        thread_id=thread_id,
        assistant_id=ASSISTANT_ID,
        model="gpt-4o",
        additional_instructions="Answer in one paragraph.",
    )
    while run.status == "queued" or run.status == "in_progress":
        await asyncio.sleep(0.5)
        run = await client.beta.threads.runs.retrieve(thread_id=thread_id, run_id=run.id)
    page = await client.beta.threads.messages.list(thread_id=thread_id, limit=1)
    return page.data[0].content[0].text.value


async def quick(thread_id: str) -> str:
    run = await client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=ASSISTANT_ID)
    run = await client.beta.threads.runs.poll(run.id, thread_id)
    return run.status


async def main() -> None:
    thread = await client.beta.threads.create()
    print(await answer(thread.id, "What is the capital of France?"))


if __name__ == "__main__":
    asyncio.run(main())
