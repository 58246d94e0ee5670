"""Behavioural benchmark: do real Assistants programs still run, and do the same, after `rewrite`?

Each program of the set (references and drivers in bench/behaviour/programs.toml, sources in a
corpus directory rebuilt by bench/behaviour_rebuild.py) is copied twice. One copy is rewritten
with `assistants-migrate rewrite`; both copies are then run the way their own entry points run,
each against a fresh emulator (OPENAI_BASE_URL=http://127.0.0.1:PORT/v1, OPENAI_API_KEY=x), fed
the driver's argv, stdin, environment and, for small services, HTTP requests. Reported per program:

- exit code before / after, hang (timeout) before / after;
- same output (stdout and service answers, with emulator ids, timestamps, ports and the work
  directory normalised);
- markers left in the rewritten copy, and whether a second rewrite changes it again;
- for every difference, where it sits: the program line of the traceback (a crash) or the line
  that printed the first differing output line (traced by bench/behaviour_trace/sitecustomize.py),
  and whether that statement, or one enclosing it, carries a `# TODO(assistants-migrate)` marker.

A program counts only if the original runs to completion (the driver's expected exit code, no
hang) on the emulator; others are listed as "invalid driver".

Drivers (TOML, one [[program]] table each):
    name, repo, commit, paths = [files of the program, repo-relative], license
    run = [argv after python: the entry script, then its arguments]
    cwd = "dir"  (relative to the program root; default the root)
    stdin = "lines fed to the program", timeout = seconds (default 60), exit = expected exit (0)
    env = {VAR = "value"}                      extra environment
    files = {"rel/path" = "content"}           data files the program reads or uploads
    assistants = [{env = "VAR", id = "asst_..", model, name, instructions, tools}]
        created in the emulator before each run (`id`: seeded with that fixed id); the id is put
        in env[VAR]; for the rewritten copy `assistants-migrate export` writes assistant_configs.py
        into the program root, as the README tells users to.
    packages = ["python-dotenv", ...]          PyPI packages the program imports (--make-venvs installs them)
    sdk = "legacy"                             the original needs an openai 1.x SDK (--legacy-python)
    service = {port_env = "PORT", requests = [{method, path, json}]}
        a server: started ("{port}" in run is replaced by a free port, also put in env[port_env]),
        polled until it accepts connections, sent the requests in order (a path may use the previous
        JSON answer: "/status?id={last[thread_id]}"), then stopped. The output is the answers, then
        what the server printed; it completes when it answered and was still up to be stopped.

Usage: python bench/behaviour.py --make-venvs DIR        (once: DIR/current and DIR/legacy with the drivers' packages)
       python bench/behaviour.py CORPUS_DIR --python DIR/current/bin/python --legacy-python DIR/legacy/bin/python
                                 [--programs TOML] [--only NAME ...] [--json FILE] [--keep DIR] [--jobs N]
CORPUS_DIR holds one directory per program (bench/behaviour_rebuild.py makes it). --python runs the
programs (a venv with openai and the drivers' packages; default: this interpreter); the rewrite
runs with this interpreter's assistants_migrate. Exits 0.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus_eval import MARKER_RE, markers_above, measured_version  # noqa: E402

TRACE_DIR = HERE / "behaviour_trace"

# ----------------------------------------------------------------------------- normalisation

# Emulator ids are `<prefix>_<8 digits>emu`; the rewrite changes which prefix a program sees
# (thread_ -> conv_, msg_ -> msg_/item ids, run_ -> resp_), so any prefix normalises alike.
EMU_ID = re.compile(r"\b[a-z]+(?:_[a-z]+)*_\d{8}emu\b")
# real ids hold a digit somewhere; that keeps words such as file_search or thread_message apart
OPENAI_ID = re.compile(r"\b(?:asst|thread|conv|msg|resp|run|step|file|vs|vsfb|call|fc|ci|fs|item|batch)_(?=[A-Za-z]*\d)[A-Za-z0-9]{6,}\b")
TIMESTAMP = re.compile(r"\b1[6-9]\d{8}(?:\.\d+)?\b")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b")
DURATION = re.compile(r"\b\d+\.\d+\s*(?:s|sec|seconds|ms)\b")
PORT = re.compile(r"127\.0\.0\.1:\d+|localhost:\d+")
OBJ_ADDR = re.compile(r" at 0x[0-9a-f]+")


def normalise(text: str, workdir: str = "") -> list[str]:
    """Output lines with run-specific values replaced: ids, times, ports, the work directory."""
    if workdir:
        text = text.replace(workdir, "<DIR>")
    out = []
    for line in text.splitlines():
        line = EMU_ID.sub("<ID>", line)
        line = OPENAI_ID.sub("<ID>", line)
        line = ISO_TIME.sub("<TIME>", line)
        line = TIMESTAMP.sub("<TIME>", line)
        line = CLOCK.sub("<TIME>", line)
        line = DURATION.sub("<DURATION>", line)
        line = PORT.sub("127.0.0.1:<PORT>", line)
        line = OBJ_ADDR.sub(" at <ADDR>", line)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


# A polling loop that prints the run's status: a Response is complete when `create` returns, so such
# lines ("Run Status: in_progress") disappear after the migration by nature. Counted apart.
STATUS_LINE = re.compile(r"^\W*(?:.{0,60}?[:>-]\s*)?(?:queued|in_progress|requires_action|cancelling|completed)\W*$", re.I)


def without_status_lines(lines: list[str]) -> list[str]:
    return [l for l in lines if not STATUS_LINE.match(l)]


def first_difference(a: list[str], b: list[str]) -> int | None:
    """Index of the first line where the two outputs differ (None when equal)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


