"""A thread flow with one call that has no Responses equivalent stays whole on the Assistants API.

Half migrated, this program would hand a `conv_` id to `runs.steps.list` (a 404) and an assistant's
name where its id is read. Kept whole, it runs exactly as before, with one marker at the flow's root
that names the blocking call; a flow in another function that shares nothing with it is migrated.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from assistants_migrate.findings import MARKER_PREFIX

PROGRAM = '''\
from openai import OpenAI

client = OpenAI()


def tutor(question: str) -> None:
    assistant = client.beta.assistants.create(name="Math Tutor", model="gpt-4o", instructions="Answer briefly.")
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run.id)
    print(run.status, len(steps.data) > 0, assistant.id.startswith("asst_"))


def standalone() -> None:
    thread = client.beta.threads.create()
    print("standalone", bool(thread.id))
    client.beta.threads.delete(thread.id)


tutor("What is 2 + 2?")
standalone()
'''


def _run(path: pathlib.Path, base_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-emulator", PYTHONWARNINGS="ignore::DeprecationWarning")
    return subprocess.run([sys.executable, path.name], capture_output=True, text=True, env=env, cwd=path.parent,
                          timeout=120)


def test_blocked_flow_is_kept_whole_and_still_runs(emulator, tmp_path: pathlib.Path) -> None:
    original = tmp_path / "original" / "app.py"
    migrated = tmp_path / "migrated" / "app.py"
    for path in (original, migrated):
        path.parent.mkdir()
        path.write_text(PROGRAM)
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", str(migrated)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    text = migrated.read_text()
    tutor, standalone = text.split("def standalone")
    assert "client.beta.threads.runs.steps.list" in tutor and "client.beta.assistants.create" in tutor
    assert tutor.count(MARKER_PREFIX) == 1 and f"{MARKER_PREFIX} AM011 " in tutor and "runs.steps.list" in tutor
    assert "client.conversations.create()" in standalone and ".beta." not in standalone

    before, after = _run(original, emulator.base_url), _run(migrated, emulator.base_url)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
