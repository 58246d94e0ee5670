"""Threads, messages, runs and run steps: ``/threads...``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from .. import model
from ..store import now, public
from .base import (POLL_AFTER_MS, ApiError, Events, Family, Req, Result, code_chunks, drain, not_found, text_of_parts,
                   word_chunks)

if TYPE_CHECKING:
    from . import Api

ACTIVE_RUN = ("queued", "in_progress", "requires_action", "cancelling")


class Threads(Family):
    ROUTES = (
        ("POST", "/threads", "create_thread"),
        ("GET", "/threads", "list_threads"),
        ("POST", "/threads/runs", "create_thread_and_run"),
        ("GET", "/threads/{thread_id}", "get_thread"),
        ("POST", "/threads/{thread_id}", "update_thread"),
        ("DELETE", "/threads/{thread_id}", "delete_thread"),
        ("POST", "/threads/{thread_id}/messages", "create_message"),
        ("GET", "/threads/{thread_id}/messages", "list_messages"),
        ("GET", "/threads/{thread_id}/messages/{message_id}", "get_message"),
        ("POST", "/threads/{thread_id}/messages/{message_id}", "update_message"),
        ("DELETE", "/threads/{thread_id}/messages/{message_id}", "delete_message"),
        ("POST", "/threads/{thread_id}/runs", "create_run"),
        ("GET", "/threads/{thread_id}/runs", "list_runs"),
        ("GET", "/threads/{thread_id}/runs/{run_id}", "get_run"),
        ("POST", "/threads/{thread_id}/runs/{run_id}", "update_run"),
        ("POST", "/threads/{thread_id}/runs/{run_id}/cancel", "cancel_run"),
        ("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", "submit_tool_outputs"),
        ("GET", "/threads/{thread_id}/runs/{run_id}/steps", "list_steps"),
        ("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}", "get_step"),
    )

    def __init__(self, api: "Api") -> None:
        super().__init__(api)
        self._steps_done_pending: set[str] = set()  # tool steps completed by submit_tool_outputs
        self._include: dict[str, list[str]] = {}  # run id -> include[] given at create
        self._streaming: set[str] = set()  # runs whose stream is being sent

    def _new_thread(self, b: dict[str, Any]) -> dict[str, Any]:
        t: dict[str, Any] = {
            "id": self.state.new_id("thread_"),
            "object": "thread",
            "created_at": now(),
            "tool_resources": self.api.assistants.tool_resources(b.get("tool_resources")),
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
            t["tool_resources"] = self.api.assistants.tool_resources(b["tool_resources"])
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
        run_id = req.q("run_id")
        return self.paginate(req, "messages", tid, keep=(lambda m: m.get("run_id") == run_id) if run_id else None)

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

    def _run_result(self, req: Req, run: dict[str, Any], thread: dict[str, Any] | None = None) -> Result:
        self._include[run["id"]] = req.qlist("include")
        if not req.json.get("stream"):
            return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})
        return Result(events=self._run_stream(run, created=True, thread=thread), stream_kind="assistants")

    def _run_stream(self, run: dict[str, Any], created: bool, thread: dict[str, Any] | None = None) -> Events:
        """The SSE events of a streamed run, made one by one as the server asks (a trickled
        stream sends each as it is made). Polls do not advance a run while it streams."""
        self._streaming.add(run["id"])
        try:
            if thread is not None:
                yield self._event("thread.created", thread)
            if created:
                yield self._event("thread.run.created", run)
            for event in self._advance_run(run, to_end=True):
                yield event
                if run["status"] == "cancelled":
                    break
            if run["status"] == "cancelled":  # by a cancel request while the run streamed
                yield self._event("thread.run.cancelled", run)
            yield "done", "[DONE]"
        finally:
            self._streaming.discard(run["id"])

    def _event(self, name: str, obj: dict[str, Any]) -> tuple[str, Any]:
        """An SSE event with a copy of ``obj`` as it is now, as the wire shows it."""
        coll = _coll_of(name)
        if coll == "run_steps" and obj.get("object") == "thread.run.step":
            return name, self._render_step(self._include.get(obj["run_id"], []))(obj)
        return name, public(coll, obj)

    def create_run(self, req: Req) -> Result:
        thread = self._get("threads", req.params["thread_id"], "thread")
        run = self._new_run(thread, req.json)
        return self._run_result(req, run)

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
        return self._run_result(req, run, thread=thread)

    def _run(self, req: Req) -> dict[str, Any]:
        self._get("threads", req.params["thread_id"], "thread")
        run = self._get("runs", req.params["run_id"], "run")
        if run["thread_id"] != req.params["thread_id"]:
            raise not_found("run", req.params["run_id"])
        return run

    def get_run(self, req: Req) -> Result:
        run = self._run(req)
        if run["id"] not in self._streaming:
            drain(self._advance_run(run, to_end=False))
        return Result(body=public("runs", run), headers={"openai-poll-after-ms": POLL_AFTER_MS})

    def list_runs(self, req: Req) -> Result:
        tid = req.params["thread_id"]
        self._get("threads", tid, "thread")
        return self.paginate(req, "runs", tid)

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
        for msg in self.state.where("messages", thread_id=run["thread_id"], run_id=run["id"]):
            if msg["status"] == "in_progress":  # cut off while it streamed
                msg.update(status="incomplete", incomplete_at=now(), incomplete_details={"reason": "run_cancelled"})
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
        return Result(events=self._run_stream(run, created=False), stream_kind="assistants")

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
        for m in self.state.children("messages", run["thread_id"]):
            history.append({"type": "message", "role": m["role"], "text": text_of_parts(m["content"])})
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

    def _advance_run(self, run: dict[str, Any], to_end: bool) -> Events:
        """Move a run one step (poll) or to its next resting state (stream), yielding its events."""
        while True:
            status = run["status"]
            if status == "queued":
                if to_end:
                    yield self._event("thread.run.queued", run)
                run["status"] = "in_progress"
                run["started_at"] = run["started_at"] or now()
                if to_end:
                    yield self._event("thread.run.in_progress", run)
                    for step in self.state.where("run_steps", run_id=run["id"]):
                        if step["id"] in self._steps_done_pending:
                            self._steps_done_pending.discard(step["id"])
                            yield self._event("thread.run.step.completed", step)
                    continue
                return
            if status == "in_progress":
                for step in self.state.where("run_steps", run_id=run["id"]):
                    self._steps_done_pending.discard(step["id"])
                yield from self._work(run)
            return

    def _work(self, run: dict[str, Any]) -> Events:
        tools = self._run_tools(run)
        turn = model.think(self._run_history(run), tools, run.get("tool_choice"), self.api.files.first_file)
        usage = {"prompt_tokens": turn.input_tokens, "completion_tokens": turn.output_tokens,
                 "total_tokens": turn.input_tokens + turn.output_tokens}
        if turn.tool_calls:
            step = self._new_step(run, "tool_calls", {"type": "tool_calls", "tool_calls": []})
            yield self._event("thread.run.step.created", step)
            yield self._event("thread.run.step.in_progress", step)
            calls: list[dict[str, Any]] = []
            for call in turn.tool_calls:
                calls.append({"id": self.state.new_id("call_"), "type": "function",
                              "function": {"name": call["name"], "arguments": call["arguments"], "output": None}})
            step["step_details"]["tool_calls"] = calls
            yield self._event("thread.run.step.delta", {
                "id": step["id"], "object": "thread.run.step.delta",
                "delta": {"step_details": {"type": "tool_calls", "tool_calls": [
                    {"index": i, **c} for i, c in enumerate(calls)]}},
            })
            run["status"] = "requires_action"
            run["required_action"] = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": [
                {"id": c["id"], "type": "function",
                 "function": {"name": c["function"]["name"], "arguments": c["function"]["arguments"]}}
                for c in calls]}}
            yield self._event("thread.run.requires_action", run)
            return
        if turn.code:
            yield from self._code_interpreter_step(run, turn.code)
        if turn.file_search:
            yield from self._file_search_step(run, turn.file_search)
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
        yield self._event("thread.run.step.created", step)
        yield self._event("thread.run.step.in_progress", step)
        yield self._event("thread.message.created", msg)
        yield self._event("thread.message.in_progress", msg)
        for i, chunk in enumerate(word_chunks(turn.text)):
            text_delta: dict[str, Any] = {"value": chunk}
            if i == 0:
                text_delta["annotations"] = []
            yield self._event("thread.message.delta", {"id": msg["id"], "object": "thread.message.delta", "delta": {
                "content": [{"index": 0, "type": "text", "text": text_delta}]}})
        if annotations:
            yield self._event("thread.message.delta", {"id": msg["id"], "object": "thread.message.delta", "delta": {
                "content": [{"index": 0, "type": "text", "text": {
                    "annotations": [{"index": 0, **annotations[0]}]}}]}})
        msg["content"] = [{"type": "text", "text": {"value": turn.text, "annotations": annotations}}]
        msg["status"] = "completed"
        msg["completed_at"] = now()
        yield self._event("thread.message.completed", msg)
        step["status"] = "completed"
        step["completed_at"] = now()
        step["usage"] = usage
        yield self._event("thread.run.step.completed", step)
        run["status"] = "completed"
        run["completed_at"] = now()
        run["expires_at"] = None
        run["usage"] = usage
        yield self._event("thread.run.completed", run)

    def _code_interpreter_step(self, run: dict[str, Any], code: dict[str, str]) -> Events:
        """A code-interpreter step as the API streams it: the call (empty input), its input in
        pieces, then its logs output, each a ``thread.run.step.delta`` of tool call 0."""
        step = self._new_step(run, "tool_calls", {"type": "tool_calls", "tool_calls": []})
        yield self._event("thread.run.step.created", step)
        yield self._event("thread.run.step.in_progress", step)
        call: dict[str, Any] = {"id": self.state.new_id("call_"), "type": "code_interpreter",
                                "code_interpreter": {"input": "", "outputs": []}}
        step["step_details"]["tool_calls"] = [call]
        yield self._tool_call_delta(step, dict(call, code_interpreter={"input": "", "outputs": []}))
        for piece in code_chunks(code["input"]):
            call["code_interpreter"]["input"] += piece
            yield self._tool_call_delta(step, {"type": "code_interpreter", "code_interpreter": {"input": piece}})
        logs = {"type": "logs", "logs": code["logs"]}
        call["code_interpreter"]["outputs"] = [logs]
        yield self._tool_call_delta(step, {"type": "code_interpreter",
                                           "code_interpreter": {"outputs": [{"index": 0, **logs}]}})
        yield from self._complete_step(step)

    def _file_search_step(self, run: dict[str, Any], found: dict[str, Any]) -> Events:
        """A file-search step as the API streams it: the call, then its ranking options and
        results (their ``content`` only with the run's ``include[]``)."""
        step = self._new_step(run, "tool_calls", {"type": "tool_calls", "tool_calls": []})
        yield self._event("thread.run.step.created", step)
        yield self._event("thread.run.step.in_progress", step)
        call: dict[str, Any] = {"id": self.state.new_id("call_"), "type": "file_search", "file_search": {}}
        step["step_details"]["tool_calls"] = [call]
        yield self._tool_call_delta(step, dict(call, file_search={}))
        call["file_search"] = {
            "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
            "results": [{"file_id": found["file_id"], "file_name": found["filename"], "score": found["score"],
                         "content": [{"type": "text", "text": found["text"]}]}]}
        shown = self._event("thread.run.step.completed", step)[1]["step_details"]["tool_calls"][0]
        yield self._tool_call_delta(step, {"type": "file_search", "file_search": shown["file_search"]})
        yield from self._complete_step(step)

    def _tool_call_delta(self, step: dict[str, Any], call_delta: dict[str, Any], index: int = 0) -> tuple[str, Any]:
        return self._event("thread.run.step.delta", {
            "id": step["id"], "object": "thread.run.step.delta",
            "delta": {"step_details": {"type": "tool_calls", "tool_calls": [{"index": index, **call_delta}]}}})

    def _complete_step(self, step: dict[str, Any]) -> Events:
        step["status"] = "completed"
        step["completed_at"] = now()
        yield self._event("thread.run.step.completed", step)

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
        return self.paginate(req, "run_steps", run["id"], render=self._render_step(req.qlist("include")))

    def get_step(self, req: Req) -> Result:
        run = self._run(req)
        step = self._get("run_steps", req.params["step_id"], "run step")
        if step["run_id"] != run["id"]:
            raise not_found("run step", req.params["step_id"])
        return Result(body=self._render_step(req.qlist("include"))(step))

def _coll_of(event: str) -> str:
    if event.startswith("thread.run.step"):
        return "run_steps"
    if event.startswith("thread.run"):
        return "runs"
    if event.startswith("thread.message"):
        return "messages"
    return "threads"
