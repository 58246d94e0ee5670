"""Reports: one findings model (`Report`), rendered as html, md, json or sarif."""

from __future__ import annotations

import json
from pathlib import Path

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
    data = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "assistants-migrate", "version": report.tool_version},
        "kind": report.kind,
        "title": report.title,
        "root": report.root,
        **({"timestamp": report.timestamp} if report.timestamp else {}),
        "summary": report.summary(),
        "findings": [f.to_json() for f in report.findings],
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_reports(report: Report, outputs: list[tuple[Path, str]]) -> None:
    """Render and write each (path, format) atomically."""
    from assistants_migrate.fsutil import atomic_write_text

    for path, fmt in outputs:
        atomic_write_text(path, render(report, fmt))


__all__ = ["FORMATS", "Report", "format_for_path", "render", "write_reports"]
