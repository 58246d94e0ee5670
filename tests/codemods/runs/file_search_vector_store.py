"""Seed scenario: file search over a vector store built from local documents, answers with citations."""

from pathlib import Path

from openai import OpenAI

client = OpenAI()

DOCS = Path(__file__).parent / "docs"


def build_store(name: str) -> str:
    store = client.beta.vector_stores.create(name=name, expires_after={"anchor": "last_active_at", "days": 30})
    streams = [path.open("rb") for path in sorted(DOCS.glob("*.md"))]
    try:
        batch = client.beta.vector_stores.file_batches.upload_and_poll(vector_store_id=store.id, files=streams)
    finally:
        for stream in streams:
            stream.close()
    print(f"indexed {batch.file_counts.completed} of {batch.file_counts.total} files")
    return store.id


store_id = build_store("handbook")

librarian = client.beta.assistants.create(
    name="Librarian",
    description="Answers from the company handbook",
    model="gpt-4o",
    instructions="Answer only from the handbook. Cite your sources.",
    tools=[{"type": "file_search", "file_search": {"max_num_results": 5}}],
    tool_resources={"file_search": {"vector_store_ids": [store_id]}},
    temperature=0.1,
)


def ask(question: str) -> str:
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=librarian.id)
    if run.status != "completed":
        raise RuntimeError(f"run {run.id} ended {run.status}: {run.last_error}")
    messages = client.beta.threads.messages.list(thread_id=thread.id, order="desc", limit=1)
    reply = messages.data[0]
    text = reply.content[0].text
    sources = []
    for annotation in text.annotations:
        if annotation.type == "file_citation":
            sources.append(annotation.file_citation.file_id)
    return text.value + ("\n\nsources: " + ", ".join(sources) if sources else "")


if __name__ == "__main__":
    print(ask("How many vacation days do new employees get?"))
