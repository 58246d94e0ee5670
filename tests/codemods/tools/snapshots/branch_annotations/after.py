"""A tool list bound in two branches: annotated once (a second annotation is a redefinition)."""
from openai import OpenAI
from openai.types.responses import ToolParam

client = OpenAI()


def tools_for(kind: str) -> list:
    if kind == "code":
        tools: list[ToolParam] = [{"type": "code_interpreter", "container": {"type": "auto"}}]
    else:
        tools = [{"type": "function", "name": "f", "parameters": {}, "strict": False}]
    return tools


thread = client.conversations.create()
