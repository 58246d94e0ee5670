"""Responses: ``/responses...``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable

from .. import model
from ..store import now, public
from .base import ApiError, Family, Req, Result, text_of_parts, word_chunks

if TYPE_CHECKING:
    from . import Api


class Responses(Family):
    ROUTES = (
        ("POST", "/responses", "create_response"),
        ("GET", "/responses/{response_id}", "get_response"),
        ("DELETE", "/responses/{response_id}", "delete_response"),
        ("POST", "/responses/{response_id}/cancel", "cancel_response"),
        ("GET", "/responses/{response_id}/input_items", "list_input_items"),
    )

    def __init__(self, api: "Api") -> None:
        super().__init__(api)
        self._include: dict[str, list[str]] = {}  # response id -> include[] given at create

    def input_items(self, raw: Any) -> list[dict[str, Any]]:
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
                h.append({"type": "message", "role": it.get("role"), "text": text_of_parts(it.get("content"))})
            elif t == "function_call":
                h.append({"type": "function_call", "call_id": it.get("call_id"), "name": it.get("name"),
                          "arguments": it.get("arguments")})
            elif t == "function_call_output":
                out = it.get("output")
                h.append({"type": "function_call_output", "call_id": it.get("call_id"),
                          "output": out if isinstance(out, str) else text_of_parts(out)})
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
            "input_items": self.input_items(b.get("input")),
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
        turn = model.think(history, self._response_tools(resp), resp.get("tool_choice"), self.api.files.first_file)
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
                for chunk in word_chunks(turn.text):
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
