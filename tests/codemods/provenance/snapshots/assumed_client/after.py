"""Receivers whose value comes from outside the project, in a file that imports openai: taken as
the client (AM014). The lookalike that a visible caller passes is left alone."""
import asyncio

from openai import OpenAI
from execute_once import client as shared
from helpers import get_openai_client
from assistant_configs import ASSISTANT_CONFIGS


def ask(client, thread_id: str, question: str) -> str:
    client.conversations.items.create(thread_id, items=[{"type": "message", "role": "user", "content": question}])
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS["asst_abc123"])
    return run.status


def start() -> str:
    return get_openai_client().conversations.create().id


def cleanup(thread_id: str) -> None:
    shared.conversations.delete(thread_id)


def make_store(client, name: str) -> str:
    return client.vector_stores.create(name=name).id


async def close(client, thread_id: str) -> None:
    await client.conversations.delete(thread_id)


class Bot:
    def __init__(self, client) -> None:
        self.client = client

    def new_thread(self) -> str:
        return self.client.conversations.create().id


class _Threads:
    def create(self) -> str:
        return "board-thread"


class _Beta:
    threads = _Threads()


class Board:
    beta = _Beta()


def open_topic(board) -> str:
    return board.beta.threads.create()


open_topic(Board())
OpenAI  # the client class is used elsewhere in the real program
asyncio  # likewise
