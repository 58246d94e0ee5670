"""Thread arguments in a dict; a conversation's tool_resources read back."""

from openai import OpenAI

client = OpenAI()


def start(question: str, store_id: str | None = None):
    thread_params = {"messages": [{"role": "user", "content": question}]}
    if store_id:
        thread_params["tool_resources"] = {"file_search": {"vector_store_ids": [store_id]}}
    # TODO(assistants-migrate): AM303 thread tool_resources dropped (conversations carry no tools): pass them as tools= on each responses.create; was (set conditionally in thread_params): {"file_search": {"vector_store_ids": [store_id]}}
    thread = client.conversations.create(items=[{"role": "user", "content": question}])
    return thread


def start_with_files(question: str, file_id: str) -> None:
    # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by thread.tool_resources (line 26): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
    thread = client.beta.threads.create(
        messages=[
            {
                "role": "user",
                "content": question,
                "attachments": [{"file_id": file_id, "tools": [{"type": "file_search"}]}],
            }
        ]
    )
    print(thread.tool_resources.file_search)


def unknown(options: dict) -> None:
    # TODO(assistants-migrate): AM304 threads.create(**...) with keys unknown statically: use client.conversations.create (items= instead of messages=, at most 20 per call)
    client.beta.threads.create(**options)
