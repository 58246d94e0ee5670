"""Message arguments built in a dict and splatted; v1 `file_ids`; results nobody reads."""

from typing import Any

from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


def post(thread_id: str, text: str, files: list[str] | None = None) -> None:
    message_params = {
        "thread_id": thread_id,
        "role": "user",
        "content": [{"type": "text", "text": text}],
    }
    if files:
        message_params["attachments"] = [{"file_id": f, "tools": [{"type": "code_interpreter"}]} for f in files]
    # TODO(assistants-migrate): AM403 message attachments dropped: for file_search add the files to a vector store and pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put {"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass {"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: (set conditionally in message_params) [{"file_id": f, "tools": [{"type": "code_interpreter"}]} for f in files]
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}])


def post_tagged(thread_id: str, text: str) -> None:
    params = dict(thread_id=thread_id, role="user")
    params.update({"content": text})
    params["metadata"] = {"source": "cli"}
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": text}])
    print("sent")


async def post_async(thread_id: str, text: str) -> None:
    params = {"thread_id": thread_id, "role": "user", "content": text}
    await aclient.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": text}])


def post_extra(thread_id: str, text: str, extra: dict) -> None:
    params: dict[str, Any] = {"thread_id": thread_id, "role": "user", "content": text}
    params.update(extra)
    # TODO(assistants-migrate): AM413 messages.create(**...) with keys unknown statically: use client.conversations.items.create by hand
    client.beta.threads.messages.create(**params)


def post_rebound(thread_id: str, text: str) -> None:
    params: dict[str, Any] = {"thread_id": thread_id, "role": "user", "content": text}
    text = text.upper()
    # TODO(assistants-migrate): AM413 messages.create(**...) with keys unknown statically: use client.conversations.items.create by hand
    client.beta.threads.messages.create(**params)


def post_v1_files(thread_id: str, question: str, file_id: str) -> None:
    # TODO(assistants-migrate): AM403 message attachments dropped: for file_search add the files to a vector store and pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put {"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass {"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: file_ids=[file_id]
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": question}])


def post_between_reads(thread_id: str, prompt: str) -> None:
    history = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    for message in history:
        print(message.role)
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": prompt}])
    for message in history:
        print(message.role)
