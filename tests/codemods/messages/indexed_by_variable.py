"""A message taken from the list by a variable index (messages.data[i]) is one message, not a slice (class 3)."""

from openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(model="gpt-4o")
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Hello")
client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
messages = client.beta.threads.messages.list(thread_id=thread.id)
for i in reversed(range(0, 2)):
    message = messages.data[i]
    for content in message.content:
        if content.type == "text":
            print(f"{message.role}: {content.text.value}")
