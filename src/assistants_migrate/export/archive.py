"""The archive on disk: documents, content-addressed blobs, the manifest.

Layout (all writes atomic: temp file, fsync, rename, fsync dir)::

    DIR/manifest.json                     versioned; counts, status of every object
    DIR/plan.json                         the work list written before fetching
    DIR/objects/<kind>/<h[:2]>/<h>.json   one document per object, h = sha256(kind + id)
    DIR/blobs/sha256/<s[:2]>/<s>          file bytes and parsed text, named by their sha256
    DIR/assistant_configs.py              Responses parameters keyed by asst_ id
    DIR/report.{json,md,html}             data findings
    DIR/import-ledger.jsonl, DIR/import-report.{json,md,html}   written by import

API ids never become path components: they only enter names through sha256.
Archives are handed around, so every path read from one goes through `Archive.resolve`:
relative, inside the root, no `..`, no symbolic link on the way.
Documents are canonical JSON (sorted keys, fixed indent, trailing newline) and hold
no fetch timestamps, so an interrupted-and-resumed export writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistants_migrate.fsutil import atomic_write_bytes

ARCHIVE_FORMAT = "assistants-migrate-archive"
ARCHIVE_VERSION = 1
KINDS = ("assistant", "thread", "vector_store", "file")
CONFIGS_NAME = "assistant_configs.py"
LEDGER_NAME = "import-ledger.jsonl"
# files at the root that export and import write (besides documents and blobs)
ROOT_FILES = frozenset({
    "manifest.json", "plan.json", CONFIGS_NAME, LEDGER_NAME,
    *(f"{stem}.{ext}" for stem in ("report", "import-report") for ext in ("json", "md", "html")),
})
# fsutil.atomic_write_bytes names its temp file ".<name>.<8 chars of mkstemp>.tmp"
_TEMP_SUFFIX = r"\.[a-z0-9_]{8}\.tmp$"
_ROOT_TEMP = re.compile(r"^\.(" + "|".join(re.escape(n) for n in sorted(ROOT_FILES)) + ")" + _TEMP_SUFFIX)
_DOC_TEMP = re.compile(r"^\.[0-9a-f]{64}\.json" + _TEMP_SUFFIX)
_BLOB_TEMP = re.compile(r"^\.[0-9a-f]{64}" + _TEMP_SUFFIX)
_SHARD = re.compile(r"^[0-9a-f]{2}$")


class UnsafePath(ValueError):
    """A path from an archive that leaves it (absolute, `..`, a symbolic link)."""


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

    def resolve(self, relpath: object) -> Path:
        """`relpath` (read from the archive) as a path inside the root, or UnsafePath:
        absolute paths, `..`, empty parts and symbolic links (file or directory) are refused."""
        if not isinstance(relpath, str) or not relpath:
            raise UnsafePath(f"{relpath!r} is not a relative path")
        parts = relpath.split("/")
        if relpath.startswith(("/", "\\")) or "\\" in relpath or ":" in parts[0] or any(
            p in ("", ".", "..") for p in parts
        ):
            raise UnsafePath(f"{relpath!r} points outside the archive")
        current = self.root
        for part in parts:
            current = current / part
            try:
                mode = os.lstat(current).st_mode
            except FileNotFoundError:
                break
            if stat.S_ISLNK(mode):
                raise UnsafePath(f"{relpath!r} goes through a symbolic link ({current.relative_to(self.root)})")
        return self.root.joinpath(*parts)

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
        """Remove temp files a killed writer of *this layout* left behind, nothing else:
        `.<name>.<random>.tmp` next to the root files, documents and blobs we write."""
        removed = 0
        places: list[tuple[Path, re.Pattern[str]]] = [(self.root, _ROOT_TEMP)]
        for base, pattern in [(self.root / "objects" / kind, _DOC_TEMP) for kind in KINDS] + [
            (self.root / "blobs" / "sha256", _BLOB_TEMP)
        ]:
            if base.is_dir() and not base.is_symlink():
                places.extend((sub, pattern) for sub in base.iterdir()
                              if _SHARD.match(sub.name) and sub.is_dir() and not sub.is_symlink())
        for directory, pattern in places:
            try:
                names = os.listdir(directory)
            except OSError:
                continue
            for name in names:
                p = directory / name
                if pattern.match(name) and p.is_file() and not p.is_symlink():
                    try:
                        p.unlink()
                        removed += 1
                    except FileNotFoundError:
                        pass
        return removed

    def foreign_entries(self) -> list[str]:
        """Top-level names that this layout never writes (a directory that is not an archive)."""
        try:
            names = sorted(os.listdir(self.root))
        except FileNotFoundError:
            return []
        return [n for n in names if n not in ROOT_FILES and n not in ("objects", "blobs") and not _ROOT_TEMP.match(n)]


def out_dir_problem(root: Path) -> str | None:
    """Why `export --out root` cannot be used (one line), or None. Creates root if missing."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        return f"--out {root} is a file, not a directory"
    if root.is_dir() and not (root / "manifest.json").exists() and not (root / "plan.json").exists():
        foreign = Archive(root).foreign_entries()
        if foreign:
            return f"--out {root} is not empty and holds no archive ({foreign[0]!r}); use a new or empty directory"
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".manifest.json.", suffix=".tmp", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"cannot write to {root}: {exc.strerror or exc}"
    return None


def archive_problem(root: Path) -> str | None:
    """Why `root` is not an archive to verify or import (one line), or None."""
    root = Path(root)
    if not root.exists():
        return f"{root}: no such directory"
    if not root.is_dir():
        return f"{root} is not a directory"
    manifest = root / "manifest.json"
    if manifest.is_symlink():
        return f"{root} is not an archive (manifest.json is a symbolic link)"
    if not manifest.is_file():
        return f"{root} is not an archive (no manifest.json)"
    try:
        data = json.loads(manifest.read_bytes())
    except (OSError, ValueError):
        return f"{root} is not an archive (manifest.json is not JSON)"
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        return f"{root} is not an archive (manifest.json is not an {ARCHIVE_FORMAT} manifest)"
    if data.get("format_version") != ARCHIVE_VERSION:
        return f"{root}: archive format version {data.get('format_version')!r} is not supported (expected {ARCHIVE_VERSION})"
    return None
