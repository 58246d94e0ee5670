"""Reading the assistant's answers back out of a thread, every way people do it."""

from openai import OpenAI

client = OpenAI()


def latest_answer(thread_id: str) -> str:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    return messages.data[0].content[0].text.value


def latest_answer_inline(thread_id: str) -> str:
    return client.beta.threads.messages.list(thread_id, limit=1).data[0].content[0].text.value


def transcript(thread_id: str) -> list[str]:
    lines = []
    messages = client.beta.threads.messages.list(thread_id=thread_id, order="asc")
    for msg in messages.data:
        lines.append(f"{msg.role}: {msg.content[0].text.value}")
    return lines


def transcript_oldest_first(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    for msg in reversed(messages.data):
        if msg.role == "assistant":
            print(msg.content[0].text.value)


def assistant_replies(thread_id: str) -> list[str]:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    replies = [m for m in messages.data if m.role == "assistant"]
    return [r.content[0].text.value for r in replies]


def everything(thread_id: str) -> int:
    count = 0
    # iterating the page fetches every page
    for message in client.beta.threads.messages.list(thread_id):
        for part in message.content:
            if part.type == "text":
                print(part.text.value)
        count += 1
    return count


def with_citations(thread_id: str) -> str:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    text = messages.data[0].content[0].text
    for annotation in text.annotations:
        text.value = text.value.replace(annotation.text, "")
    return text.value


def timestamps(thread_id: str) -> list[int]:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    return [m.created_at for m in messages.data]


def raw_page(thread_id: str):
    return client.beta.threads.messages.list(thread_id=thread_id)


def older(thread_id: str, cursor: str) -> None:
    page = client.beta.threads.messages.list(thread_id, before=cursor)
    print(page)
