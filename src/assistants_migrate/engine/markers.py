"""TODO markers left in the tree count as open manual work until a person removes them.

`rewrite` writes `# TODO(assistants-migrate): AM601 <what to do>` above a statement it
could not finish; people add such lines by hand too. `audit` reads them back:

- each marker becomes a manual finding of its rule at the statement below it, with the
  marker's text as the message (extra `marker`);
- a marker and a manual finding the codemods emit again for the same statement and rule
  are one item, not two;
- a marker whose rule no longer matches any finding at that place keeps counting, and is
  flagged (extra `marker_unmatched`) so a person can check whether it is done.

So an untouched tree and the same tree after `rewrite` report the same manual work.

After a rewrite, findings are positioned in the rewritten text (`relocate`): the
codemods report positions in the text they read, the file on disk is the one they wrote.
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistants_migrate.findings import MARKER_PREFIX, Finding, Severity

# A file holding this is always parsed, whatever the prefilter thinks of the rest of it.
MARKER_NEEDLE = MARKER_PREFIX[2:-1].encode("ascii")  # b"TODO(assistants-migrate)"
SNIPPET_MAX_LINES = 8
RELOCATED_SLACK = 6  # lines: how far a finding mapped through a rewrite may sit from its marker

_MARKER_RE = re.compile(r"^[ \t]*#[ \t]*TODO\(assistants-migrate\):?[ \t]*(?P<rule>AM\d{3})\b[ \t]*(?P<text>.*?)[ \t]*$")


@dataclass(frozen=True)
class Marker:
    rule_id: str
    text: str  # what the marker says after the rule id
    line: int  # the marker comment's own line (1-based)
    target: int  # the first code line below it (the statement it marks); 0 when none
    indent: int  # column of the marker's `#`


def scan(text: str) -> list[Marker]:
    """The markers in a Python source text, in order."""
    if MARKER_NEEDLE.decode() not in text:
        return []
    lines = text.splitlines()
    found: list[Marker] = []
    pending: list[tuple[int, re.Match[str]]] = []
    in_string = _string_lines(text)
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if number in in_string:
            continue
        if stripped.startswith("#"):
            match = _MARKER_RE.match(line)
            if match:
                pending.append((number, match))
            continue
        if not stripped:
            continue
        found.extend(_marker(at, match, target=number) for at, match in pending)
        pending = []
    found.extend(_marker(at, match, target=0) for at, match in pending)
    return found


def _marker(line: int, match: re.Match[str], *, target: int) -> Marker:
    source_line = match.string
    return Marker(match.group("rule"), match.group("text"), line, target, len(source_line) - len(source_line.lstrip()))


def _string_lines(text: str) -> set[int]:
    """Lines inside (not starting) a multi-line string: a `# TODO` there is data, not a marker."""
    import io
    import tokenize

    inside: set[int] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                inside.update(range(tok.start[0] + 1, tok.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # a file that does not tokenize: every comment-looking line counts
    return inside


def marker_findings(markers: Sequence[Marker], path: str, lines: Sequence[str]) -> list[Finding]:
    """One manual finding per marker, placed on the statement it marks."""
    from assistants_migrate.engine.registry import catalogue as all_rules

    catalogue = all_rules()
    out = []
    for m in markers:
        rule = catalogue.get(m.rule_id)
        at = m.target or m.line
        snippet = "\n".join(lines[n - 1] for n in _snippet_lines(m, len(lines), lines))
        out.append(
            Finding(
                rule_id=m.rule_id,
                severity=rule.severity if rule is not None else Severity.WARNING,
                path=path,
                line=at,
                column=1 if m.target else m.indent + 1,
                end_line=at,
                end_column=len(lines[at - 1]) + 1 if 0 < at <= len(lines) else 0,
                message=m.text or (rule.title if rule is not None else m.rule_id),
                fixed=False,
                what_to_do=rule.what_to_do if rule is not None else "",
                docs_url=rule.docs_url if rule is not None else "",
                snippet=snippet,
                extra={"marker": m.text, "marker_line": m.line, "snippet_start_line": m.line},
            )
        )
    return out


def _snippet_lines(m: Marker, count: int, lines: Sequence[str]) -> range:
    """The marker line through the first lines of its statement, up to a blank line."""
    if not m.target:
        return range(m.line, m.line + 1)
    end = min(m.target + 3, count, m.line + SNIPPET_MAX_LINES - 1)
    for n in range(m.target + 1, end + 1):
        if not lines[n - 1].strip():
            end = n - 1
            break
    return range(m.line, end + 1)


def merge(findings: Sequence[Finding], markers: Sequence[Finding], *, near: int = 0) -> list[Finding]:
    """The codemods' findings plus the markers', one item per statement and rule.

    A manual finding at the statement a marker marks, of the marker's rule, takes the
    marker's text along; with `near`, a finding up to that many lines away also pairs
    (positions mapped through a rewrite are approximate). A marker nothing matches stays
    as its own finding, flagged `marker_unmatched`.
    """
    out = list(findings)
    open_findings = {i for i, f in enumerate(out) if not f.fixed and f.line >= 1}
    pairs: dict[int, int] = {}  # marker index -> finding index
    for distance in range(near + 1):
        for mi, m in enumerate(markers):
            if mi in pairs:
                continue
            hit = next((i for i in sorted(open_findings) if out[i].rule_id == m.rule_id
                        and abs(out[i].line - m.line) == distance), None)
            if hit is not None:
                pairs[mi] = hit
                open_findings.discard(hit)
    for mi, m in enumerate(markers):
        i = pairs.get(mi)
        if i is None:
            out.append(dataclasses.replace(m, extra={**m.extra, "marker_unmatched": True}))
        else:
            f = out[i]
            extra = {**f.extra, "marker": m.extra["marker"], "marker_line": m.extra["marker_line"]}
            if f.line != m.line:  # paired across an approximate position: the marker knows the statement
                extra["snippet_start_line"] = m.extra["snippet_start_line"]
                f = dataclasses.replace(f, line=m.line, end_line=m.line + max(0, f.end_line - f.line), column=m.column,
                                        snippet=m.snippet if f.snippet else "")
            out[i] = dataclasses.replace(f, extra=extra)
    return sorted(out, key=Finding.sort_key)


def one_per_site(findings: Sequence[Finding]) -> list[Finding]:
    """Manual findings of one rule at one statement become one item (their messages joined),
    as `rewrite` writes one marker per statement and rule."""
    out: list[Finding] = []
    seen: dict[tuple[str, str, int], int] = {}
    for f in findings:
        key = (f.path, f.rule_id, f.line)
        if f.fixed or f.line < 1 or key not in seen:
            if not f.fixed and f.line >= 1:
                seen[key] = len(out)
            out.append(f)
            continue
        first = out[seen[key]]
        if f.message not in first.message.split("; "):
            out[seen[key]] = dataclasses.replace(first, message=f"{first.message}; {f.message}")
    return out


def with_markers(findings: Sequence[Finding], text: str, path: str, *, near: int = 0) -> list[Finding]:
    """`findings` (positioned in `text`) merged with the markers `text` holds."""
    findings = one_per_site(findings)
    markers = scan(text)
    if not markers:
        return findings
    return merge(findings, marker_findings(markers, path, text.splitlines()), near=near)


def mark_unmarked(findings: Sequence[Finding], source: str, code: str, path: str) -> str:
    """`code` (the rewrite of `source`) with a marker above each manual item that has none.

    A manual finding is a promise of a marker (`rewrite` marks what a person must do, and
    `audit` of the rewritten tree counts markers); a codemod that reported one without
    marking it would make the work vanish from the rewritten tree. The markers are added
    only when the result has the same syntax tree (comments only, never inside a string).
    """
    from assistants_migrate.engine.codemod import marker_line
    from assistants_migrate.engine.hotspots import parse

    if not any(not f.fixed and f.line >= 1 for f in findings):
        return code
    source_lines, code_lines = source.splitlines(), code.splitlines()
    placed = with_markers(relocate(findings, source, code), code, path, near=RELOCATED_SLACK)
    before = {(f.rule_id, f.message): f.line for f in findings}
    missing = sorted({(f.line, f.rule_id): f for f in placed
                      if not f.fixed and f.line >= 1 and "marker" not in f.extra
                      and _rewritten(source_lines, before.get((f.rule_id, f.message), 0), code_lines, f.line)}.values(),
                     key=lambda f: -f.line)
    if not missing:
        return code
    lines = code.splitlines(keepends=True)
    ending = re.search(r"\r\n|\r|\n", code)
    newline = ending.group() if ending else "\n"
    for f in missing:
        if f.line > len(lines):
            continue
        target = lines[f.line - 1]
        indent = target[: len(target) - len(target.lstrip(" \t"))]
        lines.insert(f.line - 1, indent + marker_line(f.rule_id, f.message) + newline)
    marked = "".join(lines)
    try:
        same = ast.dump(ast.parse(marked)) == ast.dump(parse(code))
    except (SyntaxError, ValueError):
        same = False
    return marked if same else code


def _rewritten(source_lines: Sequence[str], old: int, code_lines: Sequence[str], new: int) -> bool:
    """The rewrite changed the statement's first line: the audit of the result may not find the
    site again (an unchanged statement is found again, and needs no marker to stay counted)."""
    if not (0 < old <= len(source_lines) and 0 < new <= len(code_lines)):
        return True
    return source_lines[old - 1].strip() != code_lines[new - 1].strip()


# ---------------------------------------------------------------- positions after a rewrite


def relocate(findings: Sequence[Finding], before: str, after: str) -> list[Finding]:
    """Findings reported against `before`, moved to the same statements in `after`.

    Lines are matched by a line diff; a statement the rewrite replaced maps to the start
    of its replacement, past any marker comments put above it. Snippets are taken from
    `after`, so a report shows what is on disk.
    """
    old_lines, new_lines = before.splitlines(), after.splitlines()
    # marker comments the rewrite put in are no part of the alignment: with them, repeated identical lines
    # could align to the wrong copy (a line diff has many equally long answers)
    kept = [n for n, line in enumerate(new_lines, 1) if not line.lstrip().startswith(MARKER_PREFIX)] or [1]
    code_map = _line_map(old_lines, [new_lines[n - 1] for n in kept if n <= len(new_lines)])
    mapping = {old: kept[min(new, len(kept)) - 1] for old, new in code_map.items()}

    def new_line(line: int) -> int:
        if line < 1:
            return line
        mapped = mapping.get(line)
        if mapped is None:
            return line
        while mapped < len(new_lines) and _is_comment(new_lines[mapped - 1]):
            mapped += 1
        return mapped

    out = []
    for f in findings:
        if f.line < 1:
            out.append(f)
            continue
        start = new_line(f.line)
        end = max(start, new_line(f.end_line) if f.end_line >= f.line else start)
        if f.end_line > f.line and mapping.get(f.end_line) is not None:
            end = max(start, mapping[f.end_line])
        snippet = ""
        extra = {k: v for k, v in f.extra.items() if k != "snippet_start_line"}
        if f.snippet:
            snippet = "\n".join(new_lines[start - 1 : min(end, start + SNIPPET_MAX_LINES - 1)])
            extra["snippet_start_line"] = start
        out.append(dataclasses.replace(f, line=start, end_line=end, snippet=snippet, extra=extra))
    return out


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#") or not line.strip()


_EXACT_MATCH_LINES = 20_000


def _line_map(old: list[str], new: list[str]) -> dict[int, int]:
    """1-based old line -> 1-based new line, for every old line."""
    mapping: dict[int, int] = {}
    # exact matching is quadratic on very long files (a 5 MB generated module took minutes): there the
    # matcher's popular-line heuristic keeps it near linear; it can only cost a finding's exact line
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=len(old) > _EXACT_MATCH_LINES)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            mapping.update({k + 1: j1 + (k - i1) + 1 for k in range(i1, i2)})
        elif i2 == i1:  # inserted lines: no old line to place
            continue
        elif j2 == j1:  # deleted lines: the next line that is still there
            mapping.update({k + 1: min(j1 + 1, max(len(new), 1)) for k in range(i1, i2)})
        else:
            mapping.update(_match_replaced(old, new, i1, i2, j1, j2))
    return mapping


_REPLACED_BLOCK_LIMIT = 4000  # line pairs compared in one replaced block; beyond, lines map by position


def _match_replaced(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> dict[int, int]:
    """Each old line of a replaced block -> the code line of its replacement most like it.

    An alignment that keeps the lines' order and maximises total similarity (a
    rewritten statement keeps most of its words); comment lines put above are skipped.
    """
    candidates = [j for j in range(j1, j2) if not _is_comment(new[j])] or list(range(j1, j2))
    n, m = i2 - i1, len(candidates)
    if n * m > _REPLACED_BLOCK_LIMIT:
        return {k + 1: j1 + min(k - i1, j2 - j1 - 1) + 1 for k in range(i1, i2)}
    strict = n <= m  # enough new lines: each old line gets its own
    score = [[difflib.SequenceMatcher(None, old[i1 + a].strip(), new[c].strip(), autojunk=False).ratio() for c in candidates]
             for a in range(n)]
    best = [row[:] for row in score]
    came: list[list[int]] = [[-1] * m for _ in range(n)]
    for a in range(1, n):
        run_best, run_at = float("-inf"), -1
        for b in range(m):
            reach = b - 1 if strict else b  # the previous line may sit at most here
            if reach >= 0 and best[a - 1][reach] > run_best:
                run_best, run_at = best[a - 1][reach], reach
            best[a][b] = score[a][b] + run_best if run_at >= 0 else float("-inf")
            came[a][b] = run_at
    b = max(range(m), key=lambda k: best[n - 1][k])
    out: dict[int, int] = {}
    for a in range(n - 1, -1, -1):
        out[i1 + a + 1] = candidates[b] + 1
        b = came[a][b] if a else b
    return out
