"""Tool definitions as module constants and typed params; tool_choice reshaping."""

from openai import OpenAI
from openai.types.beta import AssistantToolParam, CodeInterpreterToolParam, FunctionToolParam, Thread
from openai.types.beta.file_search_tool_param import FileSearchToolParam

client = OpenAI()

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        "strict": True,
    },
}

TOOLS = [WEATHER_TOOL, {"type": "code_interpreter"}]

typed: FunctionToolParam = {"type": "function", "function": {"name": "noop"}}
interpreter: CodeInterpreterToolParam = {"type": "code_interpreter"}
searcher: FileSearchToolParam = {"type": "file_search"}
all_tools: list[AssistantToolParam] = [typed, interpreter]

bot = client.beta.assistants.create(model="gpt-4o", tools=TOOLS)


def run_once(thread: Thread) -> str:
    run = client.beta.threads.runs.create_and_poll(
        thread_id=thread.id,
        assistant_id=bot.id,
        tools=[WEATHER_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    return run.status
