"""Streaming: an AssistantEventHandler subclass prints the answer as it arrives."""

from openai import AssistantEventHandler, OpenAI
from typing_extensions import override

client = OpenAI()


class EventHandler(AssistantEventHandler):
    @override
    def on_text_created(self, text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    def on_text_delta(self, delta, snapshot):
        print(delta.value, end="", flush=True)

    @override
    def on_text_done(self, text):
        print(f"\n({len(text.value)} characters)")


assistant = client.beta.assistants.create(
    name="Streamer",
    instructions="You are a helpful assistant.",
    model="gpt-4o",
)
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Tell me a short story")

with client.beta.threads.runs.stream(
    thread_id=thread.id,
    assistant_id=assistant.id,
    event_handler=EventHandler(),
) as stream:
    stream.until_done()
print("done")
