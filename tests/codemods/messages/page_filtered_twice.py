"""A page iterated through the message filter the rewrite writes is not filtered again (a fixed point)."""

from openai import OpenAI

client = OpenAI()


def show(messages) -> None:
    for message in (item for item in messages if item.type == "message"):
        print(message.role)


def main(thread_id: str) -> None:
    page = client.beta.threads.messages.list(thread_id=thread_id)
    show(page)
