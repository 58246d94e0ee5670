"""The skill document's TypeScript snippets (`shared/seeds/`), written as small programs.

Every Assistants call is reported with the rule of its surface, at the call's own line
and column (where its receiver `openai` starts), and nothing else is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistants_migrate.jsaudit import audit_script
from tests.jsaudit.test_cases import expected, render

SEED = Path(__file__).parent / "seed"
PROGRAMS = ("quick_start", "polling", "function_calling", "streaming", "file_search", "vector_store_setup",
            "thread_management")
CALL = re.compile(r"openai\.beta\.")


def call_sites(text: str) -> set[tuple[int, int]]:
    """(line, column) of each `openai.beta.` in code (comments dropped), both 1-based."""
    sites = set()
    for number, line in enumerate(text.split("\n"), 1):
        code = line.split("//", 1)[0]
        sites |= {(number, m.start() + 1) for m in CALL.finditer(code)}
    return sites


@pytest.mark.parametrize("name", PROGRAMS)
def test_every_call_is_reported_with_its_rule_and_position(name: str, snapshot) -> None:
    path = SEED / f"{name}.ts"
    text = path.read_text()
    findings = audit_script(path.name, text, ".ts")
    assert {(f.line, f.rule_id) for f in findings} == expected(text)
    sites = call_sites(text)
    assert sites, "the program calls the Assistants API"
    reported = {(f.line, f.column) for f in findings}
    assert sites <= reported, sites - reported
    assert all(f.language == "typescript" and not f.fixed for f in findings)
    snapshot.snapshot_dir = Path(__file__).parent / "snapshots" / "seed"
    snapshot.assert_match(render(findings), f"{name}.findings")
