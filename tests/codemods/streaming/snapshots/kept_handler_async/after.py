# uses-configs
import asyncio

from openai import AsyncAssistantEventHandler, AsyncOpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = AsyncOpenAI()


class Relay:
    def __init__(self, queue: asyncio.Queue[str]) -> None:
        self.queue = queue
        self.done = False

    async def on_text_delta(self, event) -> None:
        await self.queue.put(event.delta or "")

    def on_text_done(self, event) -> None:
        print(event.text)

    async def on_event(self, event) -> None:
        if event.type == "response.completed":
            print("run", event.response.id)

    async def on_exception(self, exception: Exception) -> None:
        print(f"stream failed: {exception}")

    async def on_end(self) -> None:
        self.done = True


class Agent:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.relay = Relay(self.queue)

    async def ask(self, thread_id: str, assistant_id: str) -> bool:
        async with client.responses.stream(
            conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]
        ) as stream:
            try:
                async for event in stream:
                    await self.relay.on_event(event)
                    if event.type == "response.output_text.delta":  # was on_text_delta
                        await self.relay.on_text_delta(event)
                    elif event.type == "response.output_text.done":  # was on_text_done
                        self.relay.on_text_done(event)
            except Exception as exc:  # was on_exception
                await self.relay.on_exception(exc)
                raise
            finally:  # was on_end
                await self.relay.on_end()
        return self.relay.done


async def unknown(thread_id: str, assistant_id: str, handler: AsyncAssistantEventHandler) -> None:
    # TODO(assistants-migrate): AM706 the event handler is not a class defined at the top of this file; rewrite as a responses.stream event loop
    async with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=handler
    ) as stream:
        await stream.until_done()


asyncio.run(Agent().ask("thread_1", "asst_1"))
