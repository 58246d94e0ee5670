"""A small Assistants-era support bot: the kind of program assistants-migrate rewrites.

Run `assistants-migrate rewrite --diff examples/` to see it moved to the Responses and
Conversations APIs.
"""

import os
import time

from openai import OpenAI

client = OpenAI()

# A vector store with the product manual, for file search.
store = client.beta.vector_stores.create(name="product-manual")
with open(os.path.join(os.path.dirname(__file__), "manual.md"), "rb") as manual:
    client.beta.vector_stores.files.upload_and_poll(vector_store_id=store.id, file=manual)

assistant = client.beta.assistants.create(
    name="Support bot",
    model="gpt-4o-mini",
    instructions="You answer questions about our product. Cite the manual.",
    tools=[{"type": "file_search"}],
    tool_resources={"file_search": {"vector_store_ids": [store.id]}},
    temperature=0.2,
)


def ask(question: str) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
    while run.status in ("queued", "in_progress"):
        time.sleep(1)
        run = client.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    if run.status != "completed":
        return f"run ended with status {run.status}"
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value


if __name__ == "__main__":
    print(ask("How do I reset my password?"))
