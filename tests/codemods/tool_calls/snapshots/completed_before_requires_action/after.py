# uses-configs
"""An if/elif chain that tests completed before requires_action: a Response with tool calls is completed too."""
import json
from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS
from openai.types.responses import ResponseInputParam

client = OpenAI()


def get_weather(city: str) -> str:
    return json.dumps({"city": city, "temp": 21})


def chat(assistant_id: str, question: str) -> str:
    thread = client.conversations.create()
    client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": question}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    while True:
        if (run.status == "completed" and not any(item.type == "function_call" for item in run.output)):
            return run.output_text
        elif any(item.type == "function_call" for item in run.output):
            outputs: ResponseInputParam = []
            for call in [item for item in run.output if item.type == "function_call"]:
                args = json.loads(call.arguments)
                outputs.append({"type": "function_call_output", "call_id": call.call_id, "output": get_weather(**args)})
            run = client.responses.create(conversation=thread.id, input=outputs, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
        else:
            raise RuntimeError(run.status)
