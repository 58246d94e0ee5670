"""Async function calling with a comprehension building the outputs."""

import asyncio
import json

from openai import AsyncOpenAI

client = AsyncOpenAI()


async def lookup(order_id: str) -> str:
    return f"order {order_id} shipped"


async def main() -> None:
    assistant = await client.beta.assistants.create(
        model="gpt-4o",
        instructions="Look orders up.",
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "lookup",
                    "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
                },
            }
        ],
    )
    thread = await client.beta.threads.create()
    await client.beta.threads.messages.create(
        thread_id=thread.id, role="user", content='Please lookup {"order_id": "A-17"}'
    )
    run = await client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    if run.status == "requires_action":
        calls = run.required_action.submit_tool_outputs.tool_calls
        outputs = [
            {"tool_call_id": call.id, "output": await lookup(**json.loads(call.function.arguments))}
            for call in calls
        ]
        run = await client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread.id, run_id=run.id, tool_outputs=outputs
        )
    print("status:", run.status)
    messages = await client.beta.threads.messages.list(thread_id=thread.id)
    print(messages.data[0].content[0].text.value)


asyncio.run(main())
