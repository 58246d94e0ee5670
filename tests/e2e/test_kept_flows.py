"""A thread flow with one call that has no Responses equivalent stays whole on the Assistants API.

Half migrated, this program would hand a `conv_` id to `runs.list` (a 404) and an assistant's
name where its id is read. Kept whole, it runs exactly as before, with one marker at the flow's root
that names the blocking call; a flow in another function that shares nothing with it is migrated.
"""

from __future__ import annotations

import pathlib

from assistants_migrate.findings import MARKER_PREFIX
from tests.e2e.programs import emulator_env, rewrite, run_program, twins

PROGRAM = '''\
from openai import OpenAI

client = OpenAI()


def tutor(question: str) -> None:
    assistant = client.beta.assistants.create(name="Math Tutor", model="gpt-4o", instructions="Answer briefly.")
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    runs = client.beta.threads.runs.list(thread_id=thread.id)
    print(run.status, len(runs.data) > 0, assistant.id.startswith("asst_"))


def standalone() -> None:
    thread = client.beta.threads.create()
    print("standalone", bool(thread.id))
    client.beta.threads.delete(thread.id)


tutor("What is 2 + 2?")
standalone()
'''


def test_blocked_flow_is_kept_whole_and_still_runs(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": PROGRAM}))
    rewrite(str(migrated))
    text = migrated.read_text()
    tutor, standalone = text.split("def standalone")
    assert "client.beta.threads.runs.list" in tutor and "client.beta.assistants.create" in tutor
    assert tutor.count(MARKER_PREFIX) == 1 and f"{MARKER_PREFIX} AM011 " in tutor and "threads.runs.list" in tutor
    assert "client.conversations.create()" in standalone and ".beta." not in standalone

    env = emulator_env(emulator.base_url)
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout


# outputs built by a helper and submitted by a kept call, tools defined at module level for a kept
# assistant: values that flow into the kept calls keep their Assistants shape (else a 400 at run time)
VALUES_INTO_KEPT_CALLS = pathlib.Path(__file__).parents[1] / "codemods" / "tool_calls" / "kept_flow_outputs_helper.py"


def test_values_flowing_into_a_kept_flow_keep_their_shape(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": VALUES_INTO_KEPT_CALLS.read_text()}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert text.count(MARKER_PREFIX) == 1 and f"{MARKER_PREFIX} AM011 " in text
    assert '"tool_call_id": call.id' in text and '"function": {' in text and "openai.types.responses" not in text

    env = emulator_env(emulator.base_url)
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert "completed" in before.stdout
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout


SHOWN_STEPS = '''\
from openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(name="Tutor", model="gpt-4o", instructions="Answer briefly.")
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What is 2 + 2?")
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run.id)
print(f"{len(steps.data)} step(s)")
messages = client.beta.threads.messages.list(thread_id=thread.id)
print(messages.data[0].content[0].text.value)
'''


def test_run_steps_only_shown_become_output_items_and_the_flow_migrates(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": SHOWN_STEPS}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert ".beta." not in text and "steps = run.output" in text
    assert f"{MARKER_PREFIX} AM011 " not in text and text.count(MARKER_PREFIX) == 1  # the steps' shape (AM508)

    env = emulator_env(emulator.base_url)
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout  # one message-creation step, one message item
