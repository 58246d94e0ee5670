"""`import`: replay archived threads into Conversations, exactly once, via a ledger.

The ledger (DIR/import-ledger.jsonl) is append-only; every record is flushed and
fsynced before the request it announces is sent:

    intent  {thread, token}                 before POST /conversations
    created {thread, conv, done}            right after it answers
    append  {thread, conv, start, count}    before POST /conversations/{id}/items
    added   {thread, conv, done}            right after it answers
    finished{thread, conv, items}

Replaying the ledger tells, per thread and target base URL, what exists:
- `intent` without `created`: the create may or may not have happened. There is no way
  to list conversations, so it is *ambiguous*: reported (AM818) and left alone unless
  --retry-ambiguous. Never retried blindly.
- `append` without `added`: list the conversation's items; if the chunk is there (count
  and fingerprints match) record it, if the count is still `start` resend it, else stop
  with a conflict (AM819).
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistants_migrate.export.archive import Archive
from assistants_migrate.export.client import Ambiguous, Api, ApiError, PermanentError, QuotaExceeded, sanitize_base_url
from assistants_migrate.export.replay import Replay, conversation_metadata, item_fingerprint, replay_thread
from assistants_migrate.export.ui import NullUI
from assistants_migrate.findings import Finding
from assistants_migrate.fsutil import atomic_write_text

LEDGER_NAME = "import-ledger.jsonl"


@dataclass
class ThreadState:
    token: str | None = None
    conv: str | None = None
    done: int = 0  # items known to be in the conversation
    pending_append: tuple[int, int] | None = None  # (start, count) announced, not confirmed
    finished: bool = False
    ambiguous: bool = False


class Ledger:
    def __init__(self, path: Path, base_url: str) -> None:
        self.path = path
        self.base_url = base_url
        self._lock = threading.Lock()
        self.states: dict[str, ThreadState] = {}
        self._load()
        self._fh = open(path, "ab")  # noqa: SIM115 - kept open for appends
        if path.stat().st_size:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":  # a torn last line from a crash: terminate it
                    self._fh.write(b"\n")
                    self._fh.flush()

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return
        for line in data.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and rec.get("base_url") == self.base_url:
                self._apply(rec)

    def _apply(self, rec: dict[str, Any]) -> None:
        st = self.states.setdefault(rec["thread"], ThreadState())
        t = rec.get("t")
        if t == "intent":
            st.token, st.conv, st.done, st.ambiguous = rec.get("token"), None, 0, True
        elif t == "rejected":
            st.token, st.ambiguous = None, False
        elif t == "created":
            st.conv, st.done, st.ambiguous = rec["conv"], rec["done"], False
        elif t == "append":
            st.pending_append = (rec["start"], rec["count"])
        elif t == "added":
            st.done, st.pending_append = rec["done"], None
        elif t == "finished":
            st.finished, st.done = True, rec["items"]

    def record(self, rec: dict[str, Any]) -> None:
        rec = {**rec, "base_url": self.base_url}
        line = (json.dumps(rec, sort_keys=True) + "\n").encode()
        with self._lock:
            self._fh.write(line)
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._apply(rec)

    def close(self) -> None:
        self._fh.close()


class Importer:
    def __init__(self, api: Api, root: Path, map_path: Path, *, ui: Any = None, concurrency: int = 4,
                 retry_ambiguous: bool = False) -> None:
        self.api = api
        self.root = Path(root)
        self.archive = Archive(self.root)
        self.map_path = Path(map_path)
        self.ui = ui or NullUI()
        self.concurrency = concurrency
        self.retry_ambiguous = retry_ambiguous
        self.base_url = sanitize_base_url(api.base_url)
        self.findings: list[Finding] = []
        self.errors: dict[str, str] = {}
        self.stop_reason: str | None = None
        self._lock = threading.Lock()

    def _finding(self, rule: str, path: str, message: str) -> None:
        from assistants_migrate.export import rules as _rules  # noqa: F401
        from assistants_migrate.findings import make_finding

        with self._lock:
            self.findings.append(make_finding(rule, path, message=message))

    # -- one thread --------------------------------------------------------------------------

    def _list_items(self, conv: str) -> list[dict[str, Any]]:
        return list(self.api.paginate(f"/conversations/{conv}/items", {"order": "asc"}))

    def _import_thread(self, tid: str, doc: dict[str, Any], replay: Replay) -> None:
        ledger = self.ledger
        st = ledger.states.get(tid) or ThreadState()
        chunks = replay.chunks()
        items = replay.items
        if st.finished:
            return
        if st.conv is None:
            if st.ambiguous and not self.retry_ambiguous:
                raise Ambiguous("an earlier conversation create had an unknown outcome")
            token = uuid.uuid4().hex
            meta, dropped = conversation_metadata(tid, replay, token, doc.get("thread") or {})
            if dropped:
                self._finding("AM817", tid, f"thread {tid}: metadata keys not carried: {', '.join(dropped)}")
            first = chunks[0] if chunks else []
            ledger.record({"t": "intent", "thread": tid, "token": token, "sha256": replay.sha256})
            body: dict[str, Any] = {"metadata": meta}
            if first:
                body["items"] = first
            try:
                conv = self.api.post_json("/conversations", body)
            except (PermanentError, QuotaExceeded):
                # refused before anything was created: the intent is void
                ledger.record({"t": "rejected", "thread": tid, "token": token})
                raise
            cid = conv.get("id") if isinstance(conv, dict) else None
            if not isinstance(cid, str):
                raise ApiError("conversation create returned no id")
            ledger.record({"t": "created", "thread": tid, "conv": cid, "done": len(first)})
            st = ledger.states[tid]
        assert st.conv is not None
        if st.pending_append is not None and st.conv is not None:
            start, count = st.pending_append
            have = self._list_items(st.conv)
            chunk = items[start : start + count]
            if len(have) == start + count and [item_fingerprint(i) for i in have[start:]] == [item_fingerprint(i) for i in chunk]:
                ledger.record({"t": "added", "thread": tid, "conv": st.conv, "done": start + count})
            elif len(have) == start and [item_fingerprint(i) for i in have] == [item_fingerprint(i) for i in items[:start]]:
                ledger.record({"t": "added", "thread": tid, "conv": st.conv, "done": start})  # resend below
            else:
                raise ApiError(f"conversation {st.conv} holds {len(have)} items, expected {start} or {start + count}")
            st = ledger.states[tid]
        while st.done < len(items):
            start = st.done
            chunk = items[start : start + 20]
            ledger.record({"t": "append", "thread": tid, "conv": st.conv, "start": start, "count": len(chunk)})
            conv_id = str(st.conv)
            try:
                self.api.post_json(f"/conversations/{conv_id}/items", {"items": chunk})
            except Ambiguous:
                have = self._list_items(conv_id)
                if len(have) == start + len(chunk):
                    pass  # it went in
                elif len(have) == start:
                    ledger.record({"t": "added", "thread": tid, "conv": st.conv, "done": start})
                    st = ledger.states[tid]
                    continue
                else:
                    raise
            ledger.record({"t": "added", "thread": tid, "conv": st.conv, "done": start + len(chunk)})
            st = ledger.states[tid]
        ledger.record({"t": "finished", "thread": tid, "conv": st.conv, "items": len(items)})

    def _one(self, item: tuple[str, dict[str, Any]]) -> None:
        tid, entry = item
        if self.stop_reason:
            return
        try:
            doc = json.loads(self.archive.path(entry["document"]).read_bytes())
            replay = replay_thread(doc)
            self._import_thread(tid, doc, replay)
            for rule, details in sorted(replay.losses.items()):
                self._finding(rule, tid, f"thread {tid}: {len(details)}x: " + "; ".join(details[:5])
                              + (" ..." if len(details) > 5 else ""))
        except QuotaExceeded as exc:
            self.stop_reason = f"the API reports insufficient quota ({exc.message}); stopping. Run import again to resume."
        except Ambiguous as exc:
            with self._lock:
                self.errors[tid] = f"ambiguous: {exc.message}"
            self._finding("AM818", tid, f"thread {tid}: {exc.message}; not retried (use --retry-ambiguous)")
        except (ApiError, OSError, ValueError) as exc:
            msg = getattr(exc, "message", None) or str(exc)
            with self._lock:
                self.errors[tid] = msg
            self._finding("AM819", tid, f"thread {tid}: {msg}")
        finally:
            self.ui.advance("threads")

    # -- run ---------------------------------------------------------------------------------

    def run(self) -> int:
        from concurrent.futures import ThreadPoolExecutor

        from assistants_migrate.export.datareport import write_data_report

        try:
            manifest = json.loads(self.archive.manifest_path.read_bytes())
        except (OSError, ValueError) as exc:
            self.ui.message(f"cannot read {self.archive.manifest_path}: {exc}")
            return 2
        threads = manifest.get("objects", {}).get("threads", {})
        todo = [(tid, e) for tid, e in sorted(threads.items()) if e.get("status") == "exported" and e.get("document")]
        self.ledger = Ledger(self.root / LEDGER_NAME, self.base_url)
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
        if self.stop_reason:
            self.ui.message(self.stop_reason)
            return 3
        return 0 if imported == len(todo) else 1
