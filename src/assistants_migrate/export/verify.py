"""`verify`: re-read an archive; documents parse, checksums match, references resolve, counts agree."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistants_migrate.export.archive import ARCHIVE_FORMAT, Archive
from assistants_migrate.export.exporter import assistant_refs, thread_refs


def _sha_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_archive(root: Path, api: Any = None, concurrency: int = 8) -> tuple[list[str], list[str]]:
    """Returns (problems, summary lines). No problems means the archive is consistent."""
    archive = Archive(root)
    problems: list[str] = []
    summary: list[str] = []
    try:
        manifest = json.loads(archive.manifest_path.read_bytes())
    except FileNotFoundError:
        return [f"{archive.manifest_path}: missing"], summary
    except ValueError as exc:
        return [f"{archive.manifest_path}: not JSON ({exc})"], summary
    if manifest.get("format") != ARCHIVE_FORMAT or manifest.get("format_version") != 1:
        problems.append("manifest.json: unknown format or version")
        return problems, summary
    objects: dict[str, dict[str, Any]] = manifest.get("objects") or {}
    options = manifest.get("options") or {}
    checked_blobs: dict[str, bool] = {}

    def blob_ok(digest: str, where: str) -> None:
        if digest in checked_blobs:
            if not checked_blobs[digest]:
                problems.append(f"{where}: blob {digest} missing or corrupt")
            return
        try:
            path = archive.path(archive.blob_relpath(digest))
            ok = path.is_file() and _sha_file(path) == digest
        except ValueError:
            ok = False
        checked_blobs[digest] = ok
        if not ok:
            problems.append(f"{where}: blob {digest} missing or corrupt")

    counts = {"messages": 0, "runs": 0, "run_steps": 0, "vector_store_files": 0}
    ref_files: dict[str, str] = {}  # file id -> first referrer
    ref_stores: dict[str, str] = {}
    not_done = 0
    for plural, entries in sorted(objects.items()):
        kind = plural[:-1]
        for oid, entry in sorted(entries.items()):
            status = entry.get("status")
            if status not in ("exported", "gone"):
                not_done += 1
                problems.append(f"{plural} {oid}: status {status}: {entry.get('reason') or ''}".rstrip(": "))
                continue
            rel = entry.get("document")
            if not rel:
                continue  # gone without a document (sunset)
            if rel != archive.doc_relpath(kind, oid):
                problems.append(f"{plural} {oid}: document path {rel} is not the expected one")
                continue
            path = archive.path(rel)
            try:
                data = path.read_bytes()
                doc = json.loads(data)
            except FileNotFoundError:
                problems.append(f"{plural} {oid}: document {rel} missing")
                continue
            except ValueError:
                problems.append(f"{plural} {oid}: document {rel} is not JSON")
                continue
            if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
                problems.append(f"{plural} {oid}: document {rel} sha256 differs from the manifest")
            if doc.get("id") != oid or doc.get("kind") != kind or doc.get("status") != status:
                problems.append(f"{plural} {oid}: document {rel} has id/kind/status that disagree with the manifest")
                continue
            if status != "exported":
                continue
            if kind == "thread":
                counts["messages"] += len(doc.get("messages") or [])
                counts["runs"] += len(doc.get("runs") or [])
                counts["run_steps"] += sum(len(s or []) for s in (doc.get("run_steps") or {}).values())
                for m in doc.get("messages") or []:
                    if m.get("thread_id") not in (None, oid):
                        problems.append(f"threads {oid}: message {m.get('id')} belongs to {m.get('thread_id')}")
                files, stores = thread_refs(doc)
                for f in files:
                    ref_files.setdefault(f, f"thread {oid}")
                for s in stores:
                    ref_stores.setdefault(s, f"thread {oid}")
            elif kind == "assistant":
                files, stores = assistant_refs(doc.get("assistant") or {})
                for f in files:
                    ref_files.setdefault(f, f"assistant {oid}")
                for s in stores:
                    ref_stores.setdefault(s, f"assistant {oid}")
            elif kind == "vector_store":
                for f in doc.get("files") or []:
                    counts["vector_store_files"] += 1
                    fid = (f.get("vector_store_file") or {}).get("id")
                    if fid:
                        ref_files.setdefault(fid, f"vector store {oid}")
                    content = f.get("content") or {}
                    if content.get("sha256"):
                        blob_ok(content["sha256"], f"vector_stores {oid} file {fid}")
            elif kind == "file":
                content = doc.get("content") or {}
                if content.get("sha256"):
                    blob_ok(content["sha256"], f"files {oid}")
                    size = (doc.get("file") or {}).get("bytes")
                    if isinstance(size, int) and content.get("bytes") != size:
                        problems.append(f"files {oid}: {content.get('bytes')} bytes archived, metadata says {size}")
                for t in content.get("parsed_text") or []:
                    blob_ok(t.get("sha256", ""), f"files {oid} parsed text")
                    if t.get("vector_store_id") not in objects.get("vector_stores", {}):
                        problems.append(f"files {oid}: parsed text from unknown vector store {t.get('vector_store_id')}")

    if options.get("files", True):
        for fid, who in sorted(ref_files.items()):
            if fid not in objects.get("files", {}):
                problems.append(f"{who}: references file {fid}, which is not in the archive")
    if options.get("vector_stores", True):
        for vsid, who in sorted(ref_stores.items()):
            if vsid not in objects.get("vector_stores", {}):
                problems.append(f"{who}: references vector store {vsid}, which is not in the archive")

    mcounts = manifest.get("counts") or {}
    for key, value in counts.items():
        if mcounts.get(key) != value:
            problems.append(f"count of {key}: manifest says {mcounts.get(key)}, documents hold {value}")
    for plural, entries in objects.items():
        total = (mcounts.get(plural) or {}).get("total") if isinstance(mcounts.get(plural), dict) else None
        if total != len(entries):
            problems.append(f"count of {plural}: manifest says {total}, manifest lists {len(entries)}")
    configs = archive.path("assistant_configs.py")
    if manifest.get("assistant_configs"):
        try:
            compile(configs.read_text(encoding="utf-8"), str(configs), "exec")
        except (OSError, SyntaxError) as exc:
            problems.append(f"assistant_configs.py: {exc}")

    for plural in sorted(objects):
        entries = objects[plural]
        exported = sum(1 for e in entries.values() if e.get("status") == "exported")
        gone = sum(1 for e in entries.values() if e.get("status") == "gone")
        summary.append(f"{plural}: {len(entries)} planned, {exported} exported, {gone} gone")
    summary.extend(f"{k}: {v}" for k, v in counts.items())
    summary.append(f"blobs checked: {len(checked_blobs)}")

    if api is not None:
        problems.extend(_online(archive, objects, api, concurrency, summary))
    return problems, summary


def _online(archive: Archive, objects: dict[str, Any], api: Any, concurrency: int, summary: list[str]) -> list[str]:
    from assistants_migrate.export.client import ApiError, Gone

    problems: list[str] = []
    threads = [(tid, e) for tid, e in sorted(objects.get("threads", {}).items()) if e.get("status") == "exported"]

    def recount(item: tuple[str, dict[str, Any]]) -> str | None:
        tid, entry = item
        try:
            doc = json.loads(archive.path(entry["document"]).read_bytes())
            n = sum(1 for _ in api.paginate(f"/threads/{tid}/messages", {"order": "asc"}, beta=True))
        except Gone:
            return f"threads {tid}: online: gone (404) on the server now"
        except (ApiError, OSError, ValueError) as exc:
            return f"threads {tid}: online check failed: {getattr(exc, 'message', exc)}"
        have = len(doc.get("messages") or [])
        return None if n == have else f"threads {tid}: server has {n} messages, archive has {have}"

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        for res in pool.map(recount, threads):
            if res:
                problems.append(res)
    summary.append(f"online: re-counted messages of {len(threads)} threads")
    try:
        server_files = {f["id"] for f in api.paginate("/files", {"order": "asc"}, limit=1000) if "id" in f}
    except ApiError as exc:
        problems.append(f"online: listing files failed: {exc.message}")
        return problems
    archived = objects.get("files", {})
    for fid in sorted(server_files - set(archived)):
        problems.append(f"files {fid}: on the server but not in the archive")
    for fid, e in sorted(archived.items()):
        if e.get("status") == "exported" and fid not in server_files:
            problems.append(f"files {fid}: in the archive but no longer listed by the server")
    summary.append(f"online: server lists {len(server_files)} files, archive has {len(archived)}")
    return problems
