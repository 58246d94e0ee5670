from openai import AsyncOpenAI, OpenAI
from openai.types.beta.threads import Message

client = OpenAI()
aclient = AsyncOpenAI()


def show(thread_id: str, message_id: str) -> None:
    msg = client.beta.threads.messages.retrieve(message_id=message_id, thread_id=thread_id)
    print(msg.content[0].text.value)
    for part in msg.content:
        if part.type == "text":
            print(part.text.value)


async def first_text(thread_id: str, message_id: str) -> str:
    message = await aclient.beta.threads.messages.retrieve(message_id, thread_id=thread_id)
    return message.content[0].text.value


def role_of(message: Message) -> str:
    return message.role
