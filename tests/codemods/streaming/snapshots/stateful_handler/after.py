from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


class Collector:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def on_text_delta(self, event):
        self.parts.append(event.delta or "")

    # TODO(assistants-migrate): AM702 `on_timeout` has no Responses equivalent: nothing calls it any more
    def on_timeout(self):
        print("timed out")


def collect(thread_id: str, assistant_id: str) -> str:
    handler = Collector()
    with client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":  # was on_text_delta
                handler.on_text_delta(event)
    return "".join(handler.parts)


def create_and_run(assistant_id: str) -> None:
    # TODO(assistants-migrate): AM706 create_and_run_stream: create the conversation, then iterate client.responses.stream(conversation=...)
    with client.beta.threads.create_and_run_stream(
        assistant_id=assistant_id,
        thread={"messages": [{"role": "user", "content": "hi"}]},
    ) as stream:
        for text in stream.text_deltas:
            print(text, end="")
