"""Behaviour: an Assistants program and its migrated twin print exactly the same text.

Each program under `scenarios/` is rewritten with every codemod (as `rewrite` does),
then the original and the rewrite run in subprocesses against the emulator, whose
scripted model answers a run and a response alike. Their stdout must be identical,
and the rewrite must be complete: no TODO marker, no Assistants call left.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from assistants_migrate.engine.codemod import Options
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine.transform import transform_source
from assistants_migrate.findings import MARKER_PREFIX

SCENARIOS = sorted(p for p in (pathlib.Path(__file__).parent / "scenarios").glob("*.py") if not p.name.startswith("_"))


def _run(path: pathlib.Path, base_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-emulator", PYTHONWARNINGS="ignore::DeprecationWarning")
    return subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, cwd=path.parent, timeout=120
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_original_and_migrated_print_the_same(scenario: pathlib.Path, emulator, tmp_path: pathlib.Path) -> None:
    source = scenario.read_text()
    result = transform_source(source, scenario.name, all_codemods(), Options())
    migrated = result.code
    assert MARKER_PREFIX not in migrated, migrated
    assert ".beta." not in migrated, migrated
    assert all(f.fixed for f in result.findings), [f for f in result.findings if not f.fixed]

    original_file = tmp_path / "original" / scenario.name
    migrated_file = tmp_path / "migrated" / scenario.name
    for path, text in ((original_file, source), (migrated_file, migrated)):
        path.parent.mkdir()
        path.write_text(text)

    before = _run(original_file, emulator.base_url)
    assert before.returncode == 0, before.stderr
    after = _run(migrated_file, emulator.base_url)
    assert after.returncode == 0, after.stderr + "\n" + migrated
    assert before.stdout, "the scenario printed nothing"
    assert after.stdout == before.stdout
