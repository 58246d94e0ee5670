"""The same tool list feeds Chat Completions: standalone literals are marked, not reshaped."""

from openai import OpenAI
from openai.types.chat import ChatCompletionFunctionToolParam
from typing import Any

client = OpenAI()

# TODO(assistants-migrate): AM204 Tool list may be shared with Chat Completions
TOOLS: list[ChatCompletionFunctionToolParam] = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]

completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], tools=TOOLS)
assistant: dict[str, Any] = {
    "model": "gpt-4o",
    "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": False}],
}
