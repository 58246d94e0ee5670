"""A support bot class that keeps the client on self and polls runs by hand."""

import time

from openai import OpenAI
from typing import Any


class SupportBot:
    def __init__(self, api_key: str) -> None:
        self.client = OpenAI(api_key=api_key)
        # Assistant "Support": Answers customer questions
        self.assistant: dict[str, Any] = {
            "model": "gpt-4o-mini",
            "instructions": "You are a friendly support agent.",
        }
        self.thread = self.client.conversations.create()

    def ask(self, question: str) -> str:
        self.client.conversations.items.create(self.thread.id, items=[{"type": "message", "role": "user", "content": question}])
        run = self.client.responses.create(conversation=self.thread.id, truncation="auto", **self.assistant)
        # wait for the run to finish
        if run.status == "failed":
            return f"Sorry, something went wrong: {run.error.message if run.error else ''}"
        return run.output_text

    def wait(self, run_id: str) -> str:
        while True:
            run = self.client.responses.retrieve(run_id)
            if run.status in ["completed", "failed", "cancelled", "expired"]:
                return run.status
            time.sleep(0.5)


if __name__ == "__main__":
    bot = SupportBot("sk-test")
    print(bot.ask("How do I reset my password?"))
