"""Basic Q&A: create an assistant, a thread, a message, run it, read the answer."""

from openai import OpenAI

client = OpenAI()

assistant = client.beta.assistants.create(
    name="Math Tutor",
    instructions="You are a personal math tutor. Answer briefly.",
    model="gpt-4o",
    tools=[{"type": "code_interpreter"}],
    temperature=0.2,
)
print(f"Created assistant {assistant.id}")

thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What is 3x + 11 = 14?")

run = client.beta.threads.runs.create_and_poll(
    thread_id=thread.id,
    assistant_id=assistant.id,
    instructions="Address the user as Jane Doe.",
)

if run.status == "completed":
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    print(messages.data[0].content[0].text.value)
else:
    print("run ended with", run.status, run.last_error)
print("tokens:", run.usage.prompt_tokens, run.usage.completion_tokens)
