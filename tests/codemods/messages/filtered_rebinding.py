"""A listed page rebound to a filtered list of its messages: later readers see the list (class 3)."""

from openai import OpenAI

client = OpenAI()


def chat(thread_id: str) -> str:
    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant.id)
    if run.status == "completed":
        messages = client.beta.threads.messages.list(thread_id=thread_id)
        messages = [message for message in messages if message.role == "assistant"]
        return messages[0].content[0].text.value
    return ""
