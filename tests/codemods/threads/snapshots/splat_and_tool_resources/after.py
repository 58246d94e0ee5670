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
    # TODO(assistants-migrate): AM403 message attachments dropped: for file_search add the files to a vector store and pass tools=[{"type": "file_search", "vector_store_ids": [...]}] on responses.create (or put {"type": "input_file", "file_id": ...} parts in the content); for code_interpreter pass {"type": "code_interpreter", "container": {"type": "auto", "file_ids": [...]}}; was: [{"file_id": file_id, "tools": [{"type": "file_search"}]}]
    thread = client.conversations.create(
        items=[
            {
                "role": "user",
                "content": question,
            }
        ]
    )
    # TODO(assistants-migrate): AM303 thread.tool_resources: thread is a conversation now, and conversations carry no tools (reads None now): keep the tool resources yourself and pass them as tools= on each responses.create
    print(getattr(thread, "tool_resources", None).file_search)


def unknown(options: dict) -> None:
    # TODO(assistants-migrate): AM304 threads.create(**...) with keys unknown statically: use client.conversations.create (items= instead of messages=, at most 20 per call)
    client.beta.threads.create(**options)
