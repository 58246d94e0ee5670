"""Data findings (AM8xx) and the archive's report files.

Export findings are derived from the documents on disk and the manifest entries, not
from what a run happened to see, so a resumed export writes the same report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistants_migrate.findings import Finding, make_finding


def _finding(rule_id: str, path: str, message: str, extra: dict[str, Any] | None = None) -> Finding:
    from assistants_migrate.export import rules as _rules  # noqa: F401  (registers AM8xx)

    return make_finding(rule_id, path, message=message, extra=extra)


def export_findings(root: Path, manifest: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    if manifest.get("assistants_api") == "gone":
        findings.append(
            _finding("AM804", manifest.get("base_url") or "(base url)",
                     "this host no longer serves the Assistants API; only files and vector stores were exported")
        )
    for plural, entries in sorted((manifest.get("objects") or {}).items()):
        kind = plural[:-1] if plural.endswith("s") else plural
        for oid, entry in sorted(entries.items()):
            status = entry.get("status")
            if status == "gone":
                findings.append(_finding("AM801", oid, f"{kind} {oid}: {entry.get('reason') or 'not found (404)'}"))
            elif status in ("failed", "pending"):
                findings.append(
                    _finding("AM805", oid, f"{kind} {oid}: {entry.get('reason') or 'not exported (run export again)'}")
                )
            if status != "exported" or not entry.get("document"):
                continue
            if plural not in ("files", "vector_stores"):
                continue
            try:
                doc = json.loads((root / entry["document"]).read_bytes())
            except (OSError, ValueError):
                continue
            if plural == "files":
                content = doc.get("content") or {}
                purpose = (doc.get("file") or {}).get("purpose")
                if content.get("status") in ("not_downloadable", "gone"):
                    if content.get("parsed_text"):
                        stores = ", ".join(t["vector_store_id"] for t in content["parsed_text"])
                        findings.append(_finding(
                            "AM802", oid,
                            f"file {oid} (purpose {purpose}): bytes not downloadable; parsed text kept from {stores}",
                            {"purpose": purpose},
                        ))
                    else:
                        findings.append(_finding(
                            "AM806", oid,
                            f"file {oid} (purpose {purpose}): {content.get('reason') or 'content not available'}; "
                            "only metadata archived",
                            {"purpose": purpose},
                        ))
            else:
                for f in doc.get("files") or []:
                    content = f.get("content") or {}
                    fid = (f.get("vector_store_file") or {}).get("id", "?")
                    if content.get("has_more"):
                        findings.append(_finding(
                            "AM803", fid, f"parsed text of {fid} in vector store {oid} is truncated (has_more)",
                            {"vector_store_id": oid},
                        ))
    return findings


def write_data_report(root: Path, title: str, findings: list[Finding], counts: dict[str, int], stem: str = "report") -> list[Path]:
    """Write report.json always, and .md/.html when those renderers exist."""
    from assistants_migrate.report import Report, write_reports

    report = Report(kind="data", title=title, findings=findings, counts=counts)
    written: list[Path] = []
    for fmt in ("json", "md", "html"):
        path = root / f"{stem}.{fmt}"
        try:
            write_reports(report, [(path, fmt)])
        except (ValueError, ImportError, ModuleNotFoundError):
            if fmt == "json":
                raise
            continue
        written.append(path)
    return written
