# uses-configs
import json

from openai import AssistantEventHandler, OpenAI

client = OpenAI()


class Printer(AssistantEventHandler):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.text = ""

    def on_text_delta(self, delta, snapshot):
        self.text += delta.value or ""

    def on_end(self):
        print(self.label, self.text)


def weather(city: str) -> str:
    return json.dumps({"city": city, "temperature": 21})


def answer(thread_id: str, assistant_id: str) -> None:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status == "requires_action":
        outputs = []
        for call in run.required_action.submit_tool_outputs.tool_calls:
            args = json.loads(call.function.arguments)
            outputs.append({"tool_call_id": call.id, "output": weather(args["city"])})
        printer = Printer("answer:")
        with client.beta.threads.runs.submit_tool_outputs_stream(
            thread_id=thread_id,
            run_id=run.id,
            tool_outputs=outputs,
            event_handler=printer,
        ) as stream:
            stream.until_done()
