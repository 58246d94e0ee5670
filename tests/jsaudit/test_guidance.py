"""Every rule a TypeScript/JavaScript file can get has openai-node guidance whose example is real:
its `before` is reported with that rule, its `after` (Responses code) with nothing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistants_migrate.engine.registry import catalogue
from assistants_migrate.jsaudit import audit_script
from assistants_migrate.jsaudit.guidance import EXAMPLES, WHAT_TO_DO, for_scripts
from assistants_migrate.jsaudit.surfaces import emitted_rules

PRELUDE = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n'


def test_every_emitted_rule_has_guidance() -> None:
    assert emitted_rules() <= set(WHAT_TO_DO) and emitted_rules() <= set(EXAMPLES)
    for rule_id in emitted_rules():
        text = WHAT_TO_DO[rule_id]
        assert "rewritten" not in text and "client." not in text, rule_id  # not the Python rewrite's words


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_example_before_reports_the_rule_and_after_nothing(rule_id: str) -> None:
    example = EXAMPLES[rule_id]
    before = {f.rule_id for f in audit_script("before.ts", PRELUDE + example.before, ".ts")}
    assert rule_id in before
    assert audit_script("after.ts", PRELUDE + (example.after or ""), ".ts") == []


def test_rules_command_shows_the_typescript_guidance() -> None:
    out = subprocess.run([sys.executable, "-m", "assistants_migrate", "rules", "AM605"], capture_output=True,
                         text=True, check=True).stdout
    assert "TypeScript/JavaScript (openai-node; audited, never rewritten)" in out
    assert "submitToolOutputsAndPoll" in out
    data = json.loads(subprocess.run([sys.executable, "-m", "assistants_migrate", "rules", "--format", "json"],
                                     capture_output=True, text=True, check=True).stdout)
    with_ts = {r["id"] for r in data if "typescript" in r}
    assert with_ts == set(emitted_rules())
    assert for_scripts(catalogue()["AM801"]) is None  # data rules have no code to show
