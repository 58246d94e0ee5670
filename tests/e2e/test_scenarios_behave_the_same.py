"""Behaviour: an Assistants program and its migrated twin print exactly the same text.

Each program under `scenarios/` is rewritten with every codemod (as `rewrite` does),
then the original and the rewrite run in subprocesses against the emulator, whose
scripted model answers a run and a response alike. Their stdout must be identical,
and the rewrite must be complete: no TODO marker, no Assistants call left.
"""

from __future__ import annotations

import pathlib

import pytest

from assistants_migrate.engine.codemod import Options
from assistants_migrate.engine.registry import all_codemods
from assistants_migrate.engine.transform import transform_source
from assistants_migrate.findings import MARKER_PREFIX
from tests.e2e.programs import emulator_env, run_program

SCENARIOS = sorted(p for p in (pathlib.Path(__file__).parent / "scenarios").glob("*.py") if not p.name.startswith("_"))


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

    before = run_program(original_file, emulator_env(emulator.base_url))
    assert before.returncode == 0, before.stderr
    after = run_program(migrated_file, emulator_env(emulator.base_url))
    assert after.returncode == 0, after.stderr + "\n" + migrated
    assert before.stdout, "the scenario printed nothing"
    assert after.stdout == before.stdout
