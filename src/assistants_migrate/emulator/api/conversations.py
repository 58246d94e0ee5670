"""Conversations and their items: ``/conversations...``."""

from __future__ import annotations

from typing import Any

from ..store import now, public
from .base import ApiError, Family, Req, Result, not_found


class Conversations(Family):
    ROUTES = (
        ("POST", "/conversations", "create_conversation"),
        ("GET", "/conversations/{conversation_id}", "get_conversation"),
        ("POST", "/conversations/{conversation_id}", "update_conversation"),
        ("DELETE", "/conversations/{conversation_id}", "delete_conversation"),
        ("POST", "/conversations/{conversation_id}/items", "create_items"),
        ("GET", "/conversations/{conversation_id}/items", "list_items"),
        ("GET", "/conversations/{conversation_id}/items/{item_id}", "get_item"),
        ("DELETE", "/conversations/{conversation_id}/items/{item_id}", "delete_item"),
    )

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
        for it in self.api.responses.input_items(raw):
            obj = dict(it, conversation_id=conv_id, created_at=now())
            self.state.add("conversation_items", obj)
            added.append(obj)
        return added

    def create_conversation(self, req: Req) -> Result:
        b = req.json
        items = self._check_items(b.get("items"))
        conv: dict[str, Any] = {"id": self.state.new_id("conv_"), "object": "conversation", "created_at": now(),
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
        return self.paginate(req, "conversation_items", cid, before=False, render=self._item_public)

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
        return Result(body=public("conversations", self._get("conversations", it["conversation_id"], "conversation")))
