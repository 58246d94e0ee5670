# uses-configs
import json
import time

from openai import OpenAI
from openai.types.beta.threads import RequiredActionFunctionToolCall

client = OpenAI()


def execute(call: RequiredActionFunctionToolCall) -> dict[str, str]:
    # one output per call, built by a helper
    if call.type == "function":
        return dict(tool_call_id=call.id, output=str(len(call.function.arguments)))
    return {"tool_call_id": call.id, "output": "unsupported"}


def run_once(thread_id: str, assistant_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status != "requires_action":
        return run.status
    first = run.required_action.submit_tool_outputs.tool_calls[0]
    print("first call:", first.function.name, json.loads(first.function.arguments))
    for i, tc in enumerate(run.required_action.submit_tool_outputs.tool_calls):
        print(i, tc.id)
    run = client.beta.threads.runs.submit_tool_outputs(
        run.id,
        thread_id=thread_id,
        tool_outputs=[{'tool_call_id': first.id, 'output': "done"}],
    )
    while run.status in ("queued", "in_progress", "requires_action"):
        time.sleep(1)
        run = client.beta.threads.runs.retrieve(run.id, thread_id=thread_id)
    return run.status


def resume(thread_id: str, run_id: str, outputs: list) -> None:
    # the run was created elsewhere: its configuration is unknown here
    client.beta.threads.runs.submit_tool_outputs(run_id, thread_id=thread_id, tool_outputs=outputs)
