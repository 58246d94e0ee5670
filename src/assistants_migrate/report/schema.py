"""The JSON Schema of the JSON report (`render(report, "json")`).

`REPORT_JSON_SCHEMA` is the source; `report.schema.json` next to this file is the same
document written out for people and other tools (a test keeps the two identical).
Regenerate the file with `python -m assistants_migrate.report.schema > report.schema.json`.

Compatibility: `schema_version` changes only when a field is removed or changes meaning;
new optional fields may appear without a version change.
"""

from __future__ import annotations

import json
from typing import Any

from assistants_migrate.findings import LANGUAGES
from assistants_migrate.report.model import REPORT_SCHEMA_VERSION

_COUNT = {"type": "integer", "minimum": 0}
_COUNTS = {"type": "object", "additionalProperties": _COUNT}
_SEVERITY = {"enum": ["error", "warning", "note"]}
_EFFORT = {"enum": ["S", "M", "L"]}
_EXAMPLES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["before", "after"],
        "additionalProperties": False,
        "properties": {"before": {"type": "string"}, "after": {"type": ["string", "null"]}},
    },
}

REPORT_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/assistants-migrate/assistants-migrate/report.schema.json",
    "title": "assistants-migrate report",
    "description": (
        "Findings of `assistants-migrate audit` / `rewrite --report` (kind \"code\") or of "
        "`export` / `import` (kind \"data\"). Findings are sorted by path, line, column, rule id "
        "and message; there is no timestamp unless the run was given --timestamp."
    ),
    "type": "object",
    "required": ["schema_version", "tool", "kind", "title", "root", "summary", "rules", "findings"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": REPORT_SCHEMA_VERSION, "description": "Version of this document's shape."},
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "additionalProperties": False,
            "properties": {"name": {"const": "assistants-migrate"}, "version": {"type": "string"}},
        },
        "kind": {"enum": ["code", "data"], "description": "code: source files; data: archived API objects."},
        "title": {"type": "string"},
        "root": {"type": "string", "description": "What finding paths are relative to (code reports)."},
        "timestamp": {"type": "string", "description": "Only present when the run was given --timestamp."},
        "project": {
            "type": "object",
            "description": "The project the code report is about (git facts only inside a git work tree).",
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"},
                "root": {"type": "string", "description": "What was scanned, relative to the repository top level."},
                "commit": {"type": "string"},
                "branch": {"type": "string"},
                "dirty": {"type": "boolean", "description": "The work tree had uncommitted changes."},
                "source_url": {"type": "string", "description": "Link template with {path}, {line}, {commit}."},
            },
        },
        "summary": {
            "type": "object",
            "description": "The totals every format shows first.",
            "required": [
                "findings", "auto_fixed", "manual", "files_scanned", "files_parsed", "files_changed",
                "files_failed", "files_with_findings", "by_rule", "by_severity", "by_file", "effort",
            ],
            "additionalProperties": False,
            "properties": {
                "findings": {**_COUNT, "description": "Number of findings."},
                "auto_fixed": {**_COUNT, "description": "Findings that `rewrite` migrates (or migrated) by itself."},
                "manual": {**_COUNT, "description": "Findings that need a person."},
                "files_scanned": {**_COUNT, "description": "Files that went through discovery."},
                "files_parsed": {**_COUNT, "description": "Files that mention the API and were parsed."},
                "files_changed": {**_COUNT, "description": "Files the rewrite changed (or would change)."},
                "files_failed": {**_COUNT, "description": "Files that could not be parsed or rewritten."},
                "files_with_findings": {**_COUNT, "description": "Distinct paths (or object ids) with findings."},
                "by_rule": {**_COUNTS, "description": "Findings per rule id, sorted by id."},
                "by_severity": {
                    "type": "object",
                    "description": "Findings per severity; severities without findings are left out.",
                    "additionalProperties": False,
                    "properties": {s: {"type": "integer", "minimum": 1} for s in ("error", "warning", "note")},
                },
                "by_file": {**_COUNTS, "description": "Findings per path (or object id), sorted by path."},
                "effort": {
                    "type": "object",
                    "description": "Manual findings per effort class (S minutes, M an hour, L a day or more).",
                    "additionalProperties": False,
                    "properties": {e: {"type": "integer", "minimum": 1} for e in ("S", "M", "L")},
                },
                "effort_hours": {
                    "type": "object",
                    "description": "Engineer-hours of the manual work as a range (hours per effort class are configurable).",
                    "required": ["low", "high"],
                    "additionalProperties": False,
                    "properties": {"low": {"type": "number", "minimum": 0}, "high": {"type": "number", "minimum": 0}},
                },
                "effort_sentence": {"type": "string", "description": "The effort in one sentence, as the reports show it."},
                "counts": {**_COUNTS, "description": "Extra totals, e.g. archived objects by kind (data reports)."},
                "by_language": {
                    "type": "object",
                    "description": "Findings per source language (code reports; absent when no finding has one).",
                    "additionalProperties": False,
                    "properties": {lang: {"type": "integer", "minimum": 1} for lang in LANGUAGES},
                },
            },
        },
        "rules": {
            "type": "array",
            "description": "Catalogue entries of the rules that occur in the findings, sorted by id.",
            "items": {
                "type": "object",
                "required": ["id", "title", "severity", "autofix", "effort", "surface", "why", "what_to_do", "docs_url", "examples"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^AM[0-9]{3}$"},
                    "title": {"type": "string"},
                    "severity": _SEVERITY,
                    "autofix": {"type": "boolean", "description": "true: rewrite migrates it; false: a TODO marker."},
                    "effort": _EFFORT,
                    "surface": {"type": "string", "description": "The codemod module (or engine/export/import)."},
                    "why": {"type": "string"},
                    "what_to_do": {"type": "string"},
                    "docs_url": {"type": "string", "format": "uri"},
                    "examples": _EXAMPLES,
                    "typescript": {
                        "type": "object",
                        "description": "What to do in openai-node code, with a TypeScript example: present when the "
                        "report holds TypeScript/JavaScript findings of this rule (those files are audited, never rewritten).",
                        "required": ["what_to_do", "examples"],
                        "additionalProperties": False,
                        "properties": {"what_to_do": {"type": "string"}, "examples": _EXAMPLES},
                    },
                },
            },
        },
        "files": {
            "type": "array",
            "description": "Only in `rewrite --format json`: each discovered file's outcome, in discovery order.",
            "items": {
                "type": "object",
                "required": ["path", "status"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string"},
                    "status": {
                        "enum": ["skipped", "unchanged", "changed", "failed"],
                        "description": "skipped: the prefilter found nothing to parse; changed: rewritten (or would be).",
                    },
                    "reason": {"type": "string", "description": "Why a failed file failed."},
                    "diff": {"type": "string", "description": "With --diff: the file's unified diff (a valid patch)."},
                    "suppressed": {**_COUNT, "description": "Findings kept back by the rule selection or a comment."},
                },
            },
        },
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "rule_id", "severity", "path", "line", "column", "end_line", "end_column", "message",
                    "fixed", "what_to_do", "docs_url", "snippet",
                ],
                "additionalProperties": False,
                "properties": {
                    "rule_id": {"type": "string", "description": "A stable rule id such as AM301."},
                    "severity": _SEVERITY,
                    "path": {"type": "string", "description": "Posix path relative to root; for data findings the object id."},
                    "line": {**_COUNT, "description": "1-based; 0 when the finding is about a whole file or object."},
                    "column": {**_COUNT, "description": "1-based; 0 when unknown."},
                    "end_line": _COUNT,
                    "end_column": _COUNT,
                    "message": {"type": "string"},
                    "fixed": {"type": "boolean", "description": "true: auto-migrated; false: manual work remains."},
                    "what_to_do": {"type": "string"},
                    "docs_url": {"type": "string"},
                    "snippet": {"type": "string", "description": "The original source lines of the site (may be empty)."},
                    "language": {
                        "enum": list(LANGUAGES),
                        "description": "The source file's language (code reports; absent for data findings). "
                        "TypeScript and JavaScript findings are audit-only: `rewrite` never changes those files.",
                    },
                    "extra": {
                        "type": "object",
                        "description": (
                            "Rule-specific details, e.g. snippet_start_line (the line the snippet starts on); "
                            "marker (the text of the TODO marker at this site), marker_line (its line), "
                            "marker_unmatched (true: the audit no longer finds the marker's rule there); "
                            "created (true: the file is a module the rewrite would create)."
                        ),
                        "properties": {
                            "snippet_start_line": {"type": "integer", "minimum": 1},
                            "marker": {"type": "string"},
                            "marker_line": {"type": "integer", "minimum": 1},
                            "marker_unmatched": {"const": True},
                            "created": {"const": True},
                        },
                    },
                },
            },
        },
    },
}


def schema_text() -> str:
    return json.dumps(REPORT_JSON_SCHEMA, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
