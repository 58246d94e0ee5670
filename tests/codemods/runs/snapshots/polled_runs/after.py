"""Runs the program polls itself become background responses; runs it only waits for stay
synchronous. A kept polling loop (it prints), a status printed or returned before anything
waited, a helper the run is handed to or returned from, an id held in a name:
`background=True`, so the response still walks queued -> in_progress -> completed under
`responses.retrieve`. A loop that only waits goes, and `runs.poll` (the SDK's own wait)
needs no background."""

import time

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def watched(thread_id: str, assistant_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    print(f"Run created: {run.status}")
    while run.status != "completed":
        run = client.responses.retrieve(run.id)
        print(f"Run status: {run.status}")
        time.sleep(0.5)


def wait_on_run(run, thread_id):
    while run.status == "queued" or run.status == "in_progress":
        run = client.responses.retrieve(run.id)
        time.sleep(0.5)
        print(run.status)
    return run


def handed_to_helper(thread_id: str, assistant_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    wait_on_run(run, thread_id)


def by_id(thread_id: str, assistant_id: str) -> None:
    started = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    run_id = started.id
    while True:
        current = client.responses.retrieve(run_id)
        if current.status == "completed":
            break
        time.sleep(1)


def started(thread_id: str, assistant_id: str) -> dict:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    return {"run_id": run.id, "status": run.status}


def start_run(thread_id: str, assistant_id: str):
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    return run


def start_run_directly(thread_id: str, assistant_id: str):
    return client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)


def check_status(thread_id: str, run_id: str):
    while True:
        run = client.responses.retrieve(run_id)
        print(f"Current run status: {run.status}")
        if run.status == "completed":
            return run


def returned(thread_id: str, assistant_id: str) -> None:
    run = start_run(thread_id, assistant_id)
    run = check_status(thread_id, run.id)
    direct = start_run_directly(thread_id, assistant_id)
    check_status(thread_id, direct.id)


def only_waits(thread_id: str, assistant_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    print(run.status)


def sdk_poll(thread_id: str, assistant_id: str) -> None:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    run = client.responses.retrieve(run.id)
    print(run.status)
