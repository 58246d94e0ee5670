# uses-configs
"""Weather bot: create_and_poll, then a requires_action loop that dispatches to Python."""

import json

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS
from openai.types.responses import ResponseInputParam

client = OpenAI()


def get_weather(city: str) -> str:
    return f"sunny in {city}"


def get_time(zone: str = "UTC") -> str:
    return f"12:00 {zone}"


TOOLS = {"get_weather": get_weather, "get_time": get_time}


def ask(thread_id: str, assistant_id: str, question: str) -> None:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": question}])
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    # keep answering tool calls until the run is done
    while any(item.type == "function_call" for item in run.output):
        tool_outputs: ResponseInputParam = []
        for tool_call in [item for item in run.output if item.type == "function_call"]:
            args = json.loads(tool_call.arguments)
            result = TOOLS[tool_call.name](**args)
            tool_outputs.append({"type": "function_call_output", "call_id": tool_call.call_id, "output": result})
        run = client.responses.create(
            conversation=thread_id,
            input=tool_outputs,
            truncation="auto",
            **ASSISTANT_CONFIGS[assistant_id],
        )
    print(run.status)
