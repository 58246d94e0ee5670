"""Updates with tool_resources, updates on a path where the config is unbound, ids of configs with a
non-literal name, field reads on a config, and one annotation per scope."""

import os

from openai import OpenAI

client = OpenAI()
BOT_NAME = os.environ.get("BOT_NAME", "bot")

store = client.vector_stores.create(name="docs")
searcher = client.beta.assistants.create(model="gpt-4o", tools=[{"type": "file_search"}, {"type": "code_interpreter"}])
searcher = client.beta.assistants.update(
    assistant_id=searcher.id,
    tool_resources={"file_search": {"vector_store_ids": [store.id]}, "code_interpreter": {"file_ids": ["file-1"]}},
)

draft = client.beta.assistants.create(model="gpt-4o", instructions="First draft.")
draft = client.beta.assistants.create(model="gpt-4o", instructions="Second draft.")


def setup(existing_id: str | None) -> str:
    if existing_id is None:
        assistant = client.beta.assistants.create(model="gpt-4o", name="Setup", instructions="Hi.")
    else:
        assistant = client.beta.assistants.update(assistant_id=existing_id, instructions="Hello.")
    thread = client.beta.threads.create()
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    return run.status


GLOBAL_ID = None


def persistent() -> None:
    global GLOBAL_ID
    if GLOBAL_ID is None:
        made = client.beta.assistants.create(model="gpt-4o", name="Persistent", tools=[{"type": "file_search"}])
        GLOBAL_ID = made.id
    else:
        made = client.beta.assistants.update(assistant_id=GLOBAL_ID, tools=[{"type": "file_search"}])
    print(GLOBAL_ID)


class Bot:
    def __init__(self) -> None:
        self.assistant_id = ""
        assistant_obj = client.beta.assistants.create(model="gpt-4o", name=BOT_NAME, instructions="Be brief.")
        print(assistant_obj.id)
        self.assistant_id = assistant_obj.id
        self.assistant = assistant_obj
        self.thread = client.beta.threads.create()

    def describe(self) -> str:
        print(f"{self.assistant.id}: {self.assistant.model}, {self.assistant.instructions}")
        return self.assistant.name

    def ask(self) -> str:
        run = client.beta.threads.runs.create_and_poll(thread_id=self.thread.id, assistant_id=self.assistant.id)
        return run.status

    def created(self) -> int:
        return self.assistant.created_at
