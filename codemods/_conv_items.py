"""Assistants message shapes -> Conversations/Responses input items (sections 2.4, 3.6).

Private to `threads.py` and `messages.py`. Pure functions over libcst nodes: they return
the converted node, or None and the reason the shape cannot be converted statically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from assistants_migrate.codemods._conv_common import code_of, dict_get, dict_keys, str_value

DETAIL_DEFAULT = '"auto"'


@dataclass
class Converted:
    node: cst.BaseExpression | None
    reason: str = ""  # why node is None
    dropped_metadata: bool = False
    attachments: list[cst.BaseExpression] = field(default_factory=list)


def _part(part: cst.BaseElement) -> tuple[str | None, str]:
    """One Assistants content part literal -> the code of its input part (or None, reason)."""
    value = part.value if isinstance(part, cst.Element) else None
    if not isinstance(value, cst.Dict) or any(k is None for k in dict_keys(value)):
        return None, "a content part is not a dict literal"
    kind = str_value(dict_get(value, "type").value) if dict_get(value, "type") else None
    if kind == "text":
        text = dict_get(value, "text")
        if text is None or set(dict_keys(value)) != {"type", "text"}:
            return None, "a text part has unexpected keys"
        return f'{{"type": "input_text", "text": {code_of(text.value)}}}', ""
    if kind in ("image_url", "image_file"):
        inner_el = dict_get(value, kind)
        inner = inner_el.value if inner_el is not None else None
        if not isinstance(inner, cst.Dict) or any(k is None for k in dict_keys(inner)):
            return None, f"the {kind} part is not a dict literal"
        source_key, target_key = ("url", "image_url") if kind == "image_url" else ("file_id", "file_id")
        src = dict_get(inner, source_key)
        if src is None or not set(dict_keys(inner)) <= {source_key, "detail"}:
            return None, f"the {kind} part has unexpected keys"
        detail = dict_get(inner, "detail")
        detail_code = code_of(detail.value) if detail is not None else DETAIL_DEFAULT
        return f'{{"type": "input_image", "{target_key}": {code_of(src.value)}, "detail": {detail_code}}}', ""
    return None, f"content part type {kind!r} has no input equivalent"


def convert_content(content: cst.BaseExpression, role: str | None) -> Converted:
    """`content=` of an Assistants message -> the content of an input message item."""
    if isinstance(content, (cst.List, cst.Tuple)):
        if role == "assistant":
            texts = []
            for el in content.elements:
                value = el.value if isinstance(el, cst.Element) else None
                if (
                    isinstance(value, cst.Dict)
                    and set(dict_keys(value)) == {"type", "text"}
                    and str_value(dict_get(value, "type").value) == "text"  # type: ignore[union-attr]
                ):
                    texts.append(dict_get(value, "text").value)  # type: ignore[union-attr]
                else:
                    return Converted(None, "an assistant message with non-text parts")
            if len(texts) != 1:
                return Converted(None, "an assistant message with several parts (assistant content must be a string)")
            return Converted(texts[0])
        parts = []
        for el in content.elements:
            code, reason = _part(el)
            if code is None:
                return Converted(None, reason)
            assert isinstance(el, cst.Element)
            parts.append(el.with_changes(value=cst.parse_expression(code)))
        if isinstance(content, cst.Tuple):
            return Converted(cst.List(elements=parts))
        return Converted(content.with_changes(elements=parts))
    if isinstance(content, (cst.Dict, cst.ListComp, cst.GeneratorExp)):
        return Converted(None, "content is not a string or a list literal")
    return Converted(content)


def convert_message_dict(node: cst.BaseExpression) -> Converted:
    """An element of `threads.create(messages=[...])` -> a conversation item dict."""
    if not isinstance(node, cst.Dict):
        return Converted(None, "a message is not a dict literal")
    keys = dict_keys(node)
    if None in keys or not set(keys) <= {"role", "content", "attachments", "metadata"}:
        return Converted(None, "a message has keys that are not known statically")
    role_el, content_el = dict_get(node, "role"), dict_get(node, "content")
    if role_el is None or content_el is None:
        return Converted(None, "a message lacks role or content")
    result = Converted(None)
    attachments = dict_get(node, "attachments")
    if attachments is not None:
        result.attachments.append(attachments.value)
    converted = convert_content(content_el.value, str_value(role_el.value))
    if converted.node is None:
        return converted
    elements = []
    for el in node.elements:
        assert isinstance(el, cst.DictElement)
        key = str_value(el.key)
        if key in ("metadata", "attachments"):
            result.dropped_metadata = result.dropped_metadata or key == "metadata"
            continue
        if key == "content":
            el = el.with_changes(value=converted.node)
        elements.append(el)
    if elements[-1] is not node.elements[-1]:
        elements[-1] = elements[-1].with_changes(comma=node.elements[-1].comma)
    result.node = node.with_changes(elements=elements)
    return result