TRACEBACK_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')


def crash_site(stderr: str, root: Path, skip: frozenset[str] = frozenset()) -> tuple[str, int] | None:
    """The innermost traceback frame inside the program's own files (last traceback in stderr);
    files in `skip` (relative paths: modules the rewrite created) do not count as the program's."""
    root_s = str(root.resolve())
    blocks = stderr.split("Traceback (most recent call last):")
    if len(blocks) < 2:
        return None
    site = None
    for raw in blocks[-1].splitlines():
        m = TRACEBACK_FRAME.match(raw)
        if m:
            path = os.path.realpath(m.group("file"))
            if path.startswith(root_s + os.sep) and os.path.relpath(path, root_s) not in skip:
                site = (os.path.relpath(path, root_s), int(m.group("line")))
    return site


def exception_name(stderr: str) -> str:
    """The class of the exception that ended the program ("" when there is no traceback)."""
    if "Traceback (most recent call last):" not in stderr:
        return ""
    tail = stderr.rsplit("Traceback (most recent call last):", 1)[1]
    for line in reversed(tail.strip().splitlines()):
        m = re.match(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure)\w*)\b", line)
        if m:
            return m.group(1)
    return ""


def last_error_line(stderr: str) -> str:
    lines = [l for l in stderr.strip().splitlines() if l.strip()]
    for l in reversed(lines):
        if re.match(r"^[A-Za-z_.]*(Error|Exception|Exit|Interrupt)\b", l) or ": " in l and not l.startswith(" "):
            return l.strip()[:300]
    return lines[-1].strip()[:300] if lines else ""


# ----------------------------------------------------------------------------- markers


@dataclass
class Place:
    file: str
    line: int
    code: str = ""
    marked: str = "no"  # "statement", "enclosing", "function" (a marker elsewhere in the function), "no"
    rules: list[str] = field(default_factory=list)


