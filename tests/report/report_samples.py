"""Sample rules (AM990-AM999, tests only) and findings for the report tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistants_migrate.findings import Effort, Example, Finding, Rule, Severity
from assistants_migrate.report.model import Report

XSS = "</script><script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"

TEST_RULES = (
    Rule(
        id="AM990",
        title="Thread created with client.beta.threads.create",
        severity=Severity.NOTE,
        why="Threads become conversations. The `conv_` id replaces the `thread_` id.",
        what_to_do="Nothing: `rewrite` turns this into `client.conversations.create()`.",
        autofix=True,
        effort=Effort.S,
        surface="threads",
        examples=(Example(before="thread = client.beta.threads.create()", after="thread = client.conversations.create()"),),
    ),
    Rule(
        id="AM991",
        title="Run polled in a requires_action loop",
        severity=Severity.ERROR,
        why="Runs are gone. A `requires_action` loop becomes a `function_call` / `function_call_output` loop.",
        what_to_do="Rewrite the loop around `responses.create`.\n\nFeed `function_call_output` items back in.",
        autofix=False,
        effort=Effort.L,
        surface="runs",
        examples=(Example(before="while run.status == 'requires_action':\n    ...", after=None),),
    ),
    Rule(
        id="AM992",
        title="Assistant id read at run time",
        severity=Severity.WARNING,
        why="Assistant objects have no server-side successor.",
        what_to_do="Point the call at the generated configs module written by `export`.",
        autofix=False,
        effort=Effort.M,
        surface="assistants",
    ),
    Rule(
        id="AM993",
        title="Message text read through `content[0].text.value` | pipes",
        severity=Severity.WARNING,
        why="Messages become conversation items; `output_text` holds the text.",
        what_to_do="Read `response.output_text`.",
        autofix=True,
        effort=Effort.S,
        surface="messages",
    ),
    Rule(
        id="AM998",
        title="Thread is gone on the server",
        severity=Severity.ERROR,
        why="The server answered 404 for this thread.",
        what_to_do="Nothing to export; check whether the id list is current.",
        autofix=False,
        effort=Effort.S,
        surface="export",
    ),
)


RULES_BY_ID = {rule.id: rule for rule in TEST_RULES}


def finding(rule_id, path, line=0, column=0, *, severity=None, fixed=None, message=None, snippet="", end_line=None, end_column=None, extra=None):
    rule = RULES_BY_ID[rule_id]
    return Finding(
        rule_id=rule_id,
        severity=severity or rule.severity,
        path=path,
        line=line,
        column=column,
        end_line=line if end_line is None else end_line,
        end_column=column if end_column is None else end_column,
        message=message or rule.title,
        fixed=rule.autofix if fixed is None else fixed,
        what_to_do=rule.what_to_do,
        docs_url=rule.docs_url,
        snippet=snippet,
        extra=extra or {},
    )


def code_findings() -> list[Finding]:
    """A realistic spread: several files, rules and severities, one hostile snippet."""
    return [
        finding("AM990", "app/chat.py", 12, 14, end_column=45, snippet="    thread = client.beta.threads.create()\n",
                extra={"snippet_start_line": 12}),
        finding("AM991", "app/chat.py", 30, 5, end_line=34, snippet=(
            "    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=ASSISTANT_ID)\n"
            "    while run.status == 'requires_action':  # poll\n"
            "        outputs = handle(run.required_action)\n"
            "        run = client.beta.threads.runs.submit_tool_outputs(\n"
            "            thread_id=thread.id, run_id=run.id, tool_outputs=outputs)\n"
        ), extra={"snippet_start_line": 30}),
        finding("AM992", "app/chat.py", 30, 60, message="assistant_id comes from the environment (ASSISTANT_ID)",
                snippet="    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=ASSISTANT_ID)\n"),
        finding("AM993", "app/render.py", 8, 12, message="Message text read with | in it: a | b",
                snippet="    text = msg.content[0].text.value  # `x` | y\n"),
        finding("AM991", "workers/poll.py", 101, 9, snippet=f"        log('{XSS}')  # {TEMPLATE}\n        if run.status == 'requires_action': pass\n",
                message=f"Polling loop near {XSS} and {TEMPLATE}", extra={"snippet_start_line": 100}, end_line=101),
        finding("AM990", "workers/poll.py", 5, 1, snippet="thread = client.beta.threads.create(metadata={'a': 1})\n"),
        finding("AM992", "workers/poll.py", 0, 0, message="Assistant ids are loaded from a database table"),
        finding("AM990", "notebooks/explore.ipynb", 3, 1, snippet="t = openai.beta.threads.create()\n"),
    ]


def make_code_report(**kw) -> Report:
    base = dict(kind="code", title="Assistants API audit", findings=code_findings(), root=".", files_scanned=57,
                files_parsed=9, files_changed=3, files_failed=1)
    base.update(kw)
    return Report(**base)


def make_data_report(**kw) -> Report:
    base = dict(
        kind="data",
        title="Export of archive/",
        findings=[
            finding("AM998", "thread_abc123", message="Thread thread_abc123 answered 404: gone"),
            finding("AM998", "thread_zzz999", message=f"Thread gone {XSS}"),
        ],
        counts={"threads": 40, "messages": 1200, "files": 7},
    )
    base.update(kw)
    return Report(**base)


REPO_ROOT = Path(__file__).resolve().parents[2]


def copy_collection(dest: Path) -> Path:
    """The repository's own programs: the codemod snapshot inputs and the e2e scenarios
    (also what bench/report_screenshots.py audits)."""
    for source, name in ((REPO_ROOT / "tests" / "codemods", "codemods"), (REPO_ROOT / "tests" / "e2e" / "scenarios", "scenarios")):
        for path in sorted(source.glob("**/*.py")):
            rel = path.relative_to(source)
            if "snapshots" in rel.parts or path.name.startswith(("test_", "_")) or path.name == "harness.py":
                continue
            target = dest / name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest
