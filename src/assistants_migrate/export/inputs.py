"""Thread ids as input: plain text (one per line), CSV or JSONL with `thread_id`, or stdin."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

THREAD_ID_RE = re.compile(r"^thread_[A-Za-z0-9_-]{1,200}$")


@dataclass
class ThreadIds:
    ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "line N: reason"
    duplicates: int = 0
    format: str = "text"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def detect_format(text: str, name: str = "") -> str:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("{"):
            return "jsonl"
        if "," in stripped and "thread_id" in [c.strip().strip('"') for c in stripped.split(",")]:
            return "csv"
        return "text"
    return "text"


def parse_thread_ids(text: str, name: str = "") -> ThreadIds:
    """Parse ids; invalid lines are reported by 1-based line number, duplicates collapsed."""
    result = ThreadIds(format=detect_format(text, name))
    seen: set[str] = set()

    def add(line_no: int, value: object) -> None:
        if not isinstance(value, str) or not THREAD_ID_RE.match(value.strip()):
            result.errors.append(f"line {line_no}: not a thread id: {_short(value)}")
            return
        tid = value.strip()
        if tid in seen:
            result.duplicates += 1
            return
        seen.add(tid)
        result.ids.append(tid)

    if result.format == "jsonl":
        for no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                result.errors.append(f"line {no}: not valid JSON")
                continue
            if not isinstance(obj, dict) or "thread_id" not in obj:
                result.errors.append(f"line {no}: no thread_id field")
                continue
            add(no, obj["thread_id"])
    elif result.format == "csv":
        reader = csv.reader(io.StringIO(text))
        header: list[str] | None = None
        col = -1
        for row in reader:
            no = reader.line_num
            if header is None:
                if not row or all(not c.strip() for c in row):
                    continue
                header = [c.strip() for c in row]
                if "thread_id" not in header:
                    result.errors.append(f"line {no}: CSV header has no thread_id column")
                    return result
                col = header.index("thread_id")
                continue
            if not row or all(not c.strip() for c in row):
                continue
            if col >= len(row):
                result.errors.append(f"line {no}: no thread_id value")
                continue
            add(no, row[col])
    else:
        for no, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            add(no, stripped)
    return result
