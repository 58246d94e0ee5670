"""Evaluate `assistants-migrate rewrite` on a directory of real programs (not a test).

Copies DIR to a temporary tree, rewrites the copy in a subprocess, and measures what the
held-out evaluation measures:

- crashes: exit code 2, files that failed (AM003 codemod crash, AM005 render guard, ...);
- outputs that fail `ast.parse`;
- Assistants call sites (a call whose callee chain contains `beta.assistants`,
  `beta.threads` or `beta.vector_stores`, also through simple aliases such as
  `threads = client.beta.threads`) before and after; every site left must be on a
  statement with a `# TODO(assistants-migrate): AMxxx` marker directly above it;
- every marker has a finding with the same rule id near that place (JSON output; finding
  lines are input lines, mapped to output lines with difflib);
- mypy (optional, slow): errors in the output that the input did not have, ignoring
  `deprecated`; `union-attr` counted apart, and errors on statements that carry a marker apart;
- ruff (`--select F821,F401`): undefined names and unused imports the rewrite introduced;
- fixed point: rewriting the output again changes nothing;
- files with Assistants call sites that come out without any marker;
- timing.

The interpreter that runs the rewrite: --python, else $AM_EVAL_PYTHON, else this one; mypy and
ruff run with --check-python (default the same; it needs mypy, ruff and openai:
pip install ".[test]").

Prints a per-file table, totals and a list of problems. Always exits 0.

Usage: python bench/corpus_eval.py DIR [--no-mypy] [--no-ruff] [--keep OUT] [--jobs N] [--json FILE] [--python PY]
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = os.environ.get("AM_EVAL_PYTHON") or sys.executable  # runs the rewrite; replaced by --python
CHECK_PYTHON = PYTHON  # runs mypy and ruff; replaced by --check-python
SURFACES = {"assistants", "threads", "vector_stores"}
MARKER_RE = re.compile(r"#\s*TODO\(assistants-migrate\):\s*(AM\d+)")
CRASH_RULES = {"AM003", "AM005"}
FLOW_RULE = "AM011"  # a thread flow kept whole on the Assistants API: one marker at its root
MYPY_FLAGS = [
    "--ignore-missing-imports",
    "--follow-imports=silent",
    "--show-error-codes",
    "--no-error-summary",
    "--no-pretty",
    "--hide-error-context",
]
MYPY_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<sev>error|warning|note): (?P<msg>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$")


# ----------------------------------------------------------------------------- call sites


def callee_chain(func: ast.expr) -> list[str]:
    """`a.b.c` -> ["a", "b", "c"]; a non-name root becomes "<expr>"."""
    names: list[str] = []
    node = func
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    names.append(node.id if isinstance(node, ast.Name) else "<expr>")
    return names[::-1]


def is_assistants_chain(names: list[str]) -> bool:
    return any(a == "beta" and b in SURFACES for a, b in zip(names, names[1:]))


def dotted_target(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted_target(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


@dataclass
class Site:
    line: int  # line of the call
    stmt: ast.stmt  # innermost statement holding it
    enclosing: list[ast.stmt]  # outer statements, innermost last
    text: str  # callee chain


def find_sites(tree: ast.Module) -> list[Site]:
    # Simple aliases: `x = client.beta.threads`, `self.runs = client.beta.threads.runs`
    # (any call through them counts) and `beta = client.beta` (calls through
    # `beta.threads...` count).
    aliases: dict[str, bool] = {}  # dotted name -> True when it names `.beta` itself
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Attribute):
            chain = callee_chain(node.value)
            if is_assistants_chain(chain) or chain[-1] == "beta":
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if name := dotted_target(t):
                        aliases[name] = chain[-1] == "beta"

    def through_alias(dotted: str) -> bool:
        for name, is_beta in aliases.items():
            if dotted.startswith(name + "."):
                rest = dotted[len(name) + 1 :].split(".")
                if not is_beta or (len(rest) > 1 and rest[0] in SURFACES):
                    return True
        return False

    sites: list[Site] = []

    def visit(node: ast.AST, stack: list[ast.stmt]) -> None:
        if isinstance(node, ast.stmt):
            stack = stack + [node]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and stack:
            names = callee_chain(node.func)
            if is_assistants_chain(names) or through_alias(".".join(names)):
                sites.append(Site(node.lineno, stack[-1], stack[:-1], ".".join(names)))
        for child in ast.iter_child_nodes(node):
            visit(child, stack)

    visit(tree, [])
    return sites


def markers_above(lines: list[str], stmt: ast.stmt) -> list[tuple[int, str]]:
    """(line, rule id) of markers in the comment block directly above the statement."""
    first = stmt.lineno
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.decorator_list:
        first = min(d.lineno for d in stmt.decorator_list)
    found = []
    i = first - 2  # 0-based index of the line above
    while i >= 0 and lines[i].strip().startswith("#"):
        m = MARKER_RE.search(lines[i])
        if m:
            found.append((i + 1, m.group(1)))
        i -= 1
    return found


def all_markers(lines: list[str]) -> list[tuple[int, str]]:
    return [(i + 1, m.group(1)) for i, l in enumerate(lines) if (m := MARKER_RE.search(l)) and l.strip().startswith("#")]


def header_span(stmt: ast.stmt) -> tuple[int, int]:
    """Lines of a statement that belong to it and not to a nested body."""
    end = stmt.end_lineno or stmt.lineno
    for fld in ("body", "orelse", "handlers", "finalbody", "cases"):
        body = getattr(stmt, fld, None)
        if body:
            end = min(end, body[0].lineno - 1)
            break
    return stmt.lineno, max(end, stmt.lineno)


def marked_lines(tree: ast.Module, lines: list[str]) -> set[int]:
    """Lines covered by statements that carry a marker (compound statements: header only)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and markers_above(lines, node):
            lo, hi = header_span(node)
            out.update(range(lo, hi + 1))
    return out


