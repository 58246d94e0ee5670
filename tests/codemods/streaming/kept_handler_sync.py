# uses-configs
from openai import AssistantEventHandler, OpenAI
from typing_extensions import override

client = OpenAI()


class Collector(AssistantEventHandler):
    """Collects the answer and prints a summary."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.parts: list[str] = []
        self.tools = 0

    @override
    def on_text_created(self, text) -> None:
        self.parts.append(text.value)

    @override
    def on_text_delta(self, delta, snapshot):
        self.parts.append(delta.value or "")

    @override
    def on_text_done(self, text):
        print(f"{self.prefix} {len(text.value)} characters")

    def on_tool_call_created(self, tool_call):
        self.tools += 1
        print(f"tool: {tool_call.type}")

    def on_message_done(self, message) -> None:
        print(message.content[0].text.value)

    def on_end(self):
        print("".join(self.parts))

    def on_timeout(self):
        print("timed out")

    def summary(self) -> str:
        return f"{len(self.parts)} parts, {self.tools} tools"


def collect(thread_id: str, assistant_id: str) -> str:
    handler = Collector(">")
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=handler) as stream:
        stream.until_done()
    return handler.summary()


def inline(thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        event_handler=Collector(prefix="#"),
    ) as stream:
        stream.until_done()
        run = stream.get_final_run()
    print(run.id)


def raw(thread_id: str, assistant_id: str) -> None:
    for event in client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id):
        if event.event == "thread.message.delta":
            print(event.data.delta.content[0].text.value, end="")
