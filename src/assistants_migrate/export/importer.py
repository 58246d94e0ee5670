"""`import`: replay archived threads into Conversations, exactly once, via a ledger.

The ledger (DIR/import-ledger.jsonl) is append-only; every record is flushed and
fsynced before the request it announces is sent, and names its target (below):

    intent     {thread, token, empty}        before POST /conversations (metadata only)
    created    {thread, conv, token}         right after it answers
    unconfirmed{thread, token}               the create's outcome stayed unknown
    append     {thread, conv, start, count}  before POST /conversations/{id}/items
    added      {thread, conv, done}          right after it answers
    finished   {thread, conv, items}

A conversation is created *empty*, with metadata naming the thread and the attempt
(`source_thread_id`, `import_token`), and filled afterwards in chunks of at most 20.
There is no way to list conversations, so a create whose answer was lost (crash, 5xx,
dropped connection) cannot be found again; because it held no items, what it may have
left is an empty conversation, reported (AM818), and the thread is created again.
A conversation whose id the ledger knows is never trusted blindly on resume: it is
retrieved (its metadata must name this thread and the token of its create) and its
items are listed; what is there must be a prefix of the thread's items, and the rest
is added. So a resumed import finishes partial conversations instead of leaving them.

The target is the server, not the URL's spelling: records carry the normalised base URL
and the identity the server reports (`openai-organization`/`openai-project`). Records of
the same server count whatever the URL; a ledger that only knows other servers makes
import refuse unless --new-target.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistants_migrate.export.archive import LEDGER_NAME, Archive, UnsafePath, sha256_hex
from assistants_migrate.export.client import (
    Ambiguous,
    Api,
    ApiError,
    Fatal,
    Gone,
    PermanentError,
    QuotaExceeded,
    normalize_base_url,
)
from assistants_migrate.export.inputs import THREAD_ID_RE
from assistants_migrate.export.replay import Replay, conversation_metadata, item_fingerprint, replay_thread
from assistants_migrate.export.ui import NullUI
from assistants_migrate.findings import Finding
from assistants_migrate.fsutil import atomic_write_text

CHUNK = 20


class ImportRefused(Exception):
    """The archive or ledger cannot be used as it is (a usage error: exit 2, nothing sent)."""


@dataclass(frozen=True)
class Target:
    url: str  # normalize_base_url
    server: str | None  # what the server says it is, if it says

    def same_as(self, other: Target) -> bool:
        if self.server and other.server:
            return self.server == other.server
        return self.url == other.url

    def describe(self) -> str:
        return self.url + (f" (server {self.server})" if self.server else "")


@dataclass
class ThreadState:
    token: str | None = None
    conv: str | None = None
    conv_token: str | None = None  # the token of the create that made `conv`
    done: int = 0  # items known to be in the conversation
    finished: bool = False
    legacy_intent: bool = False  # an unanswered create by version 0.1 (it carried items)
    unconfirmed: tuple[str, ...] = ()  # tokens of creates with an unknown outcome


class Ledger:
    def __init__(self, path: Path, target: Target, *, new_target: bool = False) -> None:
        self.path = path
        self.target = target
        self._lock = threading.Lock()
        self.states: dict[str, ThreadState] = {}
        self.other_targets: list[Target] = []
        self._load()
        if self.other_targets and not self.matched and not new_target:
            other = self.other_targets[0]
            raise ImportRefused(
                f"{path} records an import into {other.describe()}, not {target.describe()}; "
                "pass --new-target to import into this server as well"
            )
        self._fh = open(path, "ab")  # noqa: SIM115 - kept open for appends
        if path.stat().st_size:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":  # a torn last line from a crash: terminate it
                    self._fh.write(b"\n")
                    self._fh.flush()

    @staticmethod
    def _record_target(rec: dict[str, Any]) -> Target | None:
        url = rec.get("url")
        if not isinstance(url, str):
            legacy = rec.get("base_url")  # version 0.1 records: the URL's spelling only
            if not isinstance(legacy, str):
                return None
            url = normalize_base_url(legacy)
        server = rec.get("server")
        return Target(url, server if isinstance(server, str) and server else None)

    def _load(self) -> None:
        self.matched = False
        if self.path.is_symlink():
            raise ImportRefused(f"{self.path} is a symbolic link")
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        for line in data.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("thread"), str):
                continue
            target = self._record_target(rec)
            if target is None:
                continue
            if target.same_as(self.target):
                self.matched = True
                try:
                    self._apply(rec)
                except (KeyError, TypeError, ValueError):
                    continue
            elif target not in self.other_targets:
                self.other_targets.append(target)

    def _apply(self, rec: dict[str, Any]) -> None:
        st = self.states.setdefault(rec["thread"], ThreadState())
        t = rec.get("t")
        if t == "intent":
            if st.token is not None and st.conv is None and not st.legacy_intent:
                st.unconfirmed += (st.token,)  # the previous create never answered (killed)
            st.token, st.conv, st.done, st.finished = rec.get("token"), None, 0, False
            st.legacy_intent = not rec.get("empty")
        elif t in ("rejected", "unconfirmed"):
            if t == "unconfirmed" and rec.get("token") and rec["token"] not in st.unconfirmed:
                st.unconfirmed += (rec["token"],)
            st.token, st.legacy_intent = None, False
        elif t == "created":
            st.conv, st.done, st.legacy_intent = str(rec["conv"]), int(rec.get("done") or 0), False
            st.conv_token, st.token = rec.get("token") or st.token, None
        elif t == "added":
            st.done = int(rec["done"])
        elif t == "lost":
            st.conv, st.conv_token, st.done, st.finished = None, None, 0, False
        elif t == "finished":
            st.finished, st.done = True, int(rec["items"])

    def record(self, rec: dict[str, Any]) -> None:
        rec = {**rec, "url": self.target.url, "server": self.target.server}
        line = (json.dumps(rec, sort_keys=True) + "\n").encode()
        with self._lock:
            self._fh.write(line)
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._apply(rec)

    def close(self) -> None:
        self._fh.close()


def _fingerprints(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [item_fingerprint(i) for i in items]


class Importer:
    def __init__(self, api: Api, root: Path, map_path: Path, *, ui: Any = None, concurrency: int = 4,
                 retry_ambiguous: bool = False, server_identity: str | None = None,
                 new_target: bool = False) -> None:
        self.api = api
        self.root = Path(root)
        self.archive = Archive(self.root)
        self.map_path = Path(map_path)
        self.ui = ui or NullUI()
        self.concurrency = concurrency
        self.retry_ambiguous = retry_ambiguous
        self.target = Target(normalize_base_url(api.base_url), server_identity)
        self.new_target = new_target
        self.findings: list[Finding] = []
        self.errors: dict[str, str] = {}
        self.stop_reason: str | None = None
        self.stop_code = 3
        self._lock = threading.Lock()

    def _finding(self, rule: str, path: str, message: str) -> None:
        from assistants_migrate.export import rules as _rules  # noqa: F401
        from assistants_migrate.findings import make_finding

        with self._lock:
            self.findings.append(make_finding(rule, path, message=message))

    # -- archive input -----------------------------------------------------------------------

    def _todo(self, manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """The threads to import; refuses an archive whose manifest points anywhere but its own layout."""
        threads = (manifest.get("objects") or {}).get("threads") or {}
        if not isinstance(threads, dict):
            raise ImportRefused(f"{self.archive.manifest_path}: objects.threads is not a mapping")
        todo = []
        for tid, entry in sorted(threads.items()):
            if not isinstance(entry, dict) or entry.get("status") != "exported" or not entry.get("document"):
                continue
            if not THREAD_ID_RE.match(tid):
                raise ImportRefused(f"{self.archive.manifest_path}: {tid!r} is not a thread id")
            rel = entry["document"]
            if rel != self.archive.doc_relpath("thread", tid):
                raise ImportRefused(f"{self.archive.manifest_path}: thread {tid}: document {rel!r} is not "
                                    "where export writes it; refusing an archive that points elsewhere")
            try:
                self.archive.resolve(rel)
            except UnsafePath as exc:
                raise ImportRefused(f"{self.archive.manifest_path}: thread {tid}: {exc}") from None
            todo.append((tid, entry))
        return todo

    def _read_doc(self, tid: str, entry: dict[str, Any]) -> dict[str, Any]:
        data = self.archive.resolve(entry["document"]).read_bytes()
        if sha256_hex(data) != entry.get("sha256"):
            raise ValueError(f"document {entry['document']} differs from the manifest's sha256 (edited?)")
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("id") != tid or doc.get("kind") != "thread":
            raise ValueError(f"document {entry['document']} is not thread {tid}")
        return doc

    # -- one thread --------------------------------------------------------------------------

    def _list_items(self, conv: str) -> list[dict[str, Any]]:
        return list(self.api.paginate(f"/conversations/{conv}/items", {"order": "asc"}))

    def _backoff(self, attempt: int) -> None:
        time.sleep(min(0.25 * 2 ** attempt, 5.0) * random.uniform(0.5, 1.0))

    def _create(self, tid: str, doc: dict[str, Any], replay: Replay) -> ThreadState:
        """POST /conversations (metadata only) until one answers; every unanswered try is reported."""
        ledger = self.ledger
        for attempt in range(max(1, self.api.max_attempts)):
            token = uuid.uuid4().hex
            meta, dropped = conversation_metadata(tid, replay, token, doc.get("thread") or {})
            if dropped and attempt == 0:
                self._finding("AM817", tid, f"thread {tid}: metadata keys not carried: {', '.join(dropped)}")
            ledger.record({"t": "intent", "thread": tid, "token": token, "sha256": replay.sha256, "empty": True})
            try:
                conv = self.api.post_json("/conversations", {"metadata": meta})
            except (PermanentError, Fatal):
                # refused before anything was created: the intent is void
                ledger.record({"t": "rejected", "thread": tid, "token": token})
                raise
            except Ambiguous:
                ledger.record({"t": "unconfirmed", "thread": tid, "token": token})
                self._backoff(attempt)
                continue
            cid = conv.get("id") if isinstance(conv, dict) else None
            if not isinstance(cid, str):
                ledger.record({"t": "unconfirmed", "thread": tid, "token": token})
                raise ApiError("conversation create returned no id")
            ledger.record({"t": "created", "thread": tid, "conv": cid, "token": token, "done": 0})
            return ledger.states[tid]
        raise Ambiguous(f"{self.api.max_attempts} conversation creates in a row had an unknown outcome")

    def _recognise(self, tid: str, st: ThreadState, items: list[dict[str, Any]]) -> bool:
        """Resume: is the ledger's conversation still ours, and how far is it? False if it is gone."""
        conv = str(st.conv)
        try:
            found = self.api.get_json(f"/conversations/{conv}")
        except Gone:
            return False
        meta = found.get("metadata") or {}
        if meta.get("source_thread_id") != tid or (st.conv_token and meta.get("import_token") != st.conv_token):
            raise ApiError(f"conversation {conv} is not the one this import created for {tid} (its metadata differs)")
        have = _fingerprints(self._list_items(conv))
        if have != _fingerprints(items[: len(have)]):
            raise ApiError(f"conversation {conv} holds {len(have)} items that are not the start of thread {tid}")
        if len(have) != st.done:
            self.ledger.record({"t": "added", "thread": tid, "conv": conv, "done": len(have)})
        return True

    def _import_thread(self, tid: str, doc: dict[str, Any], replay: Replay) -> None:
        ledger = self.ledger
        st = ledger.states.get(tid) or ThreadState()
        items = replay.items
        if st.finished:
            return
        if st.conv is not None and not self._recognise(tid, st, items):
            ledger.record({"t": "lost", "thread": tid, "conv": st.conv})
        st = ledger.states.get(tid) or ThreadState()
        if st.conv is None:
            if st.legacy_intent and st.token and not self.retry_ambiguous:
                raise Ambiguous("an earlier conversation create (with items, by version 0.1) had an unknown "
                                "outcome; not retried (use --retry-ambiguous)")
            st = self._create(tid, doc, replay)
        conv = str(st.conv)
        tries = 0
        while st.done < len(items):
            start = st.done
            chunk = items[start : start + CHUNK]
            ledger.record({"t": "append", "thread": tid, "conv": conv, "start": start, "count": len(chunk)})
            try:
                self.api.post_json(f"/conversations/{conv}/items", {"items": chunk})
            except Ambiguous:
                # did it go in? the listing tells; resend only when it surely did not
                have = _fingerprints(self._list_items(conv))
                if have == _fingerprints(items[: start + len(chunk)]):
                    pass
                elif have == _fingerprints(items[:start]) and tries < self.api.max_attempts:
                    tries += 1
                    self._backoff(tries)
                    continue
                else:
                    raise
            ledger.record({"t": "added", "thread": tid, "conv": conv, "done": start + len(chunk)})
            st = ledger.states[tid]
        ledger.record({"t": "finished", "thread": tid, "conv": conv, "items": len(items)})

    def _one(self, item: tuple[str, dict[str, Any]]) -> None:
        tid, entry = item
        if self.stop_reason:
            return
        try:
            doc = self._read_doc(tid, entry)
            replay = replay_thread(doc)
            self._import_thread(tid, doc, replay)
            for rule, details in sorted(replay.losses.items()):
                self._finding(rule, tid, f"thread {tid}: {len(details)}x: " + "; ".join(details[:5])
                              + (" ..." if len(details) > 5 else ""))
        except Fatal as exc:
            with self._lock:
                if not self.stop_reason:
                    self.stop_code = exc.exit_code
                    what = (f"the API reports insufficient quota ({exc.message})" if isinstance(exc, QuotaExceeded)
                            else exc.message)
                    self.stop_reason = f"{what}; stopping. Run import again to resume."
        except Ambiguous as exc:
            with self._lock:
                self.errors[tid] = f"ambiguous: {exc.message}"
            self._finding("AM818", tid, f"thread {tid}: {exc.message}")
        except (ApiError, OSError, ValueError) as exc:
            msg = getattr(exc, "message", None) or str(exc)
            with self._lock:
                self.errors[tid] = msg
            self._finding("AM819", tid, f"thread {tid}: {msg}")
        finally:
            st = self.ledger.states.get(tid)
            for token in st.unconfirmed if st else ():
                self._finding("AM818", tid, f"thread {tid}: a create had an unknown outcome; if it reached the "
                                            f"server it left an empty conversation with import_token={token}")
            self.ui.advance("threads")

    # -- run ---------------------------------------------------------------------------------

    def run(self) -> int:
        from concurrent.futures import ThreadPoolExecutor

        from assistants_migrate.export.datareport import write_data_report

        try:
            manifest = json.loads(self.archive.manifest_path.read_bytes())
        except (OSError, ValueError) as exc:
            raise ImportRefused(f"cannot read {self.archive.manifest_path}: {exc}") from None
        todo = self._todo(manifest)
        self.ledger = Ledger(self.root / LEDGER_NAME, self.target, new_target=self.new_target)
        self.ui.phase("threads", len(todo))
        try:
            with ThreadPoolExecutor(max_workers=max(1, self.concurrency), thread_name_prefix="import") as pool:
                list(pool.map(self._one, todo))
        finally:
            self.ledger.close()
        rows = []
        imported = 0
        total_items = 0
        for tid, _e in todo:
            st = self.ledger.states.get(tid)
            if st is not None and st.finished and st.conv:
                rows.append((tid, st.conv, st.done))
                imported += 1
                total_items += st.done
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["thread_id", "conversation_id", "items"])
        writer.writerows(rows)
        atomic_write_text(self.map_path, buf.getvalue())
        counts = {"threads": len(todo), "imported": imported, "items": total_items,
                  "not_imported": len(todo) - imported}
        write_data_report(self.root, "assistants-migrate import", self.findings, counts, stem="import-report")
        self.ui.table("import summary", ["threads", "imported", "items", "not imported"],
                      [[len(todo), imported, total_items, len(todo) - imported]])
        for tid, msg in sorted(self.errors.items())[:20]:
            self.ui.message(f"not imported: {tid}: {msg}")
        stubs = sum(1 for f in self.findings if f.rule_id == "AM818" and "import_token=" in f.message)
        if stubs:
            self.ui.message(f"{stubs} conversation create(s) had an unknown outcome: each may have left an empty "
                            "conversation (AM818 in import-report lists their import_token)")
        if self.stop_reason:
            self.ui.message(self.stop_reason)
            return self.stop_code
        return 0 if imported == len(todo) else 1
