"""How big the manual work is: engineer-hours per effort class, as a range.

Each rule has an effort class (S, M, L). A class stands for a range of hours, not a
point, because the same rule takes minutes in one file and an afternoon in another:

    S  0.25 – 1 h   a mechanical edit
    M  1 – 4 h      a local design decision
    L  8 – 24 h     data or architecture work

Override them with `--effort-hours S=0.5-2,M=2-6` (or the `effort-hours` key of the
configuration). Totals are summed per file, per directory and for the project; a
manual item whose rule is unknown (a hand-written marker with a typo) counts as M.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistants_migrate.findings import Finding, Rule

EFFORT_CLASSES = ("S", "M", "L")
DEFAULT_EFFORT_HOURS: dict[str, tuple[float, float]] = {"S": (0.25, 1.0), "M": (1.0, 4.0), "L": (8.0, 24.0)}
UNKNOWN_EFFORT = "M"

_SPEC = re.compile(r"^\s*([SMLsml])\s*=\s*(\d+(?:\.\d+)?)\s*(?:[-–]\s*(\d+(?:\.\d+)?))?\s*h?\s*$")


def parse_effort_hours(specs: Iterable[str] | str | Mapping[str, object] | None) -> dict[str, tuple[float, float]]:
    """`["S=0.5-2", "M=2-6"]`, `"S=0.5-2,M=2-6"` or `{"S": [0.5, 2], "M": 3}` over the defaults.

    Raises ValueError with a message fit for the command line."""
    hours = dict(DEFAULT_EFFORT_HOURS)
    if not specs:
        return hours
    if isinstance(specs, Mapping):
        for key, value in specs.items():
            cls = str(key).upper()
            if cls not in EFFORT_CLASSES:
                raise ValueError(f"effort class {key!r}: use S, M or L")
            low, high = (value, value) if isinstance(value, (int, float)) else tuple(value)  # type: ignore[arg-type]
            hours[cls] = _checked(cls, float(low), float(high))
        return hours
    items = [specs] if isinstance(specs, str) else list(specs)
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            m = _SPEC.match(part)
            if not m:
                raise ValueError(f"effort hours {part.strip()!r}: write CLASS=LOW-HIGH, e.g. M=1-4")
            low = float(m.group(2))
            high = float(m.group(3)) if m.group(3) else low
            hours[m.group(1).upper()] = _checked(m.group(1).upper(), low, high)
    return hours


def _checked(cls: str, low: float, high: float) -> tuple[float, float]:
    if not (0 <= low <= high) or math.isinf(high):
        raise ValueError(f"effort hours for {cls}: need 0 <= low <= high, got {low}-{high}")
    return (low, high)


@dataclass
class Estimate:
    """A range of engineer-hours over some manual items."""

    low: float = 0.0
    high: float = 0.0
    items: int = 0
    by_class: dict[str, int] = field(default_factory=dict)

    def add(self, cls: str, hours: tuple[float, float]) -> None:
        self.low += hours[0]
        self.high += hours[1]
        self.items += 1
        self.by_class[cls] = self.by_class.get(cls, 0) + 1

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    @property
    def label(self) -> str:
        return hours_range(self.low, self.high)


@dataclass
class EffortSummary:
    hours: dict[str, tuple[float, float]]
    project: Estimate
    by_file: dict[str, Estimate]  # ranked: most work first, then path
    by_directory: dict[str, Estimate]  # ranked the same way
    by_rule: dict[str, Estimate]  # ranked the same way
    sentence: str


def effort_class(finding: Finding, rules: Mapping[str, Rule]) -> str:
    rule = rules.get(finding.rule_id)
    return rule.effort.value if rule is not None else UNKNOWN_EFFORT


def directory_of(path: str) -> str:
    return posixpath.dirname(path) or "."


def estimate(findings: Iterable[Finding], rules: Mapping[str, Rule], hours: Mapping[str, tuple[float, float]] | None = None,
             *, unit: str = "file") -> EffortSummary:
    hours = dict(hours or DEFAULT_EFFORT_HOURS)
    project = Estimate()
    by_file: dict[str, Estimate] = {}
    by_dir: dict[str, Estimate] = {}
    by_rule: dict[str, Estimate] = {}
    for f in findings:
        if f.fixed:
            continue
        cls = effort_class(f, rules)
        for bucket in (project, by_file.setdefault(f.path, Estimate()), by_dir.setdefault(directory_of(f.path), Estimate()),
                       by_rule.setdefault(f.rule_id, Estimate())):
            bucket.add(cls, hours[cls])
    return EffortSummary(
        hours=hours,
        project=project,
        by_file=_ranked(by_file),
        by_directory=_ranked(by_dir),
        by_rule=_ranked(by_rule),
        sentence=effort_sentence(project, by_file, unit=unit),
    )


def _ranked(buckets: dict[str, Estimate]) -> dict[str, Estimate]:
    return dict(sorted(buckets.items(), key=lambda kv: (-kv[1].mid, -kv[1].items, kv[0])))


def effort_sentence(project: Estimate, by_file: Mapping[str, Estimate], *, unit: str = "file") -> str:
    """"About 14–30 engineer-hours of manual work (57 items in 20 files), 60% of it in 5 files."."""
    if project.items == 0:
        return "No manual work left."
    units = unit + "s"
    n_files = len(by_file)
    items = f"{project.items} item{'s' if project.items != 1 else ''} in {n_files} {unit if n_files == 1 else units}"
    text = f"About {project.label} engineer-hours of manual work ({items})"
    if n_files > 2 and project.mid > 0:
        ranked = sorted((e.mid for e in by_file.values()), reverse=True)
        total, running, k = sum(ranked), 0.0, 0
        while running < total / 2:
            running += ranked[k]
            k += 1
        if k < n_files:
            share = math.floor(100 * running / total)
            text += f", {share}% of it in {k} {unit if k == 1 else units}"
    return text + "."


def _num(x: float) -> str:
    if x >= 10:
        return str(int(round(x)))
    text = (f"{x:.2f}" if x < 1 else f"{x:.1f}").rstrip("0").rstrip(".")
    return text or "0"


def hours_range(low: float, high: float) -> str:
    """`14–30`, `0.5–2`, `3` (when both ends round the same)."""
    a, b = _num(low), _num(high)
    return a if a == b else f"{a}–{b}"
