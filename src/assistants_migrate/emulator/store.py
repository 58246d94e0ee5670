"""In-memory state of the emulator, in the documented state format.

State format (``--state FILE``, ``Emulator(state=...)``, ``Emulator.seed``, ``Emulator.snapshot``):
a JSON object whose keys are listed in :data:`COLLECTIONS` plus ``"gone"``; each value is a list
of objects in creation order, exactly as the API returns them, plus these extra keys:

- ``messages``, ``runs``: ``thread_id`` (part of the API object anyway);
- ``run_steps``: ``thread_id``, ``run_id`` (part of the API object); file-search results keep
  their ``content`` (it is only returned with ``include[]``);
- ``files``: ``content_base64`` (the bytes);
- ``vector_store_files``: ``vector_store_id`` (part of the API object) and ``content``
  (``[{"type": "text", "text": ...}]``, the parsed text pages);
- ``vector_store_file_batches``: ``file_ids`` (the files of the batch);
- ``conversation_items``: ``conversation_id`` and ``created_at`` (items carry no timestamp on
  the wire; this orders them, oldest first, ties by list position);
- ``responses``: ``input_items`` (the input items with their ids, as ``input_items.list``
  returns them, oldest first).

``gone`` is a list of ids that answer 404. Missing keys mean empty.
"""

from __future__ import annotations

import copy
import time
from typing import Any, Iterable

COLLECTIONS = (
    "assistants",
    "threads",
    "messages",
    "runs",
    "run_steps",
    "files",
    "vector_stores",
    "vector_store_files",
    "vector_store_file_batches",
    "conversations",
    "conversation_items",
    "responses",
)

# Keys that live in the state but are never sent on the wire.
EXTRA_KEYS = {
    "files": ("content_base64",),
    "vector_store_files": ("content",),
    "vector_store_file_batches": ("file_ids",),
    "conversation_items": ("conversation_id", "created_at"),
    "responses": ("input_items",),
}


def now() -> int:
    return int(time.time())


def _key(collection: str, obj: dict[str, Any]) -> str:
    if collection == "vector_store_files":
        return f"{obj.get('vector_store_id')}/{obj['id']}"
    return obj["id"]


class State:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self.gone: set[str] = set()
        self._counters: dict[str, int] = {}

    # ids -------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        while True:
            n = self._counters.get(prefix, 0) + 1
            self._counters[prefix] = n
            candidate = f"{prefix}{n:08d}emu"
            if not self._id_taken(candidate):
                return candidate

    def _id_taken(self, oid: str) -> bool:
        if oid in self.gone:
            return True
        for coll, objs in self.data.items():
            if coll == "vector_store_files":
                continue
            if oid in objs:
                return True
        return False

    # objects ---------------------------------------------------------------
    def add(self, collection: str, obj: dict[str, Any]) -> dict[str, Any]:
        self.data[collection][_key(collection, obj)] = obj
        return obj

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        if key.split("/")[-1] in self.gone:
            return None
        return self.data[collection].get(key)

    def remove(self, collection: str, key: str) -> dict[str, Any] | None:
        return self.data[collection].pop(key, None)

    def all(self, collection: str) -> Iterable[dict[str, Any]]:
        return [o for o in self.data[collection].values() if o["id"] not in self.gone]

    def where(self, collection: str, **match: Any) -> list[dict[str, Any]]:
        return [o for o in self.all(collection) if all(o.get(k) == v for k, v in match.items())]

    # bulk ------------------------------------------------------------------
    def seed(self, state: dict[str, Any]) -> None:
        unknown = set(state) - set(COLLECTIONS) - {"gone"}
        if unknown:
            raise ValueError(f"unknown state keys: {sorted(unknown)}")
        for coll in COLLECTIONS:
            for obj in state.get(coll) or []:
                self.add(coll, copy.deepcopy(obj))
        self.gone.update(state.get("gone") or [])

    def snapshot(self) -> dict[str, Any]:
        out: dict[str, Any] = {c: copy.deepcopy(list(self.data[c].values())) for c in COLLECTIONS}
        out["gone"] = sorted(self.gone)
        return out


def public(collection: str, obj: dict[str, Any]) -> dict[str, Any]:
    """The object as sent on the wire (extra state keys removed), deep-copied."""
    out = copy.deepcopy(obj)
    for k in EXTRA_KEYS.get(collection, ()):
        out.pop(k, None)
    return out
