# uses-configs
"""Every run of this file is migrated, so every `Run` annotation is retyped (mypy), and the `Run`
import, mentioned only in docstrings and comments now, goes."""
import json

from openai import OpenAI
from openai.types.responses import Response
from openai.types.responses import ResponseFunctionToolCall
from assistant_configs import ASSISTANT_CONFIGS


class Chat:
    def __init__(self) -> None:
        self.client = OpenAI()
        self.thread_id = self.client.conversations.create().id

    def call_tool(self, run: Response, func_call: ResponseFunctionToolCall) -> Response:
        """Answer the Run's tool call."""
        run = self.client.responses.create(
            conversation=self.thread_id,
            input=[{"type": "function_call_output", "call_id": func_call.call_id, "output": json.dumps(func_call.name)}],
            truncation="auto",
            **run.model_dump(include={"model": True, "instructions": True, "tools": True, "text": {"format"}}, exclude_none=True),
        )
        return self.wait(run)

    def wait(self, run: Response) -> Response:
        while run.status in ("queued", "in_progress"):
            run = self.client.responses.retrieve(run.id)
        return run

    def chat(self, assistant_id: str) -> Response:
        run = self.client.responses.create(conversation=self.thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
        if any(item.type == "function_call" for item in run.output):
            return self.call_tool(run, [item for item in run.output if item.type == "function_call"][0])
        return run
