"""Deterministic emulator state for export/import tests and the memory benchmark.

`make_seed(n_threads)` returns a state dict (emulator state format) plus the thread ids
and the expected counts. Texts are short so that 200 threads with up to 150 messages
stay quick to serve and validate.
"""

from __future__ import annotations

import base64
import random
from typing import Any

T0 = 1_750_000_000
VS_FILES = 50
STEP_INCLUDE_NOTE = "file_search results keep content in state; the API returns it with include[]"


class _Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> int:
        self.t += 1
        return self.t


def _file(fid: str, purpose: str, name: str, data: bytes, t: int) -> dict[str, Any]:
    return {
        "id": fid, "object": "file", "bytes": len(data), "created_at": t,
        "filename": name, "purpose": purpose, "status": "processed",
        "content_base64": base64.b64encode(data).decode("ascii"),
    }


def _message(mid: str, tid: str, role: str, content: list[dict[str, Any]], t: int, **extra: Any) -> dict[str, Any]:
    m = {
        "id": mid, "object": "thread.message", "created_at": t, "thread_id": tid, "status": "completed",
        "incomplete_details": None, "completed_at": t, "incomplete_at": None, "role": role, "content": content,
        "assistant_id": None, "run_id": None, "attachments": [], "metadata": {},
    }
    m.update(extra)
    return m


