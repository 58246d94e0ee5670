"""Posting user questions (text, images, files) into a thread."""

from openai import OpenAI
from typing import cast
from openai.types.conversations import Message

client = OpenAI()


def ask(thread_id: str, question: str) -> str:
    message = client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": question}])
    return message.first_id


def ask_about_picture(thread_id: str, question: str, url: str) -> None:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": [
            {"type": "input_text", "text": question},
            {"type": "input_image", "image_url": url, "detail": "low"},
        ]}])


def replay_answer(thread_id: str, answer: str) -> None:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "assistant", "content": answer}])


def with_file(thread_id: str, file_id: str) -> None:
    # TODO(assistants-migrate): AM403 message attachments dropped: for file_search add the files to a vector store and pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put {"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass {"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: [{"file_id": file_id, "tools": [{"type": "code_interpreter"}]}]
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": "Plot the second column of this CSV."}])


def from_payload(payload: dict) -> None:
    # TODO(assistants-migrate): AM413 messages.create(**...) with keys unknown statically: use client.conversations.items.create by hand
    client.beta.threads.messages.create(**payload)


def forget(thread_id: str, message_id: str) -> None:
    # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by threads.messages.update (line 47): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
    client.beta.threads.messages.update(message_id, thread_id=thread_id, metadata={"hidden": "1"})
    client.beta.threads.messages.delete(message_id=message_id, thread_id=thread_id)


def fetch(thread_id: str, message_id: str) -> str:
    item = cast(Message, client.conversations.items.retrieve(message_id, conversation_id=thread_id))
    return item.id
