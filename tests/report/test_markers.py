"""TODO markers in the tree are open manual work: audit counts them, before and after a rewrite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from report_samples import copy_collection

from assistants_migrate.engine import markers

def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistants_migrate", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def audit_json(cwd: Path, *paths: str) -> dict:
    proc = run_cli("audit", *(paths or (".",)), "--format", "json", "-q", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def manual_sites(data: dict) -> list[tuple[str, str]]:
    return sorted((f["path"], f["rule_id"]) for f in data["findings"] if not f["fixed"])


def test_rewritten_tree_reports_the_same_manual_work(tmp_path: Path) -> None:
    tree = copy_collection(tmp_path / "collection")
    before = audit_json(tree)
    assert before["summary"]["manual"] >= 50  # the collection really has manual work in it
    proc = run_cli("rewrite", ".", "-q", "--report", "migration.json", cwd=tree)
    assert proc.returncode == 0, proc.stderr
    written = sum(text.count(markers.MARKER_NEEDLE.decode()) for text in
                  (p.read_text(encoding="utf-8") for p in tree.glob("**/*.py")))
    migration = json.loads((tree / "migration.json").read_text())
    after = audit_json(tree)
    assert after["summary"]["manual"] == before["summary"]["manual"]
    assert migration["summary"]["manual"] == before["summary"]["manual"]
    assert manual_sites(after) == manual_sites(before) == manual_sites(migration)
    # every marker in the tree is one of the manual items, with its rule and text
    marked = [f for f in after["findings"] if "marker" in f.get("extra", {})]
    assert len(marked) == written >= before["summary"]["manual"] // 2
    for f in marked:
        if f["extra"].get("marker_unmatched"):
            assert f["message"] == f["extra"]["marker"]
    # the migration report points into the rewritten files: a manual item sits under its marker,
    # or (no marker: a statement the rewrite left as it was) the audit of the rewritten tree finds it there
    refound = {(f["path"], f["rule_id"], f["line"]) for f in after["findings"] if not f["fixed"]}
    texts = {p: (tree / p).read_text(encoding="utf-8").splitlines() for p in {f["path"] for f in migration["findings"]}}
    for f in migration["findings"]:
        if f["fixed"] or f["line"] < 1:
            continue
        lines = texts[f["path"]]
        if "marker" not in f["extra"]:
            assert (f["path"], f["rule_id"], f["line"]) in refound, f
            continue
        assert f"TODO(assistants-migrate): {f['rule_id']}" in lines[f["extra"]["marker_line"] - 1]
        assert f["extra"]["marker_line"] < f["line"] <= f["extra"]["marker_line"] + 8
        if f["snippet"]:
            start = f["extra"]["snippet_start_line"]
            assert f["snippet"].splitlines() == lines[start - 1 : start - 1 + len(f["snippet"].splitlines())]
    assert "migration" in migration["title"].lower()


def test_hand_added_marker_is_an_open_manual_item(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text(
        "import json\n\n\ndef load(path):\n"
        "    # TODO(assistants-migrate): AM502 look the assistant config up by name, not by id\n"
        "    return json.load(open(path))\n"
    )
    (tmp_path / "other.py").write_text("x = 1  # nothing to see\n")
    data = audit_json(tmp_path)
    assert data["summary"]["manual"] == 1 and data["summary"]["files_parsed"] == 1
    (item,) = data["findings"]
    assert item["rule_id"] == "AM502" and item["path"] == "plain.py" and item["line"] == 6
    assert item["message"] == "look the assistant config up by name, not by id"
    assert item["extra"]["marker_unmatched"] is True and item["extra"]["marker_line"] == 5
    assert run_cli("audit", ".", "--fail-on", "manual", "-q", cwd=tmp_path).returncode == 1
    (tmp_path / "plain.py").write_text("import json\n")  # a person removed the marker: done
    assert run_cli("audit", ".", "--fail-on", "manual", "-q", cwd=tmp_path).returncode == 0


def test_marker_and_reemitted_finding_are_one_item(tmp_path: Path) -> None:
    source = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ids():\n    return client.beta.assistants.list()\n"
    )
    (tmp_path / "a.py").write_text(source)
    before = audit_json(tmp_path)
    assert before["summary"]["manual"] == 1
    assert run_cli("rewrite", ".", "-q", cwd=tmp_path).returncode == 0
    text = (tmp_path / "a.py").read_text()
    assert text.count("TODO(assistants-migrate)") == 1
    after = audit_json(tmp_path)
    assert after["summary"]["manual"] == 1
    (item,) = [f for f in after["findings"] if not f["fixed"]]
    assert item["rule_id"] == before["findings"][0]["rule_id"] and "marker" in item["extra"]
    assert "marker_unmatched" not in item["extra"]  # the audit still finds this rule at this statement
    # a second marker of the same rule, added by hand on the same statement, is the same item
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "TODO(assistants-migrate)" in line)
    lines.insert(at, lines[at].replace("TODO(assistants-migrate):", "TODO(assistants-migrate): ").rstrip() + " (again)")
    (tmp_path / "a.py").write_text("\n".join(lines) + "\n")
    assert audit_json(tmp_path)["summary"]["manual"] == 2  # two markers: two items until one is removed


def test_scan_reads_comments_not_strings() -> None:
    text = (
        'DOC = """\n# TODO(assistants-migrate): AM101 inside a string\n"""\n'
        "    # TODO(assistants-migrate): AM601 finish the loop\n"
        "    # an ordinary comment\n\n"
        "for x in y:\n    pass\n"
        "# TODO(assistants-migrate): AM999\n"
    )
    found = markers.scan(text)
    assert [(m.rule_id, m.text, m.line, m.target, m.indent) for m in found] == [
        ("AM601", "finish the loop", 4, 7, 4),
        ("AM999", "", 9, 0, 0),
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["x = 1", "y = f(x)", "call(a, b)", "if z:", "    pass", "return q", ""]), min_size=1, max_size=30),
    st.lists(st.integers(min_value=0, max_value=30), max_size=5),
)
@example(["y = f(x)"] * 3, [1, 3])  # repeated identical lines once aligned to the wrong copy
def test_relocate_through_inserted_markers(lines: list[str], inserts: list[int]) -> None:
    """A rewrite that only puts marker comments above lines moves every finding by exactly as many lines."""
    from assistants_migrate.findings import Finding, Severity

    before = "\n".join(lines) + "\n"
    after_lines = list(lines)
    for at in sorted({min(i, len(lines)) for i in inserts}, reverse=True):
        after_lines.insert(at, "# TODO(assistants-migrate): AM601 look here")
    after = "\n".join(after_lines) + "\n"
    findings = [Finding("AM601", Severity.WARNING, "f.py", n, 1, n, 1, "m", False, snippet=lines[n - 1])
                for n in range(1, len(lines) + 1) if lines[n - 1].strip()]
    moved = markers.relocate(findings, before, after)
    for f, m in zip(findings, moved):
        assert after_lines[m.line - 1] == lines[f.line - 1]
        assert m.snippet == after_lines[m.line - 1]


