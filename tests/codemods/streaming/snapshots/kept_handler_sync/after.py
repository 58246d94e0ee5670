# uses-configs
from openai import AssistantEventHandler, OpenAI
from typing_extensions import override
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


# TODO(assistants-migrate): AM702 the handler keeps state (`__init__`); rewrite it as a responses.stream event loop
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
    # TODO(assistants-migrate): AM702 handler `Collector`: `on_text_created` reads `text` in a way that has no Responses equivalent; it is now the Responses event; the stream stays on the Assistants API until it is rewritten as a responses.stream event loop
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=handler) as stream:
        stream.until_done()
    return handler.summary()


def inline(thread_id: str, assistant_id: str) -> None:
    # TODO(assistants-migrate): AM702 handler `Collector`: `on_text_created` reads `text` in a way that has no Responses equivalent; it is now the Responses event; the stream stays on the Assistants API until it is rewritten as a responses.stream event loop
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        event_handler=Collector(prefix="#"),
    ) as stream:
        stream.until_done()
        run = stream.get_final_run()
    print(run.id)


def raw(thread_id: str, assistant_id: str) -> None:
    with client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream_2:
        for event in stream_2:
            if event.type == "response.output_text.delta":
                print(event.delta, end="")
