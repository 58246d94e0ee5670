"""Seeding threads with a conversation history."""

from openai import OpenAI

client = OpenAI()

FAQ = [(f"question {i}", f"answer {i}") for i in range(3)]


def seeded(question: str, photo_url: str, chart_file_id: str) -> str:
    thread = client.beta.threads.create(
        messages=[
            {"role": "user", "content": "You are helping me plan a trip.", "metadata": {"source": "system-prompt"}},
            {"role": "assistant", "content": "Sure, where to?"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": question},
                    {"type": "image_url", "image_url": {"url": photo_url}},
                    {"type": "image_file", "image_file": {"file_id": chart_file_id, "detail": "high"}},
                ],
            },
        ]
    )
    return thread.id


def long_history() -> str:
    # 23 turns: more than one conversations.create can take
    thread = client.beta.threads.create(messages=[
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
        {"role": "user", "content": "21"}, {"role": "assistant", "content": "22"},
        {"role": "user", "content": "23"},
    ])
    return thread.id


def with_attachment(file_id: str) -> str:
    thread = client.beta.threads.create(
        messages=[
            {
                "role": "user",
                "content": "Summarise the attached report.",
                "attachments": [{"file_id": file_id, "tools": [{"type": "file_search"}]}],
            }
        ]
    )
    return thread.id


def from_history(history: list) -> str:
    thread = client.beta.threads.create(messages=history)
    return thread.id