def test_a_rewritten_manual_site_without_a_marker_gets_one_only_as_a_comment() -> None:
    from assistants_migrate.findings import Finding, Severity

    source = "def f():\n    x = old_call()\n    return x\n"
    code = "def f():\n    x = new_call()\n    return x\n"
    item = Finding("AM601", Severity.WARNING, "f.py", 2, 5, 2, 20, "finish this by hand", False, snippet="    x = old_call()")
    marked = markers.mark_unmarked([item], source, code, "f.py")
    assert marked == "def f():\n    # TODO(assistants-migrate): AM601 finish this by hand\n    x = new_call()\n    return x\n"
    assert markers.mark_unmarked([item], source, marked, "f.py") == marked  # a marker is there: nothing added
    # a statement the rewrite left as it was is found again by the audit: no marker needed
    assert markers.mark_unmarked([item], source, source, "f.py") == source
    # a line inside a string: a comment there would change the program, so nothing is added
    in_string = 'def f():\n    x = """\nnew_call()\n"""\n    return x\n'
    moved = Finding("AM601", Severity.WARNING, "f.py", 3, 1, 3, 5, "m", False)
    assert markers.mark_unmarked([moved], "def f():\n    x = '''\nold_call()\n'''\n    return x\n", in_string, "f.py") == in_string
