from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

OLD = "import openai\nclient = openai.OpenAI()\nvs = client.beta.vector_stores.create(name='docs')\n"
NEW = "import openai\nclient = openai.OpenAI()\nvs = client.vector_stores.create(name='docs')\n"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a real process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "assistants_migrate", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def run_json(*args: str, cwd: Path) -> tuple[int, dict]:
    proc = run_cli(*args, "--format", "json", "-q", cwd=cwd)
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return root
