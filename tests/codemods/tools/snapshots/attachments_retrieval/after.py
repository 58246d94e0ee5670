"""Attachment tool lists are not tool definitions; v1 retrieval becomes file_search; a tool list passed
to a wrapper of assistants.create is reshaped on the first run (a second run changes nothing)."""

from typing import Any

from openai import OpenAI
from openai.types.responses import ToolParam
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
store = client.vector_stores.create(name="papers")

# TODO(assistants-migrate): AM205 v1 retrieval tool became file_search: list the vector store ids holding its files in vector_store_ids
V1_TOOLS: list[ToolParam] = [{"type": "file_search", "vector_store_ids": []}]

researcher: dict[str, Any] = {
    "model": "gpt-4-turbo",
    "tools": [{"type": "file_search", "vector_store_ids": [store.id]}],
}


class Manager:
    def create_assistant(self, tools: list[Any]) -> str:
        # Assistant "Wrapped"
        # TODO(assistants-migrate): AM206 tools=tools is built elsewhere: reshape those definitions for the Responses API (flat function tools, code_interpreter container)
        made: dict[str, Any] = {"model": "gpt-4o", "tools": tools}
        ASSISTANT_CONFIGS["Wrapped"] = made
        # TODO(assistants-migrate): AM211 no asst_ id any more: made.id became the config's name "Wrapped"; re-key anything stored or compared by asst_ id
        return "Wrapped"


Manager().create_assistant(tools=[{"type": "function", "name": "lookup", "parameters": {"type": "object"}, "strict": False}])


def ask(thread_id: str, file_id: str) -> None:
    params: dict[str, Any] = {"role": "user", "content": "Plot this CSV."}
    params["attachments"] = [{"file_id": file_id, "tools": [{"type": "code_interpreter"}]}]
    print(params)
    attachment = {"file_id": file_id, "tools": [{"type": "file_search"}]}
    print(attachment)
