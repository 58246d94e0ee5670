import json

from openai import OpenAI

client = OpenAI()


def tool_outputs_for(run):
    outputs = []
    if run.required_action is None:
        return outputs
    for call in run.required_action.submit_tool_outputs.tool_calls:
        outputs.append({"tool_call_id": call.id, "output": json.dumps({"ok": call.function.name})})
    return outputs


def chat(thread_id: str, assistant_id: str, text: str) -> str:
    client.beta.threads.messages.create(thread_id=thread_id, role="user", content=text)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status == "requires_action" and run.required_action:
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id, run_id=run.id, tool_outputs=tool_outputs_for(run)
        )
    if run.required_action is not None:
        return "still waiting for tools"
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    return messages.data[0].content[0].text.value
