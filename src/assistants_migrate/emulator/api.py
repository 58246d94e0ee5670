"""Endpoint logic of the emulator: Assistants v2, Responses, Conversations, Files, Vector stores.

Every handler takes a :class:`Req` and returns a :class:`Result` or raises :class:`ApiError`.
Handlers run under one lock (see ``server.py``), so they may mutate the :class:`State` freely.

Lifecycles (advanced by reads, so SDK poll helpers finish after two or three polls):

- run: ``queued`` (create) -> ``in_progress`` (1st retrieve) -> ``requires_action`` or
  ``completed`` (2nd retrieve); after ``submit_tool_outputs`` it is ``queued`` again.
  Streamed runs go through every state within one SSE body.
- background response: ``queued`` -> ``in_progress`` -> ``completed`` on successive retrieves.
- vector-store file / file batch: ``in_progress`` on create -> ``completed`` on the next
  retrieve of that file, its batch or its vector store.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import model
from .store import State, now, public

POLL_AFTER_MS = "5"
NOT_DOWNLOADABLE = {"assistants", "user_data", "fine-tune", "evals"}
ACTIVE_RUN = ("queued", "in_progress", "requires_action", "cancelling")


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


def _text_of_parts(parts: Any) -> str:
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


def _chunks(text: str) -> list[str]:
    """Split text for streaming deltas: words with their following whitespace."""
    parts = re.findall(r"\S+\s*|\s+", text)
    return parts or [""]


class Api:
    def __init__(self, state: State) -> None:
        self.state = state
        self._include: dict[str, list[str]] = {}  # response id -> include[] given at create
        self._steps_done_pending: set[str] = set()  # tool steps completed by submit_tool_outputs
        self.routes: list[tuple[str, str, re.Pattern[str], Callable[[Req], Result]]] = []
        r = self._route
        # assistants
        r("POST", "/assistants", self.create_assistant)
        r("GET", "/assistants", self.list_assistants)
        r("GET", "/assistants/{assistant_id}", self.get_assistant)
        r("POST", "/assistants/{assistant_id}", self.update_assistant)
        r("DELETE", "/assistants/{assistant_id}", self.delete_assistant)
        # threads
        r("POST", "/threads", self.create_thread)
        r("GET", "/threads", self.list_threads)
        r("POST", "/threads/runs", self.create_thread_and_run)
        r("GET", "/threads/{thread_id}", self.get_thread)
        r("POST", "/threads/{thread_id}", self.update_thread)
        r("DELETE", "/threads/{thread_id}", self.delete_thread)
        r("POST", "/threads/{thread_id}/messages", self.create_message)
        r("GET", "/threads/{thread_id}/messages", self.list_messages)
        r("GET", "/threads/{thread_id}/messages/{message_id}", self.get_message)
        r("POST", "/threads/{thread_id}/messages/{message_id}", self.update_message)
        r("DELETE", "/threads/{thread_id}/messages/{message_id}", self.delete_message)
        r("POST", "/threads/{thread_id}/runs", self.create_run)
        r("GET", "/threads/{thread_id}/runs", self.list_runs)
        r("GET", "/threads/{thread_id}/runs/{run_id}", self.get_run)
        r("POST", "/threads/{thread_id}/runs/{run_id}", self.update_run)
        r("POST", "/threads/{thread_id}/runs/{run_id}/cancel", self.cancel_run)
        r("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", self.submit_tool_outputs)
        r("GET", "/threads/{thread_id}/runs/{run_id}/steps", self.list_steps)
        r("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}", self.get_step)
        # responses
        r("POST", "/responses", self.create_response)
        r("GET", "/responses/{response_id}", self.get_response)
        r("DELETE", "/responses/{response_id}", self.delete_response)
        r("POST", "/responses/{response_id}/cancel", self.cancel_response)
        r("GET", "/responses/{response_id}/input_items", self.list_input_items)
        # conversations
        r("POST", "/conversations", self.create_conversation)
        r("GET", "/conversations/{conversation_id}", self.get_conversation)
        r("POST", "/conversations/{conversation_id}", self.update_conversation)
        r("DELETE", "/conversations/{conversation_id}", self.delete_conversation)
        r("POST", "/conversations/{conversation_id}/items", self.create_items)
        r("GET", "/conversations/{conversation_id}/items", self.list_items)
        r("GET", "/conversations/{conversation_id}/items/{item_id}", self.get_item)
        r("DELETE", "/conversations/{conversation_id}/items/{item_id}", self.delete_item)
        # files
        r("POST", "/files", self.create_file)
        r("GET", "/files", self.list_files)
        r("GET", "/files/{file_id}", self.get_file)
        r("DELETE", "/files/{file_id}", self.delete_file)
        r("GET", "/files/{file_id}/content", self.file_content)
        # vector stores
        r("POST", "/vector_stores", self.create_vs)
        r("GET", "/vector_stores", self.list_vs)
        r("GET", "/vector_stores/{vector_store_id}", self.get_vs)
        r("POST", "/vector_stores/{vector_store_id}", self.update_vs)
        r("DELETE", "/vector_stores/{vector_store_id}", self.delete_vs)
        r("POST", "/vector_stores/{vector_store_id}/files", self.create_vsf)
        r("GET", "/vector_stores/{vector_store_id}/files", self.list_vsf)
        r("GET", "/vector_stores/{vector_store_id}/files/{file_id}", self.get_vsf)
        r("POST", "/vector_stores/{vector_store_id}/files/{file_id}", self.update_vsf)
        r("DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", self.delete_vsf)
        r("GET", "/vector_stores/{vector_store_id}/files/{file_id}/content", self.vsf_content)
        r("POST", "/vector_stores/{vector_store_id}/file_batches", self.create_batch)
        r("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", self.get_batch)
        r("POST", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", self.cancel_batch)
        r("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", self.list_batch_files)

    def _route(self, method: str, template: str, fn: Callable[[Req], Result]) -> None:
        pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")
        self.routes.append((method, template, pattern, fn))

    def match(self, method: str, path: str) -> tuple[str, dict[str, str], Callable[[Req], Result]] | None:
        for m, template, pattern, fn in self.routes:
            if m != method:
                continue
            hit = pattern.match(path)
            if hit:
                return template, hit.groupdict(), fn
        return None

    # helpers -----------------------------------------------------------------
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

    # ------------------------------------------------------------------ assistants
    def create_assistant(self, req: Req) -> Result:
        b = req.json
        if not b.get("model"):
            raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
        a = {
            "id": self.state.new_id("asst_"),
            "object": "assistant",
            "created_at": now(),
            "name": b.get("name"),
            "description": b.get("description"),
            "model": b["model"],
            "instructions": b.get("instructions"),
            "tools": b.get("tools") or [],
            "tool_resources": self._tool_resources(b.get("tool_resources")),
            "metadata": b.get("metadata") or {},
            "temperature": b.get("temperature", 1.0),
            "top_p": b.get("top_p", 1.0),
            "response_format": b.get("response_format") or "auto",
        }
        if b.get("reasoning_effort") is not None:
            a["reasoning_effort"] = b["reasoning_effort"]
        self.state.add("assistants", a)
        return Result(body=public("assistants", a))

    def _tool_resources(self, tr: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if not isinstance(tr, dict):
            return out
        ci = tr.get("code_interpreter")
        if isinstance(ci, dict):
            out["code_interpreter"] = {"file_ids": list(ci.get("file_ids") or [])}
        fs = tr.get("file_search")
        if isinstance(fs, dict):
            vs_ids = list(fs.get("vector_store_ids") or [])
            for spec in fs.get("vector_stores") or []:
                vs = self._new_vs({"file_ids": spec.get("file_ids") or [], "metadata": spec.get("metadata")})
                vs_ids.append(vs["id"])
            out["file_search"] = {"vector_store_ids": vs_ids}
        return out

    def list_assistants(self, req: Req) -> Result:
        return self.paginate(req, self.state.all("assistants"), coll="assistants")

    def get_assistant(self, req: Req) -> Result:
        return Result(body=public("assistants", self._get("assistants", req.params["assistant_id"], "assistant")))

    def update_assistant(self, req: Req) -> Result:
        a = self._get("assistants", req.params["assistant_id"], "assistant")
        b = req.json
        for k in ("name", "description", "model", "instructions", "tools", "metadata", "temperature", "top_p",
                  "response_format", "reasoning_effort"):
            if k in b:
                a[k] = b[k]
        if "tool_resources" in b:
            a["tool_resources"] = self._tool_resources(b["tool_resources"])
        return Result(body=public("assistants", a))

    def delete_assistant(self, req: Req) -> Result:
        oid = req.params["assistant_id"]
        self._get("assistants", oid, "assistant")
        self.state.remove("assistants", oid)
        return Result(body={"id": oid, "object": "assistant.deleted", "deleted": True})

    # ------------------------------------------------------------------ threads
    def _new_thread(self, b: dict[str, Any]) -> dict[str, Any]:
        t = {
            "id": self.state.new_id("thread_"),
            "object": "thread",
            "created_at": now(),
            "tool_resources": self._tool_resources(b.get("tool_resources")),
            "metadata": b.get("metadata") or {},
        }
        self.state.add("threads", t)
        for m in b.get("messages") or []:
            self._new_message(t["id"], m)
        return t

    def create_thread(self, req: Req) -> Result:
        return Result(body=public("threads", self._new_thread(req.json)))

    def list_threads(self, req: Req) -> Result:
        raise ApiError(
            401,
            "You have insufficient permissions for this operation. Missing scopes: api.threads.read. "
            "Listing threads is only available with a session key, i.e. from the browser.",
            param=None,
            code="missing_scope",
        )

    def get_thread(self, req: Req) -> Result:
        return Result(body=public("threads", self._get("threads", req.params["thread_id"], "thread")))

    def update_thread(self, req: Req) -> Result:
        t = self._get("threads", req.params["thread_id"], "thread")
        b = req.json
        if "metadata" in b:
            t["metadata"] = b["metadata"] or {}
        if "tool_resources" in b:
            t["tool_resources"] = self._tool_resources(b["tool_resources"])
        return Result(body=public("threads", t))

    def delete_thread(self, req: Req) -> Result:
        oid = req.params["thread_id"]
        self._get("threads", oid, "thread")
        self.state.remove("threads", oid)
        for coll in ("messages", "runs", "run_steps"):
            for o in self.state.where(coll, thread_id=oid):
                self.state.remove(coll, o["id"])
        return Result(body={"id": oid, "object": "thread.deleted", "deleted": True})

    # ------------------------------------------------------------------ messages
    def _content_blocks(self, content: Any) -> list[dict[str, Any]]:
        if isinstance(content, str):
            return [{"type": "text", "text": {"value": content, "annotations": []}}]
        blocks = []
        for part in content or []:
            t = part.get("type")
            if t == "text":
                blocks.append({"type": "text", "text": {"value": part.get("text", ""), "annotations": []}})
            elif t == "image_file":
                img = dict(part.get("image_file") or {})
                img.setdefault("detail", "auto")
                blocks.append({"type": "image_file", "image_file": img})
            elif t == "image_url":
                img = dict(part.get("image_url") or {})
                img.setdefault("detail", "auto")
                blocks.append({"type": "image_url", "image_url": img})
        return blocks

    def _new_message(self, thread_id: str, b: dict[str, Any], **extra: Any) -> dict[str, Any]:
        role = b.get("role")
        if role not in ("user", "assistant"):
            raise ApiError(400, f"Invalid value: '{role}'. Supported values are: 'user' and 'assistant'.",
                           param="role", code="invalid_value")
        if "content" not in b:
            raise ApiError(400, "Missing required parameter: 'content'.", param="content",
                           code="missing_required_parameter")
        m = {
            "id": self.state.new_id("msg_"),
            "object": "thread.message",
            "created_at": now(),
            "thread_id": thread_id,
            "status": "completed",
            "incomplete_details": None,
            "completed_at": now(),
            "incomplete_at": None,
            "role": role,
            "content": self._content_blocks(b.get("content")),
            "assistant_id": None,
            "run_id": None,
            "attachments": b.get("attachments") or [],
            "metadata": b.get("metadata") or {},
        }
        m.update(extra)
        self.state.add("messages", m)
        return m

    def create_message(self, req: Req) -> Result:
        tid = req.params["thread_id"]
        self._get("threads", tid, "thread")
        return Result(body=public("messages", self._new_message(tid, req.json)))

    def list_messages(self, req: Req) -> Result:
        tid = req.params["thread_id"]
        self._get("threads", tid, "thread")
        items = self.state.where("messages", thread_id=tid)
        run_id = req.q("run_id")
        if run_id:
            items = [m for m in items if m.get("run_id") == run_id]
        return self.paginate(req, items, coll="messages")

    def _msg(self, req: Req) -> dict[str, Any]:
        self._get("threads", req.params["thread_id"], "thread")
        m = self._get("messages", req.params["message_id"], "message")
        if m["thread_id"] != req.params["thread_id"]:
            raise not_found("message", req.params["message_id"])
        return m

    def get_message(self, req: Req) -> Result:
        return Result(body=public("messages", self._msg(req)))

    def update_message(self, req: Req) -> Result:
        m = self._msg(req)
        if "metadata" in req.json:
            m["metadata"] = req.json["metadata"] or {}
        return Result(body=public("messages", m))

    def delete_message(self, req: Req) -> Result:
        m = self._msg(req)
        self.state.remove("messages", m["id"])
        return Result(body={"id": m["id"], "object": "thread.message.deleted", "deleted": True})

    # ------------------------------------------------------------------ runs
    def _new_run(self, thread: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        aid = b.get("assistant_id")
        if not aid:
            raise ApiError(400, "Missing required parameter: 'assistant_id'.", param="assistant_id",
                           code="missing_required_parameter")
        asst = self.state.get("assistants", aid)
        if asst is None:
            raise ApiError(404, f"No assistant found with id '{aid}'.", param="assistant_id")
        active = [r for r in self.state.where("runs", thread_id=thread["id"]) if r["status"] in ACTIVE_RUN]
        if active:
            raise ApiError(400, f"Thread {thread['id']} already has an active run {active[0]['id']}.")
        for m in b.get("additional_messages") or []:
            self._new_message(thread["id"], m)
        instructions = b.get("instructions") if b.get("instructions") is not None else asst.get("instructions") or ""
        if b.get("additional_instructions"):
            instructions = f"{instructions}{b['additional_instructions']}"
        t = now()
        run = {
            "id": self.state.new_id("run_"),
            "object": "thread.run",
            "created_at": t,
            "thread_id": thread["id"],
            "assistant_id": aid,
            "status": "queued",
            "required_action": None,
            "last_error": None,
            "expires_at": t + 600,
            "started_at": None,
            "cancelled_at": None,
            "failed_at": None,
            "completed_at": None,
            "incomplete_details": None,
            "model": b.get("model") or asst["model"],
            "instructions": instructions,
            "tools": b["tools"] if b.get("tools") is not None else list(asst.get("tools") or []),
            "metadata": b.get("metadata") or {},
            "usage": None,
            "temperature": b.get("temperature", asst.get("temperature")),
            "top_p": b.get("top_p", asst.get("top_p")),
            "max_prompt_tokens": b.get("max_prompt_tokens"),
            "max_completion_tokens": b.get("max_completion_tokens"),
            "truncation_strategy": b.get("truncation_strategy") or {"type": "auto", "last_messages": None},
            "tool_choice": b.get("tool_choice") or "auto",
            "parallel_tool_calls": b.get("parallel_tool_calls", True),
            "response_format": b.get("response_format") or asst.get("response_format") or "auto",
        }
        self.state.add("runs", run)
        return run

    def _run_result(self, run: dict[str, Any], b: dict[str, Any], thread_event: dict[str, Any] | None = None) -> Result:
        if not b.get("stream"):
            return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})
        events: list[tuple[str | None, Any]] = []
        emit = lambda ev, data: events.append((ev, public(_coll_of(ev), data)))  # noqa: E731
        if thread_event is not None:
            emit("thread.created", thread_event)
        emit("thread.run.created", run)
        self._advance_run(run, emit, to_end=True)
        events.append(("done", "[DONE]"))
        return Result(events=events, stream_kind="assistants")

    def create_run(self, req: Req) -> Result:
        thread = self._get("threads", req.params["thread_id"], "thread")
        run = self._new_run(thread, req.json)
        return self._run_result(run, req.json)

    def create_thread_and_run(self, req: Req) -> Result:
        b = req.json
        if not b.get("assistant_id"):
            raise ApiError(400, "Missing required parameter: 'assistant_id'.", param="assistant_id",
                           code="missing_required_parameter")
        if self.state.get("assistants", b["assistant_id"]) is None:
            raise ApiError(404, f"No assistant found with id '{b['assistant_id']}'.", param="assistant_id")
        tb = dict(b.get("thread") or {})
        if b.get("tool_resources") and not tb.get("tool_resources"):
            tb["tool_resources"] = b["tool_resources"]
        thread = self._new_thread(tb)
        run = self._new_run(thread, {k: v for k, v in b.items() if k not in ("thread", "tool_resources")})
        return self._run_result(run, b, thread_event=thread)

    def _run(self, req: Req) -> dict[str, Any]:
        self._get("threads", req.params["thread_id"], "thread")
        run = self._get("runs", req.params["run_id"], "run")
        if run["thread_id"] != req.params["thread_id"]:
            raise not_found("run", req.params["run_id"])
        return run

    def get_run(self, req: Req) -> Result:
        run = self._run(req)
        self._advance_run(run, lambda ev, data: None, to_end=False)
        return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def list_runs(self, req: Req) -> Result:
        tid = req.params["thread_id"]
        self._get("threads", tid, "thread")
        return self.paginate(req, self.state.where("runs", thread_id=tid), coll="runs")

    def update_run(self, req: Req) -> Result:
        run = self._run(req)
        if "metadata" in req.json:
            run["metadata"] = req.json["metadata"] or {}
        return Result(body=public("runs", run))

    def cancel_run(self, req: Req) -> Result:
        run = self._run(req)
        if run["status"] not in ACTIVE_RUN:
            raise ApiError(400, f"Cannot cancel run with status '{run['status']}'.")
        run["status"] = "cancelled"
        run["cancelled_at"] = now()
        run["required_action"] = None
        run["expires_at"] = None
        for step in self.state.where("run_steps", run_id=run["id"]):
            if step["status"] == "in_progress":
                step["status"] = "cancelled"
                step["cancelled_at"] = now()
        return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def submit_tool_outputs(self, req: Req) -> Result:
        run = self._run(req)
        if run["status"] != "requires_action":
            raise ApiError(400, f"Runs in status \"{run['status']}\" do not accept tool outputs.")
        outputs = req.json.get("tool_outputs")
        if not isinstance(outputs, list):
            raise ApiError(400, "Missing required parameter: 'tool_outputs'.", param="tool_outputs",
                           code="missing_required_parameter")
        pending = {c["id"] for c in run["required_action"]["submit_tool_outputs"]["tool_calls"]}
        given = {o.get("tool_call_id"): o.get("output", "") for o in outputs}
        missing = pending - set(given)
        if missing:
            raise ApiError(400, f"Expected tool outputs for call_ids {sorted(pending)}, got {sorted(given)}",
                           param="tool_outputs")
        for step in self.state.where("run_steps", run_id=run["id"]):
            if step["type"] != "tool_calls" or step["status"] != "in_progress":
                continue
            for call in step["step_details"]["tool_calls"]:
                if call["type"] == "function" and call["id"] in given:
                    call["function"]["output"] = given[call["id"]]
            step["status"] = "completed"
            step["completed_at"] = now()
            self._steps_done_pending.add(step["id"])
        run["status"] = "queued"
        run["required_action"] = None
        if not req.json.get("stream"):
            return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})
        events: list[tuple[str | None, Any]] = []
        emit = lambda ev, data: events.append((ev, public(_coll_of(ev), data)))  # noqa: E731
        self._advance_run(run, emit, to_end=True)
        events.append(("done", "[DONE]"))
        return Result(events=events, stream_kind="assistants")

    def _new_step(self, run: dict[str, Any], type_: str, details: dict[str, Any]) -> dict[str, Any]:
        step = {
            "id": self.state.new_id("step_"),
            "object": "thread.run.step",
            "created_at": now(),
            "assistant_id": run["assistant_id"],
            "thread_id": run["thread_id"],
            "run_id": run["id"],
            "type": type_,
            "status": "in_progress",
            "step_details": details,
            "last_error": None,
            "expired_at": None,
            "cancelled_at": None,
            "failed_at": None,
            "completed_at": None,
            "metadata": {},
            "usage": None,
        }
        self.state.add("run_steps", step)
        return step

    def _run_history(self, run: dict[str, Any]) -> list[dict[str, Any]]:
        history: list[dict[str, Any]] = []
        for m in sorted(self.state.where("messages", thread_id=run["thread_id"]), key=lambda o: o["created_at"]):
            history.append({"type": "message", "role": m["role"], "text": _text_of_parts(m["content"])})
        for step in self.state.where("run_steps", run_id=run["id"]):
            if step["type"] != "tool_calls":
                continue
            for call in step["step_details"]["tool_calls"]:
                if call["type"] != "function":
                    continue
                f = call["function"]
                history.append({"type": "function_call", "call_id": call["id"], "name": f["name"],
                                "arguments": f["arguments"]})
                if f.get("output") is not None:
                    history.append({"type": "function_call_output", "call_id": call["id"], "output": f["output"]})
        return history

    def _run_tools(self, run: dict[str, Any]) -> list[dict[str, Any]]:
        thread = self.state.get("threads", run["thread_id"]) or {}
        asst = self.state.get("assistants", run["assistant_id"]) or {}
        vs_ids = ((thread.get("tool_resources") or {}).get("file_search") or {}).get("vector_store_ids") or \
            ((asst.get("tool_resources") or {}).get("file_search") or {}).get("vector_store_ids") or []
        tools = []
        for t in run.get("tools") or []:
            if t.get("type") == "function":
                f = t.get("function") or {}
                tools.append({"type": "function", "name": f.get("name"), "parameters": f.get("parameters")})
            elif t.get("type") == "file_search":
                tools.append({"type": "file_search", "vector_store_ids": vs_ids})
            elif t.get("type") == "code_interpreter":
                tools.append({"type": "code_interpreter"})
        return tools

    def first_file(self, vs_ids: list[str]) -> dict[str, Any] | None:
        for vs_id in vs_ids[:1]:
            files = sorted(self.state.where("vector_store_files", vector_store_id=vs_id), key=lambda o: o["created_at"])
            for vsf in files:
                f = self.state.get("files", vsf["id"]) or {}
                text = "\n".join(p.get("text", "") for p in vsf.get("content") or [])
                return {"file_id": vsf["id"], "filename": f.get("filename") or vsf["id"], "text": text}
        return None

    def _advance_run(self, run: dict[str, Any], emit: Callable[[str, dict[str, Any]], None], to_end: bool) -> None:
        """Move a run one step (poll) or to its next resting state (stream)."""
        while True:
            status = run["status"]
            if status == "queued":
                if to_end:
                    emit("thread.run.queued", run)
                run["status"] = "in_progress"
                run["started_at"] = run["started_at"] or now()
                if to_end:
                    emit("thread.run.in_progress", run)
                    for step in self.state.where("run_steps", run_id=run["id"]):
                        if step["id"] in self._steps_done_pending:
                            self._steps_done_pending.discard(step["id"])
                            emit("thread.run.step.completed", step)
                    continue
                return
            if status == "in_progress":
                for step in self.state.where("run_steps", run_id=run["id"]):
                    self._steps_done_pending.discard(step["id"])
                self._work(run, emit)
                return
            return

    def _work(self, run: dict[str, Any], emit: Callable[[str, dict[str, Any]], None]) -> None:
        tools = self._run_tools(run)
        turn = model.think(self._run_history(run), tools, run.get("tool_choice"), self.first_file)
        usage = {"prompt_tokens": turn.input_tokens, "completion_tokens": turn.output_tokens,
                 "total_tokens": turn.input_tokens + turn.output_tokens}
        if turn.tool_calls:
            step = self._new_step(run, "tool_calls", {"type": "tool_calls", "tool_calls": []})
            emit("thread.run.step.created", step)
            emit("thread.run.step.in_progress", step)
            calls = []
            for call in turn.tool_calls:
                calls.append({"id": self.state.new_id("call_"), "type": "function",
                              "function": {"name": call["name"], "arguments": call["arguments"], "output": None}})
            step["step_details"]["tool_calls"] = calls
            emit("thread.run.step.delta", {
                "id": step["id"], "object": "thread.run.step.delta",
                "delta": {"step_details": {"type": "tool_calls", "tool_calls": [
                    {"index": i, **c} for i, c in enumerate(calls)]}},
            })
            run["status"] = "requires_action"
            run["required_action"] = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": [
                {"id": c["id"], "type": "function",
                 "function": {"name": c["function"]["name"], "arguments": c["function"]["arguments"]}}
                for c in calls]}}
            emit("thread.run.requires_action", run)
            return
        if turn.code:
            self._tool_step(run, emit, {"id": self.state.new_id("call_"), "type": "code_interpreter",
                                        "code_interpreter": {"input": turn.code["input"],
                                                             "outputs": [{"type": "logs", "logs": turn.code["logs"]}]}})
        if turn.file_search:
            fs = turn.file_search
            self._tool_step(run, emit, {"id": self.state.new_id("call_"), "type": "file_search", "file_search": {
                "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
                "results": [{"file_id": fs["file_id"], "file_name": fs["filename"], "score": fs["score"],
                             "content": [{"type": "text", "text": fs["text"]}]}]}})
        annotations = []
        if turn.citation:
            c = turn.citation
            annotations.append({"type": "file_citation", "text": c["text"], "file_citation": {"file_id": c["file_id"]},
                                "start_index": c["start"], "end_index": c["end"]})
        msg = self._new_message(run["thread_id"], {"role": "assistant", "content": ""},
                                assistant_id=run["assistant_id"], run_id=run["id"], status="in_progress",
                                completed_at=None)
        msg["content"] = []
        step = self._new_step(run, "message_creation",
                              {"type": "message_creation", "message_creation": {"message_id": msg["id"]}})
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        emit("thread.message.created", msg)
        emit("thread.message.in_progress", msg)
        for i, chunk in enumerate(_chunks(turn.text)):
            text_delta: dict[str, Any] = {"value": chunk}
            if i == 0:
                text_delta["annotations"] = []
            emit("thread.message.delta", {"id": msg["id"], "object": "thread.message.delta", "delta": {
                "content": [{"index": 0, "type": "text", "text": text_delta}]}})
        if annotations:
            emit("thread.message.delta", {"id": msg["id"], "object": "thread.message.delta", "delta": {
                "content": [{"index": 0, "type": "text", "text": {
                    "annotations": [{"index": 0, **annotations[0]}]}}]}})
        msg["content"] = [{"type": "text", "text": {"value": turn.text, "annotations": annotations}}]
        msg["status"] = "completed"
        msg["completed_at"] = now()
        emit("thread.message.completed", msg)
        step["status"] = "completed"
        step["completed_at"] = now()
        step["usage"] = usage
        emit("thread.run.step.completed", step)
        run["status"] = "completed"
        run["completed_at"] = now()
        run["expires_at"] = None
        run["usage"] = usage
        emit("thread.run.completed", run)

    def _tool_step(self, run: dict[str, Any], emit: Callable[[str, dict[str, Any]], None], call: dict[str, Any]) -> None:
        step = self._new_step(run, "tool_calls", {"type": "tool_calls", "tool_calls": [call]})
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        step["status"] = "completed"
        step["completed_at"] = now()
        emit("thread.run.step.completed", step)

    def _render_step(self, include: list[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
        with_content = "step_details.tool_calls[*].file_search.results[*].content" in include

        def render(step: dict[str, Any]) -> dict[str, Any]:
            out = public("run_steps", step)
            if not with_content and out["type"] == "tool_calls":
                for call in out["step_details"]["tool_calls"]:
                    for res in (call.get("file_search") or {}).get("results") or []:
                        res.pop("content", None)
            return out

        return render

    def list_steps(self, req: Req) -> Result:
        run = self._run(req)
        return self.paginate(req, self.state.where("run_steps", run_id=run["id"]), coll="run_steps",
                             render=self._render_step(req.qlist("include")))

    def get_step(self, req: Req) -> Result:
        run = self._run(req)
        step = self._get("run_steps", req.params["step_id"], "run step")
        if step["run_id"] != run["id"]:
            raise not_found("run step", req.params["step_id"])
        return Result(body=self._render_step(req.qlist("include"))(step))

    # ------------------------------------------------------------------ responses
    def _input_items(self, raw: Any) -> list[dict[str, Any]]:
        if raw is None:
            return []
        if isinstance(raw, str):
            raw = [{"role": "user", "content": raw}]
        items = []
        for it in raw:
            if not isinstance(it, dict):
                continue
            it = dict(it)
            t = it.get("type") or ("message" if "role" in it else None)
            if t == "message":
                role = it.get("role", "user")
                content = it.get("content")
                if isinstance(content, str):
                    ptype = "output_text" if role == "assistant" else "input_text"
                    content = [{"type": ptype, "text": content}]
                parts = []
                for p in content or []:
                    p = dict(p)
                    if p.get("type") == "output_text":
                        p.setdefault("annotations", [])
                        p.setdefault("logprobs", [])
                    parts.append(p)
                items.append({"id": it.get("id") or self.state.new_id("msg_"), "type": "message",
                              "status": it.get("status") or "completed", "role": role, "content": parts})
            elif t == "function_call":
                items.append({"id": it.get("id") or self.state.new_id("fc_"), "type": "function_call",
                              "status": it.get("status") or "completed", "call_id": it.get("call_id"),
                              "name": it.get("name"), "arguments": it.get("arguments", "")})
            elif t == "function_call_output":
                out = it.get("output")
                items.append({"id": it.get("id") or self.state.new_id("fco_"), "type": "function_call_output",
                              "status": it.get("status") or "completed", "call_id": it.get("call_id"),
                              "output": out})
            elif t == "item_reference":
                ref = self._find_item(it.get("id"))
                if ref is not None:
                    items.append(ref)
            else:
                it.setdefault("id", self.state.new_id("item_"))
                items.append(it)
        return items

    def _find_item(self, item_id: str | None) -> dict[str, Any] | None:
        for ci in self.state.all("conversation_items"):
            if ci["id"] == item_id:
                return public("conversation_items", ci)
        for r in self.state.all("responses"):
            for it in (r.get("input_items") or []) + (r.get("output") or []):
                if it.get("id") == item_id:
                    return json.loads(json.dumps(it))
        return None

    @staticmethod
    def _history_of_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        h = []
        for it in items:
            t = it.get("type")
            if t == "message":
                h.append({"type": "message", "role": it.get("role"), "text": _text_of_parts(it.get("content"))})
            elif t == "function_call":
                h.append({"type": "function_call", "call_id": it.get("call_id"), "name": it.get("name"),
                          "arguments": it.get("arguments")})
            elif t == "function_call_output":
                out = it.get("output")
                h.append({"type": "function_call_output", "call_id": it.get("call_id"),
                          "output": out if isinstance(out, str) else _text_of_parts(out)})
        return h

    def _response_context(self, resp: dict[str, Any]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        conv = resp.get("conversation")
        if conv:
            items += sorted(self.state.where("conversation_items", conversation_id=conv["id"]),
                            key=lambda o: o["created_at"])
        prev_id = resp.get("previous_response_id")
        chain = []
        while prev_id:
            prev = self.state.get("responses", prev_id)
            if prev is None:
                break
            chain.append(prev)
            prev_id = prev.get("previous_response_id")
        for prev in reversed(chain):
            items += (prev.get("input_items") or []) + (prev.get("output") or [])
        return items + (resp.get("input_items") or [])

    def _response_tools(self, resp: dict[str, Any]) -> list[dict[str, Any]]:
        tools = []
        for t in resp.get("tools") or []:
            if t.get("type") == "function":
                tools.append({"type": "function", "name": t.get("name"), "parameters": t.get("parameters")})
            elif t.get("type") == "file_search":
                tools.append({"type": "file_search", "vector_store_ids": t.get("vector_store_ids") or []})
            elif t.get("type") == "code_interpreter":
                tools.append({"type": "code_interpreter"})
        return tools

    def create_response(self, req: Req) -> Result:
        b = req.json
        conv = b.get("conversation")
        if conv is not None and b.get("previous_response_id") is not None:
            raise ApiError(400, "Mutually exclusive parameters: Ensure you are only providing one of: "
                                "'previous_response_id' or 'conversation'.",
                           param=None, code="mutually_exclusive_parameters")
        conv_id = conv.get("id") if isinstance(conv, dict) else conv
        if conv_id is not None:
            self._get("conversations", conv_id, "conversation")
        prev = b.get("previous_response_id")
        if prev is not None and self.state.get("responses", prev) is None:
            raise ApiError(404, f"Previous response with id '{prev}' not found.", param="previous_response_id",
                           code="previous_response_not_found")
        if not b.get("model"):
            raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
        tools = []
        for t in b.get("tools") or []:
            t = dict(t)
            if t.get("type") == "function":
                t.setdefault("strict", True)
                t.setdefault("description", None)
            tools.append(t)
        text = b.get("text") or {}
        text = {"format": text.get("format") or {"type": "text"}, "verbosity": text.get("verbosity") or "medium"}
        background = bool(b.get("background"))
        resp = {
            "id": self.state.new_id("resp_"),
            "object": "response",
            "created_at": now(),
            "status": "queued" if background else "in_progress",
            "background": background,
            "completed_at": None,
            "conversation": {"id": conv_id} if conv_id else None,
            "error": None,
            "incomplete_details": None,
            "instructions": b.get("instructions"),
            "max_output_tokens": b.get("max_output_tokens"),
            "max_tool_calls": b.get("max_tool_calls"),
            "metadata": b.get("metadata") or {},
            "model": b["model"],
            "output": [],
            "parallel_tool_calls": b.get("parallel_tool_calls", True),
            "previous_response_id": prev,
            "reasoning": b.get("reasoning") or {"effort": None, "summary": None},
            "service_tier": "default",
            "store": b.get("store", True),
            "temperature": b.get("temperature", 1.0),
            "text": text,
            "tool_choice": b.get("tool_choice") or "auto",
            "tools": tools,
            "top_logprobs": b.get("top_logprobs", 0),
            "top_p": b.get("top_p", 1.0),
            "truncation": b.get("truncation") or "disabled",
            "usage": None,
            "user": b.get("user"),
            "input_items": self._input_items(b.get("input")),
        }
        if resp["user"] is None:
            del resp["user"]
        self._include[resp["id"]] = list(b.get("include") or [])
        self.state.add("responses", resp)
        if b.get("stream"):
            events: list[tuple[str | None, Any]] = []
            seq = [0]

            def emit(ev: str, payload: dict[str, Any]) -> None:
                payload = {"type": ev, "sequence_number": seq[0], **payload}
                seq[0] += 1
                events.append((ev, payload))

            resp["status"] = "in_progress"
            emit("response.created", {"response": self._public_response(resp)})
            emit("response.in_progress", {"response": self._public_response(resp)})
            self._complete_response(resp, emit)
            return Result(events=events, stream_kind="responses")
        if not background:
            self._complete_response(resp, None)
        return Result(body=self._public_response(resp))

    def _public_response(self, resp: dict[str, Any], include: list[str] | None = None) -> dict[str, Any]:
        out = public("responses", resp)
        if out.get("usage", 0) is None:
            del out["usage"]
        inc = set(include if include is not None else self._include.get(resp["id"], []))
        for it in out["output"]:
            if it.get("type") == "file_search_call" and "file_search_call.results" not in inc:
                it["results"] = None
            if it.get("type") == "code_interpreter_call" and "code_interpreter_call.outputs" not in inc:
                it["outputs"] = None
        return out

    def _complete_response(self, resp: dict[str, Any], emit: Callable[[str, dict[str, Any]], None] | None) -> None:
        history = self._history_of_items(self._response_context(resp))
        turn = model.think(history, self._response_tools(resp), resp.get("tool_choice"), self.first_file)
        ev = emit or (lambda e, p: None)
        output: list[dict[str, Any]] = []
        pub = lambda it: self._public_response({"id": resp["id"], "output": [it]})["output"][0]  # noqa: E731

        def add(item: dict[str, Any], during: Callable[[int, dict[str, Any]], None]) -> None:
            idx = len(output)
            final = json.loads(json.dumps(item))
            started = dict(item, status="in_progress")
            if started.get("type") == "message":
                started["content"] = []
            if started.get("type") == "function_call":
                started["arguments"] = ""
            ev("response.output_item.added", {"output_index": idx, "item": pub(started)})
            during(idx, final)
            output.append(final)
            ev("response.output_item.done", {"output_index": idx, "item": pub(final)})

        if turn.code:
            ci = {"id": self.state.new_id("ci_"), "type": "code_interpreter_call", "status": "completed",
                  "code": turn.code["input"], "container_id": "cntr_emulator",
                  "outputs": [{"type": "logs", "logs": turn.code["logs"]}]}

            def ci_events(idx: int, item: dict[str, Any]) -> None:
                ev("response.code_interpreter_call.in_progress", {"output_index": idx, "item_id": item["id"]})
                ev("response.code_interpreter_call_code.delta", {"output_index": idx, "item_id": item["id"],
                                                                  "delta": item["code"]})
                ev("response.code_interpreter_call_code.done", {"output_index": idx, "item_id": item["id"],
                                                                 "code": item["code"]})
                ev("response.code_interpreter_call.interpreting", {"output_index": idx, "item_id": item["id"]})
                ev("response.code_interpreter_call.completed", {"output_index": idx, "item_id": item["id"]})

            add(ci, ci_events)
        if turn.file_search:
            fs = turn.file_search
            fsc = {"id": self.state.new_id("fs_"), "type": "file_search_call", "status": "completed",
                   "queries": [fs["query"]],
                   "results": [{"file_id": fs["file_id"], "filename": fs["filename"], "score": fs["score"],
                                "text": fs["text"], "attributes": {}}]}

            def fs_events(idx: int, item: dict[str, Any]) -> None:
                for name in ("in_progress", "searching", "completed"):
                    ev(f"response.file_search_call.{name}", {"output_index": idx, "item_id": item["id"]})

            add(fsc, fs_events)
        for call in turn.tool_calls:
            fc = {"id": self.state.new_id("fc_"), "type": "function_call", "status": "completed",
                  "call_id": self.state.new_id("call_"), "name": call["name"], "arguments": call["arguments"]}

            def fc_events(idx: int, item: dict[str, Any]) -> None:
                ev("response.function_call_arguments.delta", {"output_index": idx, "item_id": item["id"],
                                                               "delta": item["arguments"]})
                ev("response.function_call_arguments.done", {"output_index": idx, "item_id": item["id"],
                                                              "name": item["name"], "arguments": item["arguments"]})

            add(fc, fc_events)
        if not turn.tool_calls:
            annotations = []
            if turn.citation:
                c = turn.citation
                annotations.append({"type": "file_citation", "file_id": c["file_id"], "filename": c["filename"],
                                    "index": c["start"]})
            part = {"type": "output_text", "text": turn.text, "annotations": annotations, "logprobs": []}
            msg = {"id": self.state.new_id("msg_"), "type": "message", "status": "completed", "role": "assistant",
                   "content": [part]}

            def msg_events(idx: int, item: dict[str, Any]) -> None:
                base = {"output_index": idx, "item_id": item["id"], "content_index": 0}
                ev("response.content_part.added", {**base, "part": {"type": "output_text", "text": "",
                                                                     "annotations": [], "logprobs": []}})
                for chunk in _chunks(turn.text):
                    ev("response.output_text.delta", {**base, "delta": chunk, "logprobs": []})
                for i, ann in enumerate(annotations):
                    ev("response.output_text.annotation.added", {**base, "annotation_index": i, "annotation": ann})
                ev("response.output_text.done", {**base, "text": turn.text, "logprobs": []})
                ev("response.content_part.done", {**base, "part": part})

            add(msg, msg_events)
        resp["output"] = output
        resp["status"] = "completed"
        resp["completed_at"] = now()
        resp["usage"] = {
            "input_tokens": turn.input_tokens,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": turn.output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": turn.input_tokens + turn.output_tokens,
        }
        conv = resp.get("conversation")
        if conv and self.state.get("conversations", conv["id"]) is not None:
            for it in (resp.get("input_items") or []) + output:
                self.state.add("conversation_items", dict(json.loads(json.dumps(it)), conversation_id=conv["id"],
                                                          created_at=now()))
        ev("response.completed", {"response": self._public_response(resp)})

    def get_response(self, req: Req) -> Result:
        resp = self._get("responses", req.params["response_id"], "response")
        if resp["status"] == "queued":
            resp["status"] = "in_progress"
        elif resp["status"] == "in_progress":
            self._complete_response(resp, None)
        return Result(body=self._public_response(resp, req.qlist("include") or None))

    def delete_response(self, req: Req) -> Result:
        rid = req.params["response_id"]
        self._get("responses", rid, "response")
        self.state.remove("responses", rid)
        return Result(body={"id": rid, "object": "response.deleted", "deleted": True})

    def cancel_response(self, req: Req) -> Result:
        resp = self._get("responses", req.params["response_id"], "response")
        if not resp.get("background"):
            raise ApiError(400, "Only responses created with background=true can be cancelled.",
                           param="response_id")
        if resp["status"] in ("queued", "in_progress"):
            resp["status"] = "cancelled"
        return Result(body=self._public_response(resp))

    def list_input_items(self, req: Req) -> Result:
        resp = self._get("responses", req.params["response_id"], "response")
        items = resp.get("input_items") or []
        indexed = [dict(it, created_at=i) for i, it in enumerate(items)]
        return self.paginate(req, indexed, coll="responses", before=False,
                             render=lambda o: {k: v for k, v in o.items() if k != "created_at"})

    # ------------------------------------------------------------------ conversations
    def _check_items(self, items: Any) -> list[Any]:
        if items is None:
            return []
        if len(items) > 20:
            raise ApiError(400, f"Invalid 'items': array too long. Expected an array with maximum length 20, "
                                f"but got an array with length {len(items)} instead.",
                           param="items", code="array_above_max_length")
        return items

    def _add_items(self, conv_id: str, raw: list[Any]) -> list[dict[str, Any]]:
        added = []
        for it in self._input_items(raw):
            obj = dict(it, conversation_id=conv_id, created_at=now())
            self.state.add("conversation_items", obj)
            added.append(obj)
        return added

    def create_conversation(self, req: Req) -> Result:
        b = req.json
        items = self._check_items(b.get("items"))
        conv = {"id": self.state.new_id("conv_"), "object": "conversation", "created_at": now(),
                "metadata": b.get("metadata") or {}}
        self.state.add("conversations", conv)
        self._add_items(conv["id"], items)
        return Result(body=public("conversations", conv))

    def get_conversation(self, req: Req) -> Result:
        return Result(body=public("conversations", self._get("conversations", req.params["conversation_id"],
                                                              "conversation")))

    def update_conversation(self, req: Req) -> Result:
        conv = self._get("conversations", req.params["conversation_id"], "conversation")
        if "metadata" not in req.json:
            raise ApiError(400, "Missing required parameter: 'metadata'.", param="metadata",
                           code="missing_required_parameter")
        conv["metadata"] = req.json["metadata"] or {}
        return Result(body=public("conversations", conv))

    def delete_conversation(self, req: Req) -> Result:
        cid = req.params["conversation_id"]
        self._get("conversations", cid, "conversation")
        self.state.remove("conversations", cid)
        for it in self.state.where("conversation_items", conversation_id=cid):
            self.state.remove("conversation_items", it["id"])
        return Result(body={"id": cid, "object": "conversation.deleted", "deleted": True})

    @staticmethod
    def _item_public(it: dict[str, Any]) -> dict[str, Any]:
        out = public("conversation_items", it)
        out.pop("created_at", None)
        return out

    def create_items(self, req: Req) -> Result:
        cid = req.params["conversation_id"]
        self._get("conversations", cid, "conversation")
        if "items" not in req.json:
            raise ApiError(400, "Missing required parameter: 'items'.", param="items",
                           code="missing_required_parameter")
        added = self._add_items(cid, self._check_items(req.json["items"]))
        data = [self._item_public(it) for it in added]
        return Result(body={"object": "list", "data": data, "first_id": data[0]["id"] if data else None,
                            "last_id": data[-1]["id"] if data else None, "has_more": False})

    def list_items(self, req: Req) -> Result:
        cid = req.params["conversation_id"]
        self._get("conversations", cid, "conversation")
        return self.paginate(req, self.state.where("conversation_items", conversation_id=cid),
                             coll="conversation_items", before=False, render=self._item_public)

    def _conv_item(self, req: Req) -> dict[str, Any]:
        cid = req.params["conversation_id"]
        self._get("conversations", cid, "conversation")
        it = self._get("conversation_items", req.params["item_id"], "item")
        if it.get("conversation_id") != cid:
            raise not_found("item", req.params["item_id"])
        return it

    def get_item(self, req: Req) -> Result:
        return Result(body=self._item_public(self._conv_item(req)))

    def delete_item(self, req: Req) -> Result:
        it = self._conv_item(req)
        self.state.remove("conversation_items", it["id"])
        return Result(body=public("conversations", self.state.get("conversations", it["conversation_id"])))

    # ------------------------------------------------------------------ files
    def create_file(self, req: Req) -> Result:
        up = req.form.get("file")
        purpose = req.form.get("purpose")
        if not isinstance(up, tuple):
            raise ApiError(400, "Missing required parameter: 'file'.", param="file", code="missing_required_parameter")
        if not purpose:
            raise ApiError(400, "Missing required parameter: 'purpose'.", param="purpose",
                           code="missing_required_parameter")
        filename, data = up
        f = {"id": self.state.new_id("file-"), "object": "file", "bytes": len(data), "created_at": now(),
             "filename": filename, "purpose": purpose, "status": "processed",
             "content_base64": base64.b64encode(data).decode("ascii")}
        self.state.add("files", f)
        return Result(body=public("files", f))

    def list_files(self, req: Req) -> Result:
        items = self.state.all("files")
        purpose = req.q("purpose")
        if purpose:
            items = [f for f in items if f.get("purpose") == purpose]
        return self.paginate(req, items, coll="files", default_limit=10000, max_limit=10000, before=False)

    def get_file(self, req: Req) -> Result:
        return Result(body=public("files", self._get("files", req.params["file_id"], "file")))

    def delete_file(self, req: Req) -> Result:
        fid = req.params["file_id"]
        self._get("files", fid, "file")
        self.state.remove("files", fid)
        return Result(body={"id": fid, "object": "file", "deleted": True})

    def file_content(self, req: Req) -> Result:
        f = self._get("files", req.params["file_id"], "file")
        if f.get("purpose") in NOT_DOWNLOADABLE:
            raise ApiError(400, f"Not allowed to download files of purpose: {f['purpose']}")
        return Result(raw=base64.b64decode(f.get("content_base64") or ""), content_type="application/octet-stream")

    # ------------------------------------------------------------------ vector stores
    def _vs_counts(self, vs_id: str, only: set[str] | None = None) -> dict[str, int]:
        counts = {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0}
        for f in self.state.where("vector_store_files", vector_store_id=vs_id):
            if only is not None and f["id"] not in only:
                continue
            counts[f["status"]] = counts.get(f["status"], 0) + 1
            counts["total"] += 1
        return counts

    def _vs_public(self, vs: dict[str, Any]) -> dict[str, Any]:
        out = public("vector_stores", vs)
        counts = self._vs_counts(vs["id"])
        out["file_counts"] = counts
        out["status"] = "in_progress" if counts["in_progress"] else "completed"
        out["usage_bytes"] = sum(f.get("usage_bytes", 0) for f in self.state.where(
            "vector_store_files", vector_store_id=vs["id"]))
        return out

    def _new_vs(self, b: dict[str, Any]) -> dict[str, Any]:
        t = now()
        vs = {"id": self.state.new_id("vs_"), "object": "vector_store", "created_at": t, "name": b.get("name") or "",
              "usage_bytes": 0, "file_counts": self._vs_counts(""), "status": "completed",
              "expires_after": b.get("expires_after"), "expires_at": None, "last_active_at": t,
              "metadata": b.get("metadata") or {}}
        if vs["expires_after"] is None:
            vs.pop("expires_after")
        self.state.add("vector_stores", vs)
        for fid in b.get("file_ids") or []:
            self._attach(vs["id"], fid, None, b.get("chunking_strategy"))
        vs.update({k: v for k, v in self._vs_public(vs).items() if k in ("file_counts", "status", "usage_bytes")})
        return vs

    def create_vs(self, req: Req) -> Result:
        return Result(body=self._vs_public(self._new_vs(req.json)))

    def list_vs(self, req: Req) -> Result:
        return self.paginate(req, self.state.all("vector_stores"), coll="vector_stores", render=self._vs_public)

    def _vs(self, req: Req) -> dict[str, Any]:
        return self._get("vector_stores", req.params["vector_store_id"], "vector store")

    def _complete_files(self, vs_id: str, only: set[str] | None = None) -> None:
        for f in self.state.where("vector_store_files", vector_store_id=vs_id):
            if f["status"] == "in_progress" and (only is None or f["id"] in only):
                f["status"] = "completed"

    def get_vs(self, req: Req) -> Result:
        vs = self._vs(req)
        out = self._vs_public(vs)
        self._complete_files(vs["id"])
        vs.update({k: v for k, v in self._vs_public(vs).items() if k in ("file_counts", "status", "usage_bytes")})
        return Result(body=out, headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def update_vs(self, req: Req) -> Result:
        vs = self._vs(req)
        for k in ("name", "metadata", "expires_after"):
            if k in req.json:
                vs[k] = req.json[k]
        return Result(body=self._vs_public(vs))

    def delete_vs(self, req: Req) -> Result:
        vs = self._vs(req)
        self.state.remove("vector_stores", vs["id"])
        for f in self.state.where("vector_store_files", vector_store_id=vs["id"]):
            self.state.remove("vector_store_files", f"{vs['id']}/{f['id']}")
        return Result(body={"id": vs["id"], "object": "vector_store.deleted", "deleted": True})

    def _attach(self, vs_id: str, file_id: str, attributes: Any, chunking: Any) -> dict[str, Any]:
        f = self.state.get("files", file_id)
        if f is None:
            raise ApiError(404, f"No file found with id '{file_id}'.", param="file_id")
        data = base64.b64decode(f.get("content_base64") or "")
        existing = self.state.get("vector_store_files", f"{vs_id}/{file_id}")
        content = existing.get("content") if existing else None
        vsf = {"id": file_id, "object": "vector_store.file", "usage_bytes": len(data), "created_at": now(),
               "vector_store_id": vs_id, "status": "in_progress", "last_error": None,
               "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 800,
                                                                  "chunk_overlap_tokens": 400}},
               "attributes": attributes or {},
               "content": content or [{"type": "text", "text": data.decode("utf-8", errors="replace")}]}
        if isinstance(chunking, dict) and chunking.get("type") == "static":
            vsf["chunking_strategy"] = chunking
        self.state.add("vector_store_files", vsf)
        return vsf

    def create_vsf(self, req: Req) -> Result:
        vs = self._vs(req)
        fid = req.json.get("file_id")
        if not fid:
            raise ApiError(400, "Missing required parameter: 'file_id'.", param="file_id",
                           code="missing_required_parameter")
        vsf = self._attach(vs["id"], fid, req.json.get("attributes"), req.json.get("chunking_strategy"))
        return Result(body=public("vector_store_files", vsf), headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def _filtered(self, req: Req, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        flt = req.q("filter")
        if flt:
            if flt not in ("in_progress", "completed", "failed", "cancelled"):
                raise ApiError(400, f"Invalid value: '{flt}'. Supported values are: 'in_progress', 'completed', "
                                    "'failed', and 'cancelled'.", param="filter", code="invalid_value")
            items = [f for f in items if f["status"] == flt]
        return items

    def list_vsf(self, req: Req) -> Result:
        vs = self._vs(req)
        items = self._filtered(req, self.state.where("vector_store_files", vector_store_id=vs["id"]))
        return self.paginate(req, items, coll="vector_store_files")

    def _vsf(self, req: Req) -> dict[str, Any]:
        vs = self._vs(req)
        return self._get("vector_store_files", f"{vs['id']}/{req.params['file_id']}", "vector store file")

    def get_vsf(self, req: Req) -> Result:
        vsf = self._vsf(req)
        out = public("vector_store_files", vsf)
        if vsf["status"] == "in_progress":
            vsf["status"] = "completed"
        return Result(body=out, headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def update_vsf(self, req: Req) -> Result:
        vsf = self._vsf(req)
        if "attributes" not in req.json:
            raise ApiError(400, "Missing required parameter: 'attributes'.", param="attributes",
                           code="missing_required_parameter")
        vsf["attributes"] = req.json["attributes"] or {}
        return Result(body=public("vector_store_files", vsf))

    def delete_vsf(self, req: Req) -> Result:
        vsf = self._vsf(req)
        self.state.remove("vector_store_files", f"{vsf['vector_store_id']}/{vsf['id']}")
        return Result(body={"id": vsf["id"], "object": "vector_store.file.deleted", "deleted": True})

    def vsf_content(self, req: Req) -> Result:
        vsf = self._vsf(req)
        return Result(body={"object": "vector_store.file_content.page", "data": vsf.get("content") or [],
                            "has_more": False, "next_page": None})

    def _batch_public(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = public("vector_store_file_batches", batch)
        counts = self._vs_counts(batch["vector_store_id"], set(batch.get("file_ids") or []))
        out["file_counts"] = counts
        if batch["status"] not in ("cancelled", "cancelling"):
            out["status"] = "in_progress" if counts["in_progress"] else "completed"
        return out

    def create_batch(self, req: Req) -> Result:
        vs = self._vs(req)
        b = req.json
        specs = [{"file_id": f, "attributes": b.get("attributes")} for f in b.get("file_ids") or []]
        specs += [{"file_id": f.get("file_id"), "attributes": f.get("attributes"),
                   "chunking_strategy": f.get("chunking_strategy")} for f in b.get("files") or []]
        if not specs:
            raise ApiError(400, "Missing required parameter: 'file_ids'.", param="file_ids",
                           code="missing_required_parameter")
        for s in specs:
            self._attach(vs["id"], s["file_id"], s.get("attributes"), s.get("chunking_strategy")
                         or b.get("chunking_strategy"))
        batch = {"id": self.state.new_id("vsfb_"), "object": "vector_store.files_batch", "created_at": now(),
                 "vector_store_id": vs["id"], "status": "in_progress", "file_counts": {},
                 "file_ids": [s["file_id"] for s in specs]}
        self.state.add("vector_store_file_batches", batch)
        out = self._batch_public(batch)
        batch["file_counts"] = out["file_counts"]
        return Result(body=out, headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def _batch(self, req: Req) -> dict[str, Any]:
        vs = self._vs(req)
        batch = self._get("vector_store_file_batches", req.params["batch_id"], "vector store file batch")
        if batch["vector_store_id"] != vs["id"]:
            raise not_found("vector store file batch", req.params["batch_id"])
        return batch

    def get_batch(self, req: Req) -> Result:
        batch = self._batch(req)
        out = self._batch_public(batch)
        if batch["status"] == "in_progress":
            self._complete_files(batch["vector_store_id"], set(batch.get("file_ids") or []))
            batch["status"] = "completed"
        batch["file_counts"] = self._batch_public(batch)["file_counts"]
        return Result(body=out, headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def cancel_batch(self, req: Req) -> Result:
        batch = self._batch(req)
        if batch["status"] in ("in_progress", "cancelling"):
            for f in self.state.where("vector_store_files", vector_store_id=batch["vector_store_id"]):
                if f["id"] in (batch.get("file_ids") or []) and f["status"] == "in_progress":
                    f["status"] = "cancelled"
            batch["status"] = "cancelled"
        out = self._batch_public(batch)
        batch["file_counts"] = out["file_counts"]
        return Result(body=out)

    def list_batch_files(self, req: Req) -> Result:
        batch = self._batch(req)
        ids = set(batch.get("file_ids") or [])
        items = [f for f in self.state.where("vector_store_files", vector_store_id=batch["vector_store_id"])
                 if f["id"] in ids]
        return self.paginate(req, self._filtered(req, items), coll="vector_store_files")


def _coll_of(event: str) -> str:
    if event.startswith("thread.run.step"):
        return "run_steps"
    if event.startswith("thread.run"):
        return "runs"
    if event.startswith("thread.message"):
        return "messages"
    return "threads"
