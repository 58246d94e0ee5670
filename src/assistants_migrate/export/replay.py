"""Archived thread -> Conversation items (what can be carried, and findings for what cannot)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from assistants_migrate.export.archive import canonical_json

MAX_CHUNK = 20
META_MAX_KEYS = 16


@dataclass
class Replay:
    items: list[dict[str, Any]]
    messages_carried: int
    losses: dict[str, list[str]] = field(default_factory=dict)  # rule id -> details

    @property
    def sha256(self) -> str:
        return hashlib.sha256(canonical_json(self.items)).hexdigest()

    def chunks(self) -> list[list[dict[str, Any]]]:
        return [self.items[i : i + MAX_CHUNK] for i in range(0, len(self.items), MAX_CHUNK)]


def _loss(losses: dict[str, list[str]], rule: str, detail: str) -> None:
    losses.setdefault(rule, []).append(detail)


def _function_items(steps: list[dict[str, Any]] | None, losses: dict[str, list[str]]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for step in steps or []:
        details = step.get("step_details") or {}
        if details.get("type") != "tool_calls" and step.get("type") != "tool_calls":
            continue
        for call in details.get("tool_calls") or []:
            ctype = call.get("type")
            if ctype == "function":
                fn = call.get("function") or {}
                if fn.get("output") is None:
                    _loss(losses, "AM815", f"function call {call.get('id')} has no output; not carried")
                    continue
                items.append({"type": "function_call", "call_id": call.get("id"), "name": fn.get("name"),
                              "arguments": fn.get("arguments") or ""})
                items.append({"type": "function_call_output", "call_id": call.get("id"), "output": str(fn["output"])})
            elif ctype == "code_interpreter":
                _loss(losses, "AM810", f"step {step.get('id')}")
            elif ctype == "file_search":
                _loss(losses, "AM811", f"step {step.get('id')}")
    return items


def _message_item(msg: dict[str, Any], losses: dict[str, list[str]]) -> dict[str, Any] | None:
    role = msg.get("role")
    mid = msg.get("id")
    if msg.get("metadata"):
        _loss(losses, "AM812", f"message {mid}")
    if msg.get("attachments"):
        _loss(losses, "AM814", f"message {mid}: " + ", ".join(str(a.get("file_id")) for a in msg["attachments"]))
    blocks = msg.get("content") or []
    if role == "assistant":
        texts: list[str] = []
        for b in blocks:
            if b.get("type") == "text":
                text = b.get("text") or {}
                texts.append(text.get("value") or "")
                if text.get("annotations"):
                    _loss(losses, "AM816", f"message {mid}")
            elif b.get("type") == "refusal":
                texts.append(b.get("refusal") or "")
            else:
                _loss(losses, "AM815", f"message {mid}: {b.get('type')} on an assistant turn")
        content = "\n\n".join(t for t in texts if t)
        if not content:
            _loss(losses, "AM815", f"message {mid}: no text; not carried")
            return None
        return {"type": "message", "role": "assistant", "content": content}
    parts: list[dict[str, Any]] = []
    for b in blocks:
        btype = b.get("type")
        if btype == "text":
            value = (b.get("text") or {}).get("value") or ""
            if value:
                parts.append({"type": "input_text", "text": value})
        elif btype == "image_url":
            img = b.get("image_url") or {}
            if img.get("url"):
                parts.append({"type": "input_image", "image_url": img["url"], "detail": img.get("detail") or "auto"})
        elif btype == "image_file":
            img = b.get("image_file") or {}
            if img.get("file_id"):
                parts.append({"type": "input_image", "file_id": img["file_id"], "detail": img.get("detail") or "auto"})
        else:
            _loss(losses, "AM815", f"message {mid}: {btype} block")
    if not parts:
        _loss(losses, "AM815", f"message {mid}: nothing carriable")
        return None
    out_role = "user" if role != "system" else "system"
    if all(p["type"] == "input_text" for p in parts):
        # plain string content: the simplest accepted shape (EasyInputMessage)
        return {"type": "message", "role": out_role, "content": "\n\n".join(p["text"] for p in parts)}
    return {"type": "message", "role": out_role, "content": parts}


def replay_thread(doc: dict[str, Any]) -> Replay:
    """Items in order: messages oldest first; a run's function calls right before its reply."""
    losses: dict[str, list[str]] = {}
    resources = {k: v for k, v in ((doc.get("thread") or {}).get("tool_resources") or {}).items() if v}
    if resources:
        _loss(losses, "AM820", "tool_resources " + json.dumps(resources, sort_keys=True))
    messages = doc.get("messages") or []
    runs = doc.get("runs") or []
    steps = doc.get("run_steps") or {}
    fn_items = {r.get("id"): _function_items(steps.get(r.get("id")), losses) for r in runs}
    # where each run's calls go: before its first assistant message, else after the last
    # message that is not newer than the run, else at the end
    first_reply: dict[str, int] = {}
    for i, m in enumerate(messages):
        rid = m.get("run_id")
        if rid and m.get("role") == "assistant" and rid not in first_reply:
            first_reply[rid] = i
    before: dict[int, list[dict[str, Any]]] = {}
    tail: list[dict[str, Any]] = []
    for r in runs:
        calls = fn_items.get(r.get("id")) or []
        if not calls:
            continue
        if r.get("id") in first_reply:
            before.setdefault(first_reply[r["id"]], []).extend(calls)
            continue
        created = r.get("created_at") or 0
        pos = None
        for i, m in enumerate(messages):
            if (m.get("created_at") or 0) > created:
                pos = i
                break
        if pos is None:
            tail.extend(calls)
        else:
            before.setdefault(pos, []).extend(calls)
    items: list[dict[str, Any]] = []
    carried = 0
    for i, m in enumerate(messages):
        items.extend(before.get(i, []))
        item = _message_item(m, losses)
        if item is not None:
            items.append(item)
            carried += 1
    items.extend(tail)
    if messages:
        _loss(losses, "AM813", f"{len(messages)} messages")
    return Replay(items=items, messages_carried=carried, losses=losses)


def conversation_metadata(tid: str, replay: Replay, token: str, thread: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Our keys first, then the thread's metadata while it fits; returns (metadata, keys dropped)."""
    meta = {
        "source_thread_id": tid,
        "source_sha256": replay.sha256,
        "source_items": str(len(replay.items)),
        "import_token": token,
    }
    dropped: list[str] = []
    for key, value in sorted((thread.get("metadata") or {}).items()):
        if key in meta or len(meta) >= META_MAX_KEYS or len(key) > 64 or not isinstance(value, str) or len(value) > 512:
            dropped.append(key)
            continue
        meta[key] = value
    return meta, dropped


def item_fingerprint(item: dict[str, Any]) -> tuple[str, str, str]:
    """Compare what we sent with what the server lists (ids and part types may differ)."""
    itype = item.get("type") or "message"
    if itype == "message":
        content = item.get("content")
        if isinstance(content, str):
            text = content
        else:
            text = "\x1f".join(
                str(p.get("text") or p.get("image_url") or p.get("file_id") or "") for p in content or []
            )
        return itype, str(item.get("role")), text
    if itype in ("function_call", "function_call_output"):
        return itype, str(item.get("call_id")), ""
    return itype, "", ""
