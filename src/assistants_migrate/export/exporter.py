"""The export: plan, then fetch assistants, threads, vector stores and files into an archive.

Order of phases: probe (is the Assistants API served?) -> assistants -> threads ->
vector stores -> files. Files come last because threads and vector stores reveal which
files are referenced and which parsed texts exist. Each phase skips objects whose
document already exists (resume) and re-derives what it needs (references, counts)
from those documents, so nothing depends on what a previous, killed run held in memory.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistants_migrate import __version__
from assistants_migrate.export.archive import ARCHIVE_FORMAT, ARCHIVE_VERSION, CONFIGS_NAME, Archive, canonical_json, sha256_hex
from assistants_migrate.export.client import Api, ApiError, Fatal, Gone, PermanentError, QuotaExceeded, sanitize_base_url
from assistants_migrate.export.configs import render_configs_module
from assistants_migrate.export.inputs import THREAD_ID_RE
from assistants_migrate.export.ui import NullUI

SUNSET_MESSAGE = "this host no longer serves the Assistants API; exporting files and vector stores only"
STEP_INCLUDE = "step_details.tool_calls[*].file_search.results[*].content"
# purposes whose bytes the API refuses to hand out (400); see exporter-facts 2.2
NOT_DOWNLOADABLE = frozenset({"assistants", "user_data", "fine-tune", "evals"})
KIND_PLURAL = {"assistant": "assistants", "thread": "threads", "vector_store": "vector_stores", "file": "files"}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class PlanError(ValueError):
    """plan.json cannot be used (a usage error: exit 2)."""


@dataclass
class ExportOptions:
    out: Path
    thread_ids: list[str] | None = None
    assistants: bool = True
    vector_stores: bool = True
    files: bool = True
    concurrency: int = 8


@dataclass
class Entry:
    status: str  # pending | exported | gone | failed
    document: str | None = None
    sha256: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.document:
            out["document"] = self.document
            out["sha256"] = self.sha256
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class ExportResult:
    exit_code: int
    sunset: bool = False
    quota_message: str | None = None  # why the run stopped early (quota, key, host)
    stop_code: int = 3
    counts: dict[str, int] = field(default_factory=dict)


def thread_refs(doc: dict[str, Any]) -> tuple[set[str], set[str]]:
    """File ids and vector store ids a thread document refers to."""
    files: set[str] = set()
    stores: set[str] = set()
    res = (doc.get("thread") or {}).get("tool_resources") or {}
    files.update((res.get("code_interpreter") or {}).get("file_ids") or [])
    stores.update((res.get("file_search") or {}).get("vector_store_ids") or [])
    for msg in doc.get("messages") or []:
        for att in msg.get("attachments") or []:
            if att.get("file_id"):
                files.add(att["file_id"])
        for block in msg.get("content") or []:
            if block.get("type") == "image_file":
                fid = (block.get("image_file") or {}).get("file_id")
                if fid:
                    files.add(fid)
            elif block.get("type") == "text":
                for ann in (block.get("text") or {}).get("annotations") or []:
                    for key in ("file_citation", "file_path"):
                        fid = (ann.get(key) or {}).get("file_id")
                        if fid:
                            files.add(fid)
    for steps in (doc.get("run_steps") or {}).values():
        for step in steps or []:
            for call in (step.get("step_details") or {}).get("tool_calls") or []:
                if call.get("type") == "code_interpreter":
                    for out in (call.get("code_interpreter") or {}).get("outputs") or []:
                        fid = (out.get("image") or {}).get("file_id") if out.get("type") == "image" else None
                        if fid:
                            files.add(fid)
                elif call.get("type") == "file_search":
                    for r in (call.get("file_search") or {}).get("results") or []:
                        if r.get("file_id"):
                            files.add(r["file_id"])
    return files, stores


def assistant_refs(assistant: dict[str, Any]) -> tuple[set[str], set[str]]:
    res = assistant.get("tool_resources") or {}
    return (
        set((res.get("code_interpreter") or {}).get("file_ids") or []),
        set((res.get("file_search") or {}).get("vector_store_ids") or []),
    )


class Exporter:
    def __init__(self, api: Api, options: ExportOptions, ui: Any = None) -> None:
        self.api = api
        self.opts = options
        self.ui = ui or NullUI()
        self.archive = Archive(options.out)
        self.entries: dict[str, dict[str, Entry]] = {k: {} for k in KIND_PLURAL}
        self.counts: dict[str, int] = {"messages": 0, "runs": 0, "run_steps": 0, "vector_store_files": 0}
        self.ref_files: set[str] = set()
        self.ref_stores: set[str] = set()
        self.parsed_text: dict[str, list[dict[str, Any]]] = {}  # file id -> [{vector_store_id, sha256, has_more}]
        self.sunset = False
        self.stop_reason: str | None = None
        self.stop_code = 3
        self.vs_incomplete = False
        self.started_at = _now()
        self.base_url = sanitize_base_url(api.base_url)
        self._lock = threading.Lock()
        self.thread_ids: list[str] = []

    # -- plumbing ----------------------------------------------------------------------------

    def _set(self, kind: str, oid: str, entry: Entry) -> None:
        with self._lock:
            self.entries[kind][oid] = entry

    def _pool(self, items: Iterable[Any], fn: Callable[[Any], Any], on_result: Callable[[Any], None]) -> None:
        """Run fn over items with bounded concurrency and a bounded queue of futures."""
        limit = max(1, self.opts.concurrency)
        with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="export") as pool:
            pending: set[Future[Any]] = set()

            def drain(block_until: int) -> None:
                nonlocal pending
                while len(pending) > block_until:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        on_result(fut.result())

            for item in items:
                if self.stop_reason:
                    break
                pending.add(pool.submit(self._guard, fn, item))
                drain(limit * 2)
            drain(0)

    def _guard(self, fn: Callable[[Any], Any], item: Any) -> Any:
        if self.stop_reason:
            return None
        try:
            return fn(item)
        except Fatal as exc:
            self._stop(exc)
            return None

    def _stop(self, exc: Fatal) -> None:
        with self._lock:
            if self.stop_reason:
                return
            self.stop_code = exc.exit_code
            if isinstance(exc, QuotaExceeded):
                self.stop_reason = (
                    f"the API reports insufficient quota ({exc.message}); stopping. "
                    "Add credit or raise the limit, then run the same command again to resume."
                )
            else:
                self.stop_reason = f"{exc.message}; stopping. Run the same command again to resume."


    def write_manifest(self, finished: bool = False) -> None:
        existing = self.archive.read_json(self.archive.manifest_path) or {}
        started = existing.get("started_at") if isinstance(existing, dict) else None
        try:
            configs: bytes | None = self.archive.path(CONFIGS_NAME).read_bytes()
        except FileNotFoundError:
            configs = None
        objects = {
            KIND_PLURAL[k]: {oid: e.to_json() for oid, e in sorted(v.items())} for k, v in self.entries.items()
        }
        manifest = {
            "format": ARCHIVE_FORMAT,
            "format_version": ARCHIVE_VERSION,
            "tool": {"name": "assistants-migrate", "version": __version__},
            "base_url": self.base_url,
            "started_at": started or self.started_at,
            "finished_at": _now() if finished else None,
            "complete": finished and self.is_complete(),
            "assistants_api": "gone" if self.sunset else "served",
            "options": {
                "assistants": self.opts.assistants,
                "vector_stores": self.opts.vector_stores,
                "files": self.opts.files,
            },
            "counts": self.count_summary(),
            "assistant_configs": CONFIGS_NAME if configs is not None else None,
            # users import this module: verify checks it against this checksum
            "assistant_configs_sha256": sha256_hex(configs) if configs is not None else None,
            "objects": objects,
        }
        self.archive.write_json(self.archive.manifest_path, manifest)

    def count_summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind, entries in self.entries.items():
            by: dict[str, int] = {}
            for e in entries.values():
                by[e.status] = by.get(e.status, 0) + 1
            out[KIND_PLURAL[kind]] = {"total": len(entries), **dict(sorted(by.items()))}
        out.update(sorted(self.counts.items()))
        return out

    def is_complete(self) -> bool:
        return not self.stop_reason and all(
            e.status in ("exported", "gone") for entries in self.entries.values() for e in entries.values()
        )

    # -- plan --------------------------------------------------------------------------------

    def plan(self) -> None:
        self.archive.root.mkdir(parents=True, exist_ok=True)
        self.archive.clean_temp_files()
        old = self.archive.read_json(self.archive.plan_path)
        known: list[str] = list(old.get("threads") or []) if isinstance(old, dict) else []
        for tid in known:
            # the plan is read back from disk: its ids go into request paths
            if not isinstance(tid, str) or not THREAD_ID_RE.match(tid):
                raise PlanError(f"{self.archive.plan_path} holds {tid!r}, which is not a thread id; "
                                "remove it or export into a new directory")
        seen = set(known)
        for tid in self.opts.thread_ids or []:
            if tid not in seen:
                seen.add(tid)
                known.append(tid)
        self.thread_ids = known
        plan = {"format": ARCHIVE_FORMAT, "format_version": ARCHIVE_VERSION, "threads": known}
        if old != plan:
            self.archive.write_json(self.archive.plan_path, plan)
        for tid in known:
            self.entries["thread"][tid] = Entry("pending")
        self.write_manifest()

    # -- phases ------------------------------------------------------------------------------

    def probe(self) -> None:
        """A 404 on /assistants means the Assistants API is gone on this host."""
        try:
            self.api.get_json("/assistants", {"limit": 1}, beta=True)
        except Gone:
            self.sunset = True
            self.ui.message(SUNSET_MESSAGE)

    def export_assistants(self) -> None:
        self.ui.phase("assistants", None)
        try:
            items = list(self.api.paginate("/assistants", {"order": "asc"}, beta=True))
        except Gone:
            self.sunset = True
            return
        except ApiError as exc:
            self.ui.message(f"listing assistants failed: {exc.message}")
            self.entries["assistant"]["*"] = Entry("failed", reason=f"listing failed: {exc.message}")
            return
        self.ui.total("assistants", len(items))
        for a in items:
            aid = a.get("id")
            if not isinstance(aid, str):
                continue
            doc = {"kind": "assistant", "id": aid, "status": "exported", "assistant": a}
            rel, sha = self.archive.write_doc("assistant", aid, doc)
            self.entries["assistant"][aid] = Entry("exported", rel, sha)
            files, stores = assistant_refs(a)
            self.ref_files |= files
            self.ref_stores |= stores
            self.ui.advance("assistants")
        from assistants_migrate.fsutil import atomic_write_text

        atomic_write_text(self.archive.path(CONFIGS_NAME), render_configs_module(items))

    def _fetch_thread(self, tid: str) -> tuple[str, Entry, dict[str, Any] | None]:
        api = self.api
        base = f"/threads/{tid}"
        try:
            thread = api.get_json(base, beta=True)
        except Gone:
            doc: dict[str, Any] = {"kind": "thread", "id": tid, "status": "gone", "reason": "not found (404)"}
            rel, sha = self.archive.write_doc("thread", tid, doc)
            return tid, Entry("gone", rel, sha, "not found (404)"), None
        except Fatal:
            raise
        except ApiError as exc:
            return tid, Entry("failed", reason=exc.message), None
        try:
            messages = list(api.paginate(f"{base}/messages", {"order": "asc"}, beta=True))
            runs = list(api.paginate(f"{base}/runs", {"order": "asc"}, beta=True))
            steps: dict[str, Any] = {}
            for run in runs:
                rid = str(run.get("id"))
                try:
                    steps[rid] = list(
                        api.paginate(f"{base}/runs/{rid}/steps", {"order": "asc", "include": [STEP_INCLUDE]}, beta=True)
                    )
                except Gone:
                    steps[rid] = None
        except Fatal:
            raise
        except ApiError as exc:
            return tid, Entry("failed", reason=f"{exc.method} {exc.path}: {exc.message}" if exc.path else exc.message), None
        doc = {
            "kind": "thread",
            "id": tid,
            "status": "exported",
            "thread": thread,
            "messages": messages,
            "runs": runs,
            "run_steps": steps,
        }
        rel, sha = self.archive.write_doc("thread", tid, doc)
        return tid, Entry("exported", rel, sha), doc

    def _take_thread(self, doc: dict[str, Any]) -> None:
        files, stores = thread_refs(doc)
        with self._lock:
            self.ref_files |= files
            self.ref_stores |= stores
            self.counts["messages"] += len(doc.get("messages") or [])
            self.counts["runs"] += len(doc.get("runs") or [])
            self.counts["run_steps"] += sum(len(s or []) for s in (doc.get("run_steps") or {}).values())

    def export_threads(self) -> None:
        self.ui.phase("threads", len(self.thread_ids))
        todo: list[str] = []
        for tid in self.thread_ids:
            found = self.archive.read_doc("thread", tid)
            if found is None:
                todo.append(tid)
                continue
            doc, sha = found
            rel = self.archive.doc_relpath("thread", tid)
            if doc.get("status") == "gone":
                self.entries["thread"][tid] = Entry("gone", rel, sha, doc.get("reason"))
            else:
                self.entries["thread"][tid] = Entry("exported", rel, sha)
                self._take_thread(doc)
            self.ui.advance("threads")

        def done(result: Any) -> None:
            if result is None:
                return
            tid, entry, doc = result
            self._set("thread", tid, entry)
            if doc is not None:
                self._take_thread(doc)
            self.ui.advance("threads")

        self._pool(todo, self._fetch_thread, done)

    def _fetch_store(self, item: tuple[str, dict[str, Any] | None]) -> tuple[str, Entry, dict[str, Any] | None]:
        vsid, listed = item
        api = self.api
        try:
            store = listed if listed is not None else api.get_json(f"/vector_stores/{vsid}", beta=True)
        except Gone:
            doc: dict[str, Any] = {"kind": "vector_store", "id": vsid, "status": "gone", "reason": "not found (404)"}
            rel, sha = self.archive.write_doc("vector_store", vsid, doc)
            return vsid, Entry("gone", rel, sha, "not found (404)"), None
        except Fatal:
            raise
        except ApiError as exc:
            return vsid, Entry("failed", reason=exc.message), None
        try:
            files = []
            for vsf in api.paginate(f"/vector_stores/{vsid}/files", {"order": "asc"}, beta=True):
                fid = vsf.get("id")
                try:
                    page = api.get_json(f"/vector_stores/{vsid}/files/{fid}/content", beta=True)
                    data = canonical_json(page)
                    digest = self.archive.write_blob(data)
                    content: dict[str, Any] = {
                        "status": "exported",
                        "sha256": digest,
                        "bytes": len(data),
                        "has_more": bool(page.get("has_more")),
                    }
                except Gone:
                    content = {"status": "gone"}
                except PermanentError as exc:
                    content = {"status": "failed", "reason": exc.message}
                files.append({"vector_store_file": vsf, "content": content})
        except Fatal:
            raise
        except ApiError as exc:
            return vsid, Entry("failed", reason=f"{exc.method} {exc.path}: {exc.message}" if exc.path else exc.message), None
        doc = {"kind": "vector_store", "id": vsid, "status": "exported", "vector_store": store,
                               "files": files}
        rel, sha = self.archive.write_doc("vector_store", vsid, doc)
        return vsid, Entry("exported", rel, sha), doc

    def _take_store(self, doc: dict[str, Any]) -> None:
        with self._lock:
            for f in doc.get("files") or []:
                vsf = f.get("vector_store_file") or {}
                fid = vsf.get("id")
                if not fid:
                    continue
                self.ref_files.add(fid)
                self.counts["vector_store_files"] += 1
                content = f.get("content") or {}
                if content.get("status") == "exported":
                    self.parsed_text.setdefault(fid, []).append(
                        {"vector_store_id": doc["id"], "sha256": content["sha256"], "has_more": content.get("has_more", False)}
                    )

    def export_vector_stores(self) -> None:
        self.ui.phase("vector stores", None)
        listed: dict[str, dict[str, Any]] = {}
        try:
            for vs in self.api.paginate("/vector_stores", {"order": "asc"}, beta=True):
                if isinstance(vs.get("id"), str):
                    listed[vs["id"]] = vs
        except Fatal:
            raise
        except ApiError as exc:
            self.ui.message(f"listing vector stores failed: {exc.message}")
            self.entries["vector_store"]["*"] = Entry("failed", reason=f"listing failed: {exc.message}")
        ids = sorted(set(listed) | self.ref_stores)
        self.ui.total("vector stores", len(ids))
        todo: list[tuple[str, dict[str, Any] | None]] = []
        for vsid in ids:
            found = self.archive.read_doc("vector_store", vsid)
            if found is None:
                todo.append((vsid, listed.get(vsid)))
                self.entries["vector_store"][vsid] = Entry("pending")
                continue
            doc, sha = found
            rel = self.archive.doc_relpath("vector_store", vsid)
            status = "gone" if doc.get("status") == "gone" else "exported"
            self.entries["vector_store"][vsid] = Entry(status, rel, sha, doc.get("reason"))
            if status == "exported":
                self._take_store(doc)
            self.ui.advance("vector stores")

        def done(result: Any) -> None:
            if result is None:
                return
            vsid, entry, doc = result
            self._set("vector_store", vsid, entry)
            if doc is not None:
                self._take_store(doc)
            self.ui.advance("vector stores")

        self._pool(todo, self._fetch_store, done)
        self.vs_incomplete = any(e.status not in ("exported", "gone") for e in self.entries["vector_store"].values())

    def _fetch_file(self, item: tuple[str, dict[str, Any] | None]) -> tuple[str, Entry]:
        fid, listed = item
        api = self.api
        try:
            meta = listed if listed is not None else api.get_json(f"/files/{fid}")
        except Gone:
            doc: dict[str, Any] = {"kind": "file", "id": fid, "status": "gone", "reason": "not found (404)"}
            rel, sha = self.archive.write_doc("file", fid, doc)
            return fid, Entry("gone", rel, sha, "not found (404)")
        except Fatal:
            raise
        except ApiError as exc:
            return fid, Entry("failed", reason=exc.message)
        purpose = meta.get("purpose")
        content: dict[str, Any]
        if purpose in NOT_DOWNLOADABLE:
            content = {"status": "not_downloadable", "reason": f"purpose {purpose} cannot be downloaded"}
        else:
            size = meta.get("bytes") if isinstance(meta.get("bytes"), int) else None
            try:
                data = api.get_bytes(f"/files/{fid}/content", expected_size=size)
                digest = self.archive.write_blob(data)
                content = {"status": "downloaded", "sha256": digest, "bytes": len(data)}
            except Gone:
                content = {"status": "gone", "reason": "content not found (404)"}
            except Fatal:
                raise
            except PermanentError as exc:
                content = {"status": "not_downloadable", "reason": f"HTTP {exc.status}: {exc.message}"}
            except ApiError as exc:
                return fid, Entry("failed", reason=f"download: {exc.message}")
        if content["status"] != "downloaded":
            if self.vs_incomplete:
                return fid, Entry("failed", reason="vector stores incomplete: parsed text unknown; run export again")
            texts = sorted(self.parsed_text.get(fid, []), key=lambda t: (t["vector_store_id"], t["sha256"]))
            content["parsed_text"] = texts
        doc = {"kind": "file", "id": fid, "status": "exported", "file": meta, "content": content}
        rel, sha = self.archive.write_doc("file", fid, doc)
        return fid, Entry("exported", rel, sha)

    def export_files(self) -> None:
        self.ui.phase("files", None)
        listed: dict[str, dict[str, Any]] = {}
        try:
            for f in self.api.paginate("/files", {"order": "asc"}, limit=1000):
                if isinstance(f.get("id"), str):
                    listed[f["id"]] = f
        except Fatal:
            raise
        except ApiError as exc:
            self.ui.message(f"listing files failed: {exc.message}")
            self.entries["file"]["*"] = Entry("failed", reason=f"listing failed: {exc.message}")
        ids = sorted(set(listed) | self.ref_files)
        self.ui.total("files", len(ids))
        todo: list[tuple[str, dict[str, Any] | None]] = []
        for fid in ids:
            found = self.archive.read_doc("file", fid)
            if found is None:
                todo.append((fid, listed.get(fid)))
                self.entries["file"][fid] = Entry("pending")
                continue
            doc, sha = found
            status = "gone" if doc.get("status") == "gone" else "exported"
            self.entries["file"][fid] = Entry(status, self.archive.doc_relpath("file", fid), sha, doc.get("reason"))
            self.ui.advance("files")
        listed.clear()

        def done(result: Any) -> None:
            if result is None:
                return
            fid, entry = result
            self._set("file", fid, entry)
            self.ui.advance("files")

        self._pool(todo, self._fetch_file, done)

    # -- run ---------------------------------------------------------------------------------

    def run(self) -> ExportResult:
        self.plan()
        try:
            self.probe()
        except Fatal as exc:
            self._stop(exc)
        except ApiError as exc:
            self.ui.message(f"probe of /assistants failed ({exc.message}); continuing")
        phases: list[Callable[[], None]] = []
        if self.sunset:
            for tid in self.thread_ids:
                self.entries["thread"][tid] = Entry("gone", reason="host no longer serves the Assistants API")
        else:
            if self.opts.assistants:
                phases.append(self.export_assistants)
            phases.append(self.export_threads)
        if self.opts.vector_stores:
            phases.append(self.export_vector_stores)
        if self.opts.files:
            phases.append(self.export_files)
        for phase in phases:
            if self.stop_reason:
                break
            try:
                phase()
            except Fatal as exc:
                self._stop(exc)
            self.write_manifest()
        if self.stop_reason:
            self.ui.message(self.stop_reason)
        self.write_manifest(finished=True)
        return ExportResult(
            exit_code=0 if self.is_complete() else 1,
            sunset=self.sunset,
            quota_message=self.stop_reason,
            stop_code=self.stop_code,
            counts=self.flat_counts(),
        )

    def flat_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, entries in self.entries.items():
            plural = KIND_PLURAL[kind]
            out[plural] = sum(1 for e in entries.values() if e.status == "exported")
            out[f"{plural}_gone"] = sum(1 for e in entries.values() if e.status == "gone")
            out[f"{plural}_failed"] = sum(1 for e in entries.values() if e.status not in ("exported", "gone"))
        out.update(self.counts)
        return out
