"""discover -> prefilter -> parse -> codemods -> render -> guard -> write | diff | check.

One function, `process_file`, does all the work for one file and never raises: a
file that cannot be handled is left untouched and comes back with a finding that
says why. `run` spreads files over a process pool (none for a single file) and
returns results in discovery order, so output is deterministic.
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import multiprocessing
import os
import pathlib
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, overload

from assistants_migrate.engine import index as project_index
from assistants_migrate import jsaudit
from assistants_migrate.engine import markers, notebook
from assistants_migrate.engine import rules as engine_rules
from assistants_migrate.engine.deep import retry_deep
from assistants_migrate.engine.discover import PYTHON_SUFFIXES, SOURCE_SUFFIXES, Discovery, SourceFile, discover
from assistants_migrate.engine.options import Options
from assistants_migrate.engine.prefilter import Prefilter
from assistants_migrate.engine.registry import all_codemods, prefilter
from assistants_migrate.engine.selection import FileSelection, RuleSelection, blocked_findings, transform_selected
from assistants_migrate.engine.workers import cyclic_gc_paused, die_with_parent
from assistants_migrate.findings import Finding, make_finding
from assistants_migrate.fsutil import WriteRefused, read_bytes, rewrite_file_bytes

if TYPE_CHECKING:  # libcst and the codemods load only once a file is a candidate (start-up: issue #17)
    import libcst as cst

    from assistants_migrate.engine.transform import TransformResult

Mode = Literal["write", "diff", "check", "audit", "stdout"]  # stdout: the rewritten text comes back in `output`
Status = Literal["skipped", "unchanged", "changed", "failed"]

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class FileResult:
    path: str
    status: Status  # skipped: the prefilter found nothing to parse
    findings: list[Finding] = field(default_factory=list)
    diff: str = ""
    reason: str = ""
    internal_error: bool = False
    unread: bool = False  # the bytes could not be read: nothing was parsed
    required_modules: dict[str, str] = field(default_factory=dict)  # what the rewritten code imports: name -> text
    created: list[str] = field(default_factory=list)  # modules this run created for it (display paths)
    texts: tuple[str, str] | None = None  # (before, after) of a changed file, kept for --verify
    suppressed: int = 0  # findings of rules turned off or silenced by a comment (their sites kept as they were)
    held_back: int = 0  # other findings on those sites' flows, kept as they were with them
    left_out: tuple[str, ...] = ()  # surfaces whose codemods a rule selection left out here
    output: str | None = None  # mode "stdout": the whole resulting text

    @property
    def parsed(self) -> bool:
        return self.status != "skipped" and not self.unread


class _Results(Sequence[FileResult]):
    """Each file's result, by its place in the discovery order; unset places (files still running) are left
    out of iteration. A result that carries nothing beyond its path and status (its diff already printed,
    its findings counted by the caller) is kept as that pair: a run over 10,000 files then holds a few
    bytes per file, not a FileResult with its empty lists (flat memory: issue #12)."""

    __slots__ = ("_items", "_set")

    def __init__(self, size: int) -> None:
        self._items: list[FileResult | tuple[str, Status] | None] = [None] * size
        self._set = 0

    def __setitem__(self, index: int, result: FileResult) -> None:
        self._set += self._items[index] is None
        self._items[index] = (result.path, result.status) if result == FileResult(result.path, result.status) else result

    def status(self, index: int) -> Status | None:
        item = self._items[index]
        return None if item is None else item[1] if isinstance(item, tuple) else item.status

    @staticmethod
    def _result(item: FileResult | tuple[str, Status]) -> FileResult:
        return FileResult(*item) if isinstance(item, tuple) else item

    def __iter__(self) -> Iterator[FileResult]:
        return (self._result(item) for item in self._items if item is not None)

    def __len__(self) -> int:
        return self._set

    @overload
    def __getitem__(self, index: int) -> FileResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...
    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        done = [item for item in self._items if item is not None] if self._set < len(self._items) else self._items
        if isinstance(index, slice):
            return [self._result(item) for item in done[index]]  # type: ignore[arg-type]
        return self._result(done[index])  # type: ignore[arg-type]


@dataclass
class RunResult:
    files: Sequence[FileResult]
    missing: list[str]

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.files if r.status == status)

    @property
    def parsed(self) -> int:
        return sum(1 for r in self.files if r.parsed)

    @property
    def internal_errors(self) -> int:
        return sum(1 for r in self.files if r.internal_error)

    @property
    def suppressed(self) -> int:
        return sum(r.suppressed for r in self.files)

    @property
    def held_back(self) -> int:
        return sum(r.held_back for r in self.files)


