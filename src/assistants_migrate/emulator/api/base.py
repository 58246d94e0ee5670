"""What every resource family shares: errors, the request and result of a handler, pagination."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..store import State, cursor_page, public

if TYPE_CHECKING:
    from . import Api

POLL_AFTER_MS = "5"

# A stream's SSE events, (event name, data), made lazily: the server sends each as it comes.
Events = Iterator[tuple[str, Any]]


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
    events: Iterable[tuple[str, Any]] | None = None
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


def code_chunks(code: str) -> list[str]:
    """Split code for streaming deltas the way a tokenizer would: names, runs of punctuation, spaces."""
    return re.findall(r"\w+|\s+|[^\w\s]+", code) or [""]


def drain(events: Iterable[Any]) -> None:
    """Run a lifecycle whose events nobody reads (a poll, a non-streamed create)."""
    for _ in events:
        pass


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
        coll: str,
        parent: str | None,
        *,
        keep: Callable[[dict[str, Any]], bool] | None = None,
        render: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        default_limit: int = 20,
        max_limit: int = 100,
        before: bool = True,
    ) -> Result:
        """A list endpoint over the objects of ``parent`` in ``coll`` (None: a top-level
        collection), ``keep`` filtering them; ``before``: whether the endpoint takes that cursor."""
        order, limit = self._page_params(req, default_limit, max_limit)
        page, has_more = self.state.page(coll, parent, order=order, after=req.q("after"),
                                         before=req.q("before") if before else None, limit=limit, keep=keep)
        return list_result([(render or (lambda o: public(coll, o)))(o) for o in page], has_more)

    def paginate_items(self, req: Req, items: list[dict[str, Any]], *, default_limit: int = 20,
                       max_limit: int = 100) -> Result:
        """A list endpoint over a short in-memory list (oldest first) with ``after`` cursors."""
        order, limit = self._page_params(req, default_limit, max_limit)
        position = {it["id"]: i for i, it in enumerate(items)}
        page, has_more = cursor_page(range(len(items)), position.get, items.__getitem__, order=order,
                                     after=req.q("after"), before=None, limit=limit)
        return list_result(copy.deepcopy(page), has_more)

    @staticmethod
    def _page_params(req: Req, default_limit: int, max_limit: int) -> tuple[str, int]:
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
        order = req.q("order") or "desc"
        if order not in ("asc", "desc"):
            raise ApiError(400, f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.",
                           param="order", code="invalid_value")
        return order, limit


def list_result(data: list[dict[str, Any]], has_more: bool) -> Result:
    return Result(body={
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": has_more,
    })
