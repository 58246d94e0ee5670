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
    client.beta.threads.messages.create(**message_params)


def post_tagged(thread_id: str, text: str) -> None:
    params = dict(thread_id=thread_id, role="user")
    params.update({"content": text})
    params["metadata"] = {"source": "cli"}
    message = client.beta.threads.messages.create(**params)
    print("sent")


async def post_async(thread_id: str, text: str) -> None:
    params = {"thread_id": thread_id, "role": "user", "content": text}
    await aclient.beta.threads.messages.create(**params)


def post_extra(thread_id: str, text: str, extra: dict) -> None:
    params: dict[str, Any] = {"thread_id": thread_id, "role": "user", "content": text}
    params.update(extra)
    client.beta.threads.messages.create(**params)


def post_rebound(thread_id: str, text: str) -> None:
    params: dict[str, Any] = {"thread_id": thread_id, "role": "user", "content": text}
    text = text.upper()
    client.beta.threads.messages.create(**params)


def post_v1_files(thread_id: str, question: str, file_id: str) -> None:
    message = client.beta.threads.messages.create(
        thread_id=thread_id,
        role="user",
        content=question,
        file_ids=[file_id],
    )


def post_between_reads(thread_id: str, prompt: str) -> None:
    history = client.beta.threads.messages.list(thread_id=thread_id)
    for message in history.data:
        print(message.role)
    message = client.beta.threads.messages.create(thread_id=thread_id, role="user", content=prompt)
    for message in history.data:
        print(message.role)
