"""The CLI behaves as ruff/black users expect: exit codes, file lists, patches, flags, colour, stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from assistants_migrate.report.schema import REPORT_JSON_SCHEMA
from tests.engine.conftest import NEW, OLD, run_cli, run_json

BROKEN = "client.beta.vector_stores.create(\n"  # passes the prefilter, does not parse


def run_env(*args: str, cwd: Path, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "assistants_migrate", *args], cwd=cwd, capture_output=True, text=True,
                          env=full, input=stdin, timeout=300)


# -- exit codes and listings --------------------------------------------------------------


@pytest.mark.parametrize("flags", [["--check"], ["--diff"], [], ["--check", "-q"]])
def test_a_failed_file_exits_2_and_is_always_printed(project: Path, flags: list[str]) -> None:
    (project / "bad.py").write_text(BROKEN)
    (project / "good.py").write_text(OLD)
    proc = run_cli("rewrite", *flags, ".", cwd=project)
    assert proc.returncode == 2
    assert "bad.py: syntax error at line" in proc.stderr


def test_not_utf8_with_check_exits_2(project: Path) -> None:
    (project / "latin.py").write_bytes(b"# caf\xe9\nclient.beta.vector_stores.create()\n")
    proc = run_cli("rewrite", "--check", "-q", ".", cwd=project)
    assert proc.returncode == 2 and "latin.py: not UTF-8" in proc.stderr


def test_check_lists_files_even_when_quiet(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    (project / "b.py").write_text("x = 1\n")
    (project / "c.py").write_text(OLD)
    proc = run_cli("rewrite", "--check", "-q", ".", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == ["Would rewrite: a.py", "Would rewrite: c.py"]
    proc = run_cli("rewrite", ".", cwd=project)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == ["Rewrote: a.py", "Rewrote: c.py"]
    assert run_cli("rewrite", "--check", ".", cwd=project).stdout == ""


def test_empty_tree_warns_and_exits_0(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "readme.txt").write_text("beta")
    proc = run_cli("rewrite", "--check", "docs", cwd=project)
    assert proc.returncode == 0 and "No Python files found" in proc.stderr
    proc = run_cli("audit", "docs", cwd=project)
    assert proc.returncode == 0 and "No Python files found" in proc.stderr


def test_summary_has_totals(project: Path) -> None:
    (project / "a.py").write_text(OLD + "run = client.beta.threads.runs.cancel(run_id='r', thread_id='t')\n")
    proc = run_cli("rewrite", "--check", "--color", "never", "a.py", cwd=project)
    for row in ("findings", "fixable", "remaining (manual)", "suppressed"):
        assert row in proc.stderr


# -- diffs are patches --------------------------------------------------------------------


DIFF_CASES = {
    "final_newline.py": OLD,
    "no_final_newline.py": OLD.rstrip("\n"),
    "crlf.py": OLD.replace("\n", "\r\n"),
    "crlf_no_final.py": OLD.replace("\n", "\r\n").rstrip("\r\n"),
    "form_feed.py": "import openai\n\x0c\nx = '\x0c'\n" + OLD.split("\n", 1)[1].rstrip("\n"),
}


def _tree(root: Path) -> None:
    for name, text in DIFF_CASES.items():
        (root / name).write_bytes(text.encode())


@pytest.mark.parametrize("applier", ["git", "patch"])
def test_diff_is_a_patch_git_apply_and_patch_accept(tmp_path: Path, applier: str) -> None:
    work = tmp_path / "work"
    (work / "src").mkdir(parents=True)
    _tree(work / "src")
    # bytes: text mode would turn the CRLF files' \r\n into \n
    proc = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", "--diff", "src"], cwd=work,
                          capture_output=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    patch = proc.stdout
    assert patch.count(b"--- a/src/") == len(DIFF_CASES)
    assert patch.count(b"\\ No newline at end of file") == 6  # 3 files without a final newline: old and new side each
    expected = tmp_path / "expected"
    shutil.copytree(work, expected)
    assert run_cli("rewrite", "src", cwd=expected).returncode == 0
    if applier == "git":
        subprocess.run(["git", "apply", "--check", "-"], cwd=work, input=patch, check=True)
        subprocess.run(["git", "apply", "-"], cwd=work, input=patch, check=True)
    else:
        subprocess.run(["patch", "-p1", "--dry-run", "-s"], cwd=work, input=patch, check=True)
        subprocess.run(["patch", "-p1", "-s"], cwd=work, input=patch, check=True)
    for name in DIFF_CASES:
        assert (work / "src" / name).read_bytes() == (expected / "src" / name).read_bytes(), name


@pytest.mark.parametrize("applier", ["git", "patch"])
def test_diff_of_an_absolute_path_applies_from_the_root(tmp_path: Path, applier: str) -> None:
    target = tmp_path / "abs"
    target.mkdir()
    (target / "x.py").write_text(OLD.rstrip("\n"))
    proc = run_cli("rewrite", "--diff", str(target / "x.py"), cwd=tmp_path)
    assert proc.returncode == 1 and "--- a//" not in proc.stdout
    assert f"--- a/{str(target / 'x.py').lstrip('/')}" in proc.stdout
    command = ["git", "apply", "-"] if applier == "git" else ["patch", "-p1", "-s"]
    subprocess.run(command, cwd="/", input=proc.stdout, text=True, check=True)
    assert (target / "x.py").read_text() == NEW.rstrip("\n")


def test_diff_streams_each_file_as_it_finishes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """a.py's diff is on stdout before b.py is even processed (in-process, so the order is observable)."""
    import io

    from assistants_migrate.cli import main
    from assistants_migrate.engine import pipeline

    (project / "a.py").write_text(OLD)
    (project / "b.py").write_text(OLD)
    events: list[tuple[str, str]] = []
    process_file = pipeline.process_file

    def observed(job):  # type: ignore[no-untyped-def]
        events.append(("process", job.file.display))
        return process_file(job)

    class Stdout(io.StringIO):
        def write(self, text: str) -> int:
            events.append(("stdout", text))
            return super().write(text)

    monkeypatch.setattr(pipeline, "process_file", observed)
    monkeypatch.setattr(sys, "stdout", Stdout())
    monkeypatch.chdir(project)
    assert main(["rewrite", "--diff", "--jobs", "1", "-q", "a.py", "b.py"]) == 1
    first_diff = next(i for i, (kind, text) in enumerate(events) if kind == "stdout" and "--- a/a.py" in text)
    assert events.index(("process", "b.py")) > first_diff
    assert sum("--- a/" in text for kind, text in events if kind == "stdout") == 2


