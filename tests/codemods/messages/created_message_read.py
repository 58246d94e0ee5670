"""The value of messages.create read as the message: after the rewrite it is the item list holding it (class 4)."""

from openai import OpenAI

client = OpenAI()


def post(tid: str) -> None:
    msg = client.beta.threads.messages.create(thread_id=tid, role="user", content="hi")
    print(msg.id, msg.role, msg.content[0].text.value)
