from openai import AsyncOpenAI
from config import settings

client = AsyncOpenAI()


async def create_assistant():
    assistant = await client.beta.assistants.create(name="Bot", instructions="Help.", model="gpt-4o")
    settings.assistant_id = assistant.id
    return assistant.id


async def answer(text: str) -> str:
    thread = await client.beta.threads.create()
    await client.beta.threads.messages.create(thread_id=thread.id, role="user", content=text)
    run = await client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=settings.assistant_id)
    messages = await client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value
