"""A support bot class that keeps the client on self and polls runs by hand."""

import time

from openai import OpenAI


class SupportBot:
    def __init__(self, api_key: str) -> None:
        self.client = OpenAI(api_key=api_key)
        self.assistant = self.client.beta.assistants.create(
            name="Support",
            description="Answers customer questions",
            model="gpt-4o-mini",
            instructions="You are a friendly support agent.",
        )
        self.thread = self.client.beta.threads.create()

    def ask(self, question: str) -> str:
        self.client.beta.threads.messages.create(thread_id=self.thread.id, role="user", content=question)
        run = self.client.beta.threads.runs.create(thread_id=self.thread.id, assistant_id=self.assistant.id)
        # wait for the run to finish
        while run.status in ("queued", "in_progress"):
            time.sleep(1)
            run = self.client.beta.threads.runs.retrieve(thread_id=self.thread.id, run_id=run.id)
        if run.status == "failed":
            return f"Sorry, something went wrong: {run.last_error.message if run.last_error else ''}"
        messages = self.client.beta.threads.messages.list(thread_id=self.thread.id)
        return messages.data[0].content[0].text.value

    def wait(self, run_id: str) -> str:
        while True:
            run = self.client.beta.threads.runs.retrieve(run_id, thread_id=self.thread.id)
            if run.status in ["completed", "failed", "cancelled", "expired"]:
                return run.status
            time.sleep(0.5)


if __name__ == "__main__":
    bot = SupportBot("sk-test")
    print(bot.ask("How do I reset my password?"))
