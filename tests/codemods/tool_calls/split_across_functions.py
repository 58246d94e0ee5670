import json
import time

from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]


def create_assistant():
    return client.beta.assistants.create(name="Weather", model="gpt-4o", instructions="Use the tools.", tools=TOOLS)


def run_assistant(thread, assistant):
    return client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)


def wait(thread_id, run_id):
    while True:
        run = client.beta.threads.runs.retrieve(thread_id=thread_id, run_id=run_id)
        if run.status in ("completed", "failed", "requires_action"):
            return run
        time.sleep(0.01)


def outputs_for(run):
    outputs = []
    for call in run.required_action.submit_tool_outputs.tool_calls:
        args = json.loads(call.function.arguments)
        outputs.append({"tool_call_id": call.id, "output": f"sunny in {args['city']}"})
    return outputs


def submit(thread, run, outputs):
    return client.beta.threads.runs.submit_tool_outputs(thread_id=thread.id, run_id=run.id, tool_outputs=outputs)


def resume(thread_id, run_id, outputs):
    client.beta.threads.runs.submit_tool_outputs(thread_id=thread_id, run_id=run_id, tool_outputs=outputs)


def ask(question, by_id=False):
    assistant = create_assistant()
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = run_assistant(thread, assistant)
    run = wait(thread.id, run.id)
    if run.status == "requires_action":
        outputs = outputs_for(run)
        if by_id:
            resume(thread.id, run.id, outputs)
        else:
            submit(thread, run, outputs)
        run = wait(thread.id, run.id)
    print(run.status)
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    print(messages.data[0].content[0].text.value)


ask('Call get_weather with {"city": "Paris"} please')
ask('Call get_weather with {"city": "Rome"} please', by_id=True)
