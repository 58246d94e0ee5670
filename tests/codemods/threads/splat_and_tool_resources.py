"""Thread arguments in a dict; a conversation's tool_resources read back."""

from openai import OpenAI

client = OpenAI()


def start(question: str, store_id: str | None = None):
    thread_params = {"messages": [{"role": "user", "content": question}]}
    if store_id:
        thread_params["tool_resources"] = {"file_search": {"vector_store_ids": [store_id]}}
    thread = client.beta.threads.create(**thread_params)
    return thread


def start_with_files(question: str, file_id: str) -> None:
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
    client.beta.threads.create(**options)
