"""Attachment tool lists are not tool definitions; v1 retrieval becomes file_search; a tool list passed
to a wrapper of assistants.create is reshaped on the first run (a second run changes nothing)."""

from typing import Any

from openai import OpenAI

client = OpenAI()
store = client.vector_stores.create(name="papers")

V1_TOOLS = [{"type": "retrieval"}]

researcher = client.beta.assistants.create(
    model="gpt-4-turbo",
    tools=[{"type": "retrieval"}],
    tool_resources={"file_search": {"vector_store_ids": [store.id]}},
)


class Manager:
    def create_assistant(self, tools: list[Any]) -> str:
        made = client.beta.assistants.create(model="gpt-4o", name="Wrapped", tools=tools)
        return made.id


Manager().create_assistant(tools=[{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}])


def ask(thread_id: str, file_id: str) -> None:
    params: dict[str, Any] = {"role": "user", "content": "Plot this CSV."}
    params["attachments"] = [{"file_id": file_id, "tools": [{"type": "code_interpreter"}]}]
    print(params)
    attachment = {"file_id": file_id, "tools": [{"type": "file_search"}]}
    print(attachment)