def _text(value: str, annotations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": "text", "text": {"value": value, "annotations": annotations or []}}


def make_seed(n_threads: int = 200, *, seed: int = 7, max_messages: int = 150, gone_threads: int = 2,
              images: bool = True) -> dict[str, Any]:
    rng = random.Random(seed)
    clock = _Clock()
    state: dict[str, Any] = {k: [] for k in (
        "assistants", "threads", "messages", "runs", "run_steps", "files", "vector_stores", "vector_store_files")}
    state["gone"] = []

    # files: 50 text files for vector stores (purpose assistants), generated outputs, user data, vision
    vs_file_ids = []
    for i in range(VS_FILES):
        fid = f"file-vs{i:04d}"
        text = f"Document {i}. " + " ".join(rng.choice(["alpha", "beta", "gamma", "delta"]) for _ in range(12))
        state["files"].append(_file(fid, "assistants", f"doc{i}.txt", text.encode(), clock()))
        vs_file_ids.append(fid)
    out_ids = []
    for i in range(8):
        fid = f"file-out{i:04d}"
        data = bytes(rng.randrange(256) for _ in range(64 + i))
        state["files"].append(_file(fid, "assistants_output", f"plot{i}.png", data, clock()))
        out_ids.append(fid)
    for i in range(4):
        state["files"].append(_file(f"file-ud{i:04d}", "user_data", f"upload{i}.pdf", b"%PDF-1.4 " + bytes([i]) * 20, clock()))
    vision_ids = []
    for i in range(4):
        fid = f"file-vis{i:04d}"
        state["files"].append(_file(fid, "vision", f"photo{i}.jpg", b"\xff\xd8\xff" + bytes([i]) * 30, clock()))
        vision_ids.append(fid)
    state["files"].append(_file("file-batch0000", "batch", "batch.jsonl", b'{"custom_id": "1"}\n', clock()))

    # three vector stores holding the 50 files
    splits = [vs_file_ids[:20], vs_file_ids[20:35], vs_file_ids[35:]]
    vs_ids = []
    for i, fids in enumerate(splits):
        vsid = f"vs_seed{i:03d}"
        vs_ids.append(vsid)
        t = clock()
        state["vector_stores"].append({
            "id": vsid, "object": "vector_store", "created_at": t, "name": f"store {i}", "usage_bytes": 0,
            "file_counts": {"in_progress": 0, "completed": len(fids), "failed": 0, "cancelled": 0, "total": len(fids)},
            "status": "completed", "expires_at": None, "last_active_at": t, "metadata": {"team": f"t{i}"},
        })
        for j, fid in enumerate(fids):
            f = next(x for x in state["files"] if x["id"] == fid)
            text = base64.b64decode(f["content_base64"]).decode()
            chunking = ({"type": "static", "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100}}
                        if j % 3 == 0 else
                        {"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}})
            state["vector_store_files"].append({
                "id": fid, "object": "vector_store.file", "usage_bytes": f["bytes"], "created_at": clock(),
                "vector_store_id": vsid, "status": "completed", "last_error": None, "chunking_strategy": chunking,
                "attributes": {"lang": "en", "rank": j, "public": j % 2 == 0},
                "content": [{"type": "text", "text": text}],
            })

    # assistants
    tools_fn = {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
                                                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                                                 "required": ["city"]}, "strict": False}}
    assistants = [
        {"tools": [tools_fn], "tool_resources": {}, "response_format": "auto"},
        {"tools": [{"type": "file_search", "file_search": {"max_num_results": 5, "ranking_options": {
            "ranker": "default_2024_08_21", "score_threshold": 0.2}}}],
         "tool_resources": {"file_search": {"vector_store_ids": [vs_ids[1]]}},
         "response_format": {"type": "json_schema", "json_schema": {
             "name": "answer", "schema": {"type": "object", "properties": {"a": {"type": "string"}}}, "strict": True}}},
        {"tools": [{"type": "code_interpreter"}], "tool_resources": {"code_interpreter": {"file_ids": [out_ids[0]]}},
         "response_format": {"type": "json_object"}, "reasoning_effort": "high"},
        {"tools": [], "tool_resources": {}, "response_format": {"type": "text"}},
    ]
    asst_ids = []
    for i, extra in enumerate(assistants):
        aid = f"asst_seed{i:03d}"
        asst_ids.append(aid)
        a = {"id": aid, "object": "assistant", "created_at": clock(), "name": f"Assistant {i}",
             "description": None if i % 2 else f"helper {i}", "model": "gpt-4o" if i != 2 else "o3-mini",
             "instructions": f"You are assistant {i}.", "metadata": {}, "temperature": 1.0 if i != 2 else None,
             "top_p": 1.0 if i != 2 else None}
        a.update(extra)
        state["assistants"].append(a)

    # threads
    thread_ids: list[str] = []
    expected_items: dict[str, int] = {}
    for n in range(n_threads):
        tid = f"thread_seed{n:05d}"
        thread_ids.append(tid)
        if n == 0:
            count = max_messages
        elif n == 1:
            count = 1
        else:
            count = 1 + int((max_messages - 1) * rng.random() ** 3)
        res: dict[str, Any] = {}
        if n % 10 == 0:
            res = {"file_search": {"vector_store_ids": [vs_ids[n % 3]]}}
        state["threads"].append({"id": tid, "object": "thread", "created_at": clock(), "tool_resources": res,
                                 "metadata": {"user": f"u{n}"} if n % 4 == 0 else {}})
        items = 0
        run_budget = 2 if n % 3 == 0 else 1 if n % 3 == 1 else 0
        for k in range(count):
            role = "user" if k % 2 == 0 else "assistant"
            mid = f"msg_s{n:05d}m{k:04d}"
            extra: dict[str, Any] = {}
            content: list[dict[str, Any]] = [_text(f"{role} {k} of {tid}")]
            if images and role == "user" and k == 2 and n % 5 == 0:
                content.append({"type": "image_file", "image_file": {"file_id": vision_ids[n % 4], "detail": "low"}})
            if images and role == "user" and k == 4 and n % 7 == 0:
                content.append({"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "auto"}})
            if role == "user" and k == 0 and n % 6 == 0:
                extra["attachments"] = [{"file_id": f"file-ud{n % 4:04d}", "tools": [{"type": "file_search"}]}]
            if k == 0 and n % 8 == 0:
                extra["metadata"] = {"source": "web"}
            t = clock()
            run_id = None
            steps: list[dict[str, Any]] = []
            if role == "assistant" and run_budget > 0 and k >= count - 2 * run_budget:
                run_budget -= 1
                aid = asst_ids[n % len(asst_ids)]
                run_id = f"run_s{n:05d}r{k:04d}"
                extra.update(run_id=run_id, assistant_id=aid)
                details: list[dict[str, Any]] = []
                if aid == asst_ids[0]:
                    call_id = f"call_s{n:05d}k{k:04d}"
                    details.append({"id": call_id, "type": "function", "function": {
                        "name": "get_weather", "arguments": '{"city": "Oslo"}', "output": '{"temp": 3}'}})
                    items += 2
                elif aid == asst_ids[1]:
                    fid = vs_file_ids[n % VS_FILES]
                    details.append({"id": f"call_fs{n:05d}k{k:04d}", "type": "file_search", "file_search": {
                        "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.0},
                        "results": [{"file_id": fid, "file_name": f"doc{n % VS_FILES}.txt", "score": 0.5,
                                     "content": [{"type": "text", "text": "alpha beta"}]}]}})
                    content[0]["text"]["annotations"] = [{"type": "file_citation", "text": "[1]", "start_index": 0,
                                                          "end_index": 3, "file_citation": {"file_id": fid}}]
                elif aid == asst_ids[2]:
                    out = out_ids[n % len(out_ids)]
                    details.append({"id": f"call_ci{n:05d}k{k:04d}", "type": "code_interpreter", "code_interpreter": {
                        "input": "plot()", "outputs": [{"type": "logs", "logs": "ok"},
                                                       {"type": "image", "image": {"file_id": out}}]}})
                    content.append({"type": "image_file", "image_file": {"file_id": out, "detail": "auto"}})
                run = {
                    "id": run_id, "object": "thread.run", "created_at": t, "thread_id": tid, "assistant_id": aid,
                    "status": "completed", "required_action": None, "last_error": None, "expires_at": None,
                    "started_at": t, "cancelled_at": None, "failed_at": None, "completed_at": t,
                    "incomplete_details": None, "model": "gpt-4o", "instructions": "be brief",
                    "tools": [], "metadata": {},
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                    "temperature": 1.0, "top_p": 1.0, "max_prompt_tokens": None, "max_completion_tokens": None,
                    "truncation_strategy": {"type": "auto", "last_messages": None}, "tool_choice": "auto",
                    "parallel_tool_calls": True, "response_format": "auto",
                }
                state["runs"].append(run)
                for d in details:
                    steps.append({"type": "tool_calls", "step_details": {"type": "tool_calls", "tool_calls": [d]}})
                steps.append({"type": "message_creation",
                              "step_details": {"type": "message_creation", "message_creation": {"message_id": mid}}})
                for si, s in enumerate(steps):
                    state["run_steps"].append({
                        "id": f"step_s{n:05d}k{k:04d}x{si}", "object": "thread.run.step", "created_at": t,
                        "assistant_id": aid, "thread_id": tid, "run_id": run_id, "type": s["type"],
                        "status": "completed", "step_details": s["step_details"], "last_error": None,
                        "expired_at": None, "cancelled_at": None, "failed_at": None, "completed_at": t,
                        "metadata": {}, "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    })
            state["messages"].append(_message(mid, tid, role, content, t, **extra))
            items += 1
        expected_items[tid] = items
    for g in range(gone_threads):
        gid = f"thread_gone{g:03d}"
        state["gone"].append(gid)
        thread_ids.append(gid)
    return {
        "state": state,
        "thread_ids": thread_ids,
        "expected_items": expected_items,
        "counts": {
            "threads": n_threads,
            "threads_gone": gone_threads,
            "messages": len(state["messages"]),
            "runs": len(state["runs"]),
            "run_steps": len(state["run_steps"]),
            "files": len(state["files"]),
            "vector_stores": len(state["vector_stores"]),
            "vector_store_files": len(state["vector_store_files"]),
            "assistants": len(state["assistants"]),
        },
    }
