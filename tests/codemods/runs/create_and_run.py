"""create_and_run(_poll), run aliases, module and Azure clients, and every run parameter."""

import asyncio

import openai
from openai import AsyncAzureOpenAI, AzureOpenAI

azure = AzureOpenAI(api_version="2024-05-01-preview", azure_endpoint="https://example.openai.azure.com")

helper = azure.beta.assistants.create(model="gpt-4o", instructions="Be concise.", reasoning_effort="low")

run = azure.beta.threads.create_and_run_poll(
    assistant_id=helper.id,
    thread={"messages": [{"role": "user", "content": "Summarise the news."}]},
)
print(run.status, run.thread_id)

runs = azure.beta.threads.runs
second = runs.create_and_poll(
    thread_id=run.thread_id,
    assistant_id=helper.id,
    tools=[{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}],
    tool_choice={"type": "function", "function": {"name": "lookup"}},
    response_format={"type": "json_schema", "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": True}},
    truncation_strategy={"type": "last_messages", "last_messages": 10},
    max_prompt_tokens=4000,
    include=["step_details.tool_calls[*].file_search.results[*].content"],
    additional_messages=[{"role": "user", "content": "Be specific."}],
    metadata={"source": "batch"},
    parallel_tool_calls=False,
    temperature=0.1,
)
print(second.status)

third = openai.beta.threads.runs.create(
    "thread_abc", assistant_id=helper.id, truncation_strategy={"type": "auto"}, reasoning_effort="high", top_p=0.9
)


async def ask_async(client: AsyncAzureOpenAI, question: str) -> str:
    assistant = await client.beta.assistants.create(model="gpt-4o-mini", name="Async helper")
    result = await client.beta.threads.create_and_run_poll(
        assistant_id=assistant.id,
        thread={"messages": [{"role": "user", "content": question}], "metadata": {"channel": "web"}},
    )
    return result.status


if __name__ == "__main__":
    print(asyncio.run(ask_async(AsyncAzureOpenAI(api_version="2024-05-01-preview", azure_endpoint="x"), "hi")))
