"""Vector stores on the old beta path (openai < 1.66), sync and async, every sub-resource."""

import asyncio

import openai
from openai import AsyncOpenAI, OpenAI
from openai.types import VectorStore
from openai.types.vector_stores import VectorStoreFile


class Indexer:
    def __init__(self) -> None:
        self.client = OpenAI()

    def build(self, paths: list[str]) -> VectorStore:
        store = self.client.vector_stores.create(name="docs", expires_after={"anchor": "last_active_at", "days": 7})
        files = [open(p, "rb") for p in paths]
        self.client.vector_stores.file_batches.upload_and_poll(vector_store_id=store.id, files=files)
        return store

    def add(self, store_id: str, file_id: str) -> VectorStoreFile:
        # argument order differs from files.create: file_id first
        return self.client.vector_stores.files.create_and_poll(file_id, vector_store_id=store_id)


def cleanup(client: OpenAI, store_id: str) -> None:
    for f in client.vector_stores.files.list(store_id):
        client.vector_stores.files.delete(f.id, vector_store_id=store_id)
    batch = client.vector_stores.file_batches.create(store_id, file_ids=[])
    client.vector_stores.file_batches.cancel(batch.id, vector_store_id=store_id)
    client.vector_stores.update(store_id, name="old")
    client.vector_stores.delete(store_id)


def module_client() -> None:
    store = openai.vector_stores.retrieve("vs_123")
    print(store.file_counts.completed)
    with open("a.txt", "rb") as fh:
        openai.vector_stores.files.upload_and_poll(vector_store_id=store.id, file=fh)


async def async_build(client: AsyncOpenAI) -> None:
    store = await client.vector_stores.create(name="async-docs")
    with open("b.txt", "rb") as fh:
        await client.vector_stores.files.upload(vector_store_id=store.id, file=fh)
    async for f in client.vector_stores.files.list(store.id):
        print(f.id)
    await client.vector_stores.file_batches.poll("vsfb_1", vector_store_id=store.id)


if __name__ == "__main__":
    asyncio.run(async_build(AsyncOpenAI()))
