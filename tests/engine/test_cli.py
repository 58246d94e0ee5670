from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.engine.conftest import NEW, OLD, run_cli, run_json


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_version_and_help(project: Path) -> None:
    proc = run_cli("--version", cwd=project)
    assert proc.returncode == 0 and proc.stdout.startswith("assistants-migrate ")
    proc = run_cli("--help", cwd=project)
    assert proc.returncode == 0
    for word in ("rewrite", "audit", "export", "verify", "import", "emulator", "rules", "examples:"):
        assert word in proc.stdout
    proc = run_cli("rewrite", "--help", cwd=project)
    assert "--diff" in proc.stdout and "TODO(assistants-migrate)" in proc.stdout


def test_no_command_and_bad_option_are_usage_errors(project: Path) -> None:
    assert run_cli(cwd=project).returncode == 2
    assert run_cli("rewrite", "--bogus", ".", cwd=project).returncode == 2


def test_examples_acceptance(tmp_path: Path) -> None:
    """The README's first command, then --check, rewrite, --check again, and a second rewrite."""
    work = tmp_path / "work"
    shutil.copytree(REPO_ROOT / "examples", work / "examples")
    proc = run_cli("rewrite", "--diff", "examples/", cwd=work)
    assert proc.returncode == 1, proc.stderr
    assert "--- a/examples/support_bot.py" in proc.stdout and "+++ b/examples/support_bot.py" in proc.stdout
    assert run_cli("rewrite", "--check", "examples/", cwd=work).returncode == 1
    assert run_cli("rewrite", "examples/", cwd=work).returncode == 0
    assert run_cli("rewrite", "--check", "examples/", cwd=work).returncode == 0
    before = tree_digest(work)
    assert run_cli("rewrite", "examples/", cwd=work).returncode == 0
    assert tree_digest(work) == before


def test_diff_and_check_write_nothing(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    proc = run_cli("rewrite", "--diff", "a.py", cwd=project)
    assert proc.returncode == 1
    assert "-vs = client.beta.vector_stores.create(name='docs')" in proc.stdout
    assert "+vs = client.vector_stores.create(name='docs')" in proc.stdout
    assert run_cli("rewrite", "--check", "a.py", cwd=project).returncode == 1
    assert (project / "a.py").read_text() == OLD
    assert run_cli("rewrite", "--diff", "--check", "a.py", cwd=project).returncode == 2


def test_parallel_and_serial_runs_agree(project: Path) -> None:
    for i in range(40):
        (project / f"m{i:02}.py").write_text(OLD if i % 3 == 0 else f"x = {i}\n")
    _, serial = run_json("rewrite", "--check", "--jobs", "1", ".", cwd=project)
    _, parallel = run_json("rewrite", "--check", "--jobs", "2", ".", cwd=project)
    assert serial == parallel
    assert serial["summary"]["files_changed"] == 14


def test_audit_lists_findings_and_writes_nothing(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    proc = run_cli("audit", "a.py", "-q", cwd=project)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "a.py:3:1: AM101 [note, auto] `beta.vector_stores` moved to `vector_stores`"
    assert (project / "a.py").read_text() == OLD
    data = json.loads(run_cli("audit", "a.py", "--format", "json", "-q", cwd=project).stdout)
    assert data["summary"]["by_rule"] == {"AM101": 1} and data["summary"]["auto_fixed"] == 1


def test_audit_fail_on(project: Path) -> None:
    (project / "auto.py").write_text(OLD)
    (project / "broken.py").write_text("client.beta.vector_stores.create(\n")  # a manual item (AM001)
    assert run_cli("audit", "auto.py", "--fail-on", "never", "-q", cwd=project).returncode == 0
    assert run_cli("audit", "auto.py", "--fail-on", "manual", "-q", cwd=project).returncode == 0
    assert run_cli("audit", "auto.py", "--fail-on", "any", "-q", cwd=project).returncode == 1
    assert run_cli("audit", "broken.py", "--fail-on", "never", "-q", cwd=project).returncode == 2  # a failed file
    (project / "clean.py").write_text("x = 1\n")
    assert run_cli("audit", "clean.py", "--fail-on", "any", "-q", cwd=project).returncode == 0


def test_audit_output_files_by_suffix(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    proc = run_cli("audit", "a.py", "-o", "out/report.json", "-q", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((project / "out" / "report.json").read_text())["summary"]["findings"] == 1
    assert run_cli("audit", "a.py", "-o", "report.unknown", "-q", cwd=project).returncode == 2


def test_rewrite_report(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    assert run_cli("rewrite", "a.py", "--report", "r.json", "-q", cwd=project).returncode == 0
    data = json.loads((project / "r.json").read_text())
    assert data["summary"]["files_changed"] == 1 and data["findings"][0]["fixed"] is True
    assert (project / "a.py").read_text() == NEW


def test_rules_command(project: Path) -> None:
    proc = run_cli("rules", cwd=project)
    assert proc.returncode == 0 and "AM101" in proc.stdout and "AM001" in proc.stdout
    proc = run_cli("rules", "am101", cwd=project)
    assert proc.returncode == 0 and "Before:" in proc.stdout and "client.vector_stores" in proc.stdout
    assert run_cli("rules", "AM999", cwd=project).returncode == 2
    data = json.loads(run_cli("rules", "--format", "json", cwd=project).stdout)
    assert all(r["title"] and r["why"] and r["what_to_do"] and r["effort"] in "SML" for r in data)
