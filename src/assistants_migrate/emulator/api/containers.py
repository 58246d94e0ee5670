"""Containers and their files: ``/containers...``, as far as code interpreter needs them.

A Responses ``code_interpreter`` tool runs in a container: ``container: "cntr_..."`` names one,
``container: {"type": "auto", "file_ids": [...]}`` (or ``"auto"``) makes a new one holding
those files, as the API does. Container files of uploaded files are at ``/mnt/data/<filename>``
with ``source: "user"``.
"""

from __future__ import annotations

import base64
from typing import Any

from ..store import now, public
from .base import ApiError, Family, Req, Result, not_found

CONTAINER_TTL_MINUTES = 20
DATA_DIR = "/mnt/data"


class Containers(Family):
    ROUTES = (
        ("POST", "/containers", "create_container"),
        ("GET", "/containers", "list_containers"),
        ("GET", "/containers/{container_id}", "get_container"),
        ("DELETE", "/containers/{container_id}", "delete_container"),
        ("POST", "/containers/{container_id}/files", "create_container_file"),
        ("GET", "/containers/{container_id}/files", "list_container_files"),
        ("GET", "/containers/{container_id}/files/{file_id}", "get_container_file"),
        ("DELETE", "/containers/{container_id}/files/{file_id}", "delete_container_file"),
        ("GET", "/containers/{container_id}/files/{file_id}/content", "container_file_content"),
    )

    def new_container(self, name: str, file_ids: list[str], memory_limit: str | None = None,
                      expires_after: dict[str, Any] | None = None) -> dict[str, Any]:
        t = now()
        c = {"id": self.state.new_id("cntr_"), "object": "container", "name": name, "created_at": t,
             "status": "running", "last_active_at": t,
             "expires_after": expires_after or {"anchor": "last_active_at", "minutes": CONTAINER_TTL_MINUTES},
             "memory_limit": memory_limit or "1g"}
        self.state.add("containers", c)
        for fid in file_ids:
            self._add_uploaded(c, fid)
        return c

    def for_code_interpreter(self, tool: dict[str, Any]) -> dict[str, Any]:
        """The container a code-interpreter call of ``tool`` runs in (a new one for ``auto``)."""
        spec = tool.get("container")
        if isinstance(spec, str) and spec != "auto":
            c = self._get("containers", spec, "container")
            c["last_active_at"] = now()
            return c
        auto = spec if isinstance(spec, dict) else {}
        return self.new_container("code-interpreter", list(auto.get("file_ids") or []), auto.get("memory_limit"))

    def _add_uploaded(self, container: dict[str, Any], file_id: str) -> dict[str, Any]:
        f = self.state.get("files", file_id)
        if f is None:
            raise ApiError(404, f"No file found with id '{file_id}'.", param="file_id")
        data = base64.b64decode(f.get("content_base64") or "")
        return self._add_file(container, f"{DATA_DIR}/{f['filename']}", data, "user")

    def _add_file(self, container: dict[str, Any], path: str, data: bytes, source: str) -> dict[str, Any]:
        cf = {"id": self.state.new_id("cfile_"), "object": "container.file", "created_at": now(),
              "bytes": len(data), "container_id": container["id"], "path": path, "source": source,
              "content_base64": base64.b64encode(data).decode("ascii")}
        self.state.add("container_files", cf)
        return cf

    def create_container(self, req: Req) -> Result:
        b = req.json
        if not b.get("name"):
            raise ApiError(400, "Missing required parameter: 'name'.", param="name", code="missing_required_parameter")
        c = self.new_container(b["name"], list(b.get("file_ids") or []), b.get("memory_limit"),
                               b.get("expires_after"))
        return Result(body=public("containers", c))

    def list_containers(self, req: Req) -> Result:
        name = req.q("name")
        return self.paginate(req, "containers", None, before=False,
                             keep=(lambda c: c["name"] == name) if name else None)

    def _container(self, req: Req) -> dict[str, Any]:
        return self._get("containers", req.params["container_id"], "container")

    def get_container(self, req: Req) -> Result:
        return Result(body=public("containers", self._container(req)))

    def delete_container(self, req: Req) -> Result:
        c = self._container(req)
        self.state.remove("containers", c["id"])
        for cf in self.state.children("container_files", c["id"]):
            self.state.remove("container_files", cf["id"])
        return Result(body={"id": c["id"], "object": "container.deleted", "deleted": True})

    def create_container_file(self, req: Req) -> Result:
        c = self._container(req)
        upload = req.form.get("file")
        if isinstance(upload, tuple):
            filename, data = upload
            cf = self._add_file(c, f"{DATA_DIR}/{filename}", data, "user")
        else:
            fid = req.json.get("file_id") or req.form.get("file_id")
            if not fid:
                raise ApiError(400, "Missing required parameter: one of 'file' or 'file_id'.", param="file_id",
                               code="missing_required_parameter")
            cf = self._add_uploaded(c, fid)
        c["last_active_at"] = now()
        return Result(body=public("container_files", cf))

    def list_container_files(self, req: Req) -> Result:
        c = self._container(req)
        return self.paginate(req, "container_files", c["id"], before=False)

    def _container_file(self, req: Req) -> dict[str, Any]:
        c = self._container(req)
        cf = self._get("container_files", req.params["file_id"], "container file")
        if cf["container_id"] != c["id"]:
            raise not_found("container file", req.params["file_id"])
        return cf

    def get_container_file(self, req: Req) -> Result:
        return Result(body=public("container_files", self._container_file(req)))

    def delete_container_file(self, req: Req) -> Result:
        cf = self._container_file(req)
        self.state.remove("container_files", cf["id"])
        return Result(body={"id": cf["id"], "object": "container.file.deleted", "deleted": True})

    def container_file_content(self, req: Req) -> Result:
        cf = self._container_file(req)
        return Result(raw=base64.b64decode(cf.get("content_base64") or ""),
                      content_type="application/octet-stream")
