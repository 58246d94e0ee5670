# uses-configs
import asyncio

from openai import AsyncOpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = AsyncOpenAI()


async def main(thread_id: str, assistant_id: str) -> None:
    async with client.responses.stream(
        conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]
    ) as stream:
        try:
            async for event in stream:
                if event.type == "response.output_item.added":  # was on_run_step_created
                    print("step")
                if event.type == "response.output_item.added" and event.item.type == "message":  # was on_message_created
                    print("message started")
                elif event.type == "response.output_text.delta":  # was on_text_delta
                    print(event.delta, end="", flush=True)
                elif event.type in ("response.function_call_arguments.delta", "response.code_interpreter_call_code.delta"):  # was on_tool_call_delta
                    print(".", end="")
                elif event.type == "response.output_item.done" and event.item.type == "message":  # was on_message_done
                    print()
        except Exception as exception:  # was on_exception
            print(f"stream failed: {exception}")
            raise
        run = await stream.get_final_response()
        print(run.id)


asyncio.run(main("thread_1", "asst_1"))
