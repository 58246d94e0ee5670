"""A multi-turn thread: retrieve it later, list and cancel runs, inspect steps, delete."""

from openai import OpenAI

client = OpenAI()
ASSISTANT_ID = "asst_abc123"


def continue_thread(thread_id: str, text: str) -> str:
    # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by threads.runs.list (line 12), threads.runs.cancel (line 14), threads.runs.steps.list (line 17), threads.runs.update (line 20): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
    thread = client.beta.threads.retrieve(thread_id)
    # make sure no run is still active on the thread
    for active in client.beta.threads.runs.list(thread_id=thread.id, limit=5):
        if active.status in ("queued", "in_progress"):
            client.beta.threads.runs.cancel(active.id, thread_id=thread.id)
    client.beta.threads.messages.create(thread.id, role="user", content=text)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=ASSISTANT_ID)
    steps = client.beta.threads.runs.steps.list(run_id=run.id, thread_id=thread.id)
    for step in steps.data:
        print(step.type)
    client.beta.threads.runs.update(run.id, thread_id=thread.id, metadata={"turn": "2"})
    return run.id


def finish(thread_id: str) -> None:
    client.conversations.delete(thread_id)
