"""End of an export: data report and summary table."""

from __future__ import annotations

import json
from typing import Any

from assistants_migrate.export.datareport import export_findings, write_data_report
from assistants_migrate.export.exporter import KIND_PLURAL, SUNSET_MESSAGE, Exporter, ExportResult


def summary_rows(exporter: Exporter) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for kind, entries in exporter.entries.items():
        statuses = [e.status for e in entries.values()]
        rows.append([
            KIND_PLURAL[kind],
            len(statuses),
            statuses.count("exported"),
            statuses.count("gone"),
            sum(1 for s in statuses if s not in ("exported", "gone")),
        ])
    for key in ("messages", "runs", "run_steps", "vector_store_files"):
        rows.append([key, exporter.counts[key], exporter.counts[key], "", ""])
    return rows


def finish_export(exporter: Exporter, result: ExportResult, ui: Any) -> int:
    root = exporter.archive.root
    manifest = json.loads(exporter.archive.manifest_path.read_text(encoding="utf-8"))
    findings = export_findings(root, manifest)
    written = write_data_report(root, "assistants-migrate export", findings, result.counts)
    ui.table("export summary", ["kind", "planned", "exported", "gone", "failed"], summary_rows(exporter))
    if result.sunset:
        ui.message(f"Assistants paths are gone on this host (404): {SUNSET_MESSAGE}.")
    ui.message(
        f"{exporter.api.requests} requests, {exporter.api.retries} retries; archive {root}; "
        f"report {', '.join(p.name for p in written)}"
    )
    if result.quota_message:
        ui.message(result.quota_message)
        return result.stop_code
    if result.exit_code:
        failed = [
            (KIND_PLURAL[k], oid, e.reason)
            for k, entries in exporter.entries.items() for oid, e in sorted(entries.items())
            if e.status not in ("exported", "gone")
        ]
        for plural, oid, reason in failed[:20]:
            ui.message(f"not exported: {plural} {oid}: {reason}")
        if len(failed) > 20:
            ui.message(f"... and {len(failed) - 20} more (see manifest.json)")
        ui.message("run the same command again to retry what failed")
    return result.exit_code
