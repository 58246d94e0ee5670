"""Audit TypeScript and JavaScript files for Assistants API usage (openai-node).

Audit only: these files are never rewritten. The flow per file mirrors Python's:
a byte prefilter (`mentions_assistants`), then a real parse (tree-sitter grammars
through ast-grep) of the few files that pass, then findings with the same rule ids as
the Python catalogue, each carrying its language and, where the Python text would
mislead, a what-to-do written for openai-node (`guidance.py`).
"""

from __future__ import annotations

import re


from assistants_migrate.findings import Finding, Severity
from assistants_migrate.jsaudit.guidance import what_to_do

LANGUAGE_OF_SUFFIX = {
    ".ts": "typescript", ".tsx": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
}

# Every file with something to report shows Assistants usage (see scan.py): an AssistantStream, a
# beta type (`OpenAI.Beta.Threads.Run`) or module (`openai/resources/beta/...`), a chain
# `beta.threads|assistants|vectorStores`, or an alias `x = client.beta` in a file that names openai.
# `in` is a memchr-speed scan; the regular expressions run only on files that contain `beta`.
_USAGE_NEEDLES = (b"AssistantStream", b"Beta.", b"/beta/")
_BETA_CHAIN = re.compile(rb"\bbeta[\s?!]*\.\s*(?:assistants|threads|vectorStores)\b")
_BETA_ALIAS = re.compile(rb"\.\s*beta\b")

# A minified bundle: long lines on average (build output such as a vendored SDK, not the project's code).
_MINIFIED_MIN_BYTES = 4096
_MINIFIED_MEAN_LINE = 300


def language_of(suffix: str) -> str | None:
    return LANGUAGE_OF_SUFFIX.get(suffix.lower())


def mentions_assistants(data: bytes) -> bool:
    """The prefilter: False means the file cannot hold anything to report."""
    if any(needle in data for needle in _USAGE_NEEDLES):
        return True
    if b"beta" not in data:
        return False
    if _BETA_CHAIN.search(data):
        return True
    return (b"openai" in data or b"OpenAI" in data) and _BETA_ALIAS.search(data) is not None


def looks_minified(data: bytes) -> bool:
    return len(data) >= _MINIFIED_MIN_BYTES and len(data) / (data.count(b"\n") + 1) > _MINIFIED_MEAN_LINE


def audit_script(path: str, text: str, suffix: str) -> list[Finding]:
    """The findings of one TypeScript/JavaScript file (already decoded)."""
    from assistants_migrate.jsaudit.scan import scan_source  # the parser is loaded only for candidates

    from assistants_migrate.engine.registry import catalogue  # TS findings use the Python rule catalogue

    language = language_of(suffix) or "javascript"
    findings = []
    rules = catalogue()
    for hit in scan_source(text, suffix.lower()):
        rule = rules[hit.rule_id]
        findings.append(
            Finding(
                rule_id=rule.id,
                # nothing is migrated here: a note of the Python catalogue ("auto-migrated") is manual work
                severity=Severity.WARNING if rule.severity is Severity.NOTE else rule.severity,
                path=path,
                line=hit.line,
                column=hit.column,
                end_line=hit.end_line,
                end_column=hit.end_column,
                message=f"{rule.title}: {hit.message}" if hit.message else rule.title,
                fixed=False,
                what_to_do=what_to_do(rule),
                docs_url=rule.docs_url,
                snippet=hit.snippet,
                extra={"snippet_start_line": hit.snippet_start},
                language=language,
            )
        )
    return findings


__all__ = ["LANGUAGE_OF_SUFFIX", "audit_script", "language_of", "looks_minified", "mentions_assistants"]
