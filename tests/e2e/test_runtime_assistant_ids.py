"""An assistant id known only at run time (an env var): after the rewrite the program still runs.

The rewrite reads the assistant's Responses parameters from `assistant_configs`; the project
has no such module, so the rewrite creates it next to the script. It holds no entry yet: the
program reads the id once from the server (here the emulator, which still serves Assistants)
and converts it, and the module's single TODO is the one manual item.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

from openai import OpenAI

from assistants_migrate.findings import MARKER_PREFIX
from tests.e2e.programs import emulator_env, rewrite, run_program, twins

PROGRAM = '''\
import os

from openai import OpenAI

client = OpenAI()
ASSISTANT_ID = os.environ["ASSISTANT_ID"]


def ask(question: str) -> str:
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=ASSISTANT_ID)
    print(run.status)
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value


print(ask("What is 2 + 2?"))
'''


def test_runtime_id_program_runs_the_same_after_rewrite(emulator, tmp_path: pathlib.Path) -> None:
    client = OpenAI(base_url=emulator.base_url, api_key="sk-emulator")
    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Answer briefly.")
    env = emulator_env(emulator.base_url, ASSISTANT_ID=assistant.id)
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": PROGRAM}))
    rewrite(str(migrated.parent))
    rewritten = migrated.read_text()
    assert ".beta." not in rewritten and MARKER_PREFIX not in rewritten, rewritten
    configs = migrated.parent / "assistant_configs.py"
    assert configs.read_text().count(MARKER_PREFIX) == 1  # one manual item for the whole program

    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout

    second = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", "--check", str(migrated.parent)],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stdout + second.stderr  # a fixed point: nothing more to do


def test_an_existing_configs_module_is_never_replaced(tmp_path: pathlib.Path) -> None:
    (tmp_path / "app.py").write_text(PROGRAM)
    mine = "ASSISTANT_CONFIGS = {}  # mine\n"
    (tmp_path / "assistant_configs.py").write_text(mine)
    rewrite(str(tmp_path / "app.py"))
    assert (tmp_path / "assistant_configs.py").read_text() == mine
    assert "from assistant_configs import ASSISTANT_CONFIGS" in (tmp_path / "app.py").read_text()
    shutil.rmtree(tmp_path)
