"""What every resource family shares: errors, the request and result of a handler, pagination."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..store import State, public

if TYPE_CHECKING:
    from . import Api

POLL_AFTER_MS = "5"


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


@dataclass
class Req:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Any = None
    form: dict[str, Any] = field(default_factory=dict)  # multipart: name -> str | (filename, bytes)

    def q(self, name: str, default: str | None = None) -> str | None:
        vals = self.query.get(name)
        return vals[-1] if vals else default

    def qlist(self, name: str) -> list[str]:
        return list(self.query.get(name, [])) + list(self.query.get(name + "[]", []))

    @property
    def json(self) -> dict[str, Any]:
        return self.body if isinstance(self.body, dict) else {}


@dataclass
class Result:
    status: int = 200
    body: Any = None
    raw: bytes | None = None
    content_type: str = "application/json"
    events: list[tuple[str | None, Any]] | None = None
    stream_kind: str | None = None  # "assistants" | "responses"
    headers: dict[str, str] = field(default_factory=dict)


def not_found(kind: str, oid: str) -> ApiError:
    return ApiError(404, f"No {kind} found with id '{oid}'.", code=None)



def text_of_parts(parts: Any) -> str:
    if isinstance(parts, str):
        return parts
    texts = []
    for p in parts or []:
        if not isinstance(p, dict):
            continue
        if p.get("type") == "text":
            t = p.get("text")
            texts.append(t.get("value", "") if isinstance(t, dict) else str(t or ""))
        elif p.get("type") in ("input_text", "output_text"):
            texts.append(str(p.get("text") or ""))
    return "\n".join(texts)



def word_chunks(text: str) -> list[str]:
    """Split text for streaming deltas: words with their following whitespace."""
    parts = re.findall(r"\S+\s*|\s+", text)
    return parts or [""]


class Family:
    """One resource family: the endpoints it serves (``ROUTES``: method, path template as in
    the OpenAPI spec, handler name) and their handlers over the shared :class:`State`.
    Families reach each other through ``self.api`` (e.g. ``self.api.files.first_file``)."""

    ROUTES: tuple[tuple[str, str, str], ...] = ()

    def __init__(self, api: "Api") -> None:
        self.api = api
        self.state: State = api.state

    def _get(self, coll: str, oid: str, kind: str) -> dict[str, Any]:
        obj = self.state.get(coll, oid)
        if obj is None:
            raise not_found(kind, oid)
        return obj

    def paginate(
        self,
        req: Req,
        items: list[dict[str, Any]],
        *,
        coll: str,
        default_order: str = "desc",
        default_limit: int = 20,
        max_limit: int = 100,
        before: bool = True,
        render: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> Result:
        raw_limit = req.q("limit")
        limit = default_limit
        if raw_limit is not None:
            try:
                limit = int(raw_limit)
            except ValueError:
                raise ApiError(400, f"Invalid 'limit': expected an integer, but got '{raw_limit}' instead.",
                               param="limit", code="invalid_type") from None
            if limit < 1:
                raise ApiError(400, f"Invalid 'limit': integer below minimum value. Expected a value >= 1, but got {limit} instead.",
                               param="limit", code="integer_below_min_value")
            if limit > max_limit:
                raise ApiError(400, f"Invalid 'limit': integer above maximum value. Expected a value <= {max_limit}, but got {limit} instead.",
                               param="limit", code="integer_above_max_value")
        order = req.q("order") or default_order
        if order not in ("asc", "desc"):
            raise ApiError(400, f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.",
                           param="order", code="invalid_value")
        ordered = sorted(items, key=lambda o: o.get("created_at") or 0)
        if order == "desc":
            ordered = list(reversed(ordered))
        ids = [o["id"] for o in ordered]
        after = req.q("after")
        bef = req.q("before") if before else None
        lo, hi = 0, len(ordered)
        if after:
            lo = ids.index(after) + 1 if after in ids else len(ordered)
        if bef:
            hi = ids.index(bef) if bef in ids else 0
        window = ordered[lo:hi]
        if bef and not after:
            page = window[-limit:]
            has_more = len(window) > limit
        else:
            page = window[:limit]
            has_more = len(window) > limit
        render = render or (lambda o: public(coll, o))
        data = [render(o) for o in page]
        return Result(body={
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": has_more,
        })
