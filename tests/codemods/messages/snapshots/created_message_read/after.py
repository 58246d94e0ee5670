"""The value of messages.create read as the message: after the rewrite it is the item list holding it (class 4)."""

from openai import OpenAI

client = OpenAI()


def post(tid: str) -> None:
    msg = client.conversations.items.create(tid, items=[{"type": "message", "role": "user", "content": "hi"}])
    print(msg.first_id, msg.data[0].role, "".join(part.text for part in msg.data[0].content if part.type in ("input_text", "output_text")))
