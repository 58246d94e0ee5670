"""Assistants: ``/assistants`` (create, list, retrieve, modify, delete)."""

from __future__ import annotations

from typing import Any

from ..store import now, public
from .base import ApiError, Family, Req, Result


class Assistants(Family):
    ROUTES = (
        ("POST", "/assistants", "create_assistant"),
        ("GET", "/assistants", "list_assistants"),
        ("GET", "/assistants/{assistant_id}", "get_assistant"),
        ("POST", "/assistants/{assistant_id}", "update_assistant"),
        ("DELETE", "/assistants/{assistant_id}", "delete_assistant"),
    )

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
            "tool_resources": self.tool_resources(b.get("tool_resources")),
            "metadata": b.get("metadata") or {},
            "temperature": b.get("temperature", 1.0),
            "top_p": b.get("top_p", 1.0),
            "response_format": b.get("response_format") or "auto",
        }
        if b.get("reasoning_effort") is not None:
            a["reasoning_effort"] = b["reasoning_effort"]
        self.state.add("assistants", a)
        return Result(body=public("assistants", a))

    def tool_resources(self, tr: Any) -> dict[str, Any]:
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
                vs = self.api.files.new_vector_store({"file_ids": spec.get("file_ids") or [], "metadata": spec.get("metadata")})
                vs_ids.append(vs["id"])
            out["file_search"] = {"vector_store_ids": vs_ids}
        return out

    def list_assistants(self, req: Req) -> Result:
        return self.paginate(req, "assistants", None)

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
            a["tool_resources"] = self.tool_resources(b["tool_resources"])
        return Result(body=public("assistants", a))

    def delete_assistant(self, req: Req) -> Result:
        oid = req.params["assistant_id"]
        self._get("assistants", oid, "assistant")
        self.state.remove("assistants", oid)
        return Result(body={"id": oid, "object": "assistant.deleted", "deleted": True})
