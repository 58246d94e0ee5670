"""Functions whose return annotation names the thread type, returning threads that became
conversations: retyped, and the old import goes."""
from openai import OpenAI
from openai.types.beta import Thread

client = OpenAI()


def create_thread() -> Thread:
    thread = client.beta.threads.create()
    return thread


def fresh() -> Thread:
    return client.beta.threads.create()


def start() -> str:
    return create_thread().id


def annotated() -> str:
    thread: Thread = client.beta.threads.create()
    return thread.id
