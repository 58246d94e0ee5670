from typing import Any

from openai import AsyncOpenAI


class Coach:
    def __init__(self, client: AsyncOpenAI) -> None:
        self.client = client
        self.thread: Any = None
        self.assistant: Any = None

    async def ask(self, text: str) -> str:
        if self.assistant is None:
            self.thread = await self.client.conversations.create()
            # Assistant "Coach"
            self.assistant = {
                "instructions": "Coach the user.", "model": "gpt-4o-mini"
            }
        await self.client.conversations.items.create(self.thread.id, items=[{"type": "message", "role": "user", "content": text}])
        run = await self.client.responses.create(
            conversation=self.thread.id, truncation="auto", **self.assistant
        )
        return run.output_text
