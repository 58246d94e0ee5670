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
- ``container_files``: ``content_base64`` (the bytes);
- ``conversation_items``: ``conversation_id`` and ``created_at`` (items carry no timestamp on
  the wire; this orders them, oldest first, ties by list position);
- ``responses``: ``input_items`` (the input items with their ids, as ``input_items.list``
  returns them, oldest first).

``gone`` is a list of ids that answer 404. Missing keys mean empty.

Lists are indexed: each collection keeps its objects per parent (:data:`PARENT_KEYS`; one
list for top-level collections) sorted by ``(created_at, insertion)``, so a page after a
cursor is found by bisection and costs the same anywhere in a 100,000-object thread.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import time
from typing import Any, Callable, Iterable, Sequence

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
    "containers",
    "container_files",
)

# Collections listed under a parent object: the key holding the parent's id.
PARENT_KEYS = {
    "messages": "thread_id",
    "runs": "thread_id",
    "run_steps": "run_id",
    "vector_store_files": "vector_store_id",
    "conversation_items": "conversation_id",
    "container_files": "container_id",
}

# Keys that live in the state but are never sent on the wire.
EXTRA_KEYS = {
    "files": ("content_base64",),
    "vector_store_files": ("content",),
    "vector_store_file_batches": ("file_ids",),
    "conversation_items": ("conversation_id", "created_at"),
    "responses": ("input_items",),
    "container_files": ("content_base64",),
}

# The position of an object in its list: (created_at, insertion number, key).
Entry = tuple[int, int, str]


def now() -> int:
    return int(time.time())


def _key(collection: str, obj: dict[str, Any]) -> str:
    return key_of(collection, obj["id"], obj.get("vector_store_id"))


def key_of(collection: str, oid: str, parent: str | None = None) -> str:
    """The store key of an object: its id, except vector-store files (one file may be in many stores)."""
    if collection == "vector_store_files":
        return f"{parent}/{oid}"
    return oid


def cursor_page(
    entries: Sequence[Any],
    locate: Callable[[str], Any | None],
    resolve: Callable[[Any], dict[str, Any] | None],
    *,
    order: str,
    after: str | None,
    before: str | None,
    limit: int,
) -> tuple[list[dict[str, Any]], bool]:
    """One page of a list as the API pages it: ``entries`` sorted oldest first, ``locate``
    finds a cursor's entry (None: unknown cursor, an empty page), ``resolve`` turns an entry
    into its object (None: skip it, e.g. gone or filtered out). Returns the page and has_more.

    Walks only from the cursor to the end of the page: cost is O(log n + limit) plus skipped
    entries, wherever the cursor is."""
    lo, hi = 0, len(entries)
    asc = order == "asc"
    for cursor, is_after in ((after, True), (before, False)):
        if cursor is None:
            continue
        entry = locate(cursor)
        if entry is None:
            return [], False
        if is_after == asc:  # the window starts past the cursor
            lo = max(lo, bisect.bisect_right(entries, entry))
        else:
            hi = min(hi, bisect.bisect_left(entries, entry))
    # Normally the page is the start of the window (in the requested order); with only a
    # `before` cursor it is the end of it, the objects nearest the cursor.
    from_end = before is not None and after is None
    forward = asc != from_end
    positions = range(lo, hi) if forward else range(hi - 1, lo - 1, -1)
    found: list[dict[str, Any]] = []
    for i in positions:
        obj = resolve(entries[i])
        if obj is not None:
            found.append(obj)
            if len(found) > limit:
                break
    has_more = len(found) > limit
    page = found[:limit]
    if from_end:
        page.reverse()
    return page, has_more


class State:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self.gone: set[str] = set()
        self._counters: dict[str, int] = {}
        self._lists: dict[tuple[str, str | None], list[Entry]] = {}  # (collection, parent id) -> sorted entries
        self._entries: dict[str, dict[str, Entry]] = {c: {} for c in COLLECTIONS}  # collection -> key -> entry
        self._insertions = itertools.count()

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
        key = _key(collection, obj)
        self._unindex(collection, key)
        self.data[collection][key] = obj
        entry = (obj.get("created_at") or 0, next(self._insertions), key)
        self._entries[collection][key] = entry
        bisect.insort(self._lists.setdefault((collection, self._parent(collection, obj)), []), entry)
        return obj

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        if key.split("/")[-1] in self.gone:
            return None
        return self.data[collection].get(key)

    def remove(self, collection: str, key: str) -> dict[str, Any] | None:
        self._unindex(collection, key)
        return self.data[collection].pop(key, None)

    def all(self, collection: str) -> Iterable[dict[str, Any]]:
        return [o for o in self.data[collection].values() if o["id"] not in self.gone]

    def children(self, collection: str, parent: str | None) -> list[dict[str, Any]]:
        """The objects of ``parent`` (None: of a top-level collection), oldest first."""
        objs = self.data[collection]
        return [o for _, _, key in self._lists.get((collection, parent), ())
                if (o := objs[key])["id"] not in self.gone]

    def where(self, collection: str, **match: Any) -> list[dict[str, Any]]:
        parent_key = PARENT_KEYS.get(collection)
        if parent_key in match:
            candidates: Iterable[dict[str, Any]] = self.children(collection, match[parent_key])
        else:
            candidates = self.all(collection)
        return [o for o in candidates if all(o.get(k) == v for k, v in match.items())]

    def page(
        self,
        collection: str,
        parent: str | None,
        *,
        order: str,
        after: str | None,
        before: str | None,
        limit: int,
        keep: Callable[[dict[str, Any]], bool] | None = None,
    ) -> tuple[list[dict[str, Any]], bool]:
        """A page of ``parent``'s objects (see :func:`cursor_page`), ``keep`` filtering them."""
        objs = self.data[collection]
        entries = self._entries[collection]

        def locate(cursor: str) -> Entry | None:
            entry = entries.get(key_of(collection, cursor, parent))
            if entry is None or self._parent(collection, objs[entry[2]]) != parent:
                return None
            return entry

        def resolve(entry: Entry) -> dict[str, Any] | None:
            obj = objs[entry[2]]
            if obj["id"] in self.gone or (keep is not None and not keep(obj)):
                return None
            return obj

        return cursor_page(self._lists.get((collection, parent), []), locate, resolve, order=order,
                           after=after, before=before, limit=limit)

    @staticmethod
    def _parent(collection: str, obj: dict[str, Any]) -> str | None:
        parent_key = PARENT_KEYS.get(collection)
        return obj.get(parent_key) if parent_key else None

    def _unindex(self, collection: str, key: str) -> None:
        entry = self._entries[collection].pop(key, None)
        if entry is None:
            return
        entries = self._lists[(collection, self._parent(collection, self.data[collection][key]))]
        del entries[bisect.bisect_left(entries, entry)]

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
