import json

from openai import OpenAI


class Manager:
    def __init__(self) -> None:
        self.client = OpenAI()
        self.assistant = self.client.beta.assistants.create(model="gpt-4o-mini", instructions="Summarize news.")
        # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by threads.runs.submit_tool_outputs_and_poll (line 25): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
        self.thread = self.client.beta.threads.create()
        self.run = None

    def start(self, instructions: str) -> None:
        self.run = self.client.beta.threads.runs.create_and_poll(
            thread_id=self.thread.id, assistant_id=self.assistant.id, instructions=instructions
        )

    def finish(self) -> None:
        if self.run is None:
            return
        outputs = [
            {"tool_call_id": call.id, "output": json.dumps({"topic": call.function.name})}
            for call in self.run.required_action.submit_tool_outputs.tool_calls
        ]
        self.client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=self.thread.id, run_id=self.run.id, tool_outputs=outputs
        )
