"""The value of messages.create read as the message: after the rewrite it is the item list holding it (class 4)."""

from openai import OpenAI

client = OpenAI()


def post(tid: str) -> None:
    msg = client.conversations.items.create(tid, items=[{"type": "message", "role": "user", "content": "hi"}])
    print(msg.first_id, msg.data[0].role, "".join(part.text for part in msg.data[0].content if part.type in ("input_text", "output_text")))


message = client.conversations.items.create("thread_1", items=[{"type": "message", "role": "user", "content": "hello"}])


def show(thread_id: str) -> None:
    for message in [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]:
        print("".join(part.text for part in message.content if part.type in ("input_text", "output_text")))  # the loop's message, not the module's created one
