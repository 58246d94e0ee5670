"""Before/after snapshots for every codemod case, plus the invariants every rewrite keeps."""

from __future__ import annotations

import ast
import pathlib
import re
import subprocess
import sys

import pytest

from tests.codemods.harness import case_files, case_id, excused_lines, rewrite, snapshot_file

CASES = case_files()
MYPY_CODES = ("call-arg", "call-overload", "attr-defined", "arg-type", "typeddict-item", "deprecated")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_snapshot(case: pathlib.Path, snapshot) -> None:
    after = rewrite(case.read_text(), case.name).code
    snapshot.snapshot_dir = snapshot_file(case).parent
    snapshot.assert_match(after, "after.py")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_second_run_changes_nothing(case: pathlib.Path) -> None:
    after = rewrite(case.read_text(), case.name).code
    assert rewrite(after, case.name).code == after


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_visiting_only_hot_statements_changes_nothing(case: pathlib.Path) -> None:
    """The engine skips statements no codemod needs; the output must equal a full traversal."""
    source = case.read_text()
    assert rewrite(source, case.name).code == rewrite(source, case.name, skip_cold=False).code


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_output_parses_and_sites_are_accounted_for(case: pathlib.Path) -> None:
    result = rewrite(case.read_text(), case.name)
    ast.parse(result.code)
    # every marker in the output has a matching finding
    markers = re.findall(r"# TODO\(assistants-migrate\): (AM\d+)", result.code)
    manual = {f.rule_id for f in result.findings if not f.fixed}
    assert set(markers) <= manual


def test_mypy_accepts_every_after_snapshot(tmp_path: pathlib.Path) -> None:
    """Snapshots type-check against the installed openai; deprecated calls are allowed only
    on statements the tool marked for a human."""
    snapshots = sorted(p for case in CASES if (p := snapshot_file(case)).exists())
    assert snapshots, "no snapshots yet: run pytest --snapshot-update"
    # mypy wants unique module names: copy each snapshot under its case id
    files = []
    for snap in snapshots:
        target = tmp_path / f"{snap.parent.parent.parent.name}__{snap.parent.name}.py"
        target.write_text(snap.read_text())
        files.append(target)
    (tmp_path / "assistant_configs.py").write_text(
        "from typing import Any\n\nASSISTANT_CONFIGS: dict[str, dict[str, Any]] = {}\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--enable-error-code", "deprecated", "--no-incremental",
         "--ignore-missing-imports", "--follow-imports=silent", "--show-error-codes", "--no-error-summary",
         *map(str, files)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    errors = []
    for line in proc.stdout.splitlines():
        m = re.match(r"(.+?):(\d+): error: .*\[([a-z-]+)\]$", line)
        if not m or m.group(3) not in MYPY_CODES:
            continue
        path, lineno, code = pathlib.Path(m.group(1)), int(m.group(2)), m.group(3)
        if code == "deprecated" and lineno in excused_lines((tmp_path / path.name).read_text()):
            continue
        errors.append(line)
    assert not errors, "\n".join(errors)
