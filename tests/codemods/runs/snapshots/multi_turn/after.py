"""A multi-turn thread: retrieve it later, list and cancel runs, inspect steps, delete."""

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
ASSISTANT_ID = "asst_abc123"


def continue_thread(thread_id: str, text: str) -> str:
    thread = client.conversations.retrieve(thread_id)
    # make sure no run is still active on the thread
    # TODO(assistants-migrate): AM506 responses cannot be listed; a synchronous response is never left in progress
    for active in client.beta.threads.runs.list(thread_id=thread.id, limit=5):
        if active.status in ("queued", "in_progress"):
            # TODO(assistants-migrate): AM505 a synchronous response cannot be cancelled (only background=True ones)
            client.beta.threads.runs.cancel(active.id, thread_id=thread.id)
    client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": text}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **ASSISTANT_CONFIGS[ASSISTANT_ID])
    # TODO(assistants-migrate): AM508 run steps have no equivalent: read response.output items instead
    steps = client.beta.threads.runs.steps.list(run_id=run.id, thread_id=thread.id)
    for step in steps.data:
        print(step.type)
    # TODO(assistants-migrate): AM507 responses have no update: pass metadata= to responses.create
    client.beta.threads.runs.update(run.id, thread_id=thread.id, metadata={"turn": "2"})
    return run.id


def finish(thread_id: str) -> None:
    client.conversations.delete(thread_id)
