# uses-configs
import json

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS
from openai.types.responses import ResponseInputParam

client = OpenAI()


class Printer:
    def __init__(self, label: str) -> None:
        self.label = label
        self.text = ""

    def on_text_delta(self, event):
        self.text += event.delta or ""

    def on_end(self):
        print(self.label, self.text)


def weather(city: str) -> str:
    return json.dumps({"city": city, "temperature": 21})


def answer(thread_id: str, assistant_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    if any(item.type == "function_call" for item in run.output):
        outputs: ResponseInputParam = []
        for call in [item for item in run.output if item.type == "function_call"]:
            args = json.loads(call.arguments)
            outputs.append({"type": "function_call_output", "call_id": call.call_id, "output": weather(args["city"])})
        printer = Printer("answer:")
        with client.responses.stream(
            conversation=thread_id,
            input=outputs,
            truncation="auto",
            **ASSISTANT_CONFIGS[assistant_id],
        ) as stream:
            try:
                for event in stream:
                    if event.type == "response.output_text.delta":  # was on_text_delta
                        printer.on_text_delta(event)
            finally:  # was on_end
                printer.on_end()
