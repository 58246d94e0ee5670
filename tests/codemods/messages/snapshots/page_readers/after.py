"""A page that escapes (stays a page): its readers elsewhere; harmless uses; parts, run output, citations."""

from openai import OpenAI
from typing import Any

client = OpenAI()
assistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Answer from the files."}


def show(thread_id: str) -> None:
    # TODO(assistants-migrate): AM410 the page now holds conversation items: keep item.type == "message" items and read text from parts (part.text), not content[0].text.value
    messages = client.conversations.items.list(thread_id)
    print("".join(part.text for part in [item for item in messages.data if item.type == "message"][0].content if part.type in ("input_text", "output_text")))
    for message in (item for item in messages if item.type == "message"):
        print(message.role)
    # TODO(assistants-migrate): AM410 `messages` is a page of conversation items now (not only messages; text is part.text): check this use
    print(messages.has_more)


def printed(thread_id: str) -> str:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    # TODO(assistants-migrate): AM012 `messages` holds conversation items now, not thread messages: this output changes shape
    print(messages)
    return "".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text"))


def printed_in_fstring(thread_id: str) -> None:
    # TODO(assistants-migrate): AM410 the page now holds conversation items: keep item.type == "message" items and read text from parts (part.text), not content[0].text.value
    messages = client.conversations.items.list(thread_id)
    # TODO(assistants-migrate): AM410 `messages` is a page of conversation items now (not only messages; text is part.text): check this use
    # TODO(assistants-migrate): AM012 `messages` holds conversation items now, not thread messages: this output changes shape
    print(f"Messages: {messages}")


def oldest_first(thread_id: str) -> str | None:
    messages = [item for item in client.conversations.items.list(thread_id) if item.type == "message"]
    messages = list(messages)
    messages.reverse()
    last = None
    for message in messages:
        if message.role == "assistant":
            last = "".join(part.text for part in message.content if part.type in ("input_text", "output_text"))
    return last


def all_text(thread_id: str) -> list[str]:
    out = []
    for message in [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]:
        for text in (part for part in message.content if part.type in ("input_text", "output_text")):
            out.append(text.text)
    return out


def run_output(question: str) -> str:
    thread = client.conversations.create(items=[{"role": "user", "content": question}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **assistant)
    messages = list([item for item in reversed(run.output) if item.type == "message"])
    # TODO(assistants-migrate): AM012 `messages` holds conversation items now, not thread messages: this output changes shape
    print("messages:", messages)
    return "".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text"))


def cited_files(thread_id: str) -> list[str]:
    messages = [item for item in client.conversations.items.list(thread_id).data if item.type == "message"]
    found = []
    # TODO(assistants-migrate): AM412 annotations are Responses annotations now: file_citation{file_id, filename, index} without marker text; file_path -> container_file_citation
    for annotation in next(part for part in messages[0].content if part.type == "output_text").annotations:
        if annotation.type == "file_citation":
            found.append(annotation.file_id)
        if file_citation := (annotation if annotation.type == "file_citation" else None):
            found.append(file_citation.file_id)
    return found


def shown_whole(thread_id: str) -> None:
    messages = [item for item in client.conversations.items.list(thread_id) if item.type == "message"]
    for message in messages:
        # TODO(assistants-migrate): AM012 `message` is a conversation item now, not a thread message (its content parts changed shape): this output changes shape
        print(f"{message.role}: {message.content}")
    # TODO(assistants-migrate): AM012 `messages` holds conversation items now, not thread messages (their content parts changed shape): this output changes shape
    print(messages[0])
    # TODO(assistants-migrate): AM012 `messages` holds conversation items now, not thread messages (their content parts changed shape): this output changes shape
    print(messages[0].content[0])
    print("".join(part.text for part in messages[0].content if part.type in ("input_text", "output_text")))


def tool_calls_shown(thread_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **assistant)
    if any(item.type == "function_call" for item in run.output):
        calls = [item for item in run.output if item.type == "function_call"]
        # TODO(assistants-migrate): AM012 `calls` is the response's function_call item(s) now, not a run's required tool call(s): this output changes shape
        print(calls)
        for call in calls:
            # TODO(assistants-migrate): AM012 `call` is the response's function_call item(s) now, not a run's required tool call(s): this output changes shape
            print(call)
            print(call.name)