def locate(root: Path, rel: str, line: int) -> Place:
    """Is the statement at rel:line (or a statement enclosing it) marked?"""
    path = root / rel
    place = Place(rel, line)
    try:
        text = path.read_text(encoding="utf-8-sig")
        tree = ast.parse(text)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return place
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        place.code = lines[line - 1].strip()[:160]
    chain: list[ast.stmt] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and child.lineno <= line <= (child.end_lineno or child.lineno):
                chain.append(child)
                visit(child)
                return
            if not isinstance(child, ast.stmt):
                visit(child)

    visit(tree)
    if not chain:
        return place
    own = markers_above(lines, chain[-1])
    if own:
        place.marked, place.rules = "statement", sorted({r for _, r in own})
        return place
    for outer in reversed(chain[:-1]):
        found = markers_above(lines, outer)
        if found:
            place.marked, place.rules = "enclosing", sorted({r for _, r in found})
            return place
    func = next((s for s in reversed(chain) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    lo, hi = (func.lineno, func.end_lineno or func.lineno) if func else (1, len(lines))
    inside = [MARKER_RE.search(lines[i]) for i in range(lo - 1, min(hi, len(lines)))]
    rules = sorted({m.group(1) for m in inside if m})
    if rules:
        place.marked, place.rules = "function", rules
    return place


def count_markers(root: Path) -> int:
    n = 0
    for p in root.rglob("*.py"):
        try:
            n += sum(1 for l in p.read_text(encoding="utf-8-sig").splitlines() if l.strip().startswith("#") and MARKER_RE.search(l))
        except (OSError, UnicodeDecodeError):
            pass
    return n


# ----------------------------------------------------------------------------- running


@dataclass
class Run:
    exit: int | None = None  # None: hang (killed at the timeout)
    stdout: str = ""
    stderr: str = ""
    output: list[str] = field(default_factory=list)  # normalised
    trace: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    setup_error: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed_assistants(emu: Any, specs: list[dict[str, Any]], env: dict[str, str]) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=emu.base_url, api_key="x")
    for spec in specs:
        params = {k: v for k, v in spec.items() if k not in ("env", "id")}
        params.setdefault("model", "gpt-4o")
        if spec.get("id"):
            obj = {"id": spec["id"], "object": "assistant", "created_at": 1700000000, "name": params.get("name"),
                   "description": None, "model": params["model"], "instructions": params.get("instructions"),
                   "tools": params.get("tools") or [], "tool_resources": {}, "metadata": {}, "temperature": 1.0,
                   "top_p": 1.0, "response_format": "auto"}
            emu.seed({"assistants": [obj]})
            aid = spec["id"]
        else:
            aid = client.beta.assistants.create(**params).id
        if spec.get("env"):
            env[spec["env"]] = aid


def seed_threads(emu: Any, specs: list[dict[str, Any]], env: dict[str, str], migrated: bool, uses_conversations: bool) -> None:
    """Threads the program expects to exist: a fixed id is seeded as it is (a migrated program that
    still names it finds no conversation: the user has to map it); an `env` thread is created, and
    for a migrated copy that calls the Conversations API a conversation is created instead (as after
    `assistants-migrate import`); a copy whose threads all stayed on the Assistants API keeps a thread."""
    from openai import OpenAI

    client = OpenAI(base_url=emu.base_url, api_key="x")
    for spec in specs:
        if spec.get("id"):
            emu.seed({"threads": [{"id": spec["id"], "object": "thread", "created_at": 1700000000, "metadata": {},
                                   "tool_resources": {}}]})
            tid = spec["id"]
        elif migrated and uses_conversations:
            tid = client.conversations.create().id
        else:
            tid = client.beta.threads.create().id
        if spec.get("env"):
            env[spec["env"]] = tid


def export_configs(base_url: str, dest: Path, scratch: Path) -> str:
    """Run `assistants-migrate export` against the emulator; copy assistant_configs.py to dest."""
    threads = scratch / "threads.txt"
    threads.write_text("")
    out = scratch / "archive"
    p = subprocess.run([sys.executable, "-m", "assistants_migrate", "export", "--out", str(out), "--threads", str(threads),
                        "--no-vector-stores", "--no-files", "--no-progress", "--base-url", base_url],
                       capture_output=True, text=True, timeout=120, env={**os.environ, "OPENAI_API_KEY": "x"})
    made = out / "assistant_configs.py"
    if not made.exists():
        return f"export wrote no assistant_configs.py (exit {p.returncode}): {p.stderr.strip()[-300:]}"
    shutil.copy(made, dest / "assistant_configs.py")
    return ""


def http(method: str, url: str, body: Any, timeout: float) -> tuple[int, str]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, TimeoutError) as e:
        return -1, f"<{type(e).__name__}: {e}>"


