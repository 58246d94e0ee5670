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

from markupsafe import Markup

from assistants_migrate.findings import LANGUAGES, MIGRATION_GUIDE, Example, Finding, Rule
from assistants_migrate.jsaudit.guidance import in_scripts
from assistants_migrate.report import charts
from assistants_migrate.report.effort import EffortSummary, Estimate, directory_of, hours_range
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
    hours: str = ""  # the manual work's engineer-hours, "" when there is none
    impact: float = 0.0  # midpoint hours: what the rule table is ranked by
    script_what_to_do: str = ""  # openai-node guidance, when the report has TypeScript/JavaScript findings of it
    script_example: Example | None = None


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
    source_link: str = ""

    @property
    def show_what_to_do(self) -> bool:
        """The rule's own advice is in the rules section; repeat only advice specific to this site."""
        return bool(self.what_to_do.strip()) and (self.what_to_do.strip() != self.rule.what_to_do.strip() or not self.rule.known)

    @property
    def marker(self) -> str | None:
        return self.finding.extra.get("marker") if self.finding.extra else None

    @property
    def marker_unmatched(self) -> bool:
        return bool(self.finding.extra.get("marker_unmatched")) if self.finding.extra else False

    @property
    def show_message(self) -> bool:
        """False when the message only repeats the rule title shown above it."""
        return bool(self.finding.message.strip()) and self.finding.message.strip() != self.rule.title.strip()

    @property
    def status(self) -> str:
        return "auto-migrated" if self.finding.fixed else "manual"

    @property
    def language(self) -> str:
        """"TypeScript", "Python", ...; "" for data findings."""
        return LANGUAGES.get(self.finding.language, self.finding.language)


@dataclass
class AutoRow:
    """The auto-migrated sites of one rule in one file, folded into a count."""

    rule: RuleView
    severity: str
    sites: list[tuple[int, str]] = field(default_factory=list)  # (line, source link or "")


@dataclass
class Group:
    """The findings of one file (code reports) or one object (data reports)."""

    path: str
    anchor: str
    findings: list[FindingView] = field(default_factory=list)
    estimate: Estimate = field(default_factory=Estimate)
    source_link: str = ""

    @property
    def manual_findings(self) -> list[FindingView]:
        return [fv for fv in self.findings if not fv.finding.fixed]

    @property
    def auto_rows(self) -> list[AutoRow]:
        rows: dict[str, AutoRow] = {}
        for fv in self.findings:
            if fv.finding.fixed:
                row = rows.setdefault(fv.rule.id, AutoRow(fv.rule, fv.finding.severity.value))
                row.sites.append((fv.finding.line, fv.source_link))
        return list(rows.values())

    @property
    def auto(self) -> int:
        return sum(1 for fv in self.findings if fv.finding.fixed)

    @property
    def rules(self) -> str:
        """The rule ids in this group, for the filter script."""
        return " ".join(sorted({fv.rule.id for fv in self.findings}))

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
class DirectoryRow:
    path: str
    estimate: Estimate
    files: int


@dataclass
class ReportView:
    report: Report
    summary: dict[str, Any]
    rules: list[RuleView]  # ranked by the manual work they stand for, then by id
    groups: list[Group]  # files with manual work first, most work first; then the rest by path
    is_data: bool
    labels: dict[str, str]
    effort: EffortSummary | None = None
    directories: list[DirectoryRow] = field(default_factory=list)  # top N by effort
    other_directories: int = 0
    charts: dict[str, Markup] = field(default_factory=dict)
    severity_labels: dict[str, str] = field(default_factory=lambda: dict(SEVERITY_LABELS))
    language_labels: dict[str, str] = field(default_factory=lambda: dict(LANGUAGES))
    effort_labels: dict[str, str] = field(default_factory=lambda: dict(EFFORT_LABELS))
    guide_url: str = MIGRATION_GUIDE

    @property
    def manual_groups(self) -> list[Group]:
        return [g for g in self.groups if g.estimate.items]

    @property
    def auto_only_groups(self) -> list[Group]:
        return [g for g in self.groups if not g.estimate.items]

    @property
    def hours_legend(self) -> str:
        hours = self.effort.hours if self.effort else {}
        return ", ".join(f"{cls} {hours_range(*hours[cls])} h" for cls in EFFORTS if cls in hours)


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
        **({"script_what_to_do": script[0], "script_example": script[1]} if (script := in_scripts(findings, rule)) else {}),
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
        tokens = highlight_line(line) if finding.language in ("", "python") else [("", line)] if line else []
        result.append(SnippetLine(number=number, text=line, tokens=tokens, marked=marked))
    return result


HTML_SNIPPET_LINES = 6  # a page of hundreds of items shows where, the file shows the rest


