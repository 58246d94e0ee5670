"""SARIF 2.1.0 output, shaped for GitHub code scanning.

- One run, `tool.driver.rules` holds every rule that occurs (sorted by id), each with
  short and full descriptions, help as text and Markdown, `helpUri`,
  `defaultConfiguration.level` and the `properties` GitHub reads (`tags`, `precision`,
  `problem.severity`).
- Locations are URIs relative to the repository's top level (git), under `uriBaseId`
  `%SRCROOT%`, whatever directory the run started in and however paths were given;
  outside git, relative to the working directory. Data findings (path is an archived
  object id, line 0) get a logical location instead.
- Auto-migrated sites are left out unless `Report.sarif_notes` (`--sarif-notes`): code
  scanning should show what needs a person, not a thousand notes about done work.
- `partialFingerprints.primaryLocationLineHash` is computed from the rule id, the path
  and the whitespace-normalised snippet (or message when there is no snippet), plus an
  occurrence number for identical sites, so it survives lines moving up or down.
- No timestamps unless the report carries one (then in `run.properties.timestamp`).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote

from assistants_migrate.findings import MIGRATION_GUIDE, Finding, Rule
from assistants_migrate.report.model import Report
from assistants_migrate.report.templates import paragraphs, safe_url

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
INFORMATION_URI = "https://github.com/assistants-migrate/assistants-migrate"

_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_EFFORT_WORDS = {"S": "minutes (a mechanical edit)", "M": "about an hour (a local design decision)", "L": "a day or more"}


def _clip(text: str, limit: int = 1024) -> str:
    """GitHub truncates descriptions at 1024 characters; do it at a word boundary."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _camel(title: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words)[:255] or "Rule"


def _rule_descriptor(rule_id: str, rule: Rule | None, sample: Finding) -> dict[str, Any]:
    if rule is None:
        title = sample.message.split("\n", 1)[0] or rule_id
        what = sample.what_to_do or "See the migration guide."
        docs = safe_url(sample.docs_url) or MIGRATION_GUIDE
        text = f"{what}\n\nMigration guide: {docs}"
        return {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": _clip(_one_line(title))},
            "fullDescription": {"text": _clip(_one_line(title))},
            "help": {"text": text, "markdown": f"**What to do:** {what}\n\n[Migration guide]({docs})"},
            "helpUri": docs,
            "defaultConfiguration": {"level": sample.severity.value},
            "properties": {
                "tags": ["assistants-migrate"],
                "precision": "high",
                "problem.severity": _PROBLEM_SEVERITY[sample.severity.value],
            },
        }
    why = "\n\n".join(paragraphs(rule.why))
    what = "\n\n".join(paragraphs(rule.what_to_do))
    fix = "automatic: `assistants-migrate rewrite` does it" if rule.autofix else "manual: `rewrite` leaves a TODO marker"
    text_parts = [why, f"What to do: {what}", f"Fix: {fix.replace('`', '')}.", f"Effort: {rule.effort.value}, {_EFFORT_WORDS[rule.effort.value]}."]
    md_parts = [why, f"**What to do:** {what}", f"**Fix:** {fix}.", f"**Effort:** {rule.effort.value}, {_EFFORT_WORDS[rule.effort.value]}."]
    for i, ex in enumerate(rule.examples, 1):
        label = "Example" if len(rule.examples) == 1 else f"Example {i}"
        text_parts.append(f"{label}, before:\n{ex.before.rstrip()}")
        md_parts.append(f"{label}, before:\n\n{_fence(ex.before)}")
        if ex.after is not None:
            text_parts.append(f"After:\n{ex.after.rstrip()}")
            md_parts.append(f"After:\n\n{_fence(ex.after)}")
    text_parts.append(f"Migration guide: {rule.docs_url}")
    md_parts.append(f"[Migration guide]({rule.docs_url})")
    tags = ["assistants-migrate", "migration", rule.surface, "autofix" if rule.autofix else "manual", f"effort-{rule.effort.value}"]
    return {
        "id": rule.id,
        "name": _camel(rule.title),
        "shortDescription": {"text": _clip(_one_line(rule.title))},
        "fullDescription": {"text": _clip(_one_line(rule.why) or _one_line(rule.title))},
        "help": {"text": "\n\n".join(p for p in text_parts if p), "markdown": "\n\n".join(p for p in md_parts if p)},
        "helpUri": rule.docs_url,
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {
            "tags": [t for t in dict.fromkeys(tags) if t][:20],
            "precision": "high",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity.value],
            "effort": rule.effort.value,
            "autofix": rule.autofix,
        },
    }


