from collections.abc import Iterator

from openai import OpenAI, Stream
from openai.types.beta import AssistantStreamEvent
from openai.types.responses import ResponseStreamEvent
from typing import Any

client = OpenAI()


def format_stream(stream: Stream[ResponseStreamEvent]) -> Iterator[str]:
    for event in stream:
        match event.type:
            case "response.output_text.delta":
                yield event.delta
            case "response.failed":
                yield "\n"
            case "response.completed" if any(item.type == "function_call" for item in event.response.output):
                yield "[tools]"
            case "response.output_item.added":
                yield "[step]"
            case _:
                yield ""


def answer(thread_id: str) -> str:
    assistant: dict[str, Any] = {"model": "gpt-4o-mini", "instructions": "Be brief."}
    stream = client.responses.create(conversation=thread_id, stream=True, truncation="auto", **assistant)
    return "".join(format_stream(stream))
