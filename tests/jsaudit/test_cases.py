"""Snapshot cases: one small program per openai-node surface, in TypeScript and JavaScript.

Each line that must be reported ends with `// expect: AMxxx [AMyyy]` (a comment, so the
scanner cannot see it); every other line, the lookalikes included, must report nothing.
The snapshot (`snapshots/<case>.findings`) pins columns, end positions and snippets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistants_migrate.jsaudit import audit_script

CASES = Path(__file__).parent / "cases"
EXPECT = re.compile(r"//\s*expect:\s*((?:AM\d{3}\s*)+)$")


def expected(text: str) -> set[tuple[int, str]]:
    marks = set()
    for number, line in enumerate(text.split("\n"), 1):
        found = EXPECT.search(line)
        if found:
            marks |= {(number, rule) for rule in found.group(1).split()}
    return marks


def render(findings) -> str:
    return "".join(
        f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.rule_id} {f.language} {f.severity.value}"
        f" | {f.snippet.splitlines()[0].strip() if f.snippet else ''}\n"
        for f in findings
    )


def case_files() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_file())


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.name)
def test_each_marked_line_and_nothing_else_is_reported(case: Path, snapshot) -> None:
    text = case.read_text()
    findings = audit_script(case.name, text, case.suffix)
    assert {(f.line, f.rule_id) for f in findings} == expected(text)
    snapshot.snapshot_dir = Path(__file__).parent / "snapshots"
    snapshot.assert_match(render(findings), f"{case.name}.findings")


def test_every_surface_is_covered_in_both_languages() -> None:
    """The cases exercise the whole catalogue of TS surfaces, and JavaScript too."""
    rules = {"typescript": set(), "javascript": set()}
    for case in case_files():
        language = "typescript" if case.suffix in (".ts", ".tsx") else "javascript"
        rules[language] |= {rule for _, rule in expected(case.read_text())}
    for rule in ("AM101", "AM210", "AM212", "AM213", "AM214", "AM215", "AM301", "AM302", "AM303", "AM305",
                 "AM401", "AM402", "AM403", "AM404", "AM405", "AM408", "AM409", "AM501", "AM503", "AM504",
                 "AM505", "AM506", "AM507", "AM508", "AM509", "AM510", "AM512", "AM514", "AM601", "AM602",
                 "AM603", "AM604", "AM605", "AM701", "AM703", "AM704", "AM705", "AM706"):
        assert rule in rules["typescript"], rule
    for rule in ("AM301", "AM401", "AM402", "AM405", "AM501", "AM503", "AM504", "AM602", "AM701", "AM703"):
        assert rule in rules["javascript"], rule


def test_lookalike_files_report_nothing() -> None:
    for name in ("lookalikes.ts", "lookalikes.js", "lookalikes_openai.ts"):
        case = CASES / name
        assert audit_script(name, case.read_text(), case.suffix) == []


def test_the_prefilter_keeps_every_file_with_findings() -> None:
    from assistants_migrate.jsaudit import mentions_assistants

    programs = [*case_files(), *sorted((Path(__file__).parent / "seed").iterdir())]
    kept = 0
    for path in programs:
        data = path.read_bytes()
        if audit_script(path.name, data.decode(), path.suffix):
            assert mentions_assistants(data), path.name
            kept += 1
    assert kept >= len(programs) - 3  # only the lookalike files report nothing
    # files that only look related pass no further than their bytes
    assert not mentions_assistants(b'export const flags = { beta: true };\nif (flags.beta) show("beta");\n')
    assert not mentions_assistants(b'import OpenAI from "openai";\nawait new OpenAI().chat.completions.create(x);\n')
