"""Tool definitions as module constants and typed params; tool_choice reshaping."""

from openai import OpenAI
from openai.types.beta import Thread
from openai.types.responses.file_search_tool_param import FileSearchToolParam
from openai.types.responses import ToolParam as AssistantToolParam
from openai.types.responses.tool_param import CodeInterpreter as CodeInterpreterToolParam
from openai.types.responses import FunctionToolParam
from openai.types.responses import ToolParam
from typing import Any

client = OpenAI()

WEATHER_TOOL: ToolParam = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    "strict": True,
}

TOOLS = [WEATHER_TOOL, {"type": "code_interpreter", "container": {"type": "auto"}}]

typed: FunctionToolParam = {"type": "function", "name": "noop", "parameters": None, "strict": False}
interpreter: CodeInterpreterToolParam = {"type": "code_interpreter", "container": {"type": "auto"}}
# TODO(assistants-migrate): AM203 file_search tool needs vector_store_ids: fill in the assistant's stores
searcher: FileSearchToolParam = {"type": "file_search", "vector_store_ids": []}
all_tools: list[AssistantToolParam] = [typed, interpreter]

bot: dict[str, Any] = {"model": "gpt-4o", "tools": TOOLS}


def run_once(thread: Thread) -> str:
    run = client.responses.create(
        conversation=thread.id,
        truncation="auto",
        **{**bot, "tools": [WEATHER_TOOL]},
        tool_choice={"type": "function", "name": "get_weather"},
    )
    return run.status
