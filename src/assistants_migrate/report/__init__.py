"""Reports: one findings model (`Report`), rendered as html, md, json or sarif.

    render(report, "html" | "md" | "json" | "sarif") -> str
    write_reports(report, [(path, fmt), ...])

Every format is deterministic: the same Report gives the same bytes (no timestamp
unless `Report.timestamp` is set). The JSON format is documented by
`report.schema.json` next to this file (the same document as `REPORT_JSON_SCHEMA`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from assistants_migrate.findings import Example, Rule
from assistants_migrate.jsaudit.guidance import in_scripts
from assistants_migrate.report.model import REPORT_SCHEMA_VERSION, Report

FORMATS = ("html", "md", "json", "sarif")

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json", ".sarif": "sarif"}


def format_for_path(path: Path) -> str | None:
    """The format implied by a file name (`x.sarif.json` is SARIF), or None."""
    name = path.name.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    return _SUFFIXES.get(path.suffix.lower())


def render_json(report: Report, *, indent: int | None = 2) -> str:
    rules = report.rules
    data = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "assistants-migrate", "version": report.tool_version},
        "kind": report.kind,
        "title": report.title,
        "root": report.root,
        **({"timestamp": report.timestamp} if report.timestamp else {}),
        **({"project": _project_json(report)} if report.kind == "code" else {}),
        "summary": report.summary(),
        "rules": [_rule_json(rules[rid], in_scripts(report.findings, rules[rid])) for rid in rules],
        "findings": [f.to_json() for f in report.findings],
    }
    # indent=None: json's C encoder (with an indent it encodes in Python), for a caller that reads it back
    return json.dumps(data, indent=indent, sort_keys=False, default=str) + "\n"


def _project_json(report: Report) -> dict[str, Any]:
    p = report.project
    data: dict[str, Any] = {"name": p.name, "root": p.root}
    if p.commit:
        data.update(commit=p.commit, branch=p.branch, dirty=p.dirty)
    if p.source_url:
        data["source_url"] = p.source_url
    return data


def _rule_json(rule: Rule, script: tuple[str, Example] | None = None) -> dict[str, Any]:
    data = {
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
    if script is not None:  # the report holds TypeScript/JavaScript findings of this rule
        data["typescript"] = {"what_to_do": script[0], "examples": [{"before": script[1].before, "after": script[1].after}]}
    return data


def render_html(report: Report) -> str:
    """One self-contained HTML page: inline CSS and JS, a CSP that forbids any network."""
    from assistants_migrate.report.templates import csp_hash, html_assets, html_env
    from assistants_migrate.report.view import build_view

    css, js = html_assets()
    page = html_env().get_template("report.html.j2").render(
        v=build_view(report), css=css, js=js, style_hash=csp_hash(str(css)), script_hash=csp_hash(str(js))
    )
    return _drop_indentation(page).rstrip("\n") + "\n"


_PRE_BLOCK = re.compile(r"(<pre[ >].*?</pre>)", re.DOTALL)
_INDENT_BEFORE_TAG = re.compile(r"\n[ \t]+(?=<)")


def _drop_indentation(page: str) -> str:
    """The template's indentation before tags, outside <pre>: a sixth of a large page, and invisible.
    Inside <pre>, quotes need no escaping (element text, never an attribute): code is full of them."""
    parts = _PRE_BLOCK.split(page)
    return "".join(
        part.replace("&#34;", '"').replace("&#39;", "'") if i % 2 else _INDENT_BEFORE_TAG.sub("\n", part)
        for i, part in enumerate(parts)
    )


PR_COMMENT_LIMIT = 65_536  # characters GitHub accepts in one pull-request comment or description
SUMMARY_TABLE_FILES = 40  # files listed in the summary's table


def _markdown(view: Any, template: str, **extra: Any) -> str:
    from assistants_migrate.report.templates import md_env, tidy_markdown

    for key, value in {"md_note": "", "details_limit": 0, "table_limit": SUMMARY_TABLE_FILES, **extra}.items():
        setattr(view, key, value)
    return tidy_markdown(md_env().get_template(template).render(v=view))


def _summary_markdown(view: Any, note: str) -> str:
    """The summary, with as many files' <details> as fit in one pull-request comment."""
    files = len(view.manual_groups)
    text = _markdown(view, "report-summary.md.j2", md_note=note, details_limit=files)
    if len(text) <= PR_COMMENT_LIMIT:
        return text
    low, high = 0, files  # the most files whose details fit: binary search on the rendered length
    while low < high:
        mid = (low + high + 1) // 2
        if len(_markdown(view, "report-summary.md.j2", md_note=note, details_limit=mid)) <= PR_COMMENT_LIMIT:
            low = mid
        else:
            high = mid - 1
    table_limit = SUMMARY_TABLE_FILES
    text = _markdown(view, "report-summary.md.j2", md_note=note, details_limit=low)
    while len(text) > PR_COMMENT_LIMIT and table_limit > 0:  # huge rule/file tables: shorten the file table
        table_limit //= 2
        text = _markdown(view, "report-summary.md.j2", md_note=note, details_limit=0, table_limit=table_limit)
    return text


def markdown_mode(report: Report) -> tuple[str, int]:
    """("summary" | "full", length of the full text): what `render_markdown` gives for this report."""
    from assistants_migrate.report.view import build_view

    if report.md_mode == "summary":
        return "summary", 0
    full = _markdown(build_view(report), "report.md.j2")
    if report.md_mode == "full" or len(full) <= PR_COMMENT_LIMIT:
        return "full", len(full)
    return "summary", len(full)


def render_markdown(report: Report) -> str:
    """GitHub-flavoured Markdown for a pull request: the full list of findings, or (`md_mode`
    "summary", or "auto" when the full text exceeds one comment's 65,536 characters) a summary."""
    from assistants_migrate.report.view import build_view

    view = build_view(report)
    if report.md_mode == "summary":
        return _summary_markdown(view, "")
    full = _markdown(view, "report.md.j2")
    if report.md_mode == "full" or len(full) <= PR_COMMENT_LIMIT:
        return full
    note = (f"Summary only: the full report would be {len(full):,} characters, more than one pull-request comment "
            f"holds ({PR_COMMENT_LIMIT:,}). Run with `--md-mode full` for every finding, or see the HTML report.")
    return _summary_markdown(view, Markup(note))  # our own Markdown: its backticks are code


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
    "PR_COMMENT_LIMIT",
    "markdown_mode",
    "Report",
    "format_for_path",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_sarif",
    "write_reports",
]
