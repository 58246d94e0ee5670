"""Functions whose return annotation names the thread type, returning threads that became
conversations: retyped, and the old import goes."""
from openai import OpenAI
from openai.types.conversations import Conversation

client = OpenAI()


def create_thread() -> Conversation:
    thread = client.conversations.create()
    return thread


def fresh() -> Conversation:
    return client.conversations.create()


def start() -> str:
    return create_thread().id


def annotated() -> str:
    thread: Conversation = client.conversations.create()
    return thread.id
