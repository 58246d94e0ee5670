import json

from openai import OpenAI
from openai.types.beta import AssistantToolParam

client = OpenAI()
TOOLS: list[AssistantToolParam] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]


def outputs_for(run):
    outputs = []
    for call in run.required_action.submit_tool_outputs.tool_calls:
        args = json.loads(call.function.arguments)
        outputs.append({"tool_call_id": call.id, "output": f"sunny in {args['city']}"})
    return outputs


def main() -> None:
    assistant = client.beta.assistants.create(name="Helper", model="gpt-4o", instructions="Use the tools.", tools=TOOLS)
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(
        thread_id=thread.id, role="user", content='Call get_weather with {"city": "Paris"} please'
    )
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    while run.status == "requires_action":
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread.id, run_id=run.id, tool_outputs=outputs_for(run)
        )
    # runs.list has no Responses equivalent: this flow stays on the Assistants API, outputs included
    print(run.status, len(client.beta.threads.runs.list(thread_id=thread.id).data))
    print(client.beta.threads.messages.list(thread_id=thread.id).data[0].content[0].text.value)


main()
