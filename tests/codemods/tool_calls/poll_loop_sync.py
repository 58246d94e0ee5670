# uses-configs
"""Weather bot: create_and_poll, then a requires_action loop that dispatches to Python."""

import json

from openai import OpenAI

client = OpenAI()


def get_weather(city: str) -> str:
    return f"sunny in {city}"


def get_time(zone: str = "UTC") -> str:
    return f"12:00 {zone}"


TOOLS = {"get_weather": get_weather, "get_time": get_time}


def ask(thread_id: str, assistant_id: str, question: str) -> None:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    # keep answering tool calls until the run is done
    while run.status == "requires_action":
        tool_outputs = []
        for tool_call in run.required_action.submit_tool_outputs.tool_calls:
            args = json.loads(tool_call.function.arguments)
            result = TOOLS[tool_call.function.name](**args)
            tool_outputs.append({"tool_call_id": tool_call.id, "output": result})
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id,
            run_id=run.id,
            tool_outputs=tool_outputs,
        )
    print(run.status)
