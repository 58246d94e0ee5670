"""HTTP/1.1 server and the in-process :class:`Emulator` handle."""

from __future__ import annotations

import copy
import email.parser
import email.policy
import itertools
import json
import os
import socket
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .api import Api, ApiError, Req, Result
from .faults import PAGE_KINDS, FaultPlan
from .store import State

SSE_TYPE = "text/event-stream; charset=utf-8"
RATE_LIMIT_MESSAGE = (
    "Rate limit reached for requests. Limit: 60 / min. Please try again in 1s. "
    "Visit https://platform.openai.com/account/rate-limits to learn more."
)


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    form: dict[str, Any] = {}
    if not msg.is_multipart():
        return form
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            form[name] = (filename, payload)
        else:
            form[name] = payload.decode("utf-8", errors="replace")
    return form


def _lie_about_pages(body: Any, kind: str | None) -> None:
    """Apply a page fault (see ``faults.py``) to a served page."""
    if kind is None or not isinstance(body, dict) or "has_more" not in body:
        return
    if kind == "hasmore" and body.get("object") == "list":
        body["has_more"] = True
    elif kind == "nomore" and body.get("object") == "list":
        body["has_more"] = False
    elif kind == "nextpage" and "next_page" in body:
        body["has_more"] = True
        body["next_page"] = "page_emu_2"


