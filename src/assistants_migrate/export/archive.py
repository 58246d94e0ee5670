"""The archive on disk: documents, content-addressed blobs, the manifest.

Layout (all writes atomic: temp file, fsync, rename, fsync dir)::

    DIR/manifest.json                     versioned; counts, status of every object
    DIR/plan.json                         the work list written before fetching
    DIR/objects/<kind>/<h[:2]>/<h>.json   one document per object, h = sha256(kind + id)
    DIR/blobs/sha256/<s[:2]>/<s>          file bytes and parsed text, named by their sha256
    DIR/assistant_configs.py              Responses parameters keyed by asst_ id
    DIR/report.{json,md,html}             data findings

API ids never become path components: they only enter names through sha256.
Documents are canonical JSON (sorted keys, fixed indent, trailing newline) and hold
no fetch timestamps, so an interrupted-and-resumed export writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistants_migrate.fsutil import atomic_write_bytes

ARCHIVE_FORMAT = "assistants-migrate-archive"
ARCHIVE_VERSION = 1
KINDS = ("assistant", "thread", "vector_store", "file")


def canonical_json(obj: Any) -> bytes:
    return (json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def object_key(kind: str, object_id: str) -> str:
    return sha256_hex(f"{kind}\0{object_id}".encode())


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # -- paths -------------------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    @property
    def plan_path(self) -> Path:
        return self.root / "plan.json"

    def doc_relpath(self, kind: str, object_id: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown object kind {kind!r}")
        key = object_key(kind, object_id)
        return f"objects/{kind}/{key[:2]}/{key}.json"

    def blob_relpath(self, digest: str) -> str:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"not a sha256 digest: {digest!r}")
        return f"blobs/sha256/{digest[:2]}/{digest}"

    def path(self, relpath: str) -> Path:
        return self.root / relpath

    # -- documents ---------------------------------------------------------------------------

    def write_doc(self, kind: str, object_id: str, doc: dict[str, Any]) -> tuple[str, str]:
        """Write a document atomically; returns (relpath, sha256 of its bytes)."""
        data = canonical_json(doc)
        rel = self.doc_relpath(kind, object_id)
        atomic_write_bytes(self.path(rel), data)
        return rel, sha256_hex(data)

    def read_doc(self, kind: str, object_id: str) -> tuple[dict[str, Any], str] | None:
        """The document and the sha256 of its bytes, or None if absent or unreadable."""
        p = self.path(self.doc_relpath(kind, object_id))
        try:
            data = p.read_bytes()
            doc = json.loads(data)
        except (FileNotFoundError, ValueError):
            return None
        if not isinstance(doc, dict) or doc.get("id") != object_id or doc.get("kind") != kind:
            return None
        return doc, sha256_hex(data)

    def iter_docs(self, kind: str) -> Iterator[tuple[str, Path]]:
        base = self.root / "objects" / kind
        if not base.is_dir():
            return
        for sub in sorted(base.iterdir()):
            if sub.is_dir():
                for p in sorted(sub.glob("*.json")):
                    yield f"objects/{kind}/{sub.name}/{p.name}", p

    # -- blobs -------------------------------------------------------------------------------

    def write_blob(self, data: bytes) -> str:
        digest = sha256_hex(data)
        p = self.path(self.blob_relpath(digest))
        if not (p.exists() and p.stat().st_size == len(data)):
            atomic_write_bytes(p, data)
        return digest

    def has_blob(self, digest: str) -> bool:
        return self.path(self.blob_relpath(digest)).is_file()

    # -- plan / manifest ---------------------------------------------------------------------

    def read_json(self, path: Path) -> Any:
        try:
            return json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError):
            return None

    def write_json(self, path: Path, obj: Any) -> None:
        atomic_write_bytes(path, canonical_json(obj))

    def clean_temp_files(self) -> int:
        """Remove temp files left by a killed writer (`.name.xxxx.tmp`)."""
        removed = 0
        for dirpath, _dirs, files in os.walk(self.root):
            for name in files:
                if name.startswith(".") and name.endswith(".tmp"):
                    try:
                        os.unlink(os.path.join(dirpath, name))
                        removed += 1
                    except FileNotFoundError:
                        pass
        return removed