# ----------------------------------------------------------------------------- problems


@dataclass
class Problem:
    file: str
    line: int
    kind: str
    detail: str
    snippet: str = ""


@dataclass
class FileReport:
    name: str
    before: int = 0
    after: int = 0
    unmarked: int = 0
    site_with_finding_only: int = 0  # no marker, but a finding at the statement
    site_in_kept_flow: int = 0  # no marker, no finding, in a file whose thread flow is kept (AM011)
    markers: int = 0
    status: str = ""
    parses: bool = True
    new_mypy: int = 0
    idempotent: bool = True
    problems: list[Problem] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)  # (marker rule or "-", callee tail) per remaining site


def snippet_at(lines: list[str], line: int, n: int = 1) -> str:
    if 1 <= line <= len(lines):
        return " | ".join(l.strip() for l in lines[line - 1 : line - 1 + n])[:160]
    return ""


# ----------------------------------------------------------------------------- line mapping


def line_map(before: list[str], after: list[str]) -> dict[int, tuple[int, int]]:
    """1-based input line -> (lo, hi) output lines it became."""
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    mapping: dict[int, tuple[int, int]] = {}
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal":
                mapping[i + 1] = (j1 + (i - i1) + 1, j1 + (i - i1) + 1)
            else:
                mapping[i + 1] = (j1 + 1, max(j2, j1 + 1))
    return mapping


# ----------------------------------------------------------------------------- mypy


def run_mypy(root: Path, files: list[Path], cache: Path) -> tuple[list[tuple[str, int, str, str]], str]:
    """Errors as (relpath, line, code, message); batches keep module basenames unique."""
    batches: list[list[Path]] = []
    for f in sorted(files):
        for b in batches:
            if all(x.name != f.name for x in b):
                b.append(f)
                break
        else:
            batches.append([f])
    errors: list[tuple[str, int, str, str]] = []
    fatal = ""
    outputs: list[str] = []
    for batch in batches:
        batch = list(batch)
        for _ in range(6):
            cmd = [CHECK_PYTHON, "-m", "mypy", *MYPY_FLAGS, "--cache-dir", str(cache), *map(str, batch)]
            p = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
            if p.returncode != 2:
                outputs.append(p.stdout)
                break
            # one file mypy cannot place (same module found twice, a bad package name) fails the whole
            # batch: drop the files its message names and check the rest again
            said = p.stdout + p.stderr
            bad = [f for f in batch if str(f) in said or str(f.relative_to(root)) in said]
            if not bad:
                bad = batch[:]  # unknown culprit: check one by one below
            fatal += "".join(f"{f.name}: {said.strip().splitlines()[0][:200]}\n" for f in bad if len(bad) < len(batch))
            if len(bad) == len(batch):
                for f in batch:
                    one = subprocess.run([*cmd[: -len(batch)], str(f)], cwd=root, capture_output=True, text=True)
                    if one.returncode == 2:
                        fatal += f"{f.name}: " + (one.stderr or one.stdout).strip().splitlines()[0][:200] + "\n"
                    else:
                        outputs.append(one.stdout)
                break
            batch = [f for f in batch if f not in bad]
            if not batch:
                break
    for out in outputs:
        for raw in out.splitlines():
            m = MYPY_LINE.match(raw)
            if not m or m.group("sev") != "error":
                continue
            path = Path(m.group("path"))
            rel = str((root / path).resolve().relative_to(root.resolve())) if not path.is_absolute() else str(path.relative_to(root))
            errors.append((rel, int(m.group("line")), m.group("code") or "misc", m.group("msg")))
    return errors, fatal


