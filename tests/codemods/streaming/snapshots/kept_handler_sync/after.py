# uses-configs
from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


class Collector:
    """Collects the answer and prints a summary."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.parts: list[str] = []
        self.tools = 0

    # TODO(assistants-migrate): AM702 `on_text_created` reads `text` in a way that has no Responses equivalent; it is now the Responses event
    def on_text_created(self, event) -> None:
        text = event
        self.parts.append(text.value)

    def on_text_delta(self, event):
        self.parts.append(event.delta or "")

    def on_text_done(self, event):
        print(f"{self.prefix} {len(event.text)} characters")

    def on_tool_call_created(self, event):
        self.tools += 1
        print(f"tool: {event.item.type[:-5]}")

    # TODO(assistants-migrate): AM702 `on_message_done` reads `message` in a way that has no Responses equivalent; it is now `event.item`, a Responses output item
    def on_message_done(self, event) -> None:
        message = event.item
        print(message.content[0].text.value)

    def on_end(self):
        print("".join(self.parts))

    # TODO(assistants-migrate): AM702 `on_timeout` has no Responses equivalent: nothing calls it any more
    def on_timeout(self):
        print("timed out")

    def summary(self) -> str:
        return f"{len(self.parts)} parts, {self.tools} tools"


def collect(thread_id: str, assistant_id: str) -> str:
    handler = Collector(">")
    with client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream:
        try:
            for event in stream:
                if event.type == "response.output_item.added" and event.item.type in ("function_call", "file_search_call", "code_interpreter_call"):  # was on_tool_call_created
                    handler.on_tool_call_created(event)
                elif event.type == "response.content_part.added" and event.part.type == "output_text":  # was on_text_created
                    handler.on_text_created(event)
                elif event.type == "response.output_text.delta":  # was on_text_delta
                    handler.on_text_delta(event)
                elif event.type == "response.output_text.done":  # was on_text_done
                    handler.on_text_done(event)
                elif event.type == "response.output_item.done" and event.item.type == "message":  # was on_message_done
                    handler.on_message_done(event)
        finally:  # was on_end
            handler.on_end()
    return handler.summary()


def inline(thread_id: str, assistant_id: str) -> None:
    with client.responses.stream(
        conversation=thread_id,
        input=[],
        truncation="auto",
        **ASSISTANT_CONFIGS[assistant_id],
    ) as stream:
        event_handler = Collector(prefix="#")
        try:
            for event in stream:
                if event.type == "response.output_item.added" and event.item.type in ("function_call", "file_search_call", "code_interpreter_call"):  # was on_tool_call_created
                    event_handler.on_tool_call_created(event)
                elif event.type == "response.content_part.added" and event.part.type == "output_text":  # was on_text_created
                    event_handler.on_text_created(event)
                elif event.type == "response.output_text.delta":  # was on_text_delta
                    event_handler.on_text_delta(event)
                elif event.type == "response.output_text.done":  # was on_text_done
                    event_handler.on_text_done(event)
                elif event.type == "response.output_item.done" and event.item.type == "message":  # was on_message_done
                    event_handler.on_message_done(event)
        finally:  # was on_end
            event_handler.on_end()
        run = stream.get_final_response()
    print(run.id)


def raw(thread_id: str, assistant_id: str) -> None:
    with client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream_2:
        for event in stream_2:
            if event.type == "response.output_text.delta":
                print(event.delta, end="")
