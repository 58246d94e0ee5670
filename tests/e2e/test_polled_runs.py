"""A run the program polls itself becomes a background response: the statuses it prints stay.

On the Assistants API a run is `queued`, then `in_progress` under each poll, then final; a plain
`responses.create` is final at once, so a loop that prints each status would print less. Created
with `background=True`, the response walks the same steps under `responses.retrieve` (the emulator
paces both alike), and the program prints what it printed. A run it only waits for stays synchronous
and its loop goes.
"""

from __future__ import annotations

import pathlib

from tests.e2e.programs import emulator_env, rewrite, run_both, twins

PROGRAM = '''\
import time

from openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(name="Math Tutor", model="gpt-4o", instructions="Answer briefly.")


def wait_on_run(run, thread):
    while run.status == "queued" or run.status == "in_progress":
        run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
        time.sleep(0.01)
        print("helper saw", run.status)
    return run


thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What is 2 + 2?")
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
print("created", run.status)
while run.status != "completed":
    run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    print("polled", run.status)
    time.sleep(0.01)
messages = client.beta.threads.messages.list(thread_id=thread.id)
print(messages.data[0].content[0].text.value)

client.beta.threads.messages.create(thread_id=thread.id, role="user", content="And 3 + 3?")
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
wait_on_run(run, thread)
messages = client.beta.threads.messages.list(thread_id=thread.id)
print(messages.data[0].content[0].text.value)

client.beta.threads.messages.create(thread_id=thread.id, role="user", content="And 4 + 4?")
quiet = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
while quiet.status in ("queued", "in_progress"):
    time.sleep(0.01)
    quiet = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=quiet.id)
messages = client.beta.threads.messages.list(thread_id=thread.id)
print(messages.data[0].content[0].text.value)
'''


def test_polled_runs_print_the_same_statuses(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": PROGRAM}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert ".beta.threads" not in text
    assert text.count("background=True") == 2  # the watched run and the one handed to the helper
    assert "while quiet.status" not in text  # the loop that only waited went; its run is synchronous

    env = emulator_env(emulator.base_url)
    before, after = run_both(original, migrated, env)
    assert "polled in_progress" in before.stdout and "helper saw in_progress" in before.stdout
    assert after.stdout == before.stdout


TOOL_PROGRAM = '''\
import json
import time

from openai import OpenAI

client = OpenAI()
tools = [{"type": "function", "function": {"name": "add", "parameters": {"type": "object"}}}]
assistant = client.beta.assistants.create(model="gpt-4o", tools=tools)
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content='Please add {"a": 2, "b": 3}')
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
while run.status not in ["completed", "failed", "requires_action"]:
    run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    print("polled")  # not the status: a run that wants tool outputs says requires_action, a response completed
    time.sleep(0.01)
if run.status == "requires_action":
    calls = run.required_action.submit_tool_outputs.tool_calls
    outputs = [{"tool_call_id": c.id, "output": str(sum(json.loads(c.function.arguments).values()))} for c in calls]
    run = client.beta.threads.runs.submit_tool_outputs(thread_id=thread.id, run_id=run.id, tool_outputs=outputs)
    while run.status not in ["completed", "failed", "requires_action"]:
        run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
        print("after outputs", run.status)
        time.sleep(0.01)
print(client.beta.threads.messages.list(thread_id=thread.id).data[0].content[0].text.value)
'''


def test_tool_outputs_of_a_polled_run_resume_in_the_background(emulator, tmp_path: pathlib.Path) -> None:
    """`submit_tool_outputs` puts a run back to queued; the response that takes the outputs is created
    in the background too, so the loop after it still sees in_progress before completed."""
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": TOOL_PROGRAM}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert ".beta.threads" not in text and text.count("background=True") == 2

    env = emulator_env(emulator.base_url)
    before, after = run_both(original, migrated, env)
    assert "after outputs in_progress" in before.stdout and "add -> 5" in before.stdout
    assert after.stdout == before.stdout
