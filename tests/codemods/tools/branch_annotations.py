"""A tool list bound in two branches: annotated once (a second annotation is a redefinition)."""
from openai import OpenAI

client = OpenAI()


def tools_for(kind: str) -> list:
    if kind == "code":
        tools = [{"type": "code_interpreter"}]
    else:
        tools = [{"type": "function", "function": {"name": "f", "parameters": {}}}]
    return tools


thread = client.beta.threads.create()