def _sse(event: str | None, data: Any) -> str:
    payload = data if isinstance(data, str) else json.dumps(data)
    return (f"event: {event}\n" if event else "") + f"data: {payload}\n\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "assistants-migrate-emulator"
    sys_version = ""
    emulator: "Emulator"

    def setup(self) -> None:
        super().setup()
        # Head and body go out in separate writes: with Nagle's algorithm the body waits for the
        # client's delayed ACK, about 40 ms per request on a keep-alive connection.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if self.emulator.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    # ------------------------------------------------------------------
    def _hang_up(self) -> None:
        """Close the connection without (the rest of) an answer: an injected fault."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _handle(self) -> None:
        emu = self.emulator
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        full_path = split.path
        method = self.command
        path = full_path[3:] if full_path.startswith("/v1/") or full_path == "/v1" else full_path
        query = parse_qs(split.query, keep_blank_values=True)

        delay = emu.latency_ms + emu.faults.latency_ms(method, path)
        if delay > 0:
            time.sleep(delay / 1000.0)

        kind = emu.faults.pick(method, path)
        if kind == "drop":
            emu._record(method, path, 0)
            self._hang_up()
            return
        if kind is not None and kind != "truncate":
            self._send_fault(method, path, kind)
            return

        try:
            cursor = next((query[k][-1] for k in ("after", "before") if query.get(k)), None)
            if cursor is not None and emu.faults.pick(method, path, ("cursor",)):
                raise ApiError(400, f"Invalid cursor: '{cursor}' is not a valid position in this list. "
                                    "Start again from the first page.",
                               param="after" if query.get("after") else "before")
            result, template = self._dispatch(method, path, full_path, query, raw_body)
            _lie_about_pages(result.body, emu.faults.pick(method, path, PAGE_KINDS))
        except ApiError as e:
            result, template = Result(status=e.status, body=e.body(), headers=e.headers), None
        except Exception as e:  # a bug in the emulator: make it loud
            emu.validation_errors.append(f"{method} {path}: internal error {e!r}")
            result, template = Result(status=500, body=ApiError(500, f"emulator internal error: {e!r}",
                                                               type="server_error").body()), None
        self._send_result(method, path, template, result, truncate=(kind == "truncate"))

    def _dispatch(self, method: str, path: str, full_path: str, query: dict[str, list[str]],
                  raw_body: bytes) -> tuple[Result, str | None]:
        emu = self.emulator
        invalid_url = ApiError(404, f"Invalid URL ({method} {full_path})")
        if not full_path.startswith("/v1/"):
            raise invalid_url
        if emu.faults.sunset(method, path):
            raise invalid_url
        if method == "GET" and path == "/models":
            return Result(body=emu.list_models()), "/models"
        hit = emu.api.match(method, path)
        if hit is None:
            raise invalid_url
        template, params, fn = hit
        for value in params.values():
            if value in emu.state.gone:
                raise ApiError(404, f"No object found with id '{value}'.")
        body: Any = None
        form: dict[str, Any] | None = None
        ctype = self.headers.get("Content-Type") or ""
        if ctype.startswith("multipart/form-data"):
            form = _parse_multipart(ctype, raw_body)
        elif raw_body:
            try:
                body = json.loads(raw_body)
            except ValueError:
                raise ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means "
                                    "you aren't using your HTTP library correctly. The OpenAI API expects a JSON "
                                    "payload, but what was sent was not valid JSON.)") from None
            if not isinstance(body, dict):
                raise ApiError(400, "Invalid type for request body: expected an object.", code="invalid_type")
        validator = emu.validator
        if validator is not None:
            validator.check_request(template, method, query, body, form)
        req = Req(method=method, path=path, params=params, query=query, body=body, form=form or {})
        with emu.lock:
            result = fn(req)
            if result.body is not None:
                result.body = copy.deepcopy(result.body)
            if result.events is not None and not emu.stream_delay:
                result.events = list(result.events)  # a whole stream is made at once, under the lock
        return result, template

    def _send_fault(self, method: str, path: str, kind: str) -> None:
        headers: dict[str, str] = {}
        if kind.startswith("429") or kind == "quota":
            status = 429
            code = "rate_limit_exceeded"
            message = RATE_LIMIT_MESSAGE
            typ = "requests"
            if kind == "429":
                headers["Retry-After"] = "1"
            elif kind == "429ms":
                headers["retry-after-ms"] = "20"
            elif kind == "429long":
                headers["Retry-After"] = "300"
            elif kind == "quota":
                code = "insufficient_quota"
                typ = "insufficient_quota"
                message = ("You exceeded your current quota, please check your plan and billing details. "
                           "For more information on this error, read the docs: "
                           "https://platform.openai.com/docs/guides/error-codes/api-errors.")
            err = ApiError(429, message, type=typ, code=code)
        else:
            status = int(kind)
            messages = {500: "The server had an error while processing your request. Sorry about that!",
                        502: "Bad gateway.", 503: "The engine is currently overloaded, please try again later."}
            err = ApiError(status, messages[status], type="server_error")
        self._send_json(method, path, status, err.body(), headers)

    def _send_json(self, method: str, path: str, status: int, body: Any, headers: dict[str, str],
                   truncate: bool = False) -> None:
        data = json.dumps(body).encode("utf-8")
        self._send_bytes(method, path, status, data, "application/json", headers, truncate)

    def _send_bytes(self, method: str, path: str, status: int, data: bytes, ctype: str, headers: dict[str, str],
                    truncate: bool = False) -> None:
        self._send_head(method, path, status, ctype, headers)
        if truncate:
            self.send_header("Content-Length", str(len(data) + 1024))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self._hang_up()
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_head(self, method: str, path: str, status: int, ctype: str, headers: dict[str, str]) -> None:
        """Status line and common headers; the caller adds the framing headers and ends them."""
        emu = self.emulator
        emu._record(method, path, status)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("x-request-id", emu._next_request_id())
        self.send_header("openai-processing-ms", "1")
        # like api.openai.com, every answer names the organisation and project it came from
        self.send_header("openai-organization", emu.organization)
        self.send_header("openai-project", emu.project)
        for k, v in headers.items():
            self.send_header(k, v)

    def _send_result(self, method: str, path: str, template: str | None, result: Result, truncate: bool) -> None:
        emu = self.emulator
        try:
            validator = emu.validator
        except RuntimeError:
            validator = None
        if isinstance(result.events, list):
            chunks = []
            problems: list[str] = []
            for event, data in result.events:
                if validator is not None:
                    problems += validator.check_event(result.stream_kind or "", event, data)
                chunks.append(_sse(event, data))
            if problems:
                self._bug(method, path, problems)
                return
            self._send_bytes(method, path, result.status, "".join(chunks).encode("utf-8"), SSE_TYPE,
                             result.headers, truncate)
            return
        if result.events is not None:
            self._trickle(method, path, result, validator, truncate)
            return
        if result.raw is not None:
            self._send_bytes(method, path, result.status, result.raw, result.content_type, result.headers, truncate)
            return
        if validator is not None and template is not None:
            problems = validator.check_response(template, method, result.status, result.body)
            if problems:
                self._bug(method, path, problems)
                return
        self._send_json(method, path, result.status, result.body, result.headers, truncate)

    def _trickle(self, method: str, path: str, result: Result, validator: Any, truncate: bool) -> None:
        """Send a stream event by event (chunked, as api.openai.com sends streams), ``stream_delay``
        seconds apart, making each event only after the previous one is out. An event that fails
        validation is recorded and the connection dropped (the status is already sent)."""
        emu = self.emulator
        events = iter(result.events or ())
        self._send_head(method, path, result.status, SSE_TYPE, result.headers)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for n in itertools.count():
                if n:
                    time.sleep(emu.stream_delay)
                with emu.lock:
                    item = next(events, None)
                if item is None:
                    break
                event, data = item
                problems = validator.check_event(result.stream_kind or "", event, data) if validator else []
                if problems:
                    emu.validation_errors.append(f"emulator stream event failed spec validation for {method} "
                                                 f"{path}: " + "; ".join(problems))
                    self._hang_up()
                    return
                self._write_chunk(_sse(event, data).encode("utf-8"))
                if truncate:  # a cut stream: its first event, then the connection drops
                    self._hang_up()
                    return
            self._write_chunk(b"")
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                with emu.lock:
                    close()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _bug(self, method: str, path: str, problems: list[str]) -> None:
        message = f"emulator response failed spec validation for {method} {path}: " + "; ".join(problems)
        self.emulator.validation_errors.append(message)
        err = ApiError(500, message, type="emulator_validation_error")
        self._send_json(method, path, 500, err.body(), {"x-should-retry": "false"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    connections = 0

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections += 1  # accept loop is single-threaded
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (timeouts, killed exporters, injected drops) is routine here.
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Emulator:
    """A running emulator; use as a context manager, or call start()/close().

    ``state``: None, a dict in the state format (see ``store.py``) or a path to a JSON file
    (read if it exists). ``state_out``: path written with the final state on close.
    ``faults``: fault spec string (see ``faults.py``). ``latency_ms``: added to every request.
    ``stream_delay``: seconds between the events of a stream, each sent as it is made (0: a
    stream is made whole, then sent in one piece).
    ``validate``: check requests and responses against the vendored OpenAPI spec; an
    emulator response that fails is answered 500 (``x-should-retry: false``) and recorded in
    ``validation_errors`` (the pytest fixture fails the test on any).

    ``instance_id``: this server's identity, sent on every answer as the ``openai-organization``
    (``emu-<id>``) and ``openai-project`` (``proj_emu-<id>``) headers; kept in the state file
    (key ``instance_id``), so a restart with ``--state`` is the same server. Default: a new uuid.

    ``requests``: ``(method, path, status)`` per request served, in order, where ``path`` is
    the path after ``/v1`` without the query string (``"/threads/thread_1/messages"``) and
    ``status`` is what was sent, injected faults included (``0`` = connection dropped).
    """

    def __init__(
        self,
        state: None | dict[str, Any] | str | os.PathLike[str] = None,
        faults: str | None = None,
        latency_ms: float = 0,
        stream_delay: float = 0,
        validate: bool = False,
        port: int = 0,
        state_out: str | os.PathLike[str] | None = None,
        verbose: bool = False,
        instance_id: str | None = None,
    ) -> None:
        self.state = State()
        if state is not None and not isinstance(state, dict):
            p = Path(state)
            state = json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
        if state is not None:
            state = dict(state)
            instance_id = instance_id or state.pop("instance_id", None)
            self.state.seed(state)
        self.instance_id = str(instance_id or uuid.uuid4())
        self.api = Api(self.state)
        self.lock = threading.RLock()
        self.faults = FaultPlan(faults)
        self.latency_ms = latency_ms
        self.stream_delay = stream_delay
        # The spec loads in the background (about 0.1 s from the JSON cache, over 1 s cold) so the
        # server can listen at once; the first request waits for it.
        self._validate = validate
        self._validator: Any = None
        self._validator_error: BaseException | None = None
        self._validator_ready = threading.Event()
        if validate:
            threading.Thread(target=self._load_validator, name="emulator-spec", daemon=True).start()
        self.port = port
        self.state_out = Path(state_out) if state_out is not None else None
        self.verbose = verbose
        self.requests: list[tuple[str, str, int]] = []
        self.validation_errors: list[str] = []
        self._request_counter = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ---------------------------------------------------------
    def start(self) -> "Emulator":
        handler = type("Handler", (_Handler,), {"emulator": self})
        self._server = _Server(("127.0.0.1", self.port), handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"emulator-{self.port}", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self.state_out is not None:
            self.write_state(self.state_out)

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def connections(self) -> int:
        """TCP connections accepted so far (keep-alive reuse keeps this low)."""
        return self._server.connections if self._server is not None else 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def organization(self) -> str:
        return f"emu-{self.instance_id}"

    @property
    def project(self) -> str:
        return f"proj_emu-{self.instance_id}"

    def list_models(self) -> dict[str, Any]:
        """GET /models: the models the state's assistants use, plus one default."""
        with self.lock:
            names = {str(a.get("model")) for a in self.state.all("assistants") if a.get("model")}
        names.add("gpt-4o")
        return {"object": "list", "data": [{"id": n, "object": "model", "created": 0, "owned_by": "emulator"}
                                           for n in sorted(names)]}

    # control -----------------------------------------------------------
    def set_faults(self, spec: str | None) -> None:
        self.faults = FaultPlan(spec)

    def snapshot(self) -> dict[str, Any]:
        """The state format, plus ``instance_id`` (seeding from it restores this server's identity)."""
        with self.lock:
            return {**self.state.snapshot(), "instance_id": self.instance_id}

    def seed(self, state: dict[str, Any]) -> None:
        with self.lock:
            self.state.seed({k: v for k, v in state.items() if k != "instance_id"})

    def mark_gone(self, object_id: str) -> None:
        with self.lock:
            self.state.gone.add(object_id)

    def write_state(self, path: str | os.PathLike[str]) -> None:
        path = Path(path)
        data = json.dumps(self.snapshot(), indent=1)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    @property
    def validator(self) -> Any:
        if not self._validate:
            return None
        self._validator_ready.wait()
        if self._validator_error is not None:
            raise RuntimeError(f"cannot load the OpenAPI spec: {self._validator_error!r}")
        return self._validator

    def _load_validator(self) -> None:
        try:
            from .validation import shared_validator

            self._validator = shared_validator()
        except BaseException as e:  # surfaced on first use
            self._validator_error = e
        finally:
            self._validator_ready.set()

    # internals ---------------------------------------------------------
    def _record(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.requests.append((method, path, status))

    def _next_request_id(self) -> str:
        with self.lock:
            self._request_counter += 1
            return f"req_emu{self._request_counter:08d}"