def _without_marker(lines: list[SnippetLine], finding: Finding) -> list[SnippetLine]:
    """The marker comment's line is left out: its text is the item's message, shown above."""
    at = finding.extra.get("marker_line") if finding.extra else None
    if not isinstance(at, int):
        return lines
    return [line for line in lines if line.number != at]


def _around_mark(lines: list[SnippetLine]) -> list[SnippetLine]:
    """At most HTML_SNIPPET_LINES, starting a line before the first marked one."""
    if len(lines) <= HTML_SNIPPET_LINES:
        return lines
    first = next((i for i, line in enumerate(lines) if line.marked), 0)
    start = max(0, min(first - 1, len(lines) - HTML_SNIPPET_LINES))
    return lines[start : start + HTML_SNIPPET_LINES]


def location_label(finding: Finding) -> str:
    if finding.line < 1:
        return ""
    if finding.column >= 1:
        return f"{finding.line}:{finding.column}"
    return str(finding.line)


def build_view(report: Report) -> ReportView:
    catalogue = report.rules
    summary = report.summary()
    effort = report.effort()
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule_id, []).append(f)
    rules = [_rule_view(rid, catalogue.get(rid), by_rule[rid]) for rid in sorted(by_rule)]
    for i, rv in enumerate(rules):
        est = effort.by_rule.get(rv.id)
        if est is not None:
            rules[i] = _with_hours(rv, est)
    rules.sort(key=lambda r: (-r.impact, -r.manual, -r.count, r.id))
    rules_by_id = {r.id: r for r in rules}
    is_data = report.kind == "data"
    project = report.project

    groups_by_path: dict[str, Group] = {}
    for f in report.findings:  # already sorted by path, line, column, rule, message
        group = groups_by_path.get(f.path)
        if group is None:
            group = groups_by_path[f.path] = Group(
                path=f.path, anchor=f"file-{len(groups_by_path) + 1}",
                estimate=effort.by_file.get(f.path, Estimate()),
                source_link="" if is_data else project.link(f.path),
            )
        rv = rules_by_id[f.rule_id]
        group.findings.append(
            FindingView(
                finding=f,
                rule=rv,
                anchor=f"{group.anchor}-{len(group.findings) + 1}",
                location=location_label(f),
                snippet=_around_mark(_without_marker(snippet_lines(f), f)) if not f.fixed else [],
                what_to_do=f.what_to_do or rv.what_to_do,
                docs_url=f.docs_url or rv.docs_url,
                effort=rv.effort,
                source_link="" if is_data else project.link(f.path, f.line),
            )
        )
    ranked = list(effort.by_file)
    position = {path: i for i, path in enumerate(ranked)}
    groups = sorted(groups_by_path.values(), key=lambda g: (position.get(g.path, len(ranked)), g.path))

    labels = (
        {"file": "Object", "files": "Objects", "with_findings": "Objects with findings"}
        if is_data
        else {"file": "File", "files": "Files", "with_findings": "Files with findings"}
    )
    top = max(1, report.top_directories)
    dirs = [DirectoryRow(path, est, len({p for p in effort.by_file if directory_of(p) == path}))
            for path, est in effort.by_directory.items()]
    view = ReportView(report=report, summary=summary, rules=rules, groups=groups, is_data=is_data, labels=labels,
                      effort=effort, directories=dirs[:top], other_directories=max(0, len(dirs) - top))
    view.charts = _charts(view)
    return view


def _with_hours(rv: RuleView, est: Estimate) -> RuleView:
    from dataclasses import replace

    return replace(rv, hours=est.label, impact=est.mid)


def _charts(view: ReportView) -> dict[str, Markup]:
    s = view.summary
    unit = view.labels["file"].lower()
    out = {"share": charts.share_chart("chart-share", "Auto-migrated and manual sites", s["manual"], s["auto_fixed"])}
    if view.effort is None or not view.effort.project.items:
        return out
    top_rules = [r for r in view.rules if r.manual][:10]
    out["rules"] = charts.bar_chart(
        "chart-rules", "Manual work by rule (engineer-hours, midpoint of the range)",
        [charts.Bar(f"{r.id} {r.title}", r.impact, f"{r.manual} item{'s' if r.manual != 1 else ''}, {r.hours} h",
                    href=f"#rule={r.id}") for r in top_rules],
        summary=f"The {len(top_rules)} rules with the most manual work.",
    )
    if not view.is_data:
        out["directories"] = charts.bar_chart(
            "chart-dirs", "Manual work by directory (engineer-hours, midpoint of the range)",
            [charts.Bar(d.path + "/", d.estimate.mid,
                        f"{d.estimate.items} item{'s' if d.estimate.items != 1 else ''}, {d.files} {unit}{'s' if d.files != 1 else ''}, {d.estimate.label} h",
                        keep_end=True)
             for d in view.directories],
            summary=f"The {len(view.directories)} directories with the most manual work.",
        )
    return out
