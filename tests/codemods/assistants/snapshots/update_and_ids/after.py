"""Updates with tool_resources, updates on a path where the config is unbound, ids of configs with a
non-literal name, field reads on a config, and one annotation per scope."""

import os

from openai import OpenAI
from typing import Any
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
BOT_NAME = os.environ.get("BOT_NAME", "bot")

store = client.vector_stores.create(name="docs")
searcher: dict[str, Any] = {"model": "gpt-4o", "tools": [{"type": "file_search", "vector_store_ids": []}, {"type": "code_interpreter", "container": {"type": "auto"}}]}
searcher = {**searcher, "tools": [{**t, "vector_store_ids": [store.id]} if t["type"] == "file_search" else {**t, "container": {"type": "auto", "file_ids": ["file-1"]}} if t["type"] == "code_interpreter" else t for t in searcher["tools"]]}

draft: dict[str, Any] = {"model": "gpt-4o", "instructions": "First draft."}
draft = {"model": "gpt-4o", "instructions": "Second draft."}


def setup(existing_id: str | None) -> str:
    if existing_id is None:
        # Assistant "Setup"
        assistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Hi."}
    else:
        # TODO(assistants-migrate): AM213 update of an assistant known only at run time: assistant is now its config read from ASSISTANT_CONFIGS (assistant_configs.py, which `assistants-migrate export` writes) with these changes, in this process only; make them in that module to keep them
        assistant = {**ASSISTANT_CONFIGS[existing_id], "instructions": "Hello."}
    thread = client.conversations.create()
    run = client.responses.create(conversation=thread.id, truncation="auto", **assistant)
    return run.status


GLOBAL_ID = None


def persistent() -> None:
    global GLOBAL_ID
    if GLOBAL_ID is None:
        # Assistant "Persistent"
        # TODO(assistants-migrate): AM203 file_search tool needs vector_store_ids: none in tool_resources
        made: dict[str, Any] = {"model": "gpt-4o", "tools": [{"type": "file_search", "vector_store_ids": []}]}
        ASSISTANT_CONFIGS["Persistent"] = made
        GLOBAL_ID = "Persistent"
    else:
        # TODO(assistants-migrate): AM213 made, the config this id names, is not bound on this path (assistant settings live in code now): build the dict of Responses params here, or bind made before this branch, and drop the update
        made = client.beta.assistants.update(assistant_id=GLOBAL_ID, tools=[{"type": "file_search"}])
    print(GLOBAL_ID)


class Bot:
    def __init__(self) -> None:
        self.assistant_id = ""
        # Assistant name: BOT_NAME
        assistant_obj: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief."}
        ASSISTANT_CONFIGS["assistant_obj"] = assistant_obj
        # TODO(assistants-migrate): AM211 no asst_ id any more: assistant_obj.id became "assistant_obj", the variable's name, as the assistant's name= is not a literal; store, compare and look up configs by this key, not by an asst_ id
        print("assistant_obj")
        # TODO(assistants-migrate): AM211 no asst_ id any more: assistant_obj.id became "assistant_obj", the variable's name, as the assistant's name= is not a literal; store, compare and look up configs by this key, not by an asst_ id
        self.assistant_id = "assistant_obj"
        self.assistant = assistant_obj
        self.thread = client.conversations.create()

    def describe(self) -> str:
        # TODO(assistants-migrate): AM211 no asst_ id any more: self.assistant.id became 'assistant_obj', the variable's name, as the assistant's name= is not a literal; store, compare and look up configs by this key, not by an asst_ id
        print(f"{'assistant_obj'}: {self.assistant['model']}, {self.assistant['instructions']}")
        # TODO(assistants-migrate): AM211 self.assistant.name became "assistant_obj", the config's key (its name= is not a literal: BOT_NAME); use the real name if it matters
        return "assistant_obj"

    def ask(self) -> str:
        run = client.responses.create(conversation=self.thread.id, truncation="auto", **self.assistant)
        return run.status

    def created(self) -> int:
        # TODO(assistants-migrate): AM211 self.assistant.created_at: self.assistant is a dict of Responses parameters now, with no created_at (this reads None); use a value of your own
        return self.assistant.get("created_at")
