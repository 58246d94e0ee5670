import json

from openai import OpenAI
from openai.types.responses import ResponseInputParam


class Manager:
    def __init__(self) -> None:
        self.client = OpenAI()
        self.assistant = self.client.beta.assistants.create(model="gpt-4o-mini", instructions="Summarize news.")
        # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, because threads.runs.submit_tool_outputs_and_poll (line 25) has no Responses equivalent: rewrite that by hand, then run the rewrite again
        self.thread = self.client.beta.threads.create()
        self.run = None

    def start(self, instructions: str) -> None:
        self.run = self.client.beta.threads.runs.create_and_poll(
            thread_id=self.thread.id, assistant_id=self.assistant.id, instructions=instructions
        )

    def finish(self) -> None:
        if self.run is None:
            return
        outputs: ResponseInputParam = [
            {"type": "function_call_output", "call_id": call.id, "output": json.dumps({"topic": call.function.name})}
            for call in self.run.required_action.submit_tool_outputs.tool_calls
        ]
        self.client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=self.thread.id, run_id=self.run.id, tool_outputs=outputs
        )