def run_ruff(root: Path) -> tuple[list[tuple[str, str, str]], str]:
    """F821 (undefined name) and F401 (unused import) as (relpath, code, message), all files under root."""
    p = subprocess.run([CHECK_PYTHON, "-m", "ruff", "check", "--no-cache", "--isolated", "--select", "F821,F401",
                        "--output-format", "json", "--exit-zero", "."], cwd=root, capture_output=True, text=True)
    try:
        items = json.loads(p.stdout)
    except json.JSONDecodeError:
        return [], (p.stderr or p.stdout)[-600:]
    out = []
    for it in items:
        path = Path(it["filename"])
        rel = str(path.resolve().relative_to(root.resolve())) if path.is_absolute() else str(path)
        out.append((rel, it["code"], it["message"]))
    return out, ""


def measured_version(python: str) -> str:
    """Where the measured assistants_migrate comes from, and its git commit when it is a work tree."""
    p = subprocess.run([python, "-c", "import assistants_migrate, os; print(os.path.dirname(assistants_migrate.__file__))"],
                       capture_output=True, text=True)
    where = p.stdout.strip()
    commit = subprocess.run(["git", "-C", where, "log", "-1", "--format=%h %cI"], capture_output=True, text=True).stdout.strip() if where else ""
    # an installed copy is no work tree: $AM_MEASURED names what was installed (e.g. a commit)
    return f"{where} {commit or os.environ.get('AM_MEASURED', '')}".strip()


def normalize_msg(msg: str) -> str:
    return re.sub(r"line \d+", "line N", msg)


