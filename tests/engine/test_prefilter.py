"""Files that cannot contain Assistants usage are never parsed."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistants_migrate.engine.registry import prefilter
from tests.engine.conftest import run_json

UNRELATED = '''"""Module {i}: ordinary code that happens to talk about threads and runs."""
import threading


def run_{i}(items):
    threads = [threading.Thread(target=print, args=(x,)) for x in items]
    for t in threads:
        t.start()
    return {{"assistant": "none", "messages": len(items)}}
'''


def test_two_thousand_unrelated_files_are_not_parsed(project: Path) -> None:
    for i in range(2000):
        folder = project / f"pkg{i // 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"mod{i}.py").write_text(UNRELATED.format(i=i))
    (project / "uses_api.py").write_text("import openai\nopenai.beta.vector_stores.list()\n")
    code, data = run_json("rewrite", "--check", ".", cwd=project)
    summary = data["summary"]
    assert summary["files_scanned"] == 2001
    assert summary["files_parsed"] == 1  # only the file that uses the API
    assert summary["counts"]["skipped_by_prefilter"] == 2000
    assert code == 1


# -- which bytes make a candidate --------------------------------------------------------------------

CANDIDATES = {
    "resource through the client": b"def f(client):\n    return client.beta.threads.create()\n",
    "resource split over lines": b"x = (client.beta\n     .assistants.list())\n",
    "event handler subclass": b"from somewhere import AssistantEventHandler\n",
    "run status test": b"if run.status == 'requires_action':\n    pass\n",
    "tool outputs": b"c.submit_tool_outputs_and_poll(run_id=r)\n",
    "raw stream event name": b"if event.event == 'thread.message.delta':\n    pass\n",
    "openai import with an API word": b"import os, openai as oa\nb = oa.OpenAI().beta\n",
    "from-import of a beta type": b"from openai.types.beta import Assistant\n",
    "message text reader beside the SDK": b"from openai import OpenAI\nprint(m.content[0].text.value)\n",
    "notebook cell": b'{"cells": [{"source": ["import openai\\n", "a = client.beta\\n"]}]}',
    "this tool's marker": b"# TODO(assistants-migrate): AM101 do it by hand\nx = 1\n",
}

NOT_CANDIDATES = {
    "beta as a word": b"def betavariate(alpha, beta):\n    return beta\n",
    "beta without the SDK": b"beta = 0.9\nthreads = []\n",
    "a longer identifier": b"required_actions = []\nfor a in required_actions:\n    pass\n",
    "Chat Completions": b"from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model='m', messages=[])\n",
    "openai in prose only": b"# we talk to openai's beta endpoint elsewhere\nfrom x import y\n",
    "thread.run() call": b"thread.run()\nthread.message = 1\n",
}


@pytest.mark.parametrize("name", sorted(CANDIDATES))
def test_assistants_spellings_are_candidates(name: str) -> None:
    assert prefilter().matches(CANDIDATES[name])


@pytest.mark.parametrize("name", sorted(NOT_CANDIDATES))
def test_everyday_python_is_not_a_candidate(name: str) -> None:
    assert not prefilter().matches(NOT_CANDIDATES[name])


@given(st.text(alphabet=string.printable, max_size=200), st.text(alphabet=string.printable, max_size=200))
def test_an_assistants_only_token_anywhere_makes_a_candidate(before: str, after: str) -> None:
    for token in (" client.beta.vector_stores ", " AsyncAssistantEventHandler ", " requires_action "):
        assert prefilter().matches((before + token + after).encode())


def test_the_prefilter_is_built_without_libcst_or_codemods() -> None:
    """Start-up: a tree with no candidate must not pay for importing the rewriting machinery."""
    code = (
        "import sys\n"
        "from assistants_migrate.engine.registry import prefilter\n"
        "prefilter().matches(b'x')\n"
        "heavy = [m for m in sys.modules if m.startswith('libcst') or m.startswith('assistants_migrate.codemods.')"
        " and m != 'assistants_migrate.codemods.triggers']\n"
        "print(heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
