"""Seeding threads with a conversation history."""

from openai import OpenAI

client = OpenAI()

FAQ = [(f"question {i}", f"answer {i}") for i in range(3)]


def seeded(question: str, photo_url: str, chart_file_id: str) -> str:
    thread = client.conversations.create(
        items=[
            {"role": "user", "content": "You are helping me plan a trip."},
            {"role": "assistant", "content": "Sure, where to?"},
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": question},
                    {"type": "input_image", "image_url": photo_url, "detail": "auto"},
                    {"type": "input_image", "file_id": chart_file_id, "detail": "high"},
                ],
            },
        ]
    )
    return thread.id


def long_history() -> str:
    # 23 turns: more than one conversations.create can take
    thread = client.conversations.create(items=[
        {"role": "user", "content": "1"}, {"role": "assistant", "content": "2"},
        {"role": "user", "content": "3"}, {"role": "assistant", "content": "4"},
        {"role": "user", "content": "5"}, {"role": "assistant", "content": "6"},
        {"role": "user", "content": "7"}, {"role": "assistant", "content": "8"},
        {"role": "user", "content": "9"}, {"role": "assistant", "content": "10"},
        {"role": "user", "content": "11"}, {"role": "assistant", "content": "12"},
        {"role": "user", "content": "13"}, {"role": "assistant", "content": "14"},
        {"role": "user", "content": "15"}, {"role": "assistant", "content": "16"},
        {"role": "user", "content": "17"}, {"role": "assistant", "content": "18"},
        {"role": "user", "content": "19"}, {"role": "assistant", "content": "20"},
    ])
    client.conversations.items.create(thread.id, items=[{"role": "user", "content": "21"}, {"role": "assistant", "content": "22"}, {"role": "user", "content": "23"}])
    return thread.id


def with_attachment(file_id: str) -> str:
    # TODO(assistants-migrate): AM403 message attachments dropped: for file_search add the files to a vector store and pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put {"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass {"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: [{"file_id": file_id, "tools": [{"type": "file_search"}]}]
    thread = client.conversations.create(
        items=[
            {
                "role": "user",
                "content": "Summarise the attached report.",
            }
        ]
    )
    return thread.id


def from_history(history: list) -> str:
    # TODO(assistants-migrate): AM304 threads.create(messages=...) built at run time: convert to conversations.create(items=...) by hand (at most 20 items per call, input_text parts, string content for assistant turns, no per-message metadata)
    thread = client.beta.threads.create(messages=history)
    return thread.id
