"""HTTP access for export/import: the openai SDK with our own retry policy.

The SDK's own retry loop is switched off (`max_retries=0`) because it gives up on a
`Retry-After` above 120 s and retries POSTs blindly. Here:

- every request first takes a slot from a shared requests-per-minute limiter;
- 429 / 5xx / dropped or truncated responses are retried with tenacity, honouring
  `retry-after-ms` and `Retry-After` (seconds or HTTP date) of any length up to
  `max_wait`, with jitter; a 429 pauses every worker, not just the one that saw it;
- 404 raises `Gone`, other 4xx raise `PermanentError` (never retried);
- `Fatal` errors stop the whole run at once: `insufficient_quota` (`QuotaExceeded`),
  401/403 (`KeyRejected`), and a host that cannot be reached (`Unreachable`: connection
  refused or DNS failure, after as many attempts as the SDK itself would make);
- POSTs are not retried after anything that might have reached the server
  (`Ambiguous`); the importer decides what to do with those.

Responses are read raw (`cast_to=object` / `bytes`), so documents keep every field the
server sent (e.g. `reasoning_effort` on assistants, which the SDK model lacks).
The API key is only ever handed to the SDK; nothing here logs headers. The base URL is
the one the user gave (`--base-url`, `OPENAI_BASE_URL`) or the SDK's default, never one
read from an archive.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

ASSISTANTS_BETA = {"OpenAI-Beta": "assistants=v2"}
DUMMY_KEY_HINT = "set OPENAI_API_KEY (any non-empty value works against the emulator)"


class ApiError(Exception):
    """Base class for errors surfaced to the exporter and importer."""

    def __init__(self, message: str, *, status: int | None = None, method: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.path = path


class Gone(ApiError):
    """404: the object was deleted, expired, or the host no longer serves this path."""


class PermanentError(ApiError):
    """A 4xx other than 404/408/409/429: retrying will not help."""


class Fatal(ApiError):
    """Stop the whole run: no other request can succeed either. `exit_code` for the CLI."""

    exit_code = 2


class QuotaExceeded(Fatal):
    """429 insufficient_quota: stop the whole run."""

    exit_code = 3


class KeyRejected(Fatal):
    """401/403: the API key is wrong, revoked or lacks the permission."""


class Unreachable(Fatal):
    """Connection refused, DNS failure: the base URL is wrong or the host is down."""


class NotAnApi(Fatal):
    """The base URL answers 404 where every OpenAI-compatible API answers (GET /models)."""


class RetriesExhausted(ApiError):
    """Transient failures kept coming (or the server asked for a wait above --max-wait)."""


class Ambiguous(ApiError):
    """A non-idempotent request may or may not have taken effect (5xx, timeout, dropped connection)."""


class _Transient(Exception):
    def __init__(self, message: str, delay: float | None = None, status: int | None = None,
                 unreachable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.delay = delay  # server-directed delay in seconds, if any
        self.status = status
        self.unreachable = unreachable  # nothing answers at the base URL (refused, DNS)


# attempts for a host that cannot be reached: the SDK's own default (max_retries=2)
UNREACHABLE_ATTEMPTS = 3
# one path segment of a request: API ids and our own literal segments, nothing that could
# climb out of the path (`..`), start a query (`?`) or be re-decoded (`%`)
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_.:-]{1,256}$")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def check_request_path(path: str) -> None:
    """Raise ValueError for a path with a segment that is not a plain id (ids from archives and plans)."""
    for seg in path.split("/")[1:]:
        if not _SAFE_SEGMENT.match(seg) or seg in (".", ".."):
            raise ValueError(f"refusing to send {seg!r} in a request path: not a valid id")


def normalize_base_url(url: str) -> str:
    """One spelling per server: lower-case scheme and host, loopback aliases as 127.0.0.1,
    explicit port, no trailing slash, no credentials, query or fragment."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
        if ip.is_loopback:
            host = "127.0.0.1"
        elif ip.version == 6:
            host = f"[{ip.compressed}]"
    except ValueError:
        if host in LOOPBACK_NAMES or host.endswith(".localhost"):
            host = "127.0.0.1"
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    path = re.sub(r"/+", "/", parts.path).rstrip("/")
    return f"{scheme}://{host}" + (f":{port}" if port else "") + path


def _connect_reason(exc: BaseException | None) -> str:
    """'connection refused', 'name or service not known', ... from a transport error."""
    while exc is not None:
        args = getattr(exc, "args", ())
        if isinstance(exc, OSError) and exc.strerror:
            return str(exc.strerror).lower()
        if args and isinstance(args[0], str) and args[0]:
            return re.sub(r"^\[Errno -?\d+\]\s*", "", args[0]).lower()
        exc = exc.__cause__ or exc.__context__
    return "connection failed"