def run_program(prog: dict[str, Any], root: Path, python: str, migrated: bool, scratch: Path) -> Run:
    from assistants_migrate.emulator import Emulator

    result = Run()
    timeout = float(prog.get("timeout", 60))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "VIRTUAL_ENV", "PYTHON"))}
    trace_file = scratch / "trace.jsonl"
    trace_file.unlink(missing_ok=True)
    with Emulator() as emu:
        env.update({
            "OPENAI_BASE_URL": emu.base_url, "OPENAI_API_KEY": "x", "PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0",
            "PYTHONPATH": os.pathsep.join([str(TRACE_DIR), str(root)]), "PYTHONDONTWRITEBYTECODE": "1",
            "BEHAVIOUR_TRACE_OUT": str(trace_file), "BEHAVIOUR_TRACE_ROOT": str(root), "HOME": str(scratch),
            "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120",
        })
        env.update({k: str(v) for k, v in (prog.get("env") or {}).items()})
        try:
            warnings.filterwarnings("ignore", category=DeprecationWarning)  # the SDK's, for the Assistants calls that seed
            seed_assistants(emu, prog.get("assistants") or [], env)
            uses_conversations = any("conversations." in p.read_text(errors="replace") for p in root.rglob("*.py"))
            seed_threads(emu, prog.get("threads") or [], env, migrated, uses_conversations)
            if migrated and prog.get("assistants"):
                problem = export_configs(emu.base_url, root, scratch)
                if problem:
                    result.setup_error = problem
        except Exception as e:  # a driver problem, reported as such
            result.setup_error = f"{type(e).__name__}: {e}"
            return result
        argv = [python, *[str(a) for a in prog["run"]]]
        cwd = root / prog.get("cwd", ".")
        service = prog.get("service")
        t0 = time.monotonic()
        if service:
            port = free_port()
            env[service.get("port_env", "PORT")] = str(port)
            argv = [a.replace("{port}", str(port)) for a in argv]
            answers: list[str] = []
            last: dict[str, Any] = {}
            hung = refused = False
            with open(scratch / "out.txt", "w+") as out, open(scratch / "err.txt", "w+") as err:
                proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
                base = f"http://127.0.0.1:{port}"
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and proc.poll() is None:
                    try:
                        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                            break
                    except OSError:
                        time.sleep(0.2)
                for req in service.get("requests", []):
                    if proc.poll() is not None:
                        break
                    # a path may use the previous JSON answer: "/status?id={last[thread_id]}"
                    try:
                        path = req["path"].format_map({"last": last})
                    except (KeyError, IndexError, ValueError):
                        path = req["path"]
                    status, body = http(req.get("method", "GET"), base + path, req.get("json"), timeout)
                    hung |= status == -1 and "timed out" in body
                    refused |= status == -1 and not hung
                    try:
                        parsed = json.loads(body)
                        last = parsed if isinstance(parsed, dict) else {}
                    except json.JSONDecodeError:
                        last = {}
                    answers.append(f"{req.get('method', 'GET')} {req['path']} -> {status}\n{body}")
                alive = proc.poll() is None
                if alive:
                    os.killpg(proc.pid, 15)
                    try:
                        proc.wait(10)
                    except subprocess.TimeoutExpired:
                        os.killpg(proc.pid, 9)
                        proc.wait()
                out.seek(0)
                err.seek(0)
                # the answers first, then what the service printed
                result.stdout = "\n".join(answers) + "\n" + out.read()
                result.stderr = err.read()[-12000:]
                # a service completes when it answered every request and was still up to be stopped
                result.exit = None if hung else (0 if alive and not refused else (proc.returncode if not alive else 1))
        else:
            try:
                p = subprocess.run(argv, cwd=cwd, env=env, input=prog.get("stdin", ""), capture_output=True, text=True,
                                   timeout=timeout, start_new_session=True)
                result.exit, result.stdout, result.stderr = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired as e:
                result.exit = None
                result.stdout = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
                result.stderr = (e.stderr or b"").decode("utf-8", "replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        result.seconds = time.monotonic() - t0
    result.output = normalise(result.stdout, str(root))
    if trace_file.exists():
        for raw in trace_file.read_text().splitlines():
            try:
                result.trace.append(json.loads(raw))
            except json.JSONDecodeError:
                pass
    return result


# ----------------------------------------------------------------------------- one program


@dataclass
class Report:
    name: str
    repo: str = ""
    valid: bool = True
    invalid_reason: str = ""
    exit_before: int | None = None
    exit_after: int | None = None
    hang_after: bool = False
    same_exit: bool = False
    same_output: bool = False
    same_output_except_status: bool = False
    markers: int = 0
    findings: int = 0
    changed_files: int = 0
    fixed_point: bool = True
    error_after: str = ""
    differences: list[dict[str, Any]] = field(default_factory=list)
    output_diff: list[str] = field(default_factory=list)
    seconds: float = 0.0


def rewrite(root: Path) -> tuple[int, dict[str, Any], bool]:
    p = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", str(root), "--format", "json", "-q"],
                       capture_output=True, text=True)
    try:
        report = json.loads(p.stdout)
    except json.JSONDecodeError:
        report = {}
    again = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", "--check", str(root), "-q"],
                           capture_output=True, text=True)
    return p.returncode, report, again.returncode == 0


