"""Async streaming with a stateful handler held in an attribute, created with arguments."""

import asyncio

from openai import AsyncAssistantEventHandler, AsyncOpenAI

client = AsyncOpenAI()


class Relay(AsyncAssistantEventHandler):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.chunks: list[str] = []
        self.finished = False

    async def on_text_delta(self, delta, snapshot) -> None:
        self.chunks.append(delta.value or "")

    async def on_text_done(self, text) -> None:
        print(f"{self.prefix} {text.value}")

    async def on_event(self, event) -> None:
        if event.event == "thread.run.completed":
            print("run completed")

    async def on_end(self) -> None:
        self.finished = True
        print(f"{self.prefix} {len(self.chunks)} chunks, {sum(map(len, self.chunks))} characters")


class Chat:
    def __init__(self) -> None:
        self.relay = Relay(">>")

    async def ask(self, question: str) -> bool:
        assistant = await client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")
        thread = await client.beta.threads.create()
        await client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
        async with client.beta.threads.runs.stream(
            thread_id=thread.id, assistant_id=assistant.id, event_handler=self.relay
        ) as stream:
            await stream.until_done()
        return self.relay.finished


print(asyncio.run(Chat().ask("Hello there")))