def sanitize_base_url(url: str) -> str:
    """The base URL without credentials, query or fragment (safe to store in a manifest)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def parse_retry_after(headers: Any, now: float | None = None) -> float | None:
    """Seconds to wait from `retry-after-ms` or `Retry-After` (seconds or HTTP date), else None."""
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            value = float(raw_ms) / 1000.0
            if value >= 0:
                return value
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        value = float(raw)
        return value if value >= 0 else None
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(raw)
    if parsed is None:
        return None
    when = email.utils.mktime_tz(parsed)
    return max(0.0, when - (time.time() if now is None else now))


class RateLimiter:
    """Spaces requests evenly at `rpm` per minute across threads; `pause()` holds everyone."""

    def __init__(self, rpm: float | None) -> None:
        self.interval = 60.0 / rpm if rpm and rpm > 0 else 0.0
        self._lock = threading.Lock()
        self._next = 0.0
        self._paused_until = 0.0
        self.waited = 0.0

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def acquire(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next, self._paused_until)
            self._next = slot + self.interval
        delay = slot - now
        if delay > 0:
            self.waited += delay
            time.sleep(delay)


class Api:
    """GET/POST against an OpenAI-compatible server with limiting, retries and error classes."""

    def __init__(
        self,
        *,
        base_url: str | None,
        rpm: float | None = 900,
        max_attempts: int = 10,
        max_wait: float = 900.0,
        timeout: float = 120.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        import openai

        self.openai = openai
        self.client = openai.OpenAI(base_url=base_url, max_retries=0, timeout=timeout)
        self.base_url = str(self.client.base_url).rstrip("/")
        self.limiter = RateLimiter(rpm)
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        self.on_wait = on_wait
        self.requests = 0
        self.retries = 0
        self._count_lock = threading.Lock()

    # -- low level ---------------------------------------------------------------------------

    def _classify(self, exc: BaseException, method: str, path: str, *, idempotent: bool) -> BaseException:
        """Map an SDK/transport exception to ours: a _Transient to retry, or a final ApiError."""
        openai = self.openai
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            body = exc.body if isinstance(exc.body, dict) else {}
            err = body.get("error", body) if isinstance(body, dict) else {}
            code = err.get("code") if isinstance(err, dict) else None
            etype = err.get("type") if isinstance(err, dict) else None
            msg = (err.get("message") if isinstance(err, dict) else None) or exc.message or f"HTTP {status}"
            if status == 429 and "insufficient_quota" in (code, etype):
                return QuotaExceeded(msg, status=status, method=method, path=path)
            if status == 404:
                return Gone(msg, status=status, method=method, path=path)
            if status in (401, 403):
                return KeyRejected(
                    f"{self.base_url} rejected the API key (HTTP {status}: {msg}); check OPENAI_API_KEY",
                    status=status, method=method, path=path,
                )
            if status in (408, 409, 429) or status >= 500:
                if status >= 500 and not idempotent:
                    return Ambiguous(f"HTTP {status}: {msg}", status=status, method=method, path=path)
                return _Transient(f"HTTP {status}: {msg}", parse_retry_after(exc.response.headers), status)
            return PermanentError(msg, status=status, method=method, path=path)
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__
            if _surely_unsent(cause):
                return _Transient(f"cannot connect to {self.base_url} ({_connect_reason(cause)})", unreachable=True)
            if not idempotent:
                return Ambiguous(f"connection problem: {exc.message}", method=method, path=path)
            return _Transient(f"connection problem: {exc.message}")
        if isinstance(exc, (ValueError, json.JSONDecodeError)):
            # a truncated or garbled body
            if not idempotent:
                return Ambiguous(f"unreadable response: {exc}", method=method, path=path)
            return _Transient(f"unreadable response: {exc}")
        httpx2 = _httpx2()
        if httpx2 is not None and isinstance(exc, httpx2.TransportError):
            if not idempotent:
                return Ambiguous(f"transport error: {exc}", method=method, path=path)
            return _Transient(f"transport error: {exc}")
        return exc

    def _call(self, method: str, path: str, fn: Callable[[], Any], *, idempotent: bool, check: Callable[[Any], None] | None = None) -> Any:
        from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_attempt

        def wait(state: Any) -> float:
            exc = state.outcome.exception()
            n = state.attempt_number
            if isinstance(exc, _Transient) and exc.unreachable and n >= UNREACHABLE_ATTEMPTS:
                raise Unreachable(exc.message, method=method, path=path)
            if isinstance(exc, _Transient) and exc.delay is not None:
                if exc.delay > self.max_wait:
                    raise RetriesExhausted(
                        f"server asked to wait {exc.delay:.0f} s, more than --max-wait {self.max_wait:.0f} s",
                        status=exc.status, method=method, path=path,
                    )
                delay = exc.delay + random.uniform(0, min(1.0, 0.1 * exc.delay + 0.05))
            else:
                delay = min(0.25 * 2 ** (n - 1), 20.0) * random.uniform(0.5, 1.0)
            if delay > self.max_wait:
                raise RetriesExhausted(
                    f"next retry would wait {delay:.0f} s, more than --max-wait {self.max_wait:.0f} s",
                    status=getattr(exc, "status", None), method=method, path=path,
                )
            if isinstance(exc, _Transient) and exc.status == 429:
                self.limiter.pause(delay)
            if delay >= 10 and self.on_wait is not None:
                self.on_wait(f"waiting {delay:.0f} s before retrying {method} {path} ({exc.message if isinstance(exc, _Transient) else exc})")
            with self._count_lock:
                self.retries += 1
            return delay

        try:
            check_request_path(path)
        except ValueError as exc:
            raise PermanentError(str(exc), method=method, path=path) from None

        def attempt() -> Any:
            self.limiter.acquire()
            with self._count_lock:
                self.requests += 1
            try:
                result = fn()
                if check is not None:
                    check(result)
                return result
            except _Transient:
                raise
            except Exception as exc:  # noqa: BLE001 - classified below
                mapped = self._classify(exc, method, path, idempotent=idempotent)
                if mapped is exc:
                    raise
                raise mapped from None

        retrying = Retrying(
            retry=retry_if_exception_type(_Transient),
            stop=stop_after_attempt(self.max_attempts),
            wait=wait,
            reraise=False,
        )
        try:
            return retrying(attempt)
        except RetryError as exc:
            last = exc.last_attempt.exception()
            if isinstance(last, _Transient) and last.unreachable:
                raise Unreachable(last.message, method=method, path=path) from None
            raise RetriesExhausted(
                f"gave up after {self.max_attempts} attempts: {getattr(last, 'message', last)}",
                status=getattr(last, "status", None), method=method, path=path,
            ) from None

    # -- public ------------------------------------------------------------------------------

    def preflight(self) -> str | None:
        """GET /models, which every OpenAI-compatible API serves: raises `Fatal` when the host
        cannot be reached, rejects the key or is no such API; returns the server's identity
        (`openai-organization` / `openai-project` headers) or None when it names none."""
        import httpx2

        path = "/models"
        try:
            response = self._call("GET", path, lambda: self.client.get(path, cast_to=httpx2.Response), idempotent=True)
        except Gone as exc:
            hint = "" if self.base_url.rstrip("/").endswith("/v1") else f"; it lacks /v1: try {self.base_url.rstrip('/')}/v1"
            raise NotAnApi(
                f"{self.base_url} answers 404 to GET /models: not an OpenAI-compatible API base URL{hint}",
                status=404, method="GET", path=path,
            ) from exc
        org = response.headers.get("openai-organization")
        project = response.headers.get("openai-project")
        if not org and not project:
            return None
        return f"{org or ''}/{project or ''}"

    def get_json(self, path: str, params: dict[str, Any] | None = None, *, beta: bool = False) -> Any:
        options: dict[str, Any] = {"params": params or {}}
        if beta:
            options["headers"] = dict(ASSISTANTS_BETA)

        def check(result: Any) -> None:
            if not isinstance(result, dict):
                raise _Transient("response is not a JSON object")

        return self._call(
            "GET", path, lambda: self.client.get(path, cast_to=object, options=options),  # type: ignore[call-overload]
            idempotent=True, check=check,
        )

    def get_bytes(self, path: str, *, expected_size: int | None = None) -> bytes:
        def check(result: Any) -> None:
            if expected_size is not None and len(result) != expected_size:
                raise _Transient(f"got {len(result)} bytes, expected {expected_size}")

        return self._call("GET", path, lambda: self.client.get(path, cast_to=bytes), idempotent=True, check=check)

    def post_json(self, path: str, body: dict[str, Any], *, idempotent: bool = False) -> Any:
        return self._call(
            "POST", path, lambda: self.client.post(path, body=body, cast_to=object), idempotent=idempotent,
        )

    def paginate(self, path: str, params: dict[str, Any] | None = None, *, beta: bool = False, limit: int = 100) -> Iterator[dict[str, Any]]:
        """All items of a cursor-paged list (`after` = the last item's id), page by page."""
        query = dict(params or {})
        query.setdefault("limit", limit)
        after: str | None = None
        while True:
            if after is not None:
                query["after"] = after
            page = self.get_json(path, query, beta=beta)
            data = page.get("data")
            if not isinstance(data, list):
                raise PermanentError(f"list response without a data array from {path}", method="GET", path=path)
            yield from data
            if not page.get("has_more") or not data:
                return
            after = page.get("last_id") or data[-1].get("id")
            if not after:
                return


def _httpx2() -> Any:
    try:
        import httpx2
    except ImportError:  # pragma: no cover
        return None
    return httpx2


def _surely_unsent(cause: BaseException | None) -> bool:
    """True when the transport failed before the request could reach the server."""
    httpx2 = _httpx2()
    if httpx2 is None or cause is None:
        return False
    return isinstance(cause, (httpx2.ConnectError, httpx2.ConnectTimeout))
