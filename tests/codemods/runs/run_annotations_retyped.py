# uses-configs
"""Every run of this file is migrated, so every `Run` annotation is retyped (mypy), and the `Run`
import, mentioned only in docstrings and comments now, goes."""
import json

from openai import OpenAI
from openai.types.beta.threads import RequiredActionFunctionToolCall, Run


class Chat:
    def __init__(self) -> None:
        self.client = OpenAI()
        self.thread_id = self.client.beta.threads.create().id

    def call_tool(self, run: Run, func_call: RequiredActionFunctionToolCall) -> Run:
        """Answer the Run's tool call."""
        run = self.client.beta.threads.runs.submit_tool_outputs(
            thread_id=self.thread_id,
            run_id=run.id,
            tool_outputs=[{"tool_call_id": func_call.id, "output": json.dumps(func_call.function.name)}],
        )
        return self.wait(run)

    def wait(self, run: Run) -> Run:
        while run.status in ("queued", "in_progress"):
            run = self.client.beta.threads.runs.retrieve(thread_id=self.thread_id, run_id=run.id)
        return run

    def chat(self, assistant_id: str) -> Run:
        run = self.client.beta.threads.runs.create_and_poll(thread_id=self.thread_id, assistant_id=assistant_id)
        if run.status == "requires_action" and run.required_action:
            return self.call_tool(run, run.required_action.submit_tool_outputs.tool_calls[0])
        return run