def _fence(code: str) -> str:
    longest = max((len(r) for r in re.findall(r"`{3,}", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}python\n{code.rstrip()}\n{fence}"


def normalise_snippet(text: str) -> str:
    """Whitespace-insensitive form of a snippet: each line stripped, blank lines dropped."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip())


def fingerprint_base(finding: Finding) -> str:
    """What identifies a site independently of its line number."""
    body = normalise_snippet(finding.snippet) or _one_line(finding.message)
    return "\0".join((finding.rule_id, finding.path, body))


def _fingerprints(findings: list[Finding]) -> list[str]:
    """`<16 hex>:<occurrence>` per finding, in report order (the report is sorted)."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        digest = hashlib.sha256(fingerprint_base(f).encode("utf-8")).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def artifact_uri(path: str) -> str:
    """A relative URI reference for a posix path (percent-encoded, no leading slash)."""
    return quote(path.replace("\\", "/").lstrip("/"), safe="/-._~")


def _location(finding: Finding, report: Report) -> dict[str, Any]:
    if report.kind == "data":
        return {"logicalLocations": [{"name": finding.path, "fullyQualifiedName": finding.path, "kind": "object"}]}
    uri = artifact_uri(report.project.repo_path(finding.path))
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}}
    if finding.line >= 1:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column >= 1:
            region["startColumn"] = finding.column
        end_line = finding.end_line if finding.end_line >= finding.line else finding.line
        region["endLine"] = end_line
        if finding.end_column >= 1 and (end_line > finding.line or finding.end_column > max(finding.column, 0)):
            region["endColumn"] = finding.end_column
        physical["region"] = region
        snippet = finding.snippet.replace("\r\n", "\n").rstrip("\n")
        if snippet.strip():
            start = finding.extra.get("snippet_start_line") if finding.extra else None
            if not isinstance(start, int) or isinstance(start, bool) or start < 1:
                start = finding.line
            n = snippet.count("\n") + 1
            physical["contextRegion"] = {"startLine": start, "endLine": start + n - 1, "snippet": {"text": snippet + "\n"}}
    return {"physicalLocation": physical}


def _message(finding: Finding) -> str:
    text = finding.message.strip() or finding.rule_id
    if not text.endswith((".", "!", "?")):
        text += "."
    if finding.what_to_do and not finding.fixed:
        text += " " + _one_line(finding.what_to_do)
    return text


def build_sarif(report: Report) -> dict[str, Any]:
    catalogue = report.rules
    # a module the rewrite would create is not on disk: code scanning could not place it
    findings = [f for f in report.findings if (report.sarif_notes or not f.fixed) and not f.extra.get("created")]
    samples: dict[str, Finding] = {}
    for f in findings:
        samples.setdefault(f.rule_id, f)
    rule_ids = sorted(samples)
    rules = [_rule_descriptor(rid, catalogue.get(rid), samples[rid]) for rid in rule_ids]
    index = {rid: i for i, rid in enumerate(rule_ids)}

    results = []
    for f, fp in zip(findings, _fingerprints(findings)):
        result: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": f.severity.value,
            "message": {"text": _message(f)},
            "locations": [_location(f, report)],
            "partialFingerprints": {"primaryLocationLineHash": fp},
            "properties": {"fixed": f.fixed},
        }
        rule = catalogue.get(f.rule_id)
        if rule is not None:
            result["properties"]["effort"] = rule.effort.value
        if f.language:
            result["properties"]["language"] = f.language
        if f.fixed:
            result["properties"]["tags"] = ["auto-migrated"]
        results.append(result)

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "assistants-migrate",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"assistants-migrate/{report.kind}/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"title": report.title, "kind": report.kind, "summary": report.summary()},
    }
    if report.kind != "data":
        where = "The repository's top level" if report.project.top_level else "The directory the run started in"
        run["originalUriBaseIds"] = {SRCROOT: {"description": {"text": f"{where}."}}}
        provenance = _provenance(report)
        if provenance:
            run["versionControlProvenance"] = [provenance]
    if report.timestamp:
        run["properties"]["timestamp"] = report.timestamp
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _provenance(report: Report) -> dict[str, Any] | None:
    """The commit the results belong to, when the repository has a known web address."""
    p = report.project
    repo = re.match(r"^(https://[^{]+?)/(?:-/)?blob/", p.source_url)
    if not p.commit or not repo:
        return None
    out: dict[str, Any] = {"repositoryUri": repo.group(1), "revisionId": p.commit, "mappedTo": {"uriBaseId": SRCROOT}}
    if p.branch:
        out["branch"] = p.branch
    return out


def render_sarif(report: Report) -> str:
    return json.dumps(build_sarif(report), indent=2, ensure_ascii=False) + "\n"
