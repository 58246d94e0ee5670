# uses-configs
"""An if/elif chain that tests completed before requires_action: a Response with tool calls is completed too."""
import json
from openai import OpenAI

client = OpenAI()


def get_weather(city: str) -> str:
    return json.dumps({"city": city, "temp": 21})


def chat(assistant_id: str, question: str) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant_id)
    while True:
        if run.status == "completed":
            messages = client.beta.threads.messages.list(thread_id=thread.id)
            return messages.data[0].content[0].text.value
        elif run.status == "requires_action":
            outputs = []
            for call in run.required_action.submit_tool_outputs.tool_calls:
                args = json.loads(call.function.arguments)
                outputs.append({"tool_call_id": call.id, "output": get_weather(**args)})
            run = client.beta.threads.runs.submit_tool_outputs_and_poll(thread_id=thread.id, run_id=run.id, tool_outputs=outputs)
        else:
            raise RuntimeError(run.status)
