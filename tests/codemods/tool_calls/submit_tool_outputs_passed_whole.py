import json
import time

from openai import OpenAI


def call_functions(required: dict) -> list:
    return [{"tool_call_id": c["id"], "output": json.dumps(c["function"]["name"])} for c in required["tool_calls"]]


def wait(client, thread_id: str, run_id: str) -> None:
    while True:
        time.sleep(1)
        run = client.beta.threads.runs.retrieve(thread_id=thread_id, run_id=run_id)
        if run.status == "completed":
            break
        if run.status == "requires_action" and run.required_action is not None:
            outputs = call_functions(run.required_action.submit_tool_outputs.model_dump())
            print(outputs)


if __name__ == "__main__":
    wait(OpenAI(), "thread_1", "run_1")
