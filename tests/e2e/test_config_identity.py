"""In-code assistant configs keep a meaningful identity (whole-program migration, class 1).

The key that replaces an assistant's id (its name) can travel: stored in a global by one function
and run by another. The config is registered under that key, so `ASSISTANT_CONFIGS[key]` finds it
(it used to be a KeyError); deleting an in-code config deletes nothing (never a delete by name).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

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


def _run(path: pathlib.Path, base_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-emulator", PYTHONWARNINGS="ignore::DeprecationWarning")
    return subprocess.run([sys.executable, path.name], capture_output=True, text=True, env=env, cwd=path.parent,
                          timeout=120)


def test_a_config_key_stored_in_a_global_runs_and_a_delete_deletes_nothing(emulator, tmp_path: pathlib.Path) -> None:
    original = tmp_path / "original" / "app.py"
    migrated = tmp_path / "migrated" / "app.py"
    for path in (original, migrated):
        path.parent.mkdir()
        path.write_text(PROGRAM)
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", str(migrated)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    text = migrated.read_text()
    assert 'ASSISTANT_CONFIGS["Teacher"] = assistant' in text
    assert "assistants.delete" not in text and ".beta." not in text

    before, after = _run(original, emulator.base_url), _run(migrated, emulator.base_url)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
