"""Atomic file writes shared by the rewrite engine, the reports and the archive, and
`rewrite_file_bytes`: replacing a user's source file changes its content and nothing else."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteRefused(Exception):
    """Writing would change more of the file than its content (or it is read-only): not written."""


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    durable: bool = True,
    before_rename: Callable[[str], None] | None = None,
) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never a mix.

    A temp file in the same directory is written, fsynced (when `durable`), given
    `mode` (or the existing file's permissions), then renamed over `path`.
    `before_rename(temp path)` may adjust the temp file, or raise to leave `path` as it was.
    """
    path = Path(path)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if before_rename is not None:
            before_rename(tmp)
        os.chmod(tmp, mode)  # after any chown, which clears set-id bits
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def rewrite_file_bytes(
    path: Path, data: bytes, *, expected: bytes | None = None, force: bool = False, durable: bool = True
) -> None:
    """Give the existing file `path` the content `data`, keeping everything else it is: mode,
    owner and group, and its hard links. Raises WriteRefused, leaving the file as it was, when
    it is read-only (no write bit) and not `force`, when its owner or group cannot be kept
    (a new file made by this process would belong to someone else), or when its content is no
    longer `expected` (changed by someone else since it was read)."""
    path = Path(path)
    before = os.stat(path)
    if expected is not None and path.read_bytes() != expected:
        raise WriteRefused("changed on disk while being rewritten: not written (run again)")
    if not force and not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteRefused(f"read-only (mode {stat.S_IMODE(before.st_mode):04o}): not rewritten (--force rewrites it)")
    if before.st_nlink > 1:
        # a rename would split the links: only this name would see the rewrite
        _write_in_place(path, data, durable=durable)
        return

    def keep_owner(tmp: str) -> None:
        made = os.stat(tmp)
        if (made.st_uid, made.st_gid) == (before.st_uid, before.st_gid):
            return
        try:
            os.chown(tmp, before.st_uid, before.st_gid)
        except PermissionError:
            raise WriteRefused(
                f"owned by uid {before.st_uid} gid {before.st_gid}: this process cannot give the rewritten file "
                "that owner, so it was not replaced (run as the owner)"
            ) from None

    atomic_write_bytes(path, data, mode=stat.S_IMODE(before.st_mode), durable=durable, before_rename=keep_owner)


def _write_in_place(path: Path, data: bytes, *, durable: bool) -> None:
    """Overwrite the file's own inode (owner, mode and links stay by construction). Not atomic,
    so the old content is first saved next to it and removed only once the new one is on disk:
    a crash half-way leaves `.NAME.*.orig` to recover from."""
    with open(path, "r+b") as fh:  # opened first: a file this process may not write fails before anything is made
        original = fh.read()
        fd, backup = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".orig", dir=path.parent)
        with os.fdopen(fd, "wb") as saved:
            saved.write(original)
            if durable:
                saved.flush()
                os.fsync(saved.fileno())
        try:
            fh.seek(0)
            fh.write(data)
            fh.truncate()
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            # put the old content back (if that fails too, it raises and the saved copy stays)
            fh.seek(0)
            fh.write(original)
            fh.truncate()
            fh.flush()
            os.unlink(backup)
            raise
    os.unlink(backup)


def atomic_write_text(path: Path, text: str, *, mode: int | None = None, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode, durable=durable)


_READ_CHUNK = 1 << 16


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A whole file's bytes, like `Path.read_bytes()` at half the cost: the prefilter reads every
    discovered file, and for small files the buffered file object's set-up dominates."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunk = os.read(fd, _READ_CHUNK)
        if len(chunk) < _READ_CHUNK:
            return chunk
        chunks = [chunk]
        while chunk:
            chunk = os.read(fd, _READ_CHUNK)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
