# uses-configs
import asyncio
import json

from openai import AsyncOpenAI
from assistant_configs import ASSISTANT_CONFIGS
from openai.types.responses import ResponseInputParam

client = AsyncOpenAI()


async def call_tool(name: str, arguments: str) -> str:
    return json.dumps({"tool": name, "args": json.loads(arguments)})


async def answer(thread_id: str, assistant_id: str) -> str:
    run = await client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    if any(item.type == "function_call" for item in run.output):
        calls = [item for item in run.output if item.type == "function_call"]
        outputs: ResponseInputParam = [
            {"type": "function_call_output", "call_id": tc.call_id, "output": await call_tool(tc.name, tc.arguments)}
            for tc in calls
        ]
        run = await client.responses.create(
            conversation=thread_id, input=outputs, truncation="auto", **ASSISTANT_CONFIGS[assistant_id]
        )
    return run.status


if __name__ == "__main__":
    print(asyncio.run(answer("thread_1", "asst_1")))
