"""rewrite --verify: real mypy on the changed files before and after; only new errors are reported."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from assistants_migrate.engine import verify

pytestmark = pytest.mark.skipif(not verify.available(), reason="mypy is not installed")


def test_only_errors_the_rewrite_introduced_are_findings() -> None:
    before = "count: int = 'old error'\n\n\ndef total(x: int) -> int:\n    return x\n"
    after = "count: int = 'old error'\n\n\ndef total(x: int) -> int:\n    return x.missing\n"
    findings = verify.introduced_errors([verify.Change("pkg/app.py", before, after)])
    assert [(f.rule_id, f.path, f.line) for f in findings] == [("AM007", "pkg/app.py", 5)]
    assert "attr-defined" in findings[0].message


def test_a_module_the_rewrite_created_resolves_on_the_after_side() -> None:
    before = "x = 1\n"
    after = "from helper_mod import VALUE\n\nx: str = VALUE\n"
    created = {"helper_mod.py": "VALUE: int = 1\n"}
    findings = verify.introduced_errors([verify.Change("main.py", before, after)], created)
    assert [f.line for f in findings] == [3]  # assignment of int to str, found through the created module


def test_cli_flag_runs_and_reports_nothing_for_a_clean_rewrite(tmp_path: pathlib.Path) -> None:
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\n\nclient = OpenAI()\nthread = client.beta.threads.create()\nprint(thread.id)\n"
    )
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", "--check", "--verify", "--format",
                           "json", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the file would change
    data = json.loads(done.stdout)
    assert not [f for f in data["findings"] if f["rule_id"] == "AM007"]
