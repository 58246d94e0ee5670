"""Files and vector stores (with their files and file batches): ``/files...``, ``/vector_stores...``."""

from __future__ import annotations

import base64
from typing import Any

from .. import model
from ..store import now, public
from .base import POLL_AFTER_MS, ApiError, Family, Req, Result, not_found


NOT_DOWNLOADABLE = {"assistants", "user_data", "fine-tune", "evals"}


class Files(Family):
    ROUTES = (
        ("POST", "/files", "create_file"),
        ("GET", "/files", "list_files"),
        ("GET", "/files/{file_id}", "get_file"),
        ("DELETE", "/files/{file_id}", "delete_file"),
        ("GET", "/files/{file_id}/content", "file_content"),
        ("POST", "/vector_stores", "create_vs"),
        ("GET", "/vector_stores", "list_vs"),
        ("GET", "/vector_stores/{vector_store_id}", "get_vs"),
        ("POST", "/vector_stores/{vector_store_id}", "update_vs"),
        ("DELETE", "/vector_stores/{vector_store_id}", "delete_vs"),
        ("POST", "/vector_stores/{vector_store_id}/files", "create_vsf"),
        ("GET", "/vector_stores/{vector_store_id}/files", "list_vsf"),
        ("GET", "/vector_stores/{vector_store_id}/files/{file_id}", "get_vsf"),
        ("POST", "/vector_stores/{vector_store_id}/files/{file_id}", "update_vsf"),
        ("DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", "delete_vsf"),
        ("GET", "/vector_stores/{vector_store_id}/files/{file_id}/content", "vsf_content"),
        ("POST", "/vector_stores/{vector_store_id}/search", "search_vs"),
        ("POST", "/vector_stores/{vector_store_id}/file_batches", "create_batch"),
        ("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", "get_batch"),
        ("POST", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", "cancel_batch"),
        ("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", "list_batch_files"),
    )

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
        purpose = req.q("purpose")
        return self.paginate(req, "files", None, keep=(lambda f: f.get("purpose") == purpose) if purpose else None,
                             default_limit=10000, max_limit=10000, before=False)

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

    def new_vector_store(self, b: dict[str, Any]) -> dict[str, Any]:
        t = now()
        vs: dict[str, Any] = {
            "id": self.state.new_id("vs_"), "object": "vector_store", "created_at": t, "name": b.get("name") or "",
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
        return Result(body=self._vs_public(self.new_vector_store(req.json)))

    def list_vs(self, req: Req) -> Result:
        return self.paginate(req, "vector_stores", None, render=self._vs_public)

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

    @staticmethod
    def _status_filter(req: Req) -> str | None:
        flt = req.q("filter")
        if flt and flt not in ("in_progress", "completed", "failed", "cancelled"):
            raise ApiError(400, f"Invalid value: '{flt}'. Supported values are: 'in_progress', 'completed', "
                                "'failed', and 'cancelled'.", param="filter", code="invalid_value")
        return flt

    def list_vsf(self, req: Req) -> Result:
        vs = self._vs(req)
        flt = self._status_filter(req)
        return self.paginate(req, "vector_store_files", vs["id"],
                             keep=(lambda f: f["status"] == flt) if flt else None)

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

    def search_vs(self, req: Req) -> Result:
        """Search by the scripted model's ranking (``model.rank_files``): every completed file of
        the store, most query words matched first, its parsed text as the one chunk."""
        vs = self._vs(req)
        b = req.json
        queries = b.get("query")
        queries = [queries] if isinstance(queries, str) else list(queries or [])
        max_results = b.get("max_num_results") or 10
        threshold = (b.get("ranking_options") or {}).get("score_threshold") or 0.0
        flt = b.get("filters")
        files = [f for f in self.state.children("vector_store_files", vs["id"])
                 if f["status"] == "completed" and (flt is None or matches_filter(flt, f.get("attributes") or {}))]
        texts = ["\n".join(p.get("text", "") for p in f.get("content") or []) for f in files]
        data: list[dict[str, Any]] = []
        for i, score in model.rank_files(" ".join(queries), texts):
            if score < threshold or len(data) == max_results:
                continue
            f = files[i]
            name = (self.state.get("files", f["id"]) or {}).get("filename") or f["id"]
            data.append({"file_id": f["id"], "filename": name, "score": score, "attributes": f.get("attributes") or {},
                         "content": [{"type": "text", "text": texts[i]}]})
        return Result(body={"object": "vector_store.search_results.page", "search_query": queries, "data": data,
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
        flt = self._status_filter(req)
        return self.paginate(req, "vector_store_files", batch["vector_store_id"],
                             keep=lambda f: f["id"] in ids and (not flt or f["status"] == flt))

    def first_file(self, vs_ids: list[str]) -> dict[str, Any] | None:
        for vs_id in vs_ids[:1]:
            for vsf in self.state.children("vector_store_files", vs_id):
                f = self.state.get("files", vsf["id"]) or {}
                text = "\n".join(p.get("text", "") for p in vsf.get("content") or [])
                return {"file_id": vsf["id"], "filename": f.get("filename") or vsf["id"], "text": text}
        return None


def matches_filter(flt: dict[str, Any], attributes: dict[str, Any]) -> bool:
    """A search ``filters`` object (comparison or compound) against a file's attributes."""
    kind = flt.get("type")
    if kind in ("and", "or"):
        results = [matches_filter(sub, attributes) for sub in flt.get("filters") or []]
        return all(results) if kind == "and" else any(results)
    key = str(flt.get("key"))
    want: Any = flt.get("value")
    if key not in attributes:
        return kind in ("ne", "nin")
    have = attributes[key]
    try:
        return {
            "eq": lambda: have == want, "ne": lambda: have != want,
            "gt": lambda: have > want, "gte": lambda: have >= want,
            "lt": lambda: have < want, "lte": lambda: have <= want,
            "in": lambda: have in want, "nin": lambda: have not in want,
        }[str(kind)]()
    except (KeyError, TypeError):
        raise ApiError(400, f"Invalid filter: {flt!r}", param="filters") from None
