"""Reports: one findings model (`Report`), rendered as html, md, json or sarif.

    render(report, "html" | "md" | "json" | "sarif") -> str
    write_reports(report, [(path, fmt), ...])

Every format is deterministic: the same Report gives the same bytes (no timestamp
unless `Report.timestamp` is set). The JSON format is documented by
`report.schema.json` next to this file (the same document as `REPORT_JSON_SCHEMA`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistants_migrate.findings import Rule
from assistants_migrate.report.model import REPORT_SCHEMA_VERSION, Report

FORMATS = ("html", "md", "json", "sarif")

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json", ".sarif": "sarif"}


def format_for_path(path: Path) -> str | None:
    """The format implied by a file name (`x.sarif.json` is SARIF), or None."""
    name = path.name.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    return _SUFFIXES.get(path.suffix.lower())


def render_json(report: Report) -> str:
    rules = report.rules
    data = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "assistants-migrate", "version": report.tool_version},
        "kind": report.kind,
        "title": report.title,
        "root": report.root,
        **({"timestamp": report.timestamp} if report.timestamp else {}),
        "summary": report.summary(),
        "rules": [_rule_json(rules[rid]) for rid in rules],
        "findings": [f.to_json() for f in report.findings],
    }
    return json.dumps(data, indent=2, sort_keys=False, default=str) + "\n"


def _rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "autofix": rule.autofix,
        "effort": rule.effort.value,
        "surface": rule.surface,
        "why": rule.why,
        "what_to_do": rule.what_to_do,
        "docs_url": rule.docs_url,
        "examples": [{"before": ex.before, "after": ex.after} for ex in rule.examples],
    }


def render_html(report: Report) -> str:
    """One self-contained HTML page: inline CSS and JS, a CSP that forbids any network."""
    from assistants_migrate.report.templates import csp_hash, html_assets, html_env
    from assistants_migrate.report.view import build_view

    css, js = html_assets()
    page = html_env().get_template("report.html.j2").render(
        v=build_view(report), css=css, js=js, style_hash=csp_hash(str(css)), script_hash=csp_hash(str(js))
    )
    return page.rstrip("\n") + "\n"


def render_markdown(report: Report) -> str:
    """GitHub-flavoured Markdown, fit for a pull request description."""
    from assistants_migrate.report.templates import md_env, tidy_markdown
    from assistants_migrate.report.view import build_view

    return tidy_markdown(md_env().get_template("report.md.j2").render(v=build_view(report)))


def render_sarif(report: Report) -> str:
    """SARIF 2.1.0 for GitHub code scanning."""
    from assistants_migrate.report.sarif import render_sarif as _render_sarif

    return _render_sarif(report)


_RENDERERS = {"html": render_html, "md": render_markdown, "json": render_json, "sarif": render_sarif}


def render(report: Report, fmt: str) -> str:
    renderer = _RENDERERS.get(fmt)
    if renderer is not None:
        return renderer(report)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_reports(report: Report, outputs: list[tuple[Path, str]]) -> None:
    """Render and write each (path, format) atomically."""
    from assistants_migrate.fsutil import atomic_write_text

    for path, fmt in outputs:
        atomic_write_text(path, render(report, fmt))


__all__ = [
    "FORMATS",
    "Report",
    "format_for_path",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_sarif",
    "write_reports",
]