@dataclass(frozen=True, slots=True)
class Job:
    file: SourceFile
    mode: Mode
    options: Options
    skip_cold: bool = True
    force: bool = False  # write read-only files too
    keep_texts: bool = False  # --verify: the changed file's text before and after goes back with the result
    selection: FileSelection | None = None  # None: every rule, comments honoured


def _failure(
    job: Job, rule_id: str, reason: str, *, internal: bool = False, line: int = 0, unread: bool = False
) -> FileResult:
    return _failed(job.file.display, rule_id, reason, internal=internal, line=line, unread=unread)


def _failed(
    path: str, rule_id: str, reason: str, *, internal: bool = False, line: int = 0, unread: bool = False
) -> FileResult:
    finding = make_finding(rule_id, path, line=line, message=reason)
    return FileResult(path, "failed", [finding], reason=reason, internal_error=internal, unread=unread)


_PATCH_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")  # lines as patch and git count them: only \n ends one
NO_NEWLINE = "\\ No newline at end of file\n"


def patch_path(path: str) -> str:
    """A diff header path that `patch -p1` and `git apply` take: posix, normalised, no leading slash
    (an absolute path then applies from the file system's root)."""
    normal = os.path.normpath(path).replace(os.sep, "/")
    return normal.lstrip("/")


def _diff(path: str, before: str, after: str) -> str:
    name = patch_path(path)
    out = []
    for line in difflib.unified_diff(
        _PATCH_LINES.findall(before), _PATCH_LINES.findall(after), fromfile=f"a/{name}", tofile=f"b/{name}"
    ):
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)


def _triggers() -> Prefilter:
    return prefilter()


@lru_cache(maxsize=1)
def _index_triggers() -> Prefilter:
    from assistants_migrate.engine.codemod import index_facts

    return Prefilter([t for fact in index_facts(all_codemods()) for t in fact.triggers])


# Phase 1's answer for this run. Forked workers inherit it; spawned ones get it from _init_worker.
_PROJECT: project_index.ProjectIndex | None = None


def _init_worker(project: project_index.ProjectIndex | None, parent_pid: int) -> None:
    die_with_parent(parent_pid)
    global _PROJECT
    _PROJECT = project


def process_file(job: Job) -> FileResult:
    """Everything for one file that passed the prefilter; never raises."""
    with cyclic_gc_paused():
        return _with_language(job, _process(job))


def process_bytes(job: Job, data: bytes) -> FileResult:
    """`process_file` for bytes already read (stdin mode reads them from standard input)."""
    return _with_language(job, _process_data(job, data))


def _with_language(job: Job, result: FileResult) -> FileResult:
    language = _language(job.file)
    for i, finding in enumerate(result.findings):
        if not finding.language:
            result.findings[i] = dataclasses.replace(finding, language=language)
    return result


def _language(file: SourceFile) -> str:
    return jsaudit.language_of(file.suffix) or "python"


def _process(job: Job) -> FileResult:
    try:
        data = read_bytes(job.file.location)
    except OSError as exc:
        return _failure(job, engine_rules.UNREADABLE, f"read failed: {exc.strerror or exc}", unread=True)
    return _process_data(job, data)


