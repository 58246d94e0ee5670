"""The value of messages.create read as the message: after the rewrite it is the item list holding it (class 4)."""

from openai import OpenAI

client = OpenAI()


def post(tid: str) -> None:
    msg = client.beta.threads.messages.create(thread_id=tid, role="user", content="hi")
    print(msg.id, msg.role, msg.content[0].text.value)


message = client.beta.threads.messages.create(thread_id="thread_1", role="user", content="hello")


def show(thread_id: str) -> None:
    for message in client.beta.threads.messages.list(thread_id=thread_id).data:
        print(message.content[0].text.value)  # the loop's message, not the module's created one
