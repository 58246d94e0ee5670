"""create_and_run(_poll), run aliases, module and Azure clients, and every run parameter."""

import asyncio

import openai
from openai import AsyncAzureOpenAI, AzureOpenAI
from typing import Any

azure = AzureOpenAI(api_version="2024-05-01-preview", azure_endpoint="https://example.openai.azure.com")

helper: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be concise.", "reasoning": {"effort": "low"}}

run_conversation = azure.conversations.create(items=[{"role": "user", "content": "Summarise the news."}])
run = azure.responses.create(
    conversation=run_conversation.id,
    truncation="auto",
    **helper,
)
print(run.status, run_conversation.id)

runs = azure.beta.threads.runs
# TODO(assistants-migrate): AM509 truncation_strategy {"type": "last_messages", "last_messa... dropped: no equivalent, truncation="auto" used; trim items yourself to keep the last N
# TODO(assistants-migrate): AM510 max_prompt_tokens=4000 dropped: no equivalent; see context_management or responses.input_tokens.count
second = azure.responses.create(
    conversation=run_conversation.id,
    input=[{"role": "user", "content": "Be specific."}],
    truncation="auto",
    **helper,
    tools=[{"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": False}],
    tool_choice={"type": "function", "name": "lookup"},
    text={"format": {"type": "json_schema", "name": "answer", "schema": {"type": "object"}, "strict": True}},
    include=["file_search_call.results"],
    metadata={"source": "batch"},
    parallel_tool_calls=False,
    temperature=0.1,
)
print(second.status)

third = openai.responses.create(
    conversation="thread_abc", truncation="auto", **{**helper, "reasoning": {"effort": "high"}}, top_p=0.9
)


async def ask_async(client: AsyncAzureOpenAI, question: str) -> str:
    # Assistant "Async helper"
    assistant: dict[str, Any] = {"model": "gpt-4o-mini"}
    result_conversation = await client.conversations.create(items=[{"role": "user", "content": question}], metadata={"channel": "web"})
    result = await client.responses.create(
        conversation=result_conversation.id,
        truncation="auto",
        **assistant,
    )
    return result.status


if __name__ == "__main__":
    print(asyncio.run(ask_async(AsyncAzureOpenAI(api_version="2024-05-01-preview", azure_endpoint="x"), "hi")))