def _process_data(job: Job, data: bytes) -> FileResult:
    bom = data.startswith(UTF8_BOM)
    try:
        text = data[len(UTF8_BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _failure(job, engine_rules.NOT_UTF8, f"not UTF-8: byte {exc.start} ({data[exc.start:exc.start + 1]!r})")
    if jsaudit.language_of(job.file.suffix) is not None:
        return _audit_script(job, text)
    if job.file.suffix == ".ipynb":
        return _process_notebook(job, text, bom, data)
    result = _transform(job, text)
    if isinstance(result, FileResult):
        result.findings = markers.with_markers(result.findings, text, job.file.display)
        return result
    if not result.changed(text):
        findings = markers.with_markers(result.findings, text, job.file.display)
        return _selected(job, FileResult(job.file.display, "unchanged", findings), result)
    code = markers.mark_unmarked(result.findings, text, result.code, job.file.display) if job.mode != "audit" else result.code
    diff = _diff(job.file.display, text, code) if job.mode == "diff" else ""
    if job.mode == "write":  # report what is on disk afterwards: positions and markers of the rewritten text
        findings = markers.with_markers(
            markers.relocate(result.findings, text, code), code, job.file.display, near=markers.RELOCATED_SLACK
        )
    else:
        findings = markers.with_markers(result.findings, text, job.file.display)
    as_read = result.findings
    out = _write(job, "changed", findings, diff, (UTF8_BOM if bom else b"") + code.encode("utf-8"), data,
                 unwritten=lambda: markers.with_markers(as_read, text, job.file.display))
    if out.status == "changed":
        out.required_modules = result.required_modules
        if job.keep_texts:
            out.texts = (text, result.code)
    return _selected(job, out, result)


def _selected(job: Job, out: FileResult, result: TransformResult) -> FileResult:
    """Carry the selection's counts over to the file's result (markers of rules turned off are not items)."""
    out.suppressed, out.held_back, out.left_out = result.suppressed, result.held_back, result.left_out
    if job.selection is not None and job.selection.disabled:
        out.findings = [f for f in out.findings if f.rule_id not in job.selection.disabled]
    return out


def _audit_script(job: Job, text: str) -> FileResult:
    """TypeScript/JavaScript: findings only, in every mode (the file is never written)."""
    try:
        findings = jsaudit.audit_script(job.file.display, text, job.file.suffix)
    except Exception as exc:  # a scanner bug must not stop the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} (at {os.path.basename(where.filename)}:{where.lineno})"
        return _failure(job, engine_rules.CODEMOD_CRASH, reason, internal=True)
    out = FileResult(job.file.display, "unchanged", findings)
    if job.selection is not None:  # rules turned off, `// assistants-migrate: ignore[...]`, `// noqa: AMxxx`
        blocked = {id(f) for f in blocked_findings(findings, job.selection, text, comment="//")}
        out.findings = [f for f in findings if id(f) not in blocked]
        out.suppressed = len(blocked)
    return out


def _transform(job: Job, source: str) -> TransformResult | FileResult:
    """Run the codemods; a failure comes back as the file's result (the file is left as it is)."""
    import libcst as cst

    from assistants_migrate.engine.transform import RenderGuardError
    nul = source.find("\0")
    if nul >= 0:  # CPython refuses the whole file; libcst would not
        line = len(_LINE_BREAK.findall(source, 0, nul)) + 1
        return _failure(job, engine_rules.PARSE_ERROR, f"syntax error at line {line}: a NUL byte (CPython cannot "
                        "compile a file that contains one)", line=line)
    try:
        if "\r" in source and "\n" not in source:
            # CR-only line endings: libcst loses the final one. To Python every lone CR is a line break
            # (in strings too), so the text is handled with LF and given its CRs back.
            result = _run_transform(job, source.replace("\r", "\n"))
            return dataclasses.replace(result, code=result.code.replace("\n", "\r"))
        return _run_transform(job, source)
    except cst.ParserSyntaxError as exc:
        line, message = _syntax_error(source, exc)
        return _failure(job, engine_rules.PARSE_ERROR, f"syntax error at line {line}: {message}", line=line)
    except RenderGuardError as exc:
        return _failure(job, engine_rules.RENDER_GUARD, str(exc), internal=True)
    except RecursionError:
        return _failure(job, engine_rules.PARSE_ERROR, "file is nested too deeply to parse")
    except Exception as exc:  # a codemod bug must not stop the run or lose the file
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = f"{type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno})"
        return _failure(job, engine_rules.CODEMOD_CRASH, reason, internal=True)


def _run_transform(job: Job, source: str) -> TransformResult:
    """transform_source, under the job's rule selection and suppression comments when it has one."""
    from assistants_migrate.engine.transform import TransformResult, transform_source

    project = _PROJECT if _PROJECT is None or _PROJECT.covers(job.file.display) else None  # None: its own project
    if job.selection is None:
        return retry_deep(transform_source, source, job.file.display, all_codemods(), job.options,
                          skip_cold=job.skip_cold, project=project)
    selected = retry_deep(transform_selected, source, job.file.display, all_codemods(), job.options, job.selection,
                          skip_cold=job.skip_cold, project=project)
    result = selected.result
    assert isinstance(result, TransformResult)
    result.suppressed, result.held_back, result.left_out = selected.suppressed, selected.held_back, selected.left_out
    return result


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _syntax_error(source: str, exc: cst.ParserSyntaxError) -> tuple[int, str]:
    """(line, message) of a syntax error: CPython's own when it has one (a TabError, for one, is
    reported by libcst at line 1), else libcst's."""
    try:
        ast.parse(source)
    except SyntaxError as error:
        if error.lineno:
            return error.lineno, f"{type(error).__name__}: {error.msg}"
    except (ValueError, RecursionError, MemoryError):
        pass
    return exc.raw_line, " ".join(str(exc).split("\n")[0].split())


def _write(
    job: Job,
    status: Status,
    findings: list[Finding],
    diff: str,
    data: bytes,
    original: bytes,
    unwritten: Callable[[], list[Finding]] | None = None,
) -> FileResult:
    """Write `data` over the file read as `original` (write mode). `unwritten()` gives the findings
    positioned in the original, for when the write is refused."""
    out = FileResult(job.file.display, status, findings, diff=diff)
    if job.mode == "stdout":
        out.output = data.decode("utf-8")
    if job.mode == "write":
        try:
            rewrite_file_bytes(job.file.real, data, expected=original, force=job.force)
        except WriteRefused as exc:
            failed = _failure(job, engine_rules.NOT_WRITTEN, str(exc))
            failed.findings[:0] = unwritten() if unwritten is not None else findings
            return failed
        except OSError as exc:
            return _failure(job, engine_rules.UNREADABLE, f"write failed: {exc.strerror or exc}")
    return out


def _process_notebook(job: Job, text: str, bom: bool, data: bytes) -> FileResult:
    try:
        joined = notebook.join(text)
    except notebook.NotebookError as exc:
        return _failure(job, engine_rules.PARSE_ERROR, f"notebook: {exc}")
    result = _transform(job, joined.source)
    # Markers already in the cells count; positions stay those of the cells as read (cells are mapped below).
    joined_findings = markers.with_markers(result.findings, joined.source, job.file.display)
    # lines of the joined cells -> (cell, line in the cell)
    findings = [
        _in_cell(f, *located) if f.line and (located := notebook.cell_of_line(joined, f.line)) else f
        for f in joined_findings
    ]
    if isinstance(result, FileResult):  # e.g. a syntax error in one cell
        result.findings = findings
        return result
    changed = notebook.split(joined, result.code)
    if changed is None:
        return _failure(job, engine_rules.RENDER_GUARD, "notebook cell boundaries moved in the rewrite", internal=True)
    if not changed:
        return _selected(job, FileResult(job.file.display, "unchanged", findings), result)
    diff = ""
    if job.mode == "diff":
        originals = {cell.index: cell.source for cell in joined.cells}
        diff = "".join(
            _diff(notebook.cell_diff_label(job.file.display, index), notebook.unmasked(originals[index]), code)
            for index, code in sorted(changed.items())
        )
    rendered = notebook.render(joined, changed)
    return _selected(job, _write(job, "changed", findings, diff, (UTF8_BOM if bom else b"") + rendered.encode("utf-8"), data),
                     result)


def _in_cell(finding: Finding, cell: int, line: int) -> Finding:
    shift = line - finding.line
    return dataclasses.replace(
        finding,
        line=line,
        end_line=finding.end_line + shift,
        message=f"[cell {cell}] {finding.message}",
        extra={**finding.extra, "cell": cell, **({"snippet_start_line": line} if finding.snippet else {})},
    )


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the imported codemods with the workers; elsewhere spawn is the only safe choice
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run(
    paths: Sequence[str],
    *,
    mode: Mode,
    exclude: Sequence[str] = (),
    jobs: int | None = None,
    options: Options | None = None,
    skip_cold: bool = True,
    force: bool = False,
    python_only: bool = False,
    verify: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    found: Discovery | None = None,
    selection: RuleSelection | None = None,
) -> RunResult:
    """Rewrite (or check, diff, audit) every file under `paths`. `verify`: type-check the changed files
    before and after (engine/verify.py) and add a finding for each error the rewrite introduced.
    `found`: files already discovered (then `paths`, `exclude` and `python_only` are not used)."""
    if options is None:
        options = Options()
    if found is None:
        found = discover(paths, exclude, PYTHON_SUFFIXES if python_only else SOURCE_SUFFIXES)
    on_result = _providing_modules(on_result, mode)
    files = found.files
    every_rule = FileSelection()

    def job(index: int) -> Job:  # made when needed: a run over 10,000 files keeps no Job per file (issue #12)
        file = files[index]
        return Job(file, mode, options, skip_cold, force, keep_texts=verify,
                   selection=selection.for_path(file.display) if selection else every_rule)

    if on_start is not None:
        on_start(len(files))
    results = _Results(len(files))
    # The prefilter runs here: most files stop at it, and they should not cross a process boundary.
    candidates: list[int] = []
    for index, file in enumerate(files):
        early = _prefilter(file)
        if early is None:
            candidates.append(index)
        else:
            on_result(early)
            results[index] = early
    global _PROJECT
    python_candidates = [i for i in candidates if jsaudit.language_of(files[i].suffix) is None]
    _PROJECT = _build_index(files, python_candidates, results) if python_candidates else None
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(candidates) <= 1:
        for index in candidates:
            result = process_file(job(index))
            on_result(result)
            results[index] = result
    else:
        if python_candidates:
            all_codemods()  # import once in the parent; forked workers inherit it
        chunksize = max(1, min(16, len(candidates) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=min(jobs, len(candidates)), mp_context=_pool_context(),
                                 initializer=_init_worker, initargs=(_PROJECT, os.getpid())) as pool:
            for index, result in zip(candidates, _ordered_map(pool, map(job, candidates), chunksize, window=jobs * 4)):
                on_result(result)
                results[index] = result
    if verify:
        _verify(list(results))
    return RunResult(files=results, missing=found.missing)


def _process_chunk(chunk: Sequence[Job]) -> list[FileResult]:
    return [process_file(job) for job in chunk]


def _ordered_map(pool: ProcessPoolExecutor, jobs: Iterator[Job], chunksize: int, window: int) -> Iterator[FileResult]:
    """`pool.map(process_file, jobs)` in order, with at most `window` chunks in flight: Executor.map
    submits every job at once, which holds them all (and their futures) until the run ends."""
    pending: deque[Future[list[FileResult]]] = deque()
    while True:
        while len(pending) < window and (chunk := list(islice(jobs, chunksize))):
            pending.append(pool.submit(_process_chunk, chunk))
        if not pending:
            return
        yield from pending.popleft().result()


def _verify(results: Sequence[FileResult]) -> None:
    """Findings for the type errors the rewrite introduced, on the files it changed (and created)."""
    from assistants_migrate.engine import verify

    changed = {r.path: r for r in results if r.texts is not None}
    changes = [verify.Change(path, *r.texts) for path, r in changed.items()]  # type: ignore[misc]
    created = {shown: text for r in changed.values() for module, text in r.required_modules.items()
               for shown in r.created if shown.endswith(f"{module}.py")}
    for finding in verify.introduced_errors(changes, created):
        changed[finding.path].findings.append(finding)


def _providing_modules(
    on_result: Callable[[FileResult], None] | None, mode: Mode
) -> Callable[[FileResult], None]:
    """Every result passes here first: modules its rewritten code imports and that do not exist
    where Python will look for them are created (written, shown in the diff, or counted by --check)."""
    provided: set[pathlib.Path] = set()

    def handle(result: FileResult) -> None:
        for module, text in result.required_modules.items():
            created = _provide_module(result.path, module, text, mode, provided)
            if created is not None:
                result.created.append(created)
                # its markers are manual work the rewrite adds: counted before the rewrite as after it
                pending = {} if mode == "write" else {"created": True}  # not on disk (yet)
                result.findings.extend(dataclasses.replace(f, extra={**f.extra, **pending})
                                       for f in markers.with_markers([], text, created))
                if mode == "diff":
                    result.diff += "".join(difflib.unified_diff(
                        [], text.splitlines(keepends=True), fromfile="/dev/null", tofile=f"b/{created}"))
        if on_result is not None:
            on_result(result)

    return handle


def _provide_module(display: str, module: str, text: str, mode: Mode, provided: set[pathlib.Path]) -> str | None:
    path = pathlib.Path(display)
    root = (_PROJECT or project_index.ProjectIndex()).import_root(path)
    display_root = path.parent
    for _ in range(len(path.resolve().parent.parts) - len(root.parts)):
        display_root = display_root.parent
    target = root / f"{module}.py"
    if target in provided or target.exists() or (root / module / "__init__.py").exists() or (
            _PROJECT is not None and _PROJECT.has_module(module)):
        return None
    provided.add(target)
    if mode == "write":
        try:
            with open(target, "x", encoding="utf-8") as out:  # never over a file that appeared meanwhile
                out.write(text)
        except OSError:
            return None
    return (display_root / f"{module}.py").as_posix()


def _prefilter(file: SourceFile) -> FileResult | None:
    """A result for a file that needs no parse (unreadable, or no trigger in its bytes); None otherwise.
    A file holding a TODO marker is always read: its markers are open manual work."""
    try:
        data = read_bytes(file.location)
    except OSError as exc:
        return _failed(file.display, engine_rules.UNREADABLE, f"read failed: {exc.strerror or exc}", unread=True)
    if jsaudit.language_of(file.suffix) is not None:
        if not jsaudit.mentions_assistants(data):
            return FileResult(file.display, "skipped")
        if jsaudit.looks_minified(data):
            return FileResult(file.display, "skipped", reason="minified bundle")
        return None
    if markers.MARKER_NEEDLE not in data and not _triggers().matches(data):
        return FileResult(file.display, "skipped")
    return None


def _build_index(files: Sequence[SourceFile], candidates: Sequence[int], results: _Results) -> project_index.ProjectIndex:
    """Phase 1: the facts codemods declare, over every candidate and every file that may define
    what a candidate imports. Only runs when there is a candidate, so a tree with no usage pays nothing."""
    paths = [files[i].location for i in candidates]
    # files no codemod rewrites may still define what a candidate uses (`clients.py` building the client)
    # or call its functions (`main.py` passing a client to `worker.cleanup`)
    skipped = [file.location for index, file in enumerate(files)
               if results.status(index) == "skipped" and file.suffix == ".py"]
    if skipped:
        wanted = _index_triggers()
        imports_a_candidate = project_index.importers_test(paths)
        for location in skipped:
            try:
                data = read_bytes(location)
            except OSError:
                continue
            if wanted.matches(data) or imports_a_candidate(data):
                paths.append(location)
    from assistants_migrate.engine.codemod import index_facts

    return project_index.build(paths, index_facts(all_codemods()), _python_source)


def _python_source(path: pathlib.Path) -> str | bytes:
    data = path.read_bytes()
    if path.suffix != ".ipynb":
        return data
    try:
        return notebook.join(data.decode("utf-8-sig")).source
    except (UnicodeDecodeError, notebook.NotebookError) as exc:
        raise ValueError(str(exc)) from exc
