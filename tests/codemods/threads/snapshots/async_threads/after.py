"""An async chat service: conversations per session, created and cleaned up concurrently."""

import asyncio

from openai import AsyncOpenAI


class SessionStore:
    def __init__(self, client: AsyncOpenAI) -> None:
        self._client = client
        self.sessions: dict[str, str] = {}

    async def start(self, session: str, greeting: str) -> str:
        thread = await self._client.conversations.create(
            items=[{"role": "assistant", "content": greeting}],
            metadata={"session": session},
        )
        self.sessions[session] = thread.id
        return thread.id

    async def exists(self, session: str) -> bool:
        thread = await self._client.conversations.retrieve(self.sessions[session])
        return thread.id == self.sessions[session]

    async def end(self, session: str) -> None:
        await self._client.conversations.delete(conversation_id=self.sessions.pop(session))


async def main() -> None:
    store = SessionStore(AsyncOpenAI())
    await asyncio.gather(*(store.start(f"s{i}", "Hello!") for i in range(3)))
    for session in list(store.sessions):
        await store.end(session)


if __name__ == "__main__":
    asyncio.run(main())
