"""The Finding record and the rule catalogue.

Every codemod registers the rule ids it can emit, with a title, a severity, an
explanation, what to do, Fixit-style before/after examples (which double as tests
and as documentation), a docs link and an effort estimate. Ids are stable: reports,
SARIF fingerprints and TODO markers refer to them.

Id ranges: AM0xx engine and input problems, AM1xx vector stores, AM2xx assistants
and tool shapes, AM3xx threads, AM4xx messages, AM5xx runs, AM6xx tool-call loops,
AM7xx streaming, AM8xx data (export and import).
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, fields
from typing import Any

MIGRATION_GUIDE = "https://developers.openai.com/api/docs/assistants/migration"
MARKER_PREFIX = "# TODO(assistants-migrate):"

# The guide's sections ("From assistants to prompts", "From threads to conversations", ...), by the
# surface a rule belongs to. Surfaces the guide has no section for link to the guide itself.
GUIDE_SECTIONS = {
    "assistants": "from-assistants-to-prompts",
    "tools": "from-assistants-to-prompts",
    "threads": "from-threads-to-conversations",
    "messages": "from-threads-to-conversations",
    "import": "from-threads-to-conversations",
    "runs": "from-runs-to-responses",
    "tool_calls": "from-runs-to-responses",
    "streaming": "from-runs-to-responses",
}


# The languages a code finding can be in, and how reports name them.
LANGUAGES = {"python": "Python", "typescript": "TypeScript", "javascript": "JavaScript"}


class Severity(str, enum.Enum):
    """How much attention a finding needs: error > warning > note."""

    ERROR = "error"  # the program will break or lose data unless someone acts
    WARNING = "warning"  # manual work needed, the code still runs as before
    NOTE = "note"  # informational: auto-migrated, or a behaviour difference to know


class Effort(str, enum.Enum):
    S = "S"  # minutes: a mechanical edit
    M = "M"  # an hour: a local design decision
    L = "L"  # a day or more: data or architecture work


@dataclass(frozen=True)
class Example:
    """A before/after pair. `after` is None when the rule only marks the site."""

    before: str
    after: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    why: str
    what_to_do: str
    autofix: bool  # True: the codemod rewrites the site; False: a TODO marker and a finding
    effort: Effort
    surface: str  # the codemod module (or "engine", "export", "import") that emits it
    examples: tuple[Example, ...] = ()

    @property
    def docs_url(self) -> str:
        """The section of OpenAI's migration guide that covers this rule's surface."""
        section = GUIDE_SECTIONS.get(self.surface)
        return f"{MIGRATION_GUIDE}#{section}" if section else MIGRATION_GUIDE


CATALOGUE: dict[str, Rule] = {}


def register(*rules: Rule) -> tuple[Rule, ...]:
    """Add rules to the catalogue; a clash of ids with different content is a bug."""
    for rule in rules:
        known = CATALOGUE.get(rule.id)
        if known is not None and known != rule:
            raise ValueError(f"rule id {rule.id} registered twice with different content")
        CATALOGUE[rule.id] = rule
    return rules


def get_rule(rule_id: str) -> Rule:
    """A registered rule. Modules register their own rules when imported; the whole catalogue is
    assembled by whoever loads them all (engine/registry.py `catalogue()`), not here."""
    try:
        return CATALOGUE[rule_id]
    except KeyError:
        raise KeyError(f"rule {rule_id} is not registered: load the catalogue first (engine.registry.catalogue)") from None


@dataclass(frozen=True)
class Finding:
    """One thing a person should know about one place in one file (or one archived object)."""

    rule_id: str
    severity: Severity
    path: str  # posix path relative to the run's root; for data findings, the object id
    line: int  # 1-based; 0 when the finding is about a whole file
    column: int  # 1-based; 0 when unknown
    end_line: int
    end_column: int
    message: str
    fixed: bool  # True: auto-migrated; False: manual work remains
    what_to_do: str = ""
    docs_url: str = ""
    snippet: str = ""  # the original source lines of the site
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    language: str = ""  # of the source file: one of LANGUAGES; "" for data findings (archived objects)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.rule_id, self.message)

    def to_json(self) -> dict[str, Any]:
        if all(type(v) in _PLAIN for v in self.extra.values()):
            # asdict() copies field by field, recursively: a tenth of a large file's run; a flat copy is the same
            data = {name: getattr(self, name) for name in _FINDING_FIELDS}
            data["extra"] = dict(self.extra)
        else:
            data = asdict(self)
        data["severity"] = self.severity.value
        if not self.extra:
            data.pop("extra")
        if not self.language:
            data.pop("language")
        return data


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_PLAIN = frozenset({str, int, float, bool, type(None)})


def make_finding(
    rule_id: str,
    path: str,
    *,
    line: int = 0,
    column: int = 0,
    end_line: int | None = None,
    end_column: int | None = None,
    message: str | None = None,
    fixed: bool | None = None,
    snippet: str = "",
    extra: dict[str, Any] | None = None,
) -> Finding:
    """Build a Finding whose defaults (severity, message, fix, docs) come from the catalogue."""
    rule = get_rule(rule_id)
    return Finding(
        rule_id=rule_id,
        severity=rule.severity,
        path=path,
        line=line,
        column=column,
        end_line=line if end_line is None else end_line,
        end_column=column if end_column is None else end_column,
        message=message or rule.title,
        fixed=rule.autofix if fixed is None else fixed,
        what_to_do=rule.what_to_do,
        docs_url=rule.docs_url,
        snippet=snippet,
        extra=extra or {},
    )
