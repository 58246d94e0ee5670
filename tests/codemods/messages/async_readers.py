"""An async bot: post a message, then read the thread back."""

from openai import AsyncOpenAI


class Bot:
    def __init__(self) -> None:
        self.client = AsyncOpenAI()

    async def say(self, thread_id: str, text: str) -> None:
        await self.client.beta.threads.messages.create(thread_id=thread_id, role="user", content=text)

    async def last_reply(self, thread_id: str) -> str:
        messages = await self.client.beta.threads.messages.list(thread_id=thread_id, limit=5)
        for m in messages.data:
            if m.role == "assistant":
                return m.content[0].text.value
        return ""

    async def history(self, thread_id: str) -> list[str]:
        out = []
        async for m in self.client.beta.threads.messages.list(thread_id, order="asc"):
            if m.content[0].type == "text":
                out.append(m.content[0].text.value)
        return out

    async def history_paged(self, thread_id: str) -> list[str]:
        page = self.client.beta.threads.messages.list(thread_id)
        return [m.role async for m in page]

    async def first(self, thread_id: str) -> str:
        return (await self.client.beta.threads.messages.list(thread_id, order="asc")).data[0].content[0].text.value
