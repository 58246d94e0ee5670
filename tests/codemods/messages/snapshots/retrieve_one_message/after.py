from openai import AsyncOpenAI, OpenAI
from openai.types.beta.threads import Message
from typing import cast
from openai.types.conversations import Message as ConversationMessage

client = OpenAI()
aclient = AsyncOpenAI()


def show(thread_id: str, message_id: str) -> None:
    msg = cast(ConversationMessage, client.conversations.items.retrieve(item_id=message_id, conversation_id=thread_id))
    print("".join(part.text for part in msg.content if part.type in ("input_text", "output_text")))
    for part in msg.content:
        if part.type in ("input_text", "output_text"):
            print(part.text)


async def first_text(thread_id: str, message_id: str) -> str:
    message = cast(ConversationMessage, await aclient.conversations.items.retrieve(message_id, conversation_id=thread_id))
    return "".join(part.text for part in message.content if part.type in ("input_text", "output_text"))


def role_of(message: Message) -> str:
    return message.role
