"""Streaming with a handler that keeps state: it collects the deltas and prints at on_text_done and on_end."""

from openai import AssistantEventHandler, OpenAI
from typing_extensions import override

client = OpenAI()


class Collector(AssistantEventHandler):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.parts: list[str] = []
        self.texts = 0

    @override
    def on_text_created(self, text) -> None:
        self.texts += 1

    @override
    def on_text_delta(self, delta, snapshot):
        self.parts.append(delta.value or "")

    @override
    def on_text_done(self, text):
        print(f"{self.label}: {text.value}")
        print(f"collected {len(self.parts)} parts")

    @override
    def on_end(self):
        print(f"end: {''.join(self.parts)!r} in {self.texts} text(s)")

    def total(self) -> int:
        return len("".join(self.parts))


assistant = client.beta.assistants.create(name="Collector", instructions="You are terse.", model="gpt-4o")
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Tell me a short story")

handler = Collector("answer")
with client.beta.threads.runs.stream(
    thread_id=thread.id,
    assistant_id=assistant.id,
    event_handler=handler,
) as stream:
    stream.until_done()
print("total", handler.total())

client.beta.threads.messages.create(thread_id=thread.id, role="user", content="And another one")
with client.beta.threads.runs.stream(
    thread_id=thread.id, assistant_id=assistant.id, event_handler=Collector(label="again")
) as stream:
    stream.until_done()
print("done")
