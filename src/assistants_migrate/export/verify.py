"""`verify`: re-read an archive; documents parse, checksums match, references resolve, counts agree.

Archives are handed around, so verify also reports everything that export would not have
written: symbolic links, files the manifest does not list (documents, blobs, anything at
the root), plan entries the manifest does not know, and a configs module that is not
byte for byte what export generates from the archived assistants.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistants_migrate.export.archive import (
    ARCHIVE_FORMAT,
    CONFIGS_NAME,
    ROOT_FILES,
    Archive,
    UnsafePath,
    sha256_hex,
)
from assistants_migrate.export.configs import renders_of
from assistants_migrate.export.exporter import assistant_refs, thread_refs
from assistants_migrate.export.inputs import THREAD_ID_RE


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
    listed: set[str] = set()  # relative paths the manifest accounts for
    assistants: list[dict[str, Any]] = []

    def blob_ok(digest: str, where: str) -> None:
        if digest in checked_blobs:
            if not checked_blobs[digest]:
                problems.append(f"{where}: blob {digest} missing or corrupt")
            return
        try:
            rel = archive.blob_relpath(digest)
            listed.add(rel)
            path = archive.resolve(rel)
            ok = path.is_file() and _sha_file(path) == digest
        except ValueError:  # not a digest, or UnsafePath (reported by the walk)
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
            if kind not in ("assistant", "thread", "vector_store", "file") or rel != archive.doc_relpath(kind, oid):
                problems.append(f"{plural} {oid}: document path {rel!r} is not the expected one")
                continue
            listed.add(rel)
            try:
                data = archive.resolve(rel).read_bytes()
            except UnsafePath as exc:
                problems.append(f"{plural} {oid}: {exc}")
                continue
            try:
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
                assistants.append(doc.get("assistant") or {})
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
    problems.extend(_check_configs(archive, manifest, assistants, listed))
    problems.extend(_check_plan(archive, objects))
    problems.extend(_walk(archive, listed))

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


def _check_configs(archive: Archive, manifest: dict[str, Any], assistants: list[dict[str, Any]],
                   listed: set[str]) -> list[str]:
    """The generated module users put on their import path: checksum, and equal to a re-render."""
    name = manifest.get("assistant_configs")
    if not name:
        return []
    if name != CONFIGS_NAME:
        return [f"manifest.json: assistant_configs is {name!r}, not {CONFIGS_NAME}"]
    listed.add(CONFIGS_NAME)
    try:
        data = archive.resolve(CONFIGS_NAME).read_bytes()
    except UnsafePath as exc:
        return [f"{CONFIGS_NAME}: {exc}"]
    except OSError as exc:
        return [f"{CONFIGS_NAME}: {exc.strerror}"]
    problems = []
    expected_sha = manifest.get("assistant_configs_sha256")
    if not expected_sha:
        problems.append(f"{CONFIGS_NAME}: the manifest holds no checksum for it (written before version 0.2?)")
    elif sha256_hex(data) != expected_sha:
        problems.append(f"{CONFIGS_NAME}: sha256 differs from the manifest (edited after export)")
    statuses = {e.get("status") for e in (manifest.get("objects") or {}).get("assistants", {}).values()}
    if statuses <= {"exported"}:
        version = str((manifest.get("tool") or {}).get("version") or "")
        if data.decode("utf-8", errors="replace") not in renders_of(assistants, version):
            problems.append(f"{CONFIGS_NAME}: not what export generates from the archived assistants (edited?)")
    return problems


def _check_plan(archive: Archive, objects: dict[str, Any]) -> list[str]:
    """plan.json lists exactly the manifest's threads, each a valid thread id."""
    if archive.plan_path.is_symlink():
        return []  # reported by the walk
    plan = archive.read_json(archive.plan_path)
    if plan is None:
        return ["plan.json: missing or not JSON"]
    planned = plan.get("threads") if isinstance(plan, dict) else None
    if not isinstance(planned, list):
        return ["plan.json: no list of threads"]
    problems = []
    known = objects.get("threads") or {}
    for tid in planned:
        if not isinstance(tid, str) or not THREAD_ID_RE.match(tid):
            problems.append(f"plan.json: {tid!r} is not a thread id")
        elif tid not in known:
            problems.append(f"plan.json: thread {tid} is planned but not in the manifest")
    for tid in sorted(set(known) - {t for t in planned if isinstance(t, str)}):
        problems.append(f"threads {tid}: in the manifest but not in plan.json")
    return problems


def _walk(archive: Archive, listed: set[str]) -> list[str]:
    """Every symbolic link, and every file nobody listed (documents, blobs, root files)."""
    problems = []
    root = archive.root
    for dirpath, dirnames, filenames in os.walk(root):  # does not follow symlinks
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            p = base / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                problems.append(f"{rel}: symbolic link (to {os.readlink(p)}); export writes none")
            elif name in filenames and rel not in listed and not (rel in ROOT_FILES and rel != CONFIGS_NAME):
                if rel.startswith("blobs/"):
                    problems.append(f"{rel}: stray blob (no document refers to it)")
                elif rel.startswith("objects/"):
                    problems.append(f"{rel}: document not listed in the manifest")
                else:
                    problems.append(f"{rel}: file not written by export (not listed in the manifest)")
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return problems


def _online(archive: Archive, objects: dict[str, Any], api: Any, concurrency: int, summary: list[str]) -> list[str]:
    from assistants_migrate.export.client import ApiError, Gone

    problems: list[str] = []
    threads = [(tid, e) for tid, e in sorted(objects.get("threads", {}).items()) if e.get("status") == "exported"]

    def recount(item: tuple[str, dict[str, Any]]) -> str | None:
        tid, entry = item
        try:
            doc = json.loads(archive.resolve(entry["document"]).read_bytes())
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
