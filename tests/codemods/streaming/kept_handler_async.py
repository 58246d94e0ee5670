# uses-configs
import asyncio

from openai import AsyncAssistantEventHandler, AsyncOpenAI

client = AsyncOpenAI()


class Relay(AsyncAssistantEventHandler):
    def __init__(self, queue: asyncio.Queue[str]) -> None:
        super().__init__()
        self.queue = queue
        self.done = False

    async def on_text_delta(self, delta, snapshot) -> None:
        await self.queue.put(delta.value or "")

    def on_text_done(self, text) -> None:
        print(text.value)

    async def on_event(self, event) -> None:
        if event.event == "thread.run.completed":
            print("run", event.data.id)

    async def on_exception(self, exception: Exception) -> None:
        print(f"stream failed: {exception}")

    async def on_end(self) -> None:
        self.done = True


class Agent:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.relay = Relay(self.queue)

    async def ask(self, thread_id: str, assistant_id: str) -> bool:
        async with client.beta.threads.runs.stream(
            thread_id=thread_id, assistant_id=assistant_id, event_handler=self.relay
        ) as stream:
            await stream.until_done()
        return self.relay.done


async def unknown(thread_id: str, assistant_id: str, handler: AsyncAssistantEventHandler) -> None:
    async with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=handler
    ) as stream:
        await stream.until_done()


asyncio.run(Agent().ask("thread_1", "asst_1"))
