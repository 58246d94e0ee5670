# uses-configs
import asyncio
import json

from openai import AsyncOpenAI

client = AsyncOpenAI()


async def call_tool(name: str, arguments: str) -> str:
    return json.dumps({"tool": name, "args": json.loads(arguments)})


async def answer(thread_id: str, assistant_id: str) -> str:
    run = await client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status == "requires_action":
        calls = run.required_action.submit_tool_outputs.tool_calls
        outputs = [
            {"tool_call_id": tc.id, "output": await call_tool(tc.function.name, tc.function.arguments)}
            for tc in calls
        ]
        run = await client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id, run_id=run.id, tool_outputs=outputs
        )
    return run.status


if __name__ == "__main__":
    print(asyncio.run(answer("thread_1", "asst_1")))
