"""Properties of the scan over the case programs, with lines chosen freely by hypothesis:
what is commented out, or quoted into a string, is never reported (a parser, not a regex)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistants_migrate.jsaudit import audit_script

CASES = Path(__file__).parent / "cases"
PROGRAMS = sorted(p for p in [*CASES.iterdir(), *(Path(__file__).parent / "seed").iterdir()]
                  if p.suffix == ".ts" and "lookalike" not in p.name)


def sites(text: str, suffix: str = ".ts") -> set[tuple[int, str]]:
    return {(f.line, f.rule_id) for f in audit_script("p" + suffix, text, suffix)}


@settings(max_examples=60, deadline=None)
@given(program=st.sampled_from(PROGRAMS), data=st.data())
def test_commented_out_lines_report_nothing(program: Path, data) -> None:
    lines = program.read_text().split("\n")
    chosen = data.draw(st.sets(st.integers(1, len(lines)), max_size=len(lines)))
    text = "\n".join(f"// {line}" if n in chosen else line for n, line in enumerate(lines, 1))
    found = sites(text)
    assert not {line for line, _ in found} & chosen


@settings(max_examples=60, deadline=None)
@given(program=st.sampled_from(PROGRAMS), quote=st.sampled_from(["json", "template"]))
def test_a_program_inside_a_string_reports_nothing(program: Path, quote: str) -> None:
    source = program.read_text()
    literal = json.dumps(source) if quote == "json" else "`" + source.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${") + "`"
    text = f'import OpenAI from "openai";\nconst openai = new OpenAI();\nexport const docs = {literal};\n'
    assert sites(text) == set()
    assert sites(source)  # while the program itself reports


@settings(max_examples=40, deadline=None)
@given(program=st.sampled_from(PROGRAMS), pad=st.integers(0, 30))
def test_positions_follow_the_code(program: Path, pad: int) -> None:
    """Lines added above move every finding down by as many lines, columns unchanged."""
    source = program.read_text()
    before = {(f.line, f.column, f.rule_id) for f in audit_script("p.ts", source, ".ts")}
    after = {(f.line - pad, f.column, f.rule_id) for f in audit_script("p.ts", "\n" * pad + source, ".ts")}
    assert after == before
