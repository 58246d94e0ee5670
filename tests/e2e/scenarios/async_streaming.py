"""Async streaming with an AsyncAssistantEventHandler."""

import asyncio

from openai import AsyncAssistantEventHandler, AsyncOpenAI

client = AsyncOpenAI()


class Printer(AsyncAssistantEventHandler):
    async def on_text_delta(self, delta, snapshot) -> None:
        print(delta.value, end="", flush=True)

    async def on_message_done(self, message) -> None:
        print()


async def main() -> None:
    assistant = await client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")
    thread = await client.beta.threads.create()
    await client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Hello there")
    async with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=Printer()
    ) as stream:
        await stream.until_done()
    print("done")


asyncio.run(main())
