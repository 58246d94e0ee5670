"""Bad input never crashes the run and never loses a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.engine.conftest import NEW, OLD, run_cli, run_json


def statuses(data: dict) -> dict[str, str]:
    return {f["path"]: f["status"] for f in data["files"]}


def test_syntax_error_is_reported_and_left_untouched(project: Path) -> None:
    bad = project / "bad.py"
    bad.write_text("client.beta.vector_stores.create(\n")
    (project / "good.py").write_text(OLD)
    code, data = run_json("rewrite", ".", cwd=project)
    assert code == 2  # a file that failed makes the run fail (as in ruff)
    assert bad.read_text() == "client.beta.vector_stores.create(\n"
    assert (project / "good.py").read_text() == NEW
    assert statuses(data) == {"bad.py": "failed", "good.py": "changed"}
    [finding] = [f for f in data["findings"] if f["path"] == "bad.py"]
    assert finding["rule_id"] == "AM001" and "syntax error" in finding["message"]


def test_non_utf8_is_reported_and_left_untouched(project: Path) -> None:
    raw = b"# caf\xe9\nclient.beta.vector_stores.create()\n"
    (project / "latin.py").write_bytes(raw)
    code, data = run_json("rewrite", ".", cwd=project)
    assert code == 2
    assert (project / "latin.py").read_bytes() == raw
    assert data["findings"][0]["rule_id"] == "AM002"


def test_bom_and_crlf_survive_byte_for_byte(project: Path) -> None:
    raw = b"\xef\xbb\xbf" + OLD.replace("\n", "\r\n").encode()
    (project / "bom.py").write_bytes(raw)
    code, _ = run_json("rewrite", "bom.py", cwd=project)
    assert code == 0
    assert (project / "bom.py").read_bytes() == b"\xef\xbb\xbf" + NEW.replace("\n", "\r\n").encode()


def test_mixed_line_endings_are_kept(project: Path) -> None:
    raw = b"import openai\r\nx = 1\nvs = openai.beta.vector_stores.list()\r\n"
    (project / "mixed.py").write_bytes(raw)
    run_json("rewrite", "mixed.py", cwd=project)
    assert (project / "mixed.py").read_bytes() == b"import openai\r\nx = 1\nvs = openai.vector_stores.list()\r\n"


def test_tabs_and_form_feeds(project: Path) -> None:
    src = "import openai\n\x0c\ndef f(c: openai.OpenAI):\n\tif c:\n\t\treturn c.beta.vector_stores.list()\n"
    (project / "tabs.py").write_text(src)
    code, data = run_json("rewrite", "tabs.py", cwd=project)
    assert code == 0 and statuses(data) == {"tabs.py": "changed"}
    assert (project / "tabs.py").read_text() == src.replace(".beta.", ".")


def test_empty_file(project: Path) -> None:
    (project / "empty.py").write_text("")
    code, data = run_json("rewrite", "empty.py", cwd=project)
    assert code == 0 and statuses(data) == {"empty.py": "skipped"}
    assert (project / "empty.py").read_text() == ""


def test_symlink_named_explicitly_rewrites_target_and_keeps_link(project: Path) -> None:
    target = project / "real.py"
    target.write_text(OLD)
    link = project / "link.py"
    link.symlink_to(target)
    code, _ = run_json("rewrite", "link.py", cwd=project)
    assert code == 0
    assert link.is_symlink() and target.read_text() == NEW


def test_symlinks_inside_directories_are_not_followed(project: Path) -> None:
    outside = project.parent / "outside.py"
    outside.write_text(OLD)
    (project / "src").mkdir()
    (project / "src" / "link.py").symlink_to(outside)
    _, data = run_json("rewrite", "src", cwd=project)
    assert data["files"] == [] and outside.read_text() == OLD


def test_broken_symlink_is_reported(project: Path) -> None:
    (project / "dangling.py").symlink_to(project / "nowhere.py")
    code, data = run_json("rewrite", "dangling.py", cwd=project)
    assert code == 2
    assert data["findings"][0]["rule_id"] == "AM004"
    assert data["summary"]["files_parsed"] == 0  # nothing could be read, so nothing was parsed


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(project: Path) -> None:
    locked = project / "locked.py"
    locked.write_text(OLD)
    locked.chmod(0)
    try:
        code, data = run_json("rewrite", ".", cwd=project)
    finally:
        locked.chmod(0o644)
    assert code == 2 and data["findings"][0]["rule_id"] == "AM004"


def test_same_file_passed_twice_is_processed_once(project: Path) -> None:
    (project / "a.py").write_text(OLD)
    code, data = run_json("rewrite", "a.py", "./a.py", ".", cwd=project)
    assert code == 0 and len(data["files"]) == 1
    assert (project / "a.py").read_text() == NEW


def test_permissions_kept_and_unchanged_files_not_written(project: Path) -> None:
    changed = project / "a.py"
    changed.write_text(OLD)
    changed.chmod(0o751)
    untouched = project / "b.py"
    untouched.write_text("import openai\nbeta = 1\n")  # passes the prefilter, nothing to rewrite
    os.utime(untouched, (1_000_000, 1_000_000))
    code, data = run_json("rewrite", ".", cwd=project)
    assert code == 0
    assert stat.S_IMODE(changed.stat().st_mode) == 0o751
    assert untouched.stat().st_mtime == 1_000_000
    assert statuses(data) == {"a.py": "changed", "b.py": "unchanged"}


def test_missing_path_is_a_usage_error(project: Path) -> None:
    proc = run_cli("rewrite", "nope.py", cwd=project)
    assert proc.returncode == 2 and "not found" in proc.stderr


def test_render_guard_and_codemod_crash_are_internal_errors(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A codemod that raises, or output that does not parse, leaves the file untouched with exit 2."""
    from assistants_migrate.engine import pipeline
    from assistants_migrate.engine.codemod import Codemod
    from assistants_migrate.engine.discover import SourceFile

    class Exploding(Codemod):
        TRIGGERS = (rb"beta",)
        HOT_WORDS = ("beta",)

        def visit_Call(self, node):  # noqa: N802
            raise KeyError("boom")

    class Unparsable(Codemod):
        TRIGGERS = (rb"beta",)
        HOT_WORDS = ("beta",)

        def leave_Name(self, original_node, updated_node):  # noqa: N802

            # libcst validates most nodes, but not keywords used as names: `class = ...`
            return updated_node.with_changes(value="class") if updated_node.value == "vs" else updated_node

    (project / "a.py").write_text(OLD)
    for codemod, rule in ((Exploding, "AM003"), (Unparsable, "AM005")):
        monkeypatch.setattr(pipeline, "all_codemods", lambda codemod=codemod: (codemod,))
        monkeypatch.setattr(pipeline, "_triggers", lambda: pipeline.Prefilter([rb"beta"]))
        result = pipeline.process_file(pipeline.Job(SourceFile("a.py", project / "a.py"), "write", pipeline.Options()))
        assert result.status == "failed" and result.internal_error
        assert result.findings[0].rule_id == rule
        assert (project / "a.py").read_text() == OLD
