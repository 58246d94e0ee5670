"""Validate emulator traffic against the vendored OpenAPI spec (``spec/openapi.yaml``).

The spec is OpenAI's published one (MIT, see ``spec/LICENSE``), copied verbatim. Parsing 3 MB
of YAML takes about a second, so the parsed document is cached as JSON in
``$ASSISTANTS_MIGRATE_CACHE`` or ``$XDG_CACHE_HOME/assistants-migrate`` (``~/.cache/...``),
keyed by the YAML's sha256, and memoised per process.

jsonschema (Draft 2020-12, as OpenAPI 3.1 uses) checks request bodies, query parameters,
response bodies and every SSE event; ``$ref`` resolution goes through a ``referencing``
registry that holds the whole spec under one URI.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from .api import ApiError

SPEC_PATH = Path(__file__).parent / "spec" / "openapi.yaml"
SPEC_URI = "urn:assistants-migrate:openai-openapi"

_spec_lock = threading.Lock()
_spec_cache: dict[str, Any] | None = None


def _cache_dir() -> Path:
    base = os.environ.get("ASSISTANTS_MIGRATE_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "assistants-migrate"


def load_spec() -> dict[str, Any]:
    global _spec_cache
    with _spec_lock:
        if _spec_cache is not None:
            return _spec_cache
        raw = SPEC_PATH.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        cache = _cache_dir() / f"openapi-{digest[:32]}-t{SPEC_TRANSFORM_VERSION}.json"
        spec = None
        try:
            spec = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            spec = None
        if spec is None:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            spec = _fix_nullable(json.loads(json.dumps(yaml.load(raw, Loader=loader), default=str)))
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".openapi-", suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(spec, fh)
                os.replace(tmp, cache)
            except OSError:
                pass
        _spec_cache = spec
        return spec


SPEC_TRANSFORM_VERSION = "2"


def _fix_nullable(node: Any) -> Any:
    """Two readings of OpenAPI that plain JSON Schema gets wrong, so validation matches the API:

    - OpenAPI 3.0's ``nullable: true`` survives in parts of the 3.1 spec; JSON Schema ignores it.
      It is rewritten as the 3.1 spelling (``null`` allowed).
    - ``oneOf`` branches in OpenAI's spec overlap (a list-content user message is both an
      ``EasyInputMessage`` and an ``InputMessage`` item); the server picks by discriminator, while
      JSON Schema's ``oneOf`` rejects a value matching two branches. They are validated as ``anyOf``.
    """
    if isinstance(node, list):
        return [_fix_nullable(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _fix_nullable(v) for k, v in node.items()}
    if "oneOf" in node and "anyOf" not in node:
        node["anyOf"] = node.pop("oneOf")
    if node.get("nullable") is True:
        node.pop("nullable")
        t = node.get("type")
        if isinstance(t, str) and "$ref" not in node and not any(k in node for k in ("allOf", "anyOf", "oneOf")):
            node["type"] = [t, "null"]
            if isinstance(node.get("enum"), list) and None not in node["enum"]:
                node["enum"] = node["enum"] + [None]
        else:
            keep = {k: v for k, v in node.items() if k in ("description", "title", "default")}
            rest = {k: v for k, v in node.items() if k not in keep}
            node = {**keep, "anyOf": [rest, {"type": "null"}]}
    return node


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def param_name(path: list[Any]) -> str | None:
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out or None


def _describe_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "an array"
    return "an object"


def _focus(err: Any) -> Any:
    """For anyOf/oneOf failures, descend into the branch that fits best: the one whose
    ``type`` discriminator matched (no error on ``type``), then the fewest errors."""
    while err.validator in ("anyOf", "oneOf") and err.context:
        branches: dict[Any, list[Any]] = {}
        for sub in err.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)

        def score(errs: list[Any]) -> tuple[int, int]:
            type_miss = any(list(e.relative_path) == ["type"] or (e.validator == "type" and not e.relative_path)
                            for e in errs)
            return (1 if type_miss else 0, len(errs))

        best = min(branches.values(), key=score)
        from jsonschema.exceptions import best_match

        err = best_match(best)
    return err


def to_api_error(err: Any, prefix: list[Any] | None = None) -> ApiError:
    err = _focus(err)
    path = list(prefix or []) + list(err.absolute_path)
    param = param_name(path)
    v = err.validator
    if v == "required":
        m = re.search(r"'(.+?)' is a required property", err.message)
        missing = m.group(1) if m else "?"
        param = param_name(path + [missing])
        return ApiError(400, f"Missing required parameter: '{param}'.", param=param, code="missing_required_parameter")
    if v == "maxItems":
        return ApiError(400, f"Invalid '{param}': array too long. Expected an array with maximum length "
                             f"{err.validator_value}, but got an array with length {len(err.instance)} instead.",
                        param=param, code="array_above_max_length")
    if v == "minItems":
        return ApiError(400, f"Invalid '{param}': array too short. Expected an array with minimum length "
                             f"{err.validator_value}, but got an array with length {len(err.instance)} instead.",
                        param=param, code="array_below_min_length")
    if v in ("additionalProperties", "unevaluatedProperties"):
        extra = re.findall(r"'([^']+)'", err.message)
        name = param_name(path + [extra[0]]) if extra else param
        return ApiError(400, f"Unrecognized request argument supplied: {name}", param=name, code="unknown_parameter")
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        listed = ", ".join(repr(a) for a in allowed)
        return ApiError(400, f"Invalid value: {err.instance!r}. Supported values are: {listed}.", param=param,
                        code="invalid_value")
    if v == "type":
        return ApiError(400, f"Invalid type for '{param}': expected {err.validator_value}, but got "
                             f"{_describe_type(err.instance)} instead.", param=param, code="invalid_type")
    if v in ("maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
        return ApiError(400, f"Invalid '{param}': {err.message}", param=param, code=f"invalid_{v.lower()}")
    return ApiError(400, f"Invalid '{param}': {err.message}", param=param, code="invalid_value")


class SpecValidator:
    def __init__(self) -> None:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.spec = load_spec()
        self._cls = Draft202012Validator
        self._registry = Registry().with_resource(SPEC_URI, Resource(contents=self.spec, specification=DRAFT202012))
        self._validators: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._event_schemas = self._stream_event_map()

    def _validator(self, pointer: str) -> Any:
        with self._lock:
            v = self._validators.get(pointer)
            if v is None:
                v = self._cls({"$ref": SPEC_URI + pointer}, registry=self._registry)
                self._validators[pointer] = v
            return v

    def errors(self, pointer: str, instance: Any) -> list[Any]:
        from jsonschema.exceptions import best_match

        v = self._validator(pointer)
        errs = list(v.iter_errors(instance))
        if not errs:
            return []
        best = best_match(errs)
        return [best] + [e for e in errs if e is not best]

    def _stream_event_map(self) -> dict[str, str]:
        out = {}
        schemas = self.spec["components"]["schemas"]
        for alt in schemas["ResponseStreamEvent"].get("anyOf", []):
            ref = alt.get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            typ = ((schemas.get(name) or {}).get("properties") or {}).get("type") or {}
            for t in typ.get("enum") or []:
                out[t] = _pointer("components", "schemas", name)
        return out

    # requests ----------------------------------------------------------------
    def operation(self, template: str, method: str) -> dict[str, Any] | None:
        return (self.spec["paths"].get(template) or {}).get(method.lower())

    def check_request(self, template: str, method: str, query: dict[str, list[str]], body: Any,
                      form: dict[str, Any] | None) -> None:
        op = self.operation(template, method)
        if op is None:
            return
        m = method.lower()
        located = [(p, _pointer("paths", template, "parameters", str(i), "schema"))
                   for i, p in enumerate(self.spec["paths"][template].get("parameters") or [])]
        located += [(p, _pointer("paths", template, m, "parameters", str(i), "schema"))
                    for i, p in enumerate(op.get("parameters") or [])]
        for p, ptr in located:
            if "$ref" in p or p.get("in") != "query":
                continue
            name = p["name"]
            base = name[:-2] if name.endswith("[]") else name
            schema = p.get("schema") or {}
            raw = list(query.get(base, [])) + list(query.get(base + "[]", []))
            if not raw:
                continue
            value: Any
            if schema.get("type") == "array":
                value = raw
            else:
                value = raw[-1]
                t = schema.get("type")
                try:
                    if t == "integer":
                        value = int(value)
                    elif t == "number":
                        value = float(value)
                    elif t == "boolean":
                        value = {"true": True, "false": False}[value.lower()]
                except (ValueError, KeyError):
                    raise ApiError(400, f"Invalid type for '{base}': expected {t}, but got '{value}' instead.",
                                   param=base, code="invalid_type") from None
            errs = self.errors(ptr, value)
            if errs:
                raise to_api_error(errs[0], [base])
        rb = op.get("requestBody")
        if not rb:
            return
        content = rb.get("content") or {}
        if form is not None and "multipart/form-data" in content:
            instance = {k: (v if isinstance(v, str) else "<binary>") for k, v in form.items()}
            ptr = _pointer("paths", template, method.lower(), "requestBody", "content", "multipart/form-data", "schema")
        elif "application/json" in content:
            instance = body if body is not None else {}
            ptr = _pointer("paths", template, method.lower(), "requestBody", "content", "application/json", "schema")
        else:
            return
        errs = self.errors(ptr, instance)
        if errs:
            raise to_api_error(errs[0])

    # responses ---------------------------------------------------------------
    def check_response(self, template: str, method: str, status: int, body: Any) -> list[str]:
        if status >= 400:
            err = body.get("error") if isinstance(body, dict) else None
            if not isinstance(err, dict) or set(err) != {"message", "type", "param", "code"}:
                return [f"error body has the wrong shape: {body!r}"]
            return []
        op = self.operation(template, method)
        if op is None:
            return []
        resp = (op.get("responses") or {}).get(str(status))
        if not resp or "application/json" not in (resp.get("content") or {}):
            return []
        ptr = _pointer("paths", template, method.lower(), "responses", str(status), "content", "application/json",
                       "schema")
        if isinstance(body, dict) and body.get("object") == "list" and body.get("data") == []:
            # The API sends first_id/last_id null on an empty page; the spec types them as strings.
            body = {k: ("" if k in ("first_id", "last_id") and v is None else v) for k, v in body.items()}
        return [self._fmt(e) for e in self.errors(ptr, body)[:3]]

    ASSISTANT_EVENT_SCHEMAS = {
        "thread.created": "ThreadObject",
        "thread.run.step.delta": "RunStepDeltaObject",
        "thread.message.delta": "MessageDeltaObject",
    }

    def check_event(self, kind: str, event: str | None, data: Any) -> list[str]:
        if data == "[DONE]":
            return []
        if kind == "responses":
            ptr = self._event_schemas.get(data.get("type") if isinstance(data, dict) else "")
            if ptr is None:
                return [f"unknown response stream event type {data!r:.200}"]
        else:
            name = self.ASSISTANT_EVENT_SCHEMAS.get(event or "")
            if name is None:
                if (event or "").startswith("thread.run.step."):
                    name = "RunStepObject"
                elif (event or "").startswith("thread.run."):
                    name = "RunObject"
                elif (event or "").startswith("thread.message."):
                    name = "MessageObject"
                else:
                    return [f"unknown assistant stream event {event!r}"]
            ptr = _pointer("components", "schemas", name)
        return [f"event {event}: " + self._fmt(e) for e in self.errors(ptr, data)[:3]]

    @staticmethod
    def _fmt(err: Any) -> str:
        where = param_name(list(err.absolute_path)) or "<root>"
        return f"{where}: {err.message[:500]}"


_validator_lock = threading.Lock()
_shared: SpecValidator | None = None


def shared_validator() -> SpecValidator:
    """One validator per process: compiled validators are cached across emulators."""
    global _shared
    with _validator_lock:
        if _shared is None:
            _shared = SpecValidator()
        return _shared
