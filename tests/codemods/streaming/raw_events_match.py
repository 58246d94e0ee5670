from collections.abc import Iterator

from openai import OpenAI, Stream
from openai.types.beta import AssistantStreamEvent

client = OpenAI()


def format_stream(stream: Stream[AssistantStreamEvent]) -> Iterator[str]:
    for event in stream:
        match event.event:
            case "thread.message.delta":
                yield event.data.delta.content[0].text.value
            case "thread.run.failed":
                yield "\n"
            case "thread.run.requires_action":
                yield "[tools]"
            case "thread.run.step.created":
                yield "[step]"
            case _:
                yield ""


def answer(thread_id: str) -> str:
    assistant = client.beta.assistants.create(model="gpt-4o-mini", instructions="Be brief.")
    stream = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant.id, stream=True)
    return "".join(format_stream(stream))
