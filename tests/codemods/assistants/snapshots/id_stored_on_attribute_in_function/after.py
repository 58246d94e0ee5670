from openai import AsyncOpenAI
from config import settings
from assistant_configs import ASSISTANT_CONFIGS
from typing import Any

client = AsyncOpenAI()


async def create_assistant():
    # Assistant "Bot"
    assistant: dict[str, Any] = {"instructions": "Help.", "model": "gpt-4o"}
    ASSISTANT_CONFIGS["Bot"] = assistant
    # TODO(assistants-migrate): AM211 no asst_ id any more: assistant.id became the config's name "Bot"; re-key anything stored or compared by asst_ id
    settings.assistant_id = "Bot"
    # TODO(assistants-migrate): AM211 no asst_ id any more: assistant.id became the config's name "Bot"; re-key anything stored or compared by asst_ id
    return "Bot"


async def answer(text: str) -> str:
    thread = await client.conversations.create()
    await client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": text}])
    run = await client.responses.create(conversation=thread.id, truncation="auto", **ASSISTANT_CONFIGS[settings.assistant_id])
    return run.output_text
