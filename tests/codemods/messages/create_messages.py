"""Posting user questions (text, images, files) into a thread."""

from openai import OpenAI

client = OpenAI()


def ask(thread_id: str, question: str) -> str:
    message = client.beta.threads.messages.create(
        thread_id=thread_id,
        role="user",
        content=question,
    )
    return message.id


def ask_about_picture(thread_id: str, question: str, url: str) -> None:
    client.beta.threads.messages.create(
        thread_id,
        role="user",
        content=[
            {"type": "text", "text": question},
            {"type": "image_url", "image_url": {"url": url, "detail": "low"}},
        ],
    )


def replay_answer(thread_id: str, answer: str) -> None:
    client.beta.threads.messages.create(thread_id, role="assistant", content=[{"type": "text", "text": answer}])


def with_file(thread_id: str, file_id: str) -> None:
    client.beta.threads.messages.create(
        thread_id=thread_id,
        role="user",
        content="Plot the second column of this CSV.",
        attachments=[{"file_id": file_id, "tools": [{"type": "code_interpreter"}]}],
        metadata={"kind": "upload"},
    )


def from_payload(payload: dict) -> None:
    client.beta.threads.messages.create(**payload)


def forget(thread_id: str, message_id: str) -> None:
    client.beta.threads.messages.update(message_id, thread_id=thread_id, metadata={"hidden": "1"})
    client.beta.threads.messages.delete(message_id=message_id, thread_id=thread_id)


def fetch(thread_id: str, message_id: str) -> str:
    item = client.beta.threads.messages.retrieve(message_id, thread_id=thread_id)
    return item.id
