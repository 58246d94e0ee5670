"""Seed scenario: file search over a vector store built from local documents, answers with citations."""

from pathlib import Path

from openai import OpenAI
from typing import Any

client = OpenAI()

DOCS = Path(__file__).parent / "docs"


def build_store(name: str) -> str:
    store = client.vector_stores.create(name=name, expires_after={"anchor": "last_active_at", "days": 30})
    streams = [path.open("rb") for path in sorted(DOCS.glob("*.md"))]
    try:
        batch = client.vector_stores.file_batches.upload_and_poll(vector_store_id=store.id, files=streams)
    finally:
        for stream in streams:
            stream.close()
    print(f"indexed {batch.file_counts.completed} of {batch.file_counts.total} files")
    return store.id


store_id = build_store("handbook")

# Assistant "Librarian": Answers from the company handbook
librarian: dict[str, Any] = {
    "model": "gpt-4o",
    "instructions": "Answer only from the handbook. Cite your sources.",
    "tools": [{"type": "file_search", "vector_store_ids": [store_id], "max_num_results": 5}],
    "temperature": 0.1,
}


def ask(question: str) -> str:
    thread = client.conversations.create(items=[{"role": "user", "content": question}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **librarian)
    if run.status != "completed":
        raise RuntimeError(f"run {run.id} ended {run.status}: {run.error}")
    messages = [item for item in client.conversations.items.list(thread.id, order="desc", limit=1).data if item.type == "message"]
    reply = messages[0]
    text = next(part for part in reply.content if part.type == "output_text")
    sources = []
    # TODO(assistants-migrate): AM412 annotations are Responses annotations now: file_citation{file_id, filename, index} without marker text; file_path -> container_file_citation
    for annotation in text.annotations:
        if annotation.type == "file_citation":
            sources.append(annotation.file_id)
    return text.text + ("\n\nsources: " + ", ".join(sources) if sources else "")


if __name__ == "__main__":
    print(ask("How many vacation days do new employees get?"))
