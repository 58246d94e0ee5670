import json

from openai import OpenAI
from typing import Any
from openai.types.responses import ResponseInputParam


class Manager:
    def __init__(self) -> None:
        self.client = OpenAI()
        self.assistant: dict[str, Any] = {"model": "gpt-4o-mini", "instructions": "Summarize news."}
        self.thread = self.client.conversations.create()
        self.run = None

    def start(self, instructions: str) -> None:
        self.run = self.client.responses.create(
            conversation=self.thread.id, truncation="auto", **{**self.assistant, "instructions": instructions}
        )

    def finish(self) -> None:
        if self.run is None:
            return
        outputs: ResponseInputParam = [
            {"type": "function_call_output", "call_id": call.call_id, "output": json.dumps({"topic": call.name})}
            for call in [item for item in self.run.output if item.type == "function_call"]
        ]
        self.run = self.client.responses.create(
            conversation=self.thread.id, input=outputs, truncation="auto", **self.run.model_dump(include={"model": True, "instructions": True, "tools": True, "text": {"format"}}, exclude_none=True)
        )
