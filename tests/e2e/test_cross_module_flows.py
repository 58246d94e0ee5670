"""Objects that flow between functions and modules are migrated whole (issue: whole-program migration).

An assistant made in one module and run in another, and a message page read by a helper in a
third: each file alone looks like run-time ids and an escaping page; the project index sees the
flows, so the run spreads the config and the helper reads conversation items. The program prints
the same before and after, with no marker.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from assistants_migrate.findings import MARKER_PREFIX

FILES = {
    "setup_assistant.py": '''\
from openai import OpenAI


def create_assistant(client: OpenAI):
    assistant = client.beta.assistants.create(name="Helper", model="gpt-4o", instructions="Answer briefly.")
    return assistant
''',
    "helpers.py": '''\
def show(messages):
    for message in messages.data:
        print(message.role, message.content[0].text.value)


def run_assistant(client, thread, assistant):
    return client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
''',
    "main.py": '''\
from openai import OpenAI

from helpers import run_assistant, show
from setup_assistant import create_assistant

client = OpenAI()
assistant = create_assistant(client)
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What is 2 + 2?")
run = run_assistant(client, thread, assistant)
print(run.status)
messages = client.beta.threads.messages.list(thread_id=thread.id)
show(messages)
''',
}


def _run(folder: pathlib.Path, base_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-emulator", PYTHONWARNINGS="ignore::DeprecationWarning")
    return subprocess.run([sys.executable, "main.py"], capture_output=True, text=True, env=env, cwd=folder, timeout=120)


def test_flows_across_modules_are_migrated_whole(emulator, tmp_path: pathlib.Path) -> None:
    for side in ("original", "migrated"):
        for name, text in FILES.items():
            (tmp_path / side).mkdir(exist_ok=True)
            (tmp_path / side / name).write_text(text)
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", str(tmp_path / "migrated")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    migrated = {name: (tmp_path / "migrated" / name).read_text() for name in FILES}
    assert not any(".beta." in text or MARKER_PREFIX in text for text in migrated.values()), migrated
    assert "**assistant" in migrated["helpers.py"]
    assert not (tmp_path / "migrated" / "assistant_configs.py").exists()

    before, after = _run(tmp_path / "original", emulator.base_url), _run(tmp_path / "migrated", emulator.base_url)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
