import json

from openai import OpenAI
from openai.types.responses import ResponseInputParam
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def tool_outputs_for(run):
    outputs: ResponseInputParam = []
    if not any(item.type == "function_call" for item in run.output):
        return outputs
    for call in [item for item in run.output if item.type == "function_call"]:
        outputs.append({"type": "function_call_output", "call_id": call.call_id, "output": json.dumps({"ok": call.name})})
    return outputs


def chat(thread_id: str, assistant_id: str, text: str) -> str:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": text}])
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    if any(item.type == "function_call" for item in run.output):
        run = client.responses.create(
            conversation=thread_id, input=tool_outputs_for(run), truncation="auto", **ASSISTANT_CONFIGS[assistant_id]
        )
    if any(item.type == "function_call" for item in run.output):
        return "still waiting for tools"
    return run.output_text
