"""Responses: ``/responses...``."""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from typing import TYPE_CHECKING, Any, Callable

from .. import model
from ..store import now, public
from .base import ApiError, Events, Family, Req, Result, code_chunks, drain, text_of_parts, word_chunks

if TYPE_CHECKING:
    from . import Api


class Responses(Family):
    ROUTES = (
        ("POST", "/responses", "create_response"),
        ("POST", "/responses/input_tokens", "count_input_tokens"),
        ("POST", "/responses/compact", "compact"),
        ("GET", "/responses/{response_id}", "get_response"),
        ("DELETE", "/responses/{response_id}", "delete_response"),
        ("POST", "/responses/{response_id}/cancel", "cancel_response"),
        ("GET", "/responses/{response_id}/input_items", "list_input_items"),
    )

    def __init__(self, api: "Api") -> None:
        super().__init__(api)
        self._include: dict[str, list[str]] = {}  # response id -> include[] given at create
        self._streaming: set[str] = set()  # responses whose stream is being sent

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
        ci = self.state.get("conversation_items", item_id) if item_id else None
        if ci is not None:
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
            elif t == "compaction":
                h += _unfold(it.get("encrypted_content"))
        return h

    def _response_context(self, resp: dict[str, Any]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        conv = resp.get("conversation")
        if conv:
            items += self.state.children("conversation_items", conv["id"])
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

    def _context_of(self, b: dict[str, Any]) -> tuple[str | None, str | None]:
        """The conversation id and previous response id a request body continues (checked)."""
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
        return conv_id, prev

    def _request_context(self, b: dict[str, Any]) -> list[dict[str, Any]]:
        """The items a request body would answer: its conversation or previous responses, then its input."""
        conv_id, prev = self._context_of(b)
        return self._response_context({"conversation": {"id": conv_id} if conv_id else None,
                                       "previous_response_id": prev, "input_items": self.input_items(b.get("input"))})

    def count_input_tokens(self, req: Req) -> Result:
        """What ``usage.input_tokens`` of a response created with this body would be."""
        history = self._history_of_items(self._request_context(req.json))
        return Result(body={"object": "response.input_tokens", "input_tokens": model.count_input_tokens(history)})

    def compact(self, req: Req) -> Result:
        """Keep the user messages; fold everything else into one ``compaction`` item whose opaque
        ``encrypted_content`` this emulator unfolds again when the item comes back as input."""
        b = req.json
        if not b.get("model"):
            raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
        items = self._request_context(b)
        kept = [{k: v for k, v in it.items() if k not in ("conversation_id", "created_at")}
                for it in items if it.get("type") == "message" and it.get("role") == "user"]
        folded = self._history_of_items([it for it in items if not (it.get("type") == "message"
                                                                     and it.get("role") == "user")])
        compaction = {"type": "compaction", "id": self.state.new_id("cmp_"),
                      "encrypted_content": base64.b64encode(json.dumps(folded).encode()).decode("ascii")}
        tokens = model.count_input_tokens(self._history_of_items(items))
        return Result(body={"id": self.state.new_id("resp_"), "object": "response.compaction",
                            "output": kept + [compaction], "created_at": now(),
                            "usage": usage(tokens, 0)})

    def create_response(self, req: Req) -> Result:
        b = req.json
        conv_id, prev = self._context_of(b)
        if not b.get("model"):
            raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
        tools = []
        for i, t in enumerate(b.get("tools") or []):
            t = dict(t)
            if t.get("type") == "function" and not t.get("name"):
                # the Assistants/Chat shape nests it under "function": the API rejects it, never ignores it
                raise ApiError(400, f"Missing required parameter: 'tools[{i}].name'.", param=f"tools[{i}].name",
                               code="missing_required_parameter")
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
            resp["status"] = "in_progress"
            self._streaming.add(resp["id"])
            return Result(events=self._response_stream(resp), stream_kind="responses")
        if not background:
            drain(self._complete_response(resp))
        return Result(body=self._public_response(resp))

    def _response_stream(self, resp: dict[str, Any]) -> Events:
        """The SSE events of a streamed response, numbered, made one by one as the server asks.
        Retrieves do not complete a response while it streams."""
        seq = itertools.count()

        def numbered(event: str, payload: dict[str, Any]) -> tuple[str, Any]:
            return event, {"type": event, "sequence_number": next(seq), **payload}

        try:
            yield numbered("response.created", {"response": self._public_response(resp)})
            yield numbered("response.in_progress", {"response": self._public_response(resp)})
            for event, payload in self._complete_response(resp):
                yield numbered(event, payload)
        finally:
            self._streaming.discard(resp["id"])

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

    def _complete_response(self, resp: dict[str, Any]) -> Events:
        """Answer by the scripted model, yielding the stream events (unnumbered) of each output item."""
        history = self._history_of_items(self._response_context(resp))
        turn = model.think(history, self._response_tools(resp), resp.get("tool_choice"), self.api.files.first_file)
        output: list[dict[str, Any]] = []
        pub = lambda it: self._public_response({"id": resp["id"], "output": [it]})["output"][0]  # noqa: E731

        def add(item: dict[str, Any], started: dict[str, Any],
                during: Callable[[int, dict[str, Any]], Events]) -> Events:
            idx = len(output)
            final = json.loads(json.dumps(item))
            yield "response.output_item.added", {"output_index": idx, "item": pub(dict(item, **started))}
            yield from during(idx, final)
            output.append(final)
            yield "response.output_item.done", {"output_index": idx, "item": pub(final)}

        if turn.code:
            code_tool = next(t for t in resp.get("tools") or [] if t.get("type") == "code_interpreter")
            ci = {"id": self.state.new_id("ci_"), "type": "code_interpreter_call", "status": "completed",
                  "code": turn.code["input"], "container_id": self.api.containers.for_code_interpreter(code_tool)["id"],
                  "outputs": [{"type": "logs", "logs": turn.code["logs"]}]}

            def ci_events(idx: int, item: dict[str, Any]) -> Events:
                ids = {"output_index": idx, "item_id": item["id"]}
                yield "response.code_interpreter_call.in_progress", ids
                for piece in code_chunks(item["code"]):
                    yield "response.code_interpreter_call_code.delta", {**ids, "delta": piece}
                yield "response.code_interpreter_call_code.done", {**ids, "code": item["code"]}
                yield "response.code_interpreter_call.interpreting", ids
                yield "response.code_interpreter_call.completed", ids

            yield from add(ci, {"status": "in_progress", "code": "", "outputs": None}, ci_events)
        if turn.file_search:
            fs = turn.file_search
            fsc = {"id": self.state.new_id("fs_"), "type": "file_search_call", "status": "completed",
                   "queries": [fs["query"]],
                   "results": [{"file_id": fs["file_id"], "filename": fs["filename"], "score": fs["score"],
                                "text": fs["text"], "attributes": {}}]}

            def fs_events(idx: int, item: dict[str, Any]) -> Events:
                for name in ("in_progress", "searching", "completed"):
                    yield f"response.file_search_call.{name}", {"output_index": idx, "item_id": item["id"]}

            yield from add(fsc, {"status": "in_progress", "results": None}, fs_events)
        for call in turn.tool_calls:
            fc = {"id": self.state.new_id("fc_"), "type": "function_call", "status": "completed",
                  "call_id": self.state.new_id("call_"), "name": call["name"], "arguments": call["arguments"]}

            def fc_events(idx: int, item: dict[str, Any]) -> Events:
                ids = {"output_index": idx, "item_id": item["id"]}
                yield "response.function_call_arguments.delta", {**ids, "delta": item["arguments"]}
                yield "response.function_call_arguments.done", {**ids, "name": item["name"],
                                                                 "arguments": item["arguments"]}

            yield from add(fc, {"status": "in_progress", "arguments": ""}, fc_events)
        if not turn.tool_calls:
            annotations = []
            if turn.citation:
                c = turn.citation
                annotations.append({"type": "file_citation", "file_id": c["file_id"], "filename": c["filename"],
                                    "index": c["start"]})
            part = {"type": "output_text", "text": turn.text, "annotations": annotations, "logprobs": []}
            msg = {"id": self.state.new_id("msg_"), "type": "message", "status": "completed", "role": "assistant",
                   "content": [part]}

            def msg_events(idx: int, item: dict[str, Any]) -> Events:
                base = {"output_index": idx, "item_id": item["id"], "content_index": 0}
                yield "response.content_part.added", {**base, "part": {"type": "output_text", "text": "",
                                                                        "annotations": [], "logprobs": []}}
                for chunk in word_chunks(turn.text):
                    yield "response.output_text.delta", {**base, "delta": chunk, "logprobs": []}
                for i, ann in enumerate(annotations):
                    yield "response.output_text.annotation.added", {**base, "annotation_index": i,
                                                                     "annotation": ann}
                yield "response.output_text.done", {**base, "text": turn.text, "logprobs": []}
                yield "response.content_part.done", {**base, "part": part}

            yield from add(msg, {"status": "in_progress", "content": []}, msg_events)
        resp["output"] = output
        resp["status"] = "completed"
        resp["completed_at"] = now()
        resp["usage"] = usage(turn.input_tokens, turn.output_tokens)
        conv = resp.get("conversation")
        if conv and self.state.get("conversations", conv["id"]) is not None:
            for it in (resp.get("input_items") or []) + output:
                self.state.add("conversation_items", dict(json.loads(json.dumps(it)), conversation_id=conv["id"],
                                                          created_at=now()))
        yield "response.completed", {"response": self._public_response(resp)}

    def get_response(self, req: Req) -> Result:
        resp = self._get("responses", req.params["response_id"], "response")
        if resp["status"] == "queued":
            resp["status"] = "in_progress"
        elif resp["status"] == "in_progress" and resp["id"] not in self._streaming:
            drain(self._complete_response(resp))
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
        return self.paginate_items(req, resp.get("input_items") or [])


def usage(input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + output_tokens,
    }


def _unfold(encrypted_content: Any) -> list[dict[str, Any]]:
    """The history a compaction item of this emulator folded (nothing for a foreign one)."""
    try:
        folded = json.loads(base64.b64decode(str(encrypted_content), validate=True))
    except (ValueError, binascii.Error):
        return []
    return [e for e in folded if isinstance(e, dict)] if isinstance(folded, list) else []
