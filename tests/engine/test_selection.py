"""Rule selection, the configuration table and suppression comments, for rewrite and audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistants_migrate.engine.selection import (
    ALL,
    Layer,
    SelectionError,
    check_selectors,
    codemods_for,
    resolve,
    suppressions,
)
from tests.conftest import REPO_ROOT
from tests.engine.conftest import NEW, OLD, run_cli, run_json

KNOWN = ("AM101", "AM102", "AM301", "AM501", "AM502", "AM511", "AM601")
BASIC_QA = (REPO_ROOT / "tests" / "codemods" / "runs" / "basic_qa.py").read_text()
VECTOR_TAIL = "vs = client.beta.vector_stores.create(name='docs')\n"


# -- resolving selectors (ruff's rules) -----------------------------------------------------


def test_prefix_select_and_more_specific_ignore() -> None:
    assert resolve([Layer("t", select=("AM5",), ignore=("AM502",))], KNOWN) == {"AM501", "AM511"}


def test_more_specific_select_beats_a_prefix_ignore() -> None:
    assert resolve([Layer("t", select=("AM502",), ignore=("AM5",))], KNOWN) == {"AM502"}


def test_command_line_select_replaces_the_configured_one_extend_adds() -> None:
    config = Layer("config", select=("AM1",), ignore=("AM102",))
    assert resolve([config, Layer("cli", select=("AM3",))], KNOWN) == {"AM301"}
    assert resolve([config, Layer("cli", extend_select=("AM3",))], KNOWN) == {"AM101", "AM301"}
    assert resolve([config, Layer("cli", ignore=("AM101",))], KNOWN) == set()
    assert resolve([], KNOWN) == set(KNOWN)


def test_unknown_ids_are_errors() -> None:
    with pytest.raises(SelectionError, match="AM999"):
        check_selectors(["AM999"], "select", KNOWN)
    with pytest.raises(SelectionError, match="E501"):
        check_selectors(["E501"], "ignore", KNOWN)
    assert check_selectors(["am5", "ALL"], "select", KNOWN) == ("AM5", ALL)


@settings(max_examples=200, deadline=None)
@given(
    layers=st.lists(
        st.builds(
            Layer,
            where=st.just("t"),
            select=st.none() | st.lists(st.sampled_from(["ALL", "AM", "AM1", "AM5", "AM50", *KNOWN]), max_size=3).map(tuple),
            extend_select=st.lists(st.sampled_from(["AM3", "AM6", *KNOWN]), max_size=2).map(tuple),
            ignore=st.lists(st.sampled_from(["AM", "AM1", "AM5", *KNOWN]), max_size=3).map(tuple),
        ),
        max_size=3,
    )
)
def test_full_ids_always_decide_in_the_last_layer(layers: list[Layer]) -> None:
    enabled = resolve(layers, KNOWN)
    assert enabled <= set(KNOWN)
    if layers:
        last = layers[-1]
        for rule_id in KNOWN:
            if rule_id in last.ignore:
                assert rule_id not in enabled  # an exact ignore wins every tie
            elif rule_id in (last.select or ()) or rule_id in last.extend_select:
                assert rule_id in enabled


def test_suppression_comments_are_parsed() -> None:
    source = (
        "a = 1  # assistants-migrate: ignore[AM502, am3]\n"
        "b = 2  # assistants-migrate: ignore\n"
        "c = 3  # noqa: E501, AM101\n"
        "d = 4  # noqa\n"
        "e = 5  # noqa: F401\n"
    )
    assert suppressions(source) == {1: {"AM502", "AM3"}, 2: None, 3: {"AM101"}}


def test_a_surface_left_out_takes_its_dependents_along() -> None:
    from assistants_migrate.engine.registry import all_codemods
    from assistants_migrate.engine.registry import catalogue

    codemods = all_codemods()
    threads_rules = frozenset(r for r in catalogue() if r.startswith("AM3"))
    active, left_out = codemods_for(codemods, threads_rules)
    assert {"threads", "runs", "messages", "tool_calls", "streaming"} <= set(left_out)
    assert "vector_stores" in {c.RULES[0].surface for c in active}
    vector_rules = frozenset(r for r in catalogue() if r.startswith("AM1"))
    active, left_out = codemods_for(codemods, vector_rules)
    assert left_out == ("vector_stores",) and len(active) == len(codemods) - 1


# -- the pyproject table ----------------------------------------------------------------------


def write_pyproject(root: Path, table: str) -> None:
    (root / "pyproject.toml").write_text(f"[project]\nname = 'app'\n\n[tool.assistants-migrate]\n{table}\n")


def test_pyproject_table_selects_ignores_and_excludes(project: Path) -> None:
    write_pyproject(project, 'select = ["AM1"]\nextend-exclude = ["legacy/"]\n'
                             '[tool.assistants-migrate.per-file-ignores]\n"scripts/*" = ["AM101"]\n')
    (project / "app.py").write_text(BASIC_QA + VECTOR_TAIL)
    (project / "legacy").mkdir()
    (project / "legacy" / "old.py").write_text(OLD)
    (project / "scripts").mkdir()
    (project / "scripts" / "tool.py").write_text(OLD)
    (project / "src").mkdir()
    (project / "src" / "lib.py").write_text(OLD)
    audit = run_cli("audit", "-q", ".", cwd=project)
    assert audit.returncode == 0, audit.stderr
    rules = {line.split()[1] for line in audit.stdout.splitlines()}
    assert rules == {"AM101"}
    assert "legacy/" not in audit.stdout and "scripts/" not in audit.stdout
    # run from a subdirectory: the nearest pyproject above is found, its globs stay relative to it
    proc = run_cli("rewrite", "-q", "..", cwd=project / "src")
    assert proc.returncode == 0, proc.stderr
    assert (project / "legacy" / "old.py").read_text() == OLD
    assert (project / "scripts" / "tool.py").read_text() == OLD
    assert (project / "src" / "lib.py").read_text() == NEW
    app = (project / "app.py").read_text()
    assert app == BASIC_QA + VECTOR_TAIL.replace(".beta.", ".")  # threads, runs, assistants kept as they were
    # the command line overrides the table; --isolated ignores it
    assert run_cli("rewrite", "--check", "--select", "AM3", ".", cwd=project).returncode == 0
    assert run_cli("rewrite", "--check", "--isolated", "legacy", cwd=project).returncode == 1


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('selct = ["AM1"]', "unknown key 'selct'"),
        ('select = ["AM999"]', "AM999"),
        ('select = "AM1"', "select must be a list"),
        ('fail-on = "sometimes"', "fail-on must be"),
        ('configs = "configs.py"', "configs must be a dotted module name"),
        ('select = [', "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_clear_usage_error(project: Path, table: str, message: str) -> None:
    write_pyproject(project, table)
    (project / "a.py").write_text(OLD)
    for verb in ("rewrite", "audit"):
        proc = run_cli(verb, "a.py", cwd=project)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert (project / "a.py").read_text() == OLD


def test_config_file_named_on_the_command_line(project: Path) -> None:
    (project / "ci.toml").write_text('ignore = ["AM101"]\n')
    (project / "a.py").write_text(OLD)
    assert run_cli("rewrite", "--check", "a.py", cwd=project).returncode == 1
    assert run_cli("rewrite", "--check", "--config", "ci.toml", "a.py", cwd=project).returncode == 0
    assert run_cli("rewrite", "--config", "missing.toml", "a.py", cwd=project).returncode == 2


def test_fail_on_and_configs_from_the_table(project: Path) -> None:
    write_pyproject(project, 'fail-on = "any"')
    (project / "a.py").write_text(OLD)
    assert run_cli("audit", "-q", "a.py", cwd=project).returncode == 1
    assert run_cli("audit", "-q", "--fail-on", "never", "a.py", cwd=project).returncode == 0


# -- suppression comments ------------------------------------------------------------------------


def test_suppression_comment_keeps_one_site_and_is_counted(project: Path) -> None:
    source = (
        "import openai\nclient = openai.OpenAI()\n"
        "a = client.beta.vector_stores.create(name='a')  # noqa: AM101\n"
        "# assistants-migrate: ignore[AM101]\n"
        "b = client.beta.vector_stores.create(name='b')\n"
        "c = client.beta.vector_stores.create(name='c')\n"
    )
    (project / "a.py").write_text(source)
    code, data = run_json("rewrite", "a.py", cwd=project)
    assert code == 0
    assert data["summary"]["counts"]["suppressed"] == 2
    assert [f["line"] for f in data["findings"]] == [6]
    expected = source.replace("c = client.beta.vector_stores", "c = client.vector_stores")
    assert (project / "a.py").read_text() == expected
    assert run_cli("rewrite", "--check", "a.py", cwd=project).returncode == 0  # stable: nothing more to do
    audit = run_cli("audit", "a.py", "--color", "never", cwd=project)
    assert audit.stdout == ""  # the one site left is migrated; the two kept are suppressed
    assert "suppressed" in audit.stderr and "│ 2 │" in audit.stderr.split("suppressed", 1)[1].splitlines()[0]


def test_suppressed_site_keeps_its_whole_flow(project: Path) -> None:
    """`thread` stays a thread: the messages and runs on it, and the assistant the run uses, stay too;
    an unrelated vector store in the same file is still migrated."""
    source = BASIC_QA.replace("thread = client.beta.threads.create()",
                              "thread = client.beta.threads.create()  # assistants-migrate: ignore[AM301]") + VECTOR_TAIL
    (project / "app.py").write_text(source)
    code, data = run_json("rewrite", "app.py", cwd=project)
    assert code == 0
    assert (project / "app.py").read_text() == source.replace(VECTOR_TAIL, VECTOR_TAIL.replace(".beta.", "."))
    assert data["summary"]["counts"]["suppressed"] == 1
    assert data["summary"]["counts"]["held_back"] >= 4
    assert {f["rule_id"] for f in data["findings"]} == {"AM101"}


def test_deselected_rule_in_rewrite_keeps_its_sites(project: Path) -> None:
    source = (
        "import openai\nclient = openai.OpenAI()\n"
        "vs = client.beta.vector_stores.create(name='a')\n"
        "client.beta.threads.runs.cancel(run_id='r', thread_id='t')\n"
    )
    (project / "a.py").write_text(source)
    manual_only = run_cli("rewrite", "--diff", "--ignore", "AM101", "a.py", cwd=project)
    assert "-vs = client.beta.vector_stores" not in manual_only.stdout
    everything = run_cli("rewrite", "--diff", "a.py", cwd=project)
    assert "-vs = client.beta.vector_stores" in everything.stdout
    audit = run_cli("audit", "-q", "--ignore", "AM1", "a.py", cwd=project)
    assert "AM101" not in audit.stdout


def test_left_out_surfaces_are_named(project: Path) -> None:
    (project / "app.py").write_text(BASIC_QA)
    proc = run_cli("rewrite", "--check", "--ignore", "AM3", "app.py", cwd=project)
    assert proc.returncode == 0  # threads off: runs, messages, assistants depend on them
    assert "threads" in proc.stderr and "runs" in proc.stderr and "note:" in proc.stderr
    data = json.loads(run_cli("audit", "--format", "json", "-q", "--select", "AM1", "app.py", cwd=project).stdout)
    assert data["findings"] == []


def test_readme_configuration_reference_is_the_schema() -> None:
    """The README's table is generated from config.KEYS, and its example table is valid."""
    import re
    from assistants_migrate.config import tomllib

    from assistants_migrate import config

    readme = (REPO_ROOT / "README.md").read_text()
    assert config.reference_table() in readme
    [example] = re.findall(r"```toml\n(.*?)```", readme, re.S)
    config.validate(tomllib.loads(example)["tool"]["assistants-migrate"], "README")
    for key in config.KEYS.values():  # each documented example is valid on its own
        config.validate(tomllib.loads(key.example), key.name)