def evaluate(prog: dict[str, Any], corpus: Path, python: str, keep: Path | None, before_only: bool = False,
             legacy_python: str = "") -> Report:
    t0 = time.monotonic()
    rep = Report(prog["name"], prog.get("repo", ""))
    src = corpus / prog["name"]
    if not src.is_dir():
        rep.valid, rep.invalid_reason = False, f"missing {src} (run bench/behaviour_rebuild.py)"
        return rep
    work = Path(tempfile.mkdtemp(prefix=f"am-beh-{prog['name']}-"))
    before, after = work / "before", work / "after"
    for d in (before, after):
        shutil.copytree(src, d, ignore=shutil.ignore_patterns("__pycache__"))
        for rel, content in (prog.get("files") or {}).items():
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(content)
    (work / "s1").mkdir()
    (work / "s2").mkdir()
    try:
        _, report, rep.fixed_point = rewrite(after)
        rep.findings = len(report.get("findings", []))
        rep.changed_files = sum(1 for f in report.get("files", []) if f.get("status") == "changed")
        rep.markers = count_markers(after)
        if prog.get("sdk") == "legacy" and not legacy_python:
            rep.valid, rep.invalid_reason = False, "needs --legacy-python (an openai 1.x interpreter) for the original"
            return rep
        b = run_program(prog, before, legacy_python if prog.get("sdk") == "legacy" else python, False, work / "s1")
        expected = int(prog.get("exit", 0))
        rep.exit_before = b.exit
        if b.setup_error or b.exit != expected:
            rep.valid = False
            rep.invalid_reason = b.setup_error or (
                f"original {'hangs' if b.exit is None else f'exits {b.exit}'} (expected {expected}): {last_error_line(b.stderr)}")
            return rep
        if before_only:
            rep.error_after = "not run (--before-only)"
            return rep
        a = run_program(prog, after, python, True, work / "s2")
        created = frozenset(str(p.relative_to(after)) for p in after.rglob("*.py") if not (before / p.relative_to(after)).exists())
        if a.setup_error:
            rep.error_after = "setup: " + a.setup_error
        rep.exit_after = a.exit
        rep.hang_after = a.exit is None
        # a program that ends with an exception (a chat loop on EOFError) must end with the same one
        rep.same_exit = a.exit == b.exit and (not a.exit or exception_name(a.stderr) == exception_name(b.stderr))
        rep.same_output = a.output == b.output
        rep.same_output_except_status = without_status_lines(a.output) == without_status_lines(b.output)
        if not rep.same_exit:
            rep.error_after = rep.error_after or ("hang (timeout)" if a.exit is None else last_error_line(a.stderr))
            site = crash_site(a.stderr, after, created)
            if site:
                rep.differences.append({"kind": "crash", **asdict(locate(after, *site))})
            else:
                rep.differences.append({"kind": "hang" if a.exit is None else "crash", "file": "", "line": 0,
                                        "code": "", "marked": "unknown", "rules": []})
        if rep.same_exit and not rep.same_output:
            # a service (or a program that catches and prints errors) keeps running: a traceback the
            # original did not have says where it broke
            site_a, site_b = crash_site(a.stderr, after, created), crash_site(b.stderr, before)

            def said(root: Path, site: tuple[str, int] | None, stderr: str) -> tuple[str, str]:
                # the rewrite moves lines: compare the exception and the source line, not line numbers
                return (exception_name(stderr), locate(root, *site).code) if site else ("", "")

            if site_a and said(after, site_a, a.stderr) != said(before, site_b, b.stderr):
                rep.error_after = last_error_line(a.stderr)
                rep.differences.append({"kind": "error", **asdict(locate(after, *site_a))})
        if not rep.same_output:
            i = first_difference(b.output, a.output)
            rep.output_diff = list(difflib.unified_diff(b.output, a.output, "before", "after", n=1, lineterm=""))[:40]
            traced = next((t for t in a.trace if t.get("n") == i and t.get("file")), None) if i is not None else None
            if traced:
                rel = os.path.relpath(traced["file"], after.resolve())
                rep.differences.append({"kind": "output", "at_line": i, **asdict(locate(after, rel, int(traced["line"])))})
            elif rep.same_exit:
                rep.differences.append({"kind": "output", "at_line": i, "file": "", "line": 0, "code": "",
                                        "marked": "unknown", "rules": []})
    finally:
        if keep:
            dest = keep / prog["name"]
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(work, dest, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.rmtree(work, ignore_errors=True)
        rep.seconds = time.monotonic() - t0
    return rep


# ----------------------------------------------------------------------------- main


LEGACY_SDK = "1.60.2"  # the last 1.x releases with client.beta.vector_stores


def make_venvs(where: Path, programs: list[dict[str, Any]]) -> None:
    """Interpreters for the programs, packages from PyPI only: the migrated copies (and most originals)
    run on this interpreter's openai version; originals marked sdk = "legacy" on openai 1.x."""
    import openai

    current = sorted({p for prog in programs for p in prog.get("packages", [])})
    legacy = sorted({p for prog in programs if prog.get("sdk") == "legacy" for p in prog.get("packages", [])})
    for name, pins in (("current", [f"openai=={openai.__version__}", *current]), ("legacy", [f"openai=={LEGACY_SDK}", *legacy])):
        venv = where / name
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *pins], check=True)
        print(f"{venv}: {' '.join(pins)}")
    print(f"run with: --python {where / 'current' / 'bin' / 'python'} --legacy-python {where / 'legacy' / 'bin' / 'python'}")


