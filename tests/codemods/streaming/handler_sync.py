# uses-configs
"""Stream a run's answer to the terminal with an event handler."""

from openai import AssistantEventHandler, OpenAI
from openai.types.beta.threads import Text, TextDelta
from typing_extensions import override

client = OpenAI()


class EventHandler(AssistantEventHandler):
    """Prints the assistant's answer as it arrives."""

    @override
    def on_text_created(self, text: Text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, end="", flush=True)

    @override
    def on_text_done(self, text: Text) -> None:
        print(f"\n[{len(text.value)} characters]")

    def on_tool_call_created(self, tool_call):
        print(f"\nassistant > {tool_call.type}\n", flush=True)

    def on_end(self) -> None:
        print("-- end of stream --")


def main(thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        instructions="Please address the user as Jane Doe.",
        event_handler=EventHandler(),
    ) as stream:
        stream.until_done()
