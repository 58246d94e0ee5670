"""In-code assistant configs keep a meaningful identity (whole-program migration, class 1).

The key that replaces an assistant's id (its name) can travel: stored in a global by one function
and run by another. The config is registered under that key, so `ASSISTANT_CONFIGS[key]` finds it
(it used to be a KeyError); deleting an in-code config deletes nothing (never a delete by name).
"""

from __future__ import annotations

import pathlib

from tests.e2e.programs import emulator_env, rewrite, run_program, twins

PROGRAM = '''\
from openai import OpenAI

client = OpenAI()
assistant_id = None


def create() -> None:
    global assistant_id
    assistant = client.beta.assistants.create(name="Teacher", model="gpt-4o", instructions="Teach briefly.")
    assistant_id = assistant.id


def ask(question: str) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant_id)
    return run.status


def cleanup() -> None:
    helper = client.beta.assistants.create(name="Temp", model="gpt-4o")
    deleted = client.beta.assistants.delete(helper.id)
    print("cleanup", deleted is None or deleted.deleted)


create()
print(ask("What is 2 + 2?"))
cleanup()
'''


def test_a_config_key_stored_in_a_global_runs_and_a_delete_deletes_nothing(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": PROGRAM}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert 'ASSISTANT_CONFIGS["Teacher"] = assistant' in text
    assert "assistants.delete" not in text and ".beta." not in text

    env = emulator_env(emulator.base_url)
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
