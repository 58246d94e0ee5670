"""The same tool list feeds Chat Completions: standalone literals are marked, not reshaped."""

from openai import OpenAI
from openai.types.chat import ChatCompletionFunctionToolParam

client = OpenAI()

TOOLS: list[ChatCompletionFunctionToolParam] = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]

completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], tools=TOOLS)
assistant = client.beta.assistants.create(
    model="gpt-4o",
    tools=[{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}],
)
