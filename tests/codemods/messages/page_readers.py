"""A page that escapes (stays a page): its readers elsewhere; harmless uses; parts, run output, citations."""

from openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(model="gpt-4o", instructions="Answer from the files.")


def show(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    print(messages.data[0].content[0].text.value)
    for message in messages:
        print(message.role)
    print(messages.has_more)


def printed(thread_id: str) -> str:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    print(messages)
    return messages.data[0].content[0].text.value


def printed_in_fstring(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    print(f"Messages: {messages}")


def oldest_first(thread_id: str) -> str | None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    messages = list(messages)
    messages.reverse()
    last = None
    for message in messages:
        if message.role == "assistant":
            last = message.content[0].text.value
    return last


def all_text(thread_id: str) -> list[str]:
    out = []
    for message in client.beta.threads.messages.list(thread_id=thread_id).data:
        for text in message.content:
            out.append(text.text.value)
    return out


def run_output(question: str) -> str:
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    messages = list(client.beta.threads.messages.list(thread_id=thread.id, run_id=run.id))
    print("messages:", messages)
    return messages[0].content[0].text.value


def cited_files(thread_id: str) -> list[str]:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    found = []
    for annotation in messages.data[0].content[0].text.annotations:
        if annotation.type == "file_citation":
            found.append(annotation.file_citation.file_id)
        if file_citation := getattr(annotation, "file_citation", None):
            found.append(file_citation.file_id)
    return found


def shown_whole(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    for message in messages:
        print(f"{message.role}: {message.content}")
    print(messages.data[0])
    print(messages.data[0].content[0])
    print(messages.data[0].content[0].text.value)


def tool_calls_shown(thread_id: str) -> None:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant.id)
    if run.status == "requires_action":
        calls = run.required_action.submit_tool_outputs.tool_calls
        print(calls)
        for call in calls:
            print(call)
            print(call.function.name)
