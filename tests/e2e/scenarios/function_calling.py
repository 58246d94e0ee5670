"""Function calling: an assistant with two Python tools and a requires_action loop."""

import json

from openai import OpenAI

client = OpenAI()


def get_weather(city: str) -> str:
    return f"sunny, 21C in {city}"


def convert(amount: float, currency: str) -> str:
    return f"{amount * 0.9:.2f} {currency}"


FUNCTIONS = {"get_weather": get_weather, "convert": convert}

assistant = client.beta.assistants.create(
    name="Helper",
    instructions="Use the tools to answer.",
    model="gpt-4o",
    tools=[
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather for a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            },
        },
        {
            "type": "function",
            "function": {
                "name": "convert",
                "parameters": {
                    "type": "object",
                    "properties": {"amount": {"type": "number"}, "currency": {"type": "string"}},
                },
            },
        },
    ],
)
thread = client.beta.threads.create()
client.beta.threads.messages.create(
    thread_id=thread.id,
    role="user",
    content='Call get_weather with {"city": "Paris"} please',
)
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
while run.status == "requires_action":
    tool_outputs = []
    for tool_call in run.required_action.submit_tool_outputs.tool_calls:
        args = json.loads(tool_call.function.arguments)
        print("calling", tool_call.function.name, args)
        result = FUNCTIONS[tool_call.function.name](**args)
        tool_outputs.append({"tool_call_id": tool_call.id, "output": result})
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        thread_id=thread.id, run_id=run.id, tool_outputs=tool_outputs
    )
print("status:", run.status)
if run.status == "completed":
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    print(messages.data[0].content[0].text.value)
