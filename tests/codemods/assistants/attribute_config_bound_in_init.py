from typing import Any

from openai import AsyncOpenAI


class Coach:
    def __init__(self, client: AsyncOpenAI) -> None:
        self.client = client
        self.thread: Any = None
        self.assistant: Any = None

    async def ask(self, text: str) -> str:
        if self.assistant is None:
            self.thread = await self.client.beta.threads.create()
            self.assistant = await self.client.beta.assistants.create(
                name="Coach", instructions="Coach the user.", model="gpt-4o-mini"
            )
        await self.client.beta.threads.messages.create(thread_id=self.thread.id, role="user", content=text)
        run = await self.client.beta.threads.runs.create_and_poll(
            thread_id=self.thread.id, assistant_id=self.assistant.id
        )
        messages = await self.client.beta.threads.messages.list(thread_id=self.thread.id)
        return messages.data[0].content[0].text.value
