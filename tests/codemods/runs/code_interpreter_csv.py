"""Code interpreter over an uploaded CSV file."""

import time

from openai import OpenAI

client = OpenAI()

csv_file = client.files.create(file=open("sales.csv", "rb"), purpose="assistants")

analyst = client.beta.assistants.create(
    name="Data analyst",
    model="gpt-4o",
    instructions="Analyse the CSV files you are given and answer with numbers.",
    tools=[{"type": "code_interpreter"}],
    tool_resources={"code_interpreter": {"file_ids": [csv_file.id]}},
)

thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What was the best month?")
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=analyst.id, max_completion_tokens=2000)

while True:
    run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    if run.status == "completed":
        break
    if run.status in ("failed", "cancelled", "expired"):
        raise RuntimeError(f"run {run.id} ended as {run.status}")
    time.sleep(2)

for message in client.beta.threads.messages.list(thread_id=thread.id, order="asc"):
    for part in message.content:
        if part.type == "text":
            print(message.role, part.text.value)
