# uses-configs
import asyncio

from openai import AsyncAssistantEventHandler, AsyncOpenAI
from typing_extensions import override

client = AsyncOpenAI()


class Printer(AsyncAssistantEventHandler):
    @override
    async def on_message_created(self, message) -> None:
        print("message started")

    @override
    async def on_text_delta(self, delta, snapshot) -> None:
        print(delta.value, end="", flush=True)

    @override
    async def on_message_done(self, message) -> None:
        print()

    @override
    async def on_run_step_created(self, run_step) -> None:
        print("step")

    @override
    async def on_tool_call_delta(self, delta, snapshot) -> None:
        print(".", end="")

    @override
    async def on_exception(self, exception: Exception) -> None:
        print(f"stream failed: {exception}")


async def main(thread_id: str, assistant_id: str) -> None:
    async with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=Printer()
    ) as stream:
        await stream.until_done()
        run = await stream.get_final_run()
        print(run.id)


asyncio.run(main("thread_1", "asst_1"))
