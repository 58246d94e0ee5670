"""A tool-call loop split across functions is migrated whole, and runs the same.

The run is created in one helper, polled in another, its outputs built in a third and submitted in
a fourth, by the run object or by bare ids. No function sees the assistant's configuration next to
the submit, so the follow-up `responses.create` repeats the one the Response carries (its model,
instructions, tools and text format); a submit whose result the caller drops rebinds the run, since
a Response, unlike a run, does not resume in place (and is marked where no variable holds the run).
"""

from __future__ import annotations

import pathlib

from assistants_migrate.findings import MARKER_PREFIX
from tests.e2e.programs import emulator_env, rewrite, run_program, twins

PROGRAM = pathlib.Path(__file__).parents[1] / "codemods" / "tool_calls" / "split_across_functions.py"


def test_split_tool_call_flow_is_migrated_and_runs_the_same(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = (side / "app.py" for side in twins(tmp_path, {"app.py": PROGRAM.read_text()}))
    rewrite(str(migrated))
    text = migrated.read_text()
    assert ".beta." not in text
    # the one submit by bare ids drops its follow-up: nothing to rebind there, so it is marked
    assert text.count(MARKER_PREFIX) == 1 and f"{MARKER_PREFIX} AM607 the follow-up response is dropped" in text
    assert "run = submit(thread, run, outputs)" in text

    env = emulator_env(emulator.base_url)
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert before.stdout.count("get_weather -> sunny in") == 2  # the tools ran: a real tool-call loop
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
