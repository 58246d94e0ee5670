"""Lookalikes: programs that look like Assistants code but are not OpenAI's.

Each one is rewritten the way a user would (`assistants-migrate rewrite DIR`, so the
project index sees every file), and must come out byte for byte unchanged, except
where a file also holds a real OpenAI client: there only the client's statements may
change, and every line that touches the lookalike stays as it was. Each still runs.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

PROGRAMS = sorted((pathlib.Path(__file__).parent / "programs").glob("*.py"))
# files that also use a real OpenAI client inside a function the program never calls
MIXED = {"mixed_client_and_lookalike.py": "openai_side"}


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    tree = tmp_path_factory.mktemp("traps")
    for program in PROGRAMS:
        shutil.copy(program, tree / program.name)
    done = subprocess.run(
        [sys.executable, "-m", "assistants_migrate", "rewrite", "--jobs", "1", str(tree)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    return tree


def test_there_are_at_least_twenty_traps() -> None:
    assert len(PROGRAMS) >= 20


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_lookalike_is_left_alone_and_still_runs(program: pathlib.Path, rewritten: pathlib.Path) -> None:
    before = program.read_text()
    after = (rewritten / program.name).read_text()
    if program.name in MIXED:
        kept = [line for line in before.splitlines() if "client" not in line and "openai" not in line.lower()]
        assert all(line in after.splitlines() for line in kept)
        assert after != before, "the real client's call should have been migrated"
    else:
        assert after == before
    ran = subprocess.run([sys.executable, str(rewritten / program.name)], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    original = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, timeout=60)
    assert ran.stdout == original.stdout
