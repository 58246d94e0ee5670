"""Objects that flow between functions and modules are migrated whole (issue: whole-program migration).

An assistant made in one module and run in another, and a message page read by a helper in a
third: each file alone looks like run-time ids and an escaping page; the project index sees the
flows, so the run spreads the config and the helper reads conversation items. The program prints
the same before and after, with no marker.
"""

from __future__ import annotations

import pathlib

from assistants_migrate.findings import MARKER_PREFIX
from tests.e2e.programs import emulator_env, rewrite, run_program, twins

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


def test_flows_across_modules_are_migrated_whole(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated_dir = twins(tmp_path, FILES)
    rewrite(str(migrated_dir))
    migrated = {name: (tmp_path / "migrated" / name).read_text() for name in FILES}
    assert not any(".beta." in text or MARKER_PREFIX in text for text in migrated.values()), migrated
    assert "**assistant" in migrated["helpers.py"]
    assert not (tmp_path / "migrated" / "assistant_configs.py").exists()

    env = emulator_env(emulator.base_url)
    before, after = run_program(original / "main.py", env), run_program(migrated_dir / "main.py", env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
