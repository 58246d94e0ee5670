"""A support desk that keeps one thread per customer: create, look up, tag, close."""

import os

import openai
from openai import AzureOpenAI, OpenAI


class SupportDesk:
    def __init__(self) -> None:
        self.client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
        self.threads_by_customer: dict[str, str] = {}

    def open_thread(self, customer: str) -> str:
        # one thread per customer, tagged for the dashboard
        # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by threads.update (line 31): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
        thread = self.client.beta.threads.create(metadata={"customer": customer})
        self.threads_by_customer[customer] = thread.id
        return thread.id

    def lookup(self, customer: str) -> int:
        thread = self.client.beta.threads.retrieve(thread_id=self.threads_by_customer[customer])
        return thread.created_at

    def tag(self, customer: str, tier: str) -> None:
        self.client.beta.threads.update(
            self.threads_by_customer[customer],
            metadata={"customer": customer, "tier": tier},
        )

    def attach_files(self, customer: str, file_ids: list[str]) -> None:
        self.client.beta.threads.update(
            self.threads_by_customer[customer],
            tool_resources={"code_interpreter": {"file_ids": file_ids}},
        )

    def close(self, customer: str) -> bool:
        deleted = self.client.beta.threads.delete(self.threads_by_customer.pop(customer))
        return deleted.deleted


def with_vector_store(client: OpenAI, vector_store_id: str) -> str:
    # TODO(assistants-migrate): AM303 thread tool_resources dropped (conversations carry no tools): pass them as tools= on each responses.create; was: {"file_search": {"vector_store_ids": [vector_store_id]}}
    thread = client.conversations.create(
        metadata={"source": "upload"},
    )
    return thread.id


def from_settings(client: OpenAI, params: dict) -> str:
    # TODO(assistants-migrate): AM304 threads.create(**...) with keys unknown statically: use client.conversations.create (items= instead of messages=, at most 20 per call)
    thread = client.beta.threads.create(**params)
    return thread.id


def azure_thread() -> str:
    azure = AzureOpenAI(api_version="2024-05-01-preview", azure_endpoint="https://example.openai.azure.com")
    threads = azure.beta.threads
    thread = azure.conversations.create()
    azure.conversations.delete(thread.id)
    return thread.id


def module_client() -> None:
    thread = openai.conversations.create()
    print(thread.id)
    openai.conversations.delete(conversation_id=thread.id)