# -- flags ---------------------------------------------------------------------------------


def test_abbreviations_are_refused(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    proc = run_cli("rewrite", "--config", "pyproject.toml", "--conf", "x", "a.py", cwd=project)
    assert proc.returncode == 2
    proc = run_cli("rewrite", "--confi", "pyproject.toml", "a.py", cwd=project)
    assert proc.returncode == 2 and "unrecognized arguments: --confi" in proc.stderr
    assert (project / "a.py").read_text() == OLD
    assert run_cli("--vers", cwd=project).returncode == 2


@pytest.mark.parametrize("value", ["configs.py", "pkg/configs", "1abc", "a..b", "pyproject.toml"])
def test_configs_must_be_a_dotted_module_name(project: Path, value: str) -> None:
    (project / "a.py").write_text(OLD)
    (project / "pyproject.toml").write_text("")
    proc = run_cli("rewrite", "--configs", value, "a.py", cwd=project)
    assert proc.returncode == 2 and "not a dotted module name" in proc.stderr
    assert (project / "a.py").read_text() == OLD


def test_a_mistyped_option_shows_the_subcommand_usage(project: Path) -> None:
    proc = run_cli("audit", "--bogus", ".", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: assistants-migrate audit ") and "--statistics" in proc.stderr
    proc = run_cli("rewrite", ".", "--bogus", cwd=project)
    assert proc.stderr.startswith("usage: assistants-migrate rewrite ")


# -- colour ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "env", "coloured"),
    [
        ([], {}, False),  # a pipe
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_follows_flag_and_environment(project: Path, flags: list[str], env: dict[str, str], coloured: bool) -> None:
    (project / "a.py").write_text(OLD)
    diff = run_env("rewrite", "--diff", *flags, "a.py", cwd=project, env=env)
    audit = run_env("audit", *flags, "a.py", cwd=project, env=env)
    for text in (diff.stdout, audit.stdout, audit.stderr):
        assert ("\033[" in text) is coloured


# -- stdin -----------------------------------------------------------------------------------


def test_stdin_mode(project: Path) -> None:
    proc = run_env("rewrite", "-", "--stdin-filename", "app.py", cwd=project, env={}, stdin=OLD)
    assert proc.returncode == 0 and proc.stdout == NEW
    assert not (project / "app.py").exists()
    proc = run_env("rewrite", "--diff", "-", "--stdin-filename", "app.py", cwd=project, env={}, stdin=OLD)
    assert proc.returncode == 1 and proc.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    proc = run_env("rewrite", "--check", "-", cwd=project, env={}, stdin="x = 1\n")
    assert proc.returncode == 0 and proc.stdout == ""
    proc = run_env("rewrite", "-", cwd=project, env={}, stdin="x = 1\n")
    assert proc.stdout == "x = 1\n"
    proc = run_env("audit", "-", "--stdin-filename", "app.py", cwd=project, env={}, stdin=OLD)
    assert proc.stdout.startswith("app.py:3:1: AM101 ")
    proc = run_env("rewrite", "-", "--stdin-filename", "app.py", cwd=project, env={}, stdin=BROKEN)
    assert proc.returncode == 2 and proc.stdout == "" and "syntax error" in proc.stderr


def test_stdin_force_exclude_hands_the_text_back(project: Path) -> None:
    proc = run_env("rewrite", "-", "--stdin-filename", "gen/app.py", "--exclude", "gen/", "--force-exclude",
                   cwd=project, env={}, stdin=OLD)
    assert proc.returncode == 0 and proc.stdout == OLD


# -- audit --statistics ----------------------------------------------------------------------


def test_audit_statistics(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    (project / "b.py").write_text(OLD + "vs2 = client.beta.vector_stores.list()\n")
    proc = run_cli("audit", "--statistics", "-q", ".", cwd=project)
    assert proc.returncode == 0
    [line] = proc.stdout.splitlines()
    count, rule, kind, *_ = line.split()
    assert (count, rule, kind) == ("3", "AM101", "[auto]")


# -- JSON output against the schemas ----------------------------------------------------------


def _validate(data: object) -> None:
    jsonschema.Draft202012Validator(REPORT_JSON_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)


def test_json_of_every_verb_matches_its_schema(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    (project / "bad.py").write_text(BROKEN)
    (project / "other.py").write_text("x = 1\n")
    for flags in (["--diff"], ["--check"], []):
        code, data = run_json("rewrite", *flags, ".", cwd=project)
        _validate(data)
        assert {f["path"]: f["status"] for f in data["files"]} == {
            "a.py": "changed", "bad.py": "failed", "other.py": "skipped"}
        assert code == 2
    code, data = run_json("audit", ".", cwd=project)
    _validate(data)
    assert data["summary"]["files_failed"] == 1
    rules = json.loads(run_cli("rules", "--format", "json", cwd=project).stdout)
    rule_schema = REPORT_JSON_SCHEMA["properties"]["rules"]
    jsonschema.Draft202012Validator(rule_schema).validate(rules)
    assert len(rules) > 20


def test_schema_rejects_what_it_should(project: Path) -> None:
    """The files entry is checked, not waved through."""
    (project / "a.py").write_text(OLD)
    _, data = run_json("rewrite", "--check", "a.py", cwd=project)
    data["files"][0]["status"] = "rewritten"
    with pytest.raises(jsonschema.ValidationError):
        _validate(data)
