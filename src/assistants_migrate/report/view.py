"""The view model shared by the HTML and Markdown templates.

Everything a template shows is computed here, once, in a deterministic order:
templates only lay it out. Text is never pre-escaped here; the templates escape
(HTML autoescape, Markdown `finalize`), so one place decides how text is made safe.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from assistants_migrate.findings import MIGRATION_GUIDE, Example, Finding, Rule
from assistants_migrate.report.model import Report

SEVERITIES = ("error", "warning", "note")
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "note": "Note"}
EFFORTS = ("S", "M", "L")
EFFORT_LABELS = {
    "S": "S: minutes, a mechanical edit",
    "M": "M: about an hour, a local design decision",
    "L": "L: a day or more, data or architecture work",
}

# How a line of a snippet is split for highlighting. Per line, on purpose: a
# snippet is a fragment (it may open a string or a bracket it never closes), so a
# real tokenizer would fail on it; a per-line scan never fails and never drops text.
_TOKEN_RE = re.compile(
    r"""
    (?P<comment>\#.*$)
  | (?P<string>[rRbBuUfF]{0,2}(?:'''|\"\"\"|'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?))
  | (?P<number>\b\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[jJ]?\b)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
_CONSTANTS = {"True", "False", "None"}


def highlight_line(text: str) -> list[tuple[str, str]]:
    """Split one line of Python into (css class, text) pieces; "" means plain text.

    Joining the texts gives back the line exactly.
    """
    pieces: list[tuple[str, str]] = []
    pos = 0
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "name":
            if value in _CONSTANTS:
                kind = "const"
            elif keyword.iskeyword(value):
                kind = "kw"
            else:
                continue  # plain identifiers stay in the surrounding plain text
        if match.start() > pos:
            pieces.append(("", text[pos : match.start()]))
        pieces.append(({"comment": "c", "string": "s", "number": "n"}.get(kind, kind), value))
        pos = match.end()
    if pos < len(text):
        pieces.append(("", text[pos:]))
    return _merge_plain(pieces)


def _merge_plain(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for cls, value in pieces:
        if merged and merged[-1][0] == cls == "":
            merged[-1] = ("", merged[-1][1] + value)
        else:
            merged.append((cls, value))
    return merged


@dataclass(frozen=True)
class SnippetLine:
    number: int | None  # None when the report does not know where the snippet starts
    text: str
    tokens: list[tuple[str, str]]
    marked: bool  # inside the finding's range


@dataclass(frozen=True)
class RuleView:
    id: str
    title: str
    severity: str
    autofix: bool | None  # None: not in the catalogue
    effort: str  # "" when unknown
    surface: str
    why: str
    what_to_do: str
    docs_url: str
    examples: tuple[Example, ...]
    known: bool
    count: int
    manual: int
    anchor: str


@dataclass
class FindingView:
    finding: Finding
    rule: RuleView
    anchor: str
    location: str  # "12:5", "12", or "" for whole-file and data findings
    snippet: list[SnippetLine]
    what_to_do: str
    docs_url: str
    effort: str

    @property
    def show_message(self) -> bool:
        """False when the message only repeats the rule title shown above it."""
        return bool(self.finding.message.strip()) and self.finding.message.strip() != self.rule.title.strip()

    @property
    def status(self) -> str:
        return "auto-migrated" if self.finding.fixed else "manual"


@dataclass
class Group:
    """The findings of one file (code reports) or one object (data reports)."""

    path: str
    anchor: str
    findings: list[FindingView] = field(default_factory=list)

    @property
    def by_severity(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for fv in self.findings:
            counts[fv.finding.severity.value] += 1
        return {s: n for s, n in counts.items() if n}

    @property
    def manual(self) -> int:
        return sum(1 for fv in self.findings if not fv.finding.fixed)


@dataclass
class ReportView:
    report: Report
    summary: dict[str, Any]
    rules: list[RuleView]
    groups: list[Group]
    is_data: bool
    labels: dict[str, str]
    severity_labels: dict[str, str] = field(default_factory=lambda: dict(SEVERITY_LABELS))
    effort_labels: dict[str, str] = field(default_factory=lambda: dict(EFFORT_LABELS))
    guide_url: str = MIGRATION_GUIDE


def rule_anchor(rule_id: str) -> str:
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "-", rule_id)


def _rule_view(rule_id: str, rule: Rule | None, findings: list[Finding]) -> RuleView:
    count = len(findings)
    manual = sum(1 for f in findings if not f.fixed)
    if rule is None:
        first = findings[0]
        return RuleView(
            id=rule_id,
            title=rule_id,
            severity=first.severity.value,
            autofix=None,
            effort="",
            surface="",
            why="",
            what_to_do=first.what_to_do,
            docs_url=first.docs_url or MIGRATION_GUIDE,
            examples=(),
            known=False,
            count=count,
            manual=manual,
            anchor=rule_anchor(rule_id),
        )
    return RuleView(
        id=rule.id,
        title=rule.title,
        severity=rule.severity.value,
        autofix=rule.autofix,
        effort=rule.effort.value,
        surface=rule.surface,
        why=rule.why,
        what_to_do=rule.what_to_do,
        docs_url=rule.docs_url,
        examples=rule.examples,
        known=True,
        count=count,
        manual=manual,
        anchor=rule_anchor(rule.id),
    )


def snippet_lines(finding: Finding) -> list[SnippetLine]:
    """The snippet split into numbered, highlighted lines; [] when there is none."""
    text = finding.snippet
    if not text or not text.strip():
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    start = finding.extra.get("snippet_start_line") if finding.extra else None
    if not isinstance(start, int) or isinstance(start, bool) or start < 1:
        start = finding.line if finding.line >= 1 else None
    end_line = max(finding.end_line, finding.line)
    result = []
    for offset, line in enumerate(lines):
        line = line.expandtabs(4)
        number = None if start is None else start + offset
        marked = number is not None and finding.line >= 1 and finding.line <= number <= end_line
        result.append(SnippetLine(number=number, text=line, tokens=highlight_line(line), marked=marked))
    return result


def location_label(finding: Finding) -> str:
    if finding.line < 1:
        return ""
    if finding.column >= 1:
        return f"{finding.line}:{finding.column}"
    return str(finding.line)


def build_view(report: Report) -> ReportView:
    catalogue = report.rules
    summary = report.summary()
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule_id, []).append(f)
    rules = [_rule_view(rid, catalogue.get(rid), by_rule[rid]) for rid in sorted(by_rule)]
    rules_by_id = {r.id: r for r in rules}

    groups: list[Group] = []
    current: Group | None = None
    for f in report.findings:  # already sorted by path, line, column, rule, message
        if current is None or current.path != f.path:
            current = Group(path=f.path, anchor=f"file-{len(groups) + 1}")
            groups.append(current)
        rv = rules_by_id[f.rule_id]
        current.findings.append(
            FindingView(
                finding=f,
                rule=rv,
                anchor=f"{current.anchor}-{len(current.findings) + 1}",
                location=location_label(f),
                snippet=snippet_lines(f),
                what_to_do=f.what_to_do or rv.what_to_do,
                docs_url=f.docs_url or rv.docs_url,
                effort=rv.effort,
            )
        )

    is_data = report.kind == "data"
    labels = (
        {"file": "Object", "files": "Objects", "with_findings": "Objects with findings"}
        if is_data
        else {"file": "File", "files": "Files", "with_findings": "Files with findings"}
    )
    return ReportView(report=report, summary=summary, rules=rules, groups=groups, is_data=is_data, labels=labels)
