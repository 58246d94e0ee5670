"""The one findings model that every report format is rendered from.

A `Report` is produced by `audit`, by `rewrite --report`, and by `export`/`import`
(data reports). Renderers (json, md, html, sarif) take a Report and return text.
Everything is sorted and free of timestamps unless the caller passes one, so two
runs over the same input give byte-identical reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assistants_migrate import __version__
from assistants_migrate.findings import CATALOGUE, LANGUAGES, Finding, Rule
from assistants_migrate.report.effort import DEFAULT_EFFORT_HOURS, EffortSummary, estimate
from assistants_migrate.report.project import ProjectInfo

REPORT_SCHEMA_VERSION = 1


@dataclass
class Report:
    kind: str  # "code" (audit, rewrite) or "data" (export, import)
    title: str
    findings: list[Finding]
    root: str = "."  # what paths are relative to (shown, never used to open files)
    files_scanned: int = 0  # files that went through discovery
    files_parsed: int = 0
    files_changed: int = 0
    files_failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # extra totals (e.g. objects by kind)
    timestamp: str | None = None  # only with --timestamp: keeps reports diffable by default
    tool_version: str = __version__
    project: ProjectInfo = field(default_factory=ProjectInfo)  # name, git state, source links
    effort_hours: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_EFFORT_HOURS))
    md_mode: str = "auto"  # "summary", "full", or "auto": summary when full would not fit a PR comment
    sarif_notes: bool = False  # SARIF results for auto-migrated sites too (off: only what needs a person)
    top_directories: int = 8  # directories shown in the chart and table

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=Finding.sort_key)

    @property
    def rules(self) -> dict[str, Rule]:
        """The catalogue entries of the rules that occur in this report, sorted by id.

        A finding whose rule id is not in the catalogue is still rendered everywhere
        (with the id as its title); it just has no catalogue entry here.
        """
        catalogue = _catalogue()
        return {rid: catalogue[rid] for rid in sorted({f.rule_id for f in self.findings}) if rid in catalogue}

    def effort(self) -> EffortSummary:
        """Engineer-hours of the manual work, per file, directory, rule and in total."""
        return estimate(self.findings, self.rules, self.effort_hours, unit="object" if self.kind == "data" else "file")

    def summary(self) -> dict[str, Any]:
        """Totals shown first in every format. The browser test compares these with the DOM."""
        rules = self.rules
        by_rule = Counter(f.rule_id for f in self.findings)
        by_severity = Counter(f.severity.value for f in self.findings)
        by_file = Counter(f.path for f in self.findings)
        effort = Counter(rules[f.rule_id].effort.value for f in self.findings if f.rule_id in rules and not f.fixed)
        hours = self.effort()
        by_language = Counter(f.language for f in self.findings if f.language)
        return {
            "findings": len(self.findings),
            "auto_fixed": sum(1 for f in self.findings if f.fixed),
            "manual": sum(1 for f in self.findings if not f.fixed),
            "files_scanned": self.files_scanned,
            "files_parsed": self.files_parsed,
            "files_changed": self.files_changed,
            "files_failed": self.files_failed,
            "files_with_findings": len(by_file),
            "by_rule": dict(sorted(by_rule.items())),
            "by_severity": {s: by_severity[s] for s in ("error", "warning", "note") if by_severity[s]},
            "by_file": dict(sorted(by_file.items())),
            "effort": {e: effort[e] for e in ("S", "M", "L") if effort[e]},
            "effort_hours": {"low": round(hours.project.low, 2), "high": round(hours.project.high, 2)},
            "effort_sentence": hours.sentence,
            **({"counts": dict(sorted(self.counts.items()))} if self.counts else {}),
            **({"by_language": {lang: by_language[lang] for lang in LANGUAGES if by_language[lang]}} if by_language else {}),
        }


def _catalogue() -> dict[str, Rule]:
    """The full rule catalogue; falls back to what is registered so far when the
    engine or codemod packages cannot be imported (partial installs, unit tests)."""
    try:
        from assistants_migrate.engine.registry import catalogue

        return catalogue()
    except ImportError:
        return dict(sorted(CATALOGUE.items()))
