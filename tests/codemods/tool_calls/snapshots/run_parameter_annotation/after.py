import json

from openai import OpenAI
from openai.types.responses import ResponseInputParam
from openai.types.responses import Response
from typing import Any

client = OpenAI()


def outputs_for(run: Response) -> list:
    outputs: ResponseInputParam = []
    if not any(item.type == "function_call" for item in run.output):
        return outputs
    for call in [item for item in run.output if item.type == "function_call"]:
        outputs.append({"type": "function_call_output", "call_id": call.call_id, "output": json.dumps(call.name)})
    return outputs


def finish(thread_id: str, run: Response | None = None) -> str:
    assistant: dict[str, Any] = {"model": "gpt-4o-mini", "instructions": "Use tools."}
    if run is None:
        run = client.responses.create(conversation=thread_id, truncation="auto", **assistant)
    if any(item.type == "function_call" for item in run.output):
        run = client.responses.create(
            conversation=thread_id, input=outputs_for(run), truncation="auto", **assistant
        )
    return run.status