def totals(reports: list[Report]) -> dict[str, Any]:
    valid = [r for r in reports if r.valid]
    diffs = [d for r in valid for d in r.differences]
    return {
        "programs": len(reports),
        "valid": len(valid),
        "invalid": len(reports) - len(valid),
        "same_exit": sum(r.same_exit for r in valid),
        "same_output": sum(r.same_output for r in valid),
        "same_output_except_run_status_lines": sum(r.same_output_except_status for r in valid),
        "hang_after": sum(r.hang_after for r in valid),
        "not_fixed_point": sum(not r.fixed_point for r in valid),
        "markers": sum(r.markers for r in valid),
        "differences": len(diffs),
        "differences_at_marked_statement": sum(d["marked"] in ("statement", "enclosing") for d in diffs),
        "differences_marker_in_function_only": sum(d["marked"] == "function" for d in diffs),
        "differences_unmarked": sum(d["marked"] in ("no", "unknown") for d in diffs),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", help="directory with one directory per program")
    ap.add_argument("--make-venvs", type=Path, metavar="DIR",
                    help="create DIR/current (this interpreter's openai + the drivers' packages) and DIR/legacy "
                         f"(openai {LEGACY_SDK} for sdk = \"legacy\" originals), then exit")
    ap.add_argument("--programs", type=Path, default=HERE / "behaviour" / "programs.toml")
    ap.add_argument("--python", default=os.environ.get("BEHAVIOUR_PYTHON", sys.executable),
                    help="interpreter that runs the programs (default $BEHAVIOUR_PYTHON or this one)")
    ap.add_argument("--only", nargs="*", help="program names")
    ap.add_argument("--json", type=Path, help="write the full report here")
    ap.add_argument("--keep", type=Path, help="keep each program's before/after copies here")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--legacy-python", default=os.environ.get("BEHAVIOUR_LEGACY_PYTHON", ""),
                    help="interpreter with an openai 1.x SDK (client.beta.vector_stores) for originals marked sdk = \"legacy\"; "
                         "their migrated copies run with --python, as a user upgrades the SDK with the migration")
    ap.add_argument("--before-only", action="store_true", help="only check that the originals run (driver work)")
    args = ap.parse_args()

    programs = tomllib.loads(args.programs.read_text())["program"]
    if args.make_venvs:
        make_venvs(args.make_venvs, programs)
        return
    if args.corpus is None:
        ap.error("CORPUS_DIR is required")
    measured = measured_version(sys.executable)
    if args.only:
        programs = [p for p in programs if p["name"] in set(args.only)]
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        reports = list(pool.map(lambda p: evaluate(p, args.corpus.resolve(), args.python, args.keep, args.before_only, args.legacy_python), programs))

    w = max([len(r.name) for r in reports] + [7])
    print(f"{'program':<{w}} {'exit':>9} {'same':>5} {'out':>4} {'mark':>4} {'fix':>4}  difference")
    for r in reports:
        if not r.valid:
            print(f"{r.name:<{w}} {'-':>9} {'':>5} {'':>4} {'':>4} {'':>4}  INVALID DRIVER: {r.invalid_reason[:150]}")
            continue
        ex = f"{r.exit_before}->{'hang' if r.hang_after else r.exit_after}"
        where = "; ".join(f"{d['kind']} {d['file']}:{d['line']} marked={d['marked']}" for d in r.differences)
        print(f"{r.name:<{w}} {ex:>9} {'yes' if r.same_exit else 'NO':>5} {'yes' if r.same_output else 'NO':>4} "
              f"{r.markers:>4} {'ok' if r.fixed_point else 'NO':>4}  {r.error_after[:80]} {where}")
    t = totals(reports)
    print()
    print(f"  measured: {measured}")
    for k, v in t.items():
        print(f"  {k:<36} {v}")
    if args.json:
        args.json.write_text(json.dumps({"measured": measured, "totals": t, "programs": [asdict(r) for r in reports]}, indent=1))


if __name__ == "__main__":
    main()
