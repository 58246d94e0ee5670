import json
import time

from openai import OpenAI


def call_functions(required: dict) -> list:
    return [{"type": "function_call_output", "call_id": c["id"], "output": json.dumps(c["function"]["name"])} for c in required["tool_calls"]]


def wait(client, thread_id: str, run_id: str) -> None:
    while True:
        time.sleep(1)
        run = client.responses.retrieve(run_id)
        if (run.status == "completed" and not any(item.type == "function_call" for item in run.output)):
            break
        if any(item.type == "function_call" for item in run.output):
            # TODO(assistants-migrate): AM602 a Response has no required_action: pass the function_call items [item for item in run.output if item.type == "function_call"] (fields call_id, name, arguments) instead of required_action.submit_tool_outputs
            outputs = call_functions(run.required_action.submit_tool_outputs.model_dump())
            print(outputs)


if __name__ == "__main__":
    wait(OpenAI(), "thread_1", "run_1")
