from openai import AssistantEventHandler, OpenAI

client = OpenAI()


class Collector(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def on_text_delta(self, delta, snapshot):
        self.parts.append(delta.value or "")

    def on_timeout(self):
        print("timed out")


def collect(thread_id: str, assistant_id: str) -> str:
    handler = Collector()
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=handler) as stream:
        stream.until_done()
    return "".join(handler.parts)


def create_and_run(assistant_id: str) -> None:
    with client.beta.threads.create_and_run_stream(
        assistant_id=assistant_id,
        thread={"messages": [{"role": "user", "content": "hi"}]},
    ) as stream:
        for text in stream.text_deltas:
            print(text, end="")
