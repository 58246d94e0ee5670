"""Reading the assistant's answers back out of a thread, every way people do it."""

from openai import OpenAI

client = OpenAI()


def latest_answer(thread_id: str) -> str:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    return "".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text"))


def latest_answer_inline(thread_id: str) -> str:
    return "".join(part.text for part in [item for item in client.conversations.items.list(thread_id, limit=1).data if item.type == "message"][0].content if part.type in ("input_text", "output_text"))


def transcript(thread_id: str) -> list[str]:
    lines = []
    messages = [item for item in client.conversations.items.list(thread_id, order="asc").data if item.type == "message"]
    for msg in messages:
        lines.append(f"{msg.role}: {''.join(part.text for part in msg.content if part.type in ('input_text', 'output_text'))}")
    return lines


def transcript_oldest_first(thread_id: str) -> None:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    for msg in reversed(messages):
        if msg.role == "assistant":
            print("".join(part.text for part in msg.content if part.type in ("input_text", "output_text")))


def assistant_replies(thread_id: str) -> list[str]:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    replies = [m for m in messages if m.role == "assistant"]
    return ["".join(part.text for part in r.content if part.type in ("input_text", "output_text")) for r in replies]


def everything(thread_id: str) -> int:
    count = 0
    # iterating the page fetches every page
    for message in (item for item in client.conversations.items.list(thread_id) if item.type == "message"):
        for part in message.content:
            if part.type in ("input_text", "output_text"):
                print(part.text)
        count += 1
    return count


def with_citations(thread_id: str) -> str:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    text = next(part for part in messages[0].content if part.type == "output_text")
    # TODO(assistants-migrate): AM412 annotations are Responses annotations now: file_citation{file_id, filename, index} without marker text; file_path -> container_file_citation
    for annotation in text.annotations:
        # TODO(assistants-migrate): AM412 annotation.text does not exist on Responses annotations: check annotation.type and read file_id / filename / index (file_citation) or container_id / file_id (container_file_citation)
        text.text = text.text.replace(annotation.text, "")
    return text.text


def timestamps(thread_id: str) -> list[int]:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    # TODO(assistants-migrate): AM411 message.created_at: conversation items have no timestamp (reads None now)
    return [getattr(m, "created_at", None) for m in messages]


def raw_page(thread_id: str):
    # TODO(assistants-migrate): AM410 the page now holds conversation items: keep item.type == "message" items and read text from parts (part.text), not content[0].text.value
    return client.conversations.items.list(thread_id)


def older(thread_id: str, cursor: str) -> None:
    # TODO(assistants-migrate): AM413 messages.list(before=...): conversation items have no before cursor; use order= and after= on conversations.items.list
    page = client.beta.threads.messages.list(thread_id, before=cursor)
    print(page)
