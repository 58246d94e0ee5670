"""An async bot: post a message, then read the thread back."""

from openai import AsyncOpenAI


class Bot:
    def __init__(self) -> None:
        self.client = AsyncOpenAI()

    async def say(self, thread_id: str, text: str) -> None:
        await self.client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": text}])

    async def last_reply(self, thread_id: str) -> str:
        messages = [item for item in (await self.client.conversations.items.list(thread_id, limit=5)).data if item.type == "message"]
        for m in messages:
            if m.role == "assistant":
                return "".join(part.text for part in m.content if part.type in ("input_text", "output_text"))
        return ""

    async def history(self, thread_id: str) -> list[str]:
        out = []
        async for m in (item async for item in self.client.conversations.items.list(thread_id, order="asc") if item.type == "message"):
            if m.content[0].type in ("input_text", "output_text"):
                out.append("".join(part.text for part in m.content if part.type in ("input_text", "output_text")))
        return out

    async def history_paged(self, thread_id: str) -> list[str]:
        page = [item async for item in self.client.conversations.items.list(thread_id) if item.type == "message"]
        return [m.role for m in page]

    async def first(self, thread_id: str) -> str:
        return "".join(part.text for part in [item for item in (await self.client.conversations.items.list(thread_id, order="asc")).data if item.type == "message"][0].content if part.type in ("input_text", "output_text"))