# ----------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--no-mypy", action="store_true", help="skip the (slow) mypy comparison")
    ap.add_argument("--keep", type=Path, help="copy the rewritten tree here for inspection")
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for the rewrite (default: tool default)")
    ap.add_argument("--json", type=Path, help="also write the problems as JSON")
    ap.add_argument("--max-problems", type=int, default=400)
    ap.add_argument("--no-ruff", action="store_true", help="skip the ruff F821/F401 comparison")
    ap.add_argument("--python", help="interpreter with the assistants_migrate to measure (default $AM_EVAL_PYTHON or this one)")
    ap.add_argument("--check-python", help="interpreter with mypy, ruff and openai for the checks (default: --python)")
    args = ap.parse_args()
    global PYTHON, CHECK_PYTHON
    if args.python:
        PYTHON = args.python
    CHECK_PYTHON = args.check_python or PYTHON
    # the checks run inside the copies: a relative interpreter path must not depend on the directory
    PYTHON, CHECK_PYTHON = (os.path.abspath(p) if os.sep in p else p for p in (PYTHON, CHECK_PYTHON))

    t_start = time.monotonic()
    src = args.dir.resolve()
    work = Path(tempfile.mkdtemp(prefix="am-eval-"))
    inp, out = work / "in", work / "out"
    ignore = shutil.ignore_patterns(".git", "__pycache__", ".mypy_cache")
    shutil.copytree(src, inp, ignore=ignore, symlinks=True)
    shutil.copytree(src, out, ignore=ignore, symlinks=True)

    # 1. rewrite
    cmd = [PYTHON, "-m", "assistants_migrate", "rewrite", str(out), "--format", "json", "-q"]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    t_rewrite = time.monotonic() - t0
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = {"findings": [], "files": []}
    findings_by_file: dict[str, list[dict]] = defaultdict(list)
    for f in report.get("findings", []):
        findings_by_file[str(Path(f["path"]).resolve().relative_to(out.resolve()))].append(f)
    status_by_file = {str(Path(f["path"]).resolve().relative_to(out.resolve())): f.get("status", "") for f in report.get("files", [])}

    # 2. idempotency: a second rewrite of the output changes nothing
    p2 = subprocess.run([PYTHON, "-m", "assistants_migrate", "rewrite", "--diff", str(out), "-q"], capture_output=True, text=True)
    idem_files: dict[str, list[str]] = defaultdict(list)
    current = None
    for l in p2.stdout.splitlines():
        if l.startswith("+++ "):
            name = l[4:].split("\t")[0].strip()
            for prefix in ("b/", str(out) + "/", str(out).lstrip("/") + "/"):
                if name.startswith(prefix):
                    name = name[len(prefix) :]
            try:
                name = str(Path(name).resolve().relative_to(out.resolve())) if name.startswith("/") else name
            except ValueError:
                pass
            current = name
        elif current and l[:1] in "+-" and not l.startswith(("---", "+++")):
            if len(idem_files[current]) < 4:
                idem_files[current].append(l[:150])
    if p2.returncode == 1 and not idem_files:
        idem_files["?"] = ["second run reports changes (could not parse the diff)"]

    # 3. per file
    reports: list[FileReport] = []
    out_trees: dict[str, tuple[ast.Module, list[str]]] = {}
    in_lines: dict[str, list[str]] = {}
    py_files = sorted(p for p in inp.rglob("*.py") if p.is_file())
    for fin in py_files:
        rel = str(fin.relative_to(inp))
        fout = out / rel
        r = FileReport(rel, status=status_by_file.get(rel, "skipped"))
        reports.append(r)
        try:
            src_text = fin.read_text(encoding="utf-8-sig")
            tree_in = ast.parse(src_text)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            r.status = "input-unparsable"
            continue
        lines_in = src_text.splitlines()
        in_lines[rel] = lines_in
        sites_in = find_sites(tree_in)
        r.before = len(sites_in)
        fnd = findings_by_file.get(rel, [])
        for f in fnd:
            if f["rule_id"] in CRASH_RULES or (r.status == "failed" and f["rule_id"].startswith("AM0")):
                r.problems.append(Problem(rel, f["line"], "crash", f"{f['rule_id']} {f['message'][:200]}", snippet_at(lines_in, f["line"])))
        if r.status == "failed" and not any(p.kind == "crash" for p in r.problems):
            r.problems.append(Problem(rel, 1, "crash", "file status failed"))
        out_text = fout.read_text(encoding="utf-8-sig")
        try:
            tree_out = ast.parse(out_text)
        except SyntaxError as e:
            r.parses = False
            r.problems.append(Problem(rel, e.lineno or 0, "unparsable-output", str(e.msg), snippet_at(out_text.splitlines(), e.lineno or 0)))
            continue
        lines_out = out_text.splitlines()
        out_trees[rel] = (tree_out, lines_out)
        sites_out = find_sites(tree_out)
        r.after = len(sites_out)
        markers = all_markers(lines_out)
        r.markers = len(markers)

        # remaining call sites need a marker right above their statement; a site without one is
        # told apart when a finding names its statement (a blocking site of a kept flow) or when the
        # file has a flow marker (AM011: the whole thread flow stays on the Assistants API, one marker
        # at its root); the rest are left silently
        flow_marked = any(rule == FLOW_RULE for _, rule in markers)
        for s in sites_out:
            above = markers_above(lines_out, s.stmt)
            tail = ".".join(s.text.split(".")[-2:])
            r.left.append(("+".join(sorted({m[1] for m in above})) or "-", tail))
            if above:
                continue
            lo, hi = s.stmt.lineno, s.stmt.end_lineno or s.stmt.lineno
            if any(lo <= f["line"] <= hi and f["rule_id"] not in CRASH_RULES for f in fnd):
                r.site_with_finding_only += 1
                continue
            if flow_marked:
                r.site_in_kept_flow += 1
                continue
            r.unmarked += 1
            outer = next((e for e in reversed(s.enclosing) if markers_above(lines_out, e)), None)
            kind = "unmarked-site (marker only on enclosing stmt L%d)" % outer.lineno if outer else "unmarked-site"
            r.problems.append(Problem(rel, s.line, kind, s.text, snippet_at(lines_out, s.line)))

        # every marker has a finding with the same rule id near it
        mapping = line_map(lines_in, lines_out)
        pool = [f for f in fnd if f["rule_id"] not in CRASH_RULES]
        used: set[int] = set()
        for mline, rule in markers:
            near = None
            for k, f in enumerate(pool):
                if k in used or f["rule_id"] != rule:
                    continue
                lo = mapping.get(f["line"], (0, 0))[0]
                hi = mapping.get(f.get("end_line", f["line"]), (0, 0))[1]
                # findings may be positioned in the input (mapped) or, as newer `rewrite --format json`
                # does, in the rewritten file: the statement right below its marker
                if lo - 3 <= mline <= hi + 3 or mline < f["line"] <= mline + 4:
                    near = k
                    break
            if near is None:
                anywhere = next((k for k, f in enumerate(pool) if k not in used and f["rule_id"] == rule), None)
                if anywhere is None:
                    r.problems.append(Problem(rel, mline, "marker-without-finding", rule, snippet_at(lines_out, mline + 1)))
                    continue
                f = pool[anywhere]
                r.problems.append(Problem(rel, mline, "finding-elsewhere", f"{rule} finding at input L{f['line']}", snippet_at(lines_out, mline + 1)))
                near = anywhere
            used.add(near)
        for k, f in enumerate(pool):
            # a kept flow's blocking sites get a finding each and no marker: the flow's root has it
            if k not in used and not f.get("fixed", True) and not (flow_marked and f["rule_id"] == FLOW_RULE):
                r.problems.append(Problem(rel, f["line"], "manual-finding-without-marker", f"{f['rule_id']} {f['message'][:100]}", snippet_at(lines_in, f["line"])))

        if rel in idem_files:
            r.idempotent = False
            r.problems.append(Problem(rel, 0, "not-idempotent", " // ".join(idem_files[rel])))

    for name, diff in idem_files.items():
        if not any(r.name == name for r in reports):
            reports.append(FileReport(name, idempotent=False, problems=[Problem(name, 0, "not-idempotent", " // ".join(diff))]))

    # 4. mypy: new errors in the output
    mypy_new: Counter[str] = Counter()
    mypy_on_marked: Counter[str] = Counter()
    mypy_note = ""
    t_mypy = 0.0
    if not args.no_mypy:
        t0 = time.monotonic()
        cache = Path(tempfile.gettempdir()) / "am-eval-mypy-cache"
        ok = [r.name for r in reports if r.name in out_trees]
        errs_in, fatal_in = run_mypy(inp, [inp / n for n in ok], cache / "in")
        errs_out, fatal_out = run_mypy(out, [out / n for n in ok], cache / "out")
        if fatal_in or fatal_out:
            mypy_note = "mypy fatal: " + (fatal_in + fatal_out)[-600:]
        base = Counter((f, c, normalize_msg(m)) for f, _, c, m in errs_in)
        in_at: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for f, line, code, _ in errs_in:
            in_at[f][line].add(code)
        by_name = {r.name: r for r in reports}
        revmaps: dict[str, dict[int, tuple[int, int]]] = {}
        for f, line, code, msg in sorted(errs_out, key=lambda e: (e[0], e[1])):
            key = (f, code, normalize_msg(msg))
            if base[key] > 0:
                base[key] -= 1
                continue
            if code == "deprecated" or f not in out_trees:
                continue
            tree_out, lines_out = out_trees[f]
            if line in marked_lines(tree_out, lines_out):
                mypy_on_marked[code] += 1
                continue
            # Where did this output line come from? An input line that already had an
            # error of the same code: the error changed wording; another code: the
            # rewrite unmasked it (e.g. `beta.vector_stores` attr-defined hid arg-type).
            if f not in revmaps:
                revmaps[f] = line_map(lines_out, in_lines.get(f, []))
            lo, hi = revmaps[f].get(line, (0, -1))
            before_codes = set().union(*(in_at[f].get(i, set()) for i in range(lo, hi + 1))) if hi >= lo else set()
            tag = "mypy" if not before_codes else ("mypy-changed" if code in before_codes else "mypy-unmasked")
            mypy_new[f"{tag}:{code}"] += 1
            r = by_name[f]
            r.new_mypy += 1
            extra = f" (input line had [{', '.join(sorted(before_codes))}])" if before_codes else ""
            r.problems.append(Problem(f, line, f"{tag}[{code}]", msg[:220] + extra, snippet_at(lines_out, line)))
        t_mypy = time.monotonic() - t0

    # 5. ruff: undefined names and unused imports the rewrite introduced
    ruff_new: Counter[str] = Counter()
    ruff_note = ""
    if not args.no_ruff:
        ruff_in, note_in = run_ruff(inp)
        ruff_out, note_out = run_ruff(out)
        ruff_note = (note_in + note_out)[-300:]
        base_ruff = Counter(ruff_in)
        by_name_r = {r.name: r for r in reports}
        for item in ruff_out:
            if base_ruff[item] > 0:
                base_ruff[item] -= 1
                continue
            f, code, msg = item
            ruff_new[code] += 1
            if f in by_name_r:
                by_name_r[f].problems.append(Problem(f, 0, f"ruff[{code}]", msg))

    # 6. report
    rel_reports = [r for r in reports if r.before or r.after or r.problems or r.markers]
    w = max([len(r.name) for r in rel_reports] + [4])
    w = min(w, 70)
    print(f"{'file':<{w}} {'before':>6} {'after':>5} {'unmk':>4} {'mark':>4} {'mypy+':>5} {'idem':>4}  status")
    for r in rel_reports:
        print(f"{r.name[-w:]:<{w}} {r.before:>6} {r.after:>5} {r.unmarked:>4} {r.markers:>4} {r.new_mypy:>5} {'ok' if r.idempotent else 'NO':>4}  {r.status}{'' if r.parses else ' UNPARSABLE'}")
    before = sum(r.before for r in reports)
    after = sum(r.after for r in reports)
    problems = [p for r in reports for p in r.problems]
    kinds = Counter(p.kind.split(" ")[0] for p in problems)
    crashes = sum(1 for r in reports if any(p.kind == "crash" for p in r.problems))
    print()
    print("summary")
    print(f"  files (.py)                 {len(py_files)}  (with Assistants call sites: {sum(1 for r in reports if r.before)})")
    print(f"  rewrite exit code           {proc.returncode}" + (f"  stderr: {proc.stderr.strip()[-300:]}" if proc.returncode not in (0, 1) else ""))
    print(f"  crashed files               {crashes}")
    print(f"  unparsable outputs          {sum(1 for r in reports if not r.parses)}")
    print(f"  call sites before / after   {before} / {after}")
    print(f"  rewritten                   {before - after} ({100.0 * (before - after) / before if before else 100:.1f}%)")
    print(f"  remaining sites unmarked    {kinds.get('unmarked-site', 0)}  (of which marker only on an enclosing stmt: {sum(1 for p in problems if 'enclosing' in p.kind)}); "
          f"apart: {sum(r.site_with_finding_only for r in reports)} with a finding but no marker, {sum(r.site_in_kept_flow for r in reports)} in a file with a kept-flow marker ({FLOW_RULE})")
    print(f"  markers                     {sum(r.markers for r in reports)}  without finding: {kinds.get('marker-without-finding', 0)}, finding elsewhere: {kinds.get('finding-elsewhere', 0)}, manual findings without marker: {kinds.get('manual-finding-without-marker', 0)}")
    if args.no_mypy:
        print("  new mypy errors             (skipped)")
    else:
        fresh = {k.split(":", 1)[1]: n for k, n in mypy_new.items() if k.startswith("mypy:")}
        new_n: Counter[str] = Counter()
        for k, n in mypy_new.items():
            if not k.startswith("mypy-changed:"):
                new_n[k.split(":", 1)[1]] += n
        print(f"  new mypy errors             {sum(new_n.values())} on unmarked lines (excluding union-attr {sum(n for c, n in new_n.items() if c != 'union-attr')}, "
              f"union-attr {new_n.get('union-attr', 0)}); fresh {sum(fresh.values())} {fresh}" + (f"  [{mypy_note}]" if mypy_note else ""))
        print(f"    on marked statements      {sum(mypy_on_marked.values())} {dict(mypy_on_marked)}")
        other = {k: n for k, n in mypy_new.most_common() if not k.startswith("mypy:")}
        if other:
            print(f"    on lines that had errors before (reworded / unmasked): {other}")
    print(f"  not idempotent              {sum(1 for r in reports if not r.idempotent)}")
    if args.no_ruff:
        print("  new ruff F821 / F401         (skipped)")
    else:
        print(f"  new ruff F821 / F401        {ruff_new.get('F821', 0)} undefined names / {ruff_new.get('F401', 0)} unused imports" + (f"  [{ruff_note}]" if ruff_note else ""))
    with_sites = [r for r in reports if r.before]
    print(f"  files without a marker      {sum(1 for r in with_sites if not r.markers)} of {len(with_sites)} files with call sites")
    print(f"  time                        rewrite {t_rewrite:.1f}s, mypy {t_mypy:.1f}s, total {time.monotonic() - t_start:.1f}s")
    left = Counter(x for r in reports for x in r.left)
    if left:
        print("  remaining sites by marker rule and callee:")
        for (rule, tail), n in left.most_common(30):
            print(f"    {n:>4}  {rule:<12} {tail}")
    print()
    print(f"problems ({len(problems)}; by kind: {dict(kinds.most_common())})")
    order = {"crash": 0, "unparsable-output": 1, "not-idempotent": 2, "unmarked-site": 3, "marker-without-finding": 4}
    for p in sorted(problems, key=lambda p: (order.get(p.kind.split(" ")[0], 9), p.kind, p.file, p.line))[: args.max_problems]:
        print(f"  {p.file}:{p.line}: {p.kind}: {p.detail}" + (f"\n      {p.snippet}" if p.snippet else ""))

    if args.json:
        # new = fresh errors plus errors the rewrite unmasked; "mypy-changed" (same code on the
        # line it came from: reworded) is reported apart
        new_all: Counter[str] = Counter()
        changed: Counter[str] = Counter()
        for k, n in mypy_new.items():
            tag, code = k.split(":", 1)
            (changed if tag == "mypy-changed" else new_all)[code] += n
        summary = {
            "measured": measured_version(PYTHON),
            "files": len(py_files),
            "files_with_sites": len(with_sites),
            "crashed_files": crashes,
            "unparsable_outputs": sum(1 for r in reports if not r.parses),
            "sites_before": before,
            "sites_after": after,
            "migrated_percent": round(100.0 * (before - after) / before, 1) if before else 100.0,
            "remaining_sites_unmarked": kinds.get("unmarked-site", 0) + sum(1 for p in problems if p.kind.startswith("unmarked-site (")),
            "remaining_sites_with_finding_only": sum(r.site_with_finding_only for r in reports),
            "remaining_sites_in_kept_flow": sum(r.site_in_kept_flow for r in reports),
            "markers": sum(r.markers for r in reports),
            "files_without_marker": sum(1 for r in with_sites if not r.markers),
            "not_fixed_point": sum(1 for r in reports if not r.idempotent),
            "mypy_new_errors": None if args.no_mypy else sum(new_all.values()) + sum(mypy_on_marked.values()),
            "mypy_new_excluding_union_attr": None if args.no_mypy else sum(n for c, n in new_all.items() if c != "union-attr") + sum(n for c, n in mypy_on_marked.items() if c != "union-attr"),
            "mypy_new_union_attr": None if args.no_mypy else new_all.get("union-attr", 0) + mypy_on_marked.get("union-attr", 0),
            "mypy_new_on_marked_statements": None if args.no_mypy else sum(mypy_on_marked.values()),
            "mypy_new_by_code": None if args.no_mypy else dict((new_all + mypy_on_marked).most_common()),
            "mypy_reworded_on_lines_with_errors_before": None if args.no_mypy else dict(changed.most_common()),
            "mypy_files_with_new_errors": None if args.no_mypy else sum(1 for r in reports if r.new_mypy),
            "ruff_new_undefined_names": None if args.no_ruff else ruff_new.get("F821", 0),
            "ruff_new_unused_imports": None if args.no_ruff else ruff_new.get("F401", 0),
        }
        args.json.write_text(json.dumps({"summary": summary, "problems": [p.__dict__ for p in problems]}, indent=1))
    if args.keep:
        if args.keep.exists():
            shutil.rmtree(args.keep)
        shutil.copytree(out, args.keep)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
