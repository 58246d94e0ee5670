"""Issue 14: archives are untrusted input; keys go only where the user said; errors are one line.

Every test talks to a real server on 127.0.0.1 (the emulator, or a small capturing server)
through the CLI in a subprocess, i.e. the real openai SDK.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assistants_migrate.emulator import Emulator
from tests.export.conftest import API_KEY, cli_env
from tests.export.seed import make_seed

N = 6


def cli(*args: str, base_url_env: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = cli_env()
    if base_url_env:
        env["OPENAI_BASE_URL"] = base_url_env
    return subprocess.run([sys.executable, "-m", "assistants_migrate", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return make_seed(N, seed=5, max_messages=45, gone_threads=0)


@pytest.fixture(scope="module")
def pristine(small: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    ids = root / "ids.txt"
    ids.write_text("\n".join(small["thread_ids"]) + "\n")
    out = root / "archive"
    with Emulator(state=small["state"]) as emu:
        res = cli("export", "--out", str(out), "--threads", str(ids), "--base-url", emu.base_url,
                  "--rpm", "0", "--no-progress")
    assert res.returncode == 0, res.stderr[-2000:]
    return out


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    work = tmp_path / "archive"
    shutil.copytree(pristine, work, symlinks=True)
    return work


class Capture:
    """An HTTP server on 127.0.0.1 that records every request and answers `status` with `body`."""

    def __init__(self, status: int = 200, body: dict[str, Any] | None = None, models_ok: bool = False) -> None:
        """`models_ok`: GET /v1/models answers 200 (an empty list) whatever `status` is."""
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        capture = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                capture.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                models = models_ok and self.path.startswith("/v1/models")
                data = json.dumps(body if body is not None and not models else {"object": "list", "data": []}).encode()
                self.send_response(200 if models else status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def capture() -> Iterator[Capture]:
    c = Capture()
    yield c
    c.close()


def _manifest(root: Path) -> dict[str, Any]:
    return json.loads((root / "manifest.json").read_text())


def _write_manifest(root: Path, m: dict[str, Any]) -> None:
    (root / "manifest.json").write_text(json.dumps(m, indent=1, sort_keys=True) + "\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- 1. the key goes only where the user said ---------------------------------------------------


def test_verify_online_sends_no_key_to_the_url_in_a_tampered_archive(
    archive: Path, small: dict[str, Any], capture: Capture
) -> None:
    m = _manifest(archive)
    m["base_url"] = capture.base_url
    _write_manifest(archive, m)
    with Emulator(state=small["state"]) as emu:
        res = cli("verify", str(archive), "--online", "--no-progress", base_url_env=emu.base_url)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
        assert capture.requests == []
        assert f"note: the archive was exported from {capture.base_url}; checking against {emu.base_url}" in res.stdout
        assert any(p.startswith("/threads/") for _m, p, _s in emu.requests)
    # only an explicit flag sends requests (and the key) to the archive's URL
    res = cli("verify", str(archive), "--online", "--archive-url", "--no-progress")
    assert capture.requests and capture.requests[0][2]["authorization"] == f"Bearer {API_KEY}"


# -- 2. the target is the server, not the URL's spelling ---------------------------------------


def _map_rows(path: Path) -> list[str]:
    return path.read_text().splitlines()


def test_import_under_another_spelling_of_the_same_server_creates_nothing(archive: Path, tmp_path: Path) -> None:
    map_path = tmp_path / "map.csv"
    with Emulator(validate=True) as emu:
        res = cli("import", str(archive), "--map", str(map_path), "--base-url", emu.base_url, "--rpm", "0",
                  "--no-progress")
        assert res.returncode == 0, res.stderr[-2000:]
        before = emu.snapshot()
        rows = _map_rows(map_path)
        assert len(before["conversations"]) == N and len(rows) == N + 1
        for spelling in (f"http://localhost:{emu.port}/v1/", f"HTTP://LOCALHOST:{emu.port}//v1"):
            res = cli("import", str(archive), "--map", str(map_path), "--base-url", spelling, "--rpm", "0",
                      "--no-progress")
            assert res.returncode == 0, res.stderr[-2000:]
            after = emu.snapshot()
            assert len(after["conversations"]) == N
            assert len(after["conversation_items"]) == len(before["conversation_items"])
            assert _map_rows(map_path) == rows
        assert not emu.validation_errors
    # a really different server: refused (nothing sent after the probe) unless --new-target
    with Emulator(validate=True) as other:
        res = cli("import", str(archive), "--map", str(map_path), "--base-url", other.base_url, "--rpm", "0",
                  "--no-progress")
        assert res.returncode == 2
        assert res.stderr == (
            f"assistants-migrate: {archive / 'import-ledger.jsonl'} records an import into "
            f"http://127.0.0.1:{emu.port}/v1 (server {emu.organization}/{emu.project}), not "
            f"http://127.0.0.1:{other.port}/v1 (server {other.organization}/{other.project}); "
            "pass --new-target to import into this server as well\n"
        )
        assert other.snapshot()["conversations"] == []
        res = cli("import", str(archive), "--map", str(map_path), "--base-url", other.base_url, "--rpm", "0",
                  "--no-progress", "--new-target")
        assert res.returncode == 0, res.stderr[-2000:]
        assert len(other.snapshot()["conversations"]) == N


def test_same_emulator_restarted_with_its_state_is_the_same_target(archive: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    map_path = tmp_path / "map.csv"
    with Emulator(state=state, state_out=state) as emu:
        res = cli("import", str(archive), "--map", str(map_path), "--base-url", emu.base_url, "--rpm", "0",
                  "--no-progress")
        assert res.returncode == 0, res.stderr[-2000:]
    with Emulator(state=state, state_out=state) as again:  # another port, same server
        res = cli("import", str(archive), "--map", str(map_path), "--base-url", again.base_url, "--rpm", "0",
                  "--no-progress")
        assert res.returncode == 0, res.stderr[-2000:]
        assert len(again.snapshot()["conversations"]) == N


# -- 3. nothing outside the archive is read -----------------------------------------------------


def _first_thread(root: Path) -> tuple[str, dict[str, Any]]:
    m = _manifest(root)
    tid, entry = next((t, e) for t, e in sorted(m["objects"]["threads"].items()) if e["status"] == "exported")
    return tid, entry


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_import_refuses_a_manifest_pointing_outside_the_archive(archive: Path, tmp_path: Path, how: str) -> None:
    tid, entry = _first_thread(archive)
    secret = tmp_path / "secret.json"
    doc = json.loads((archive / entry["document"]).read_text())
    doc["messages"] = [dict(doc["messages"][0], content=[{"type": "text", "text": {"value": "SECRET", "annotations": []}}])]
    secret.write_bytes(json.dumps(doc).encode())
    m = _manifest(archive)
    if how == "absolute":
        rel = str(secret)
    elif how == "dotdot":
        rel = "../secret.json"
    else:
        rel = entry["document"]
        (archive / rel).unlink()
        (archive / rel).symlink_to(secret)
    m["objects"]["threads"][tid] = {"status": "exported", "document": rel,
                                    "sha256": hashlib.sha256(secret.read_bytes()).hexdigest()}
    _write_manifest(archive, m)
    with Emulator() as emu:
        res = cli("import", str(archive), "--map", str(tmp_path / "map.csv"), "--base-url", emu.base_url,
                  "--no-progress")
        assert res.returncode == 2, res.stderr[-2000:]
        assert emu.snapshot()["conversations"] == []
        assert [r for r in emu.requests if r[0] == "POST"] == []
    prefix = f"assistants-migrate: {archive / 'manifest.json'}: thread {tid}: "
    if how == "symlink":
        assert res.stderr == prefix + f"{rel!r} goes through a symbolic link ({rel})\n"
    else:
        assert res.stderr == prefix + f"document {rel!r} is not where export writes it; " \
                                      "refusing an archive that points elsewhere\n"


# -- 4. verify sees what export would never have written ---------------------------------------


def _tamper(root: Path, case: str, outside: Path) -> str:
    """Apply one tamper case; returns the text verify must report."""
    m = _manifest(root)
    tid, entry = _first_thread(root)
    doc = root / entry["document"]
    if case == "document symlink":
        copy = outside / "doc.json"
        shutil.copy(doc, copy)  # same bytes: the checksum alone would pass
        doc.unlink()
        doc.symlink_to(copy)
        return f"{entry['document']}: symbolic link (to {copy}); export writes none"
    if case == "directory symlink":
        shard = doc.parent
        moved = outside / "shard"
        shutil.move(str(shard), moved)
        shard.symlink_to(moved, target_is_directory=True)
        return f"{shard.relative_to(root).as_posix()}: symbolic link (to {moved}); export writes none"
    if case == "unlisted document":
        extra = root / "objects" / "thread" / "ab" / ("ab" + "0" * 62 + ".json")
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(doc.read_text())
        return f"{extra.relative_to(root).as_posix()}: document not listed in the manifest"
    if case == "stray root file":
        (root / "run_me.sh").write_text("#!/bin/sh\n")
        return "run_me.sh: file not written by export (not listed in the manifest)"
    if case == "stray blob":
        digest = hashlib.sha256(b"stray").hexdigest()
        blob = root / "blobs" / "sha256" / digest[:2] / digest
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(b"stray")
        return f"blobs/sha256/{digest[:2]}/{digest}: stray blob (no document refers to it)"
    if case == "extra plan entry":
        plan = json.loads((root / "plan.json").read_text())
        plan["threads"].append("thread_extra0001")
        (root / "plan.json").write_text(json.dumps(plan))
        return "plan.json: thread thread_extra0001 is planned but not in the manifest"
    if case in ("configs module", "configs module and its checksum"):
        cfg = root / "assistant_configs.py"
        cfg.write_text(cfg.read_text() + "\nimport os; os.system('touch /tmp/pwned')\n")
        if case == "configs module and its checksum":
            m["assistant_configs_sha256"] = hashlib.sha256(cfg.read_bytes()).hexdigest()
            _write_manifest(root, m)
            return "assistant_configs.py: not what export generates from the archived assistants (edited?)"
        return "assistant_configs.py: sha256 differs from the manifest (edited after export)"
    raise AssertionError(case)


@pytest.mark.parametrize("case", [
    "document symlink", "directory symlink", "unlisted document", "stray root file", "stray blob",
    "extra plan entry", "configs module", "configs module and its checksum",
])
def test_verify_reports_each_tamper_case(archive: Path, tmp_path: Path, case: str) -> None:
    res = cli("verify", str(archive))
    assert res.returncode == 0 and "verify: ok" in res.stdout, res.stdout[-2000:]
    outside = tmp_path / "outside"
    outside.mkdir()
    expected = _tamper(archive, case, outside)
    res = cli("verify", str(archive))
    assert res.returncode == 1, res.stdout[-2000:]
    assert f"MISMATCH {expected}" in res.stdout.splitlines(), res.stdout[-3000:]


def test_verify_takes_a_configs_module_written_by_the_earlier_renderer(archive: Path) -> None:
    """Archives exported before configs were keyed on Optional[str] keep verifying; an edit to such a
    module is still caught by the re-render (the checksum updated with it)."""
    cfg = archive / "assistant_configs.py"
    text = cfg.read_text()
    assert "ASSISTANT_CONFIGS: dict[Optional[str], dict[str, Any]] = " in text
    earlier = text.replace("from typing import Any, Optional\n", "from typing import Any\n").replace(
        "ASSISTANT_CONFIGS: dict[Optional[str], dict[str, Any]] = ", "ASSISTANT_CONFIGS: dict[str, dict[str, Any]] = ")
    m = _manifest(archive)
    for body in (earlier, earlier.replace("ASSISTANT_CONFIGS", "ASSISTANT_CONFIGS  ", 1)):
        cfg.write_text(body)
        m["assistant_configs_sha256"] = hashlib.sha256(cfg.read_bytes()).hexdigest()
        _write_manifest(archive, m)
        res = cli("verify", str(archive))
        if body is earlier:
            assert res.returncode == 0 and "verify: ok" in res.stdout, res.stdout[-2000:]
        else:
            assert res.returncode == 1 and "not what export generates" in res.stdout, res.stdout[-2000:]


# -- 5. export --out touches only its own temp files --------------------------------------------


def test_export_out_removes_only_its_own_leftover_temp_files(
    archive: Path, small: dict[str, Any], tmp_path: Path
) -> None:
    _tid, entry = _first_thread(archive)
    shard = (archive / entry["document"]).parent
    digest = Path(entry["document"]).stem
    ours = [archive / ".manifest.json.k1ll3d_0.tmp", shard / f".{digest}.json.abcd1234.tmp"]
    foreign = [archive / ".notes.tmp", archive / "mine" / ".draft.tmp", archive / "objects" / ".x.tmp",
               shard / ".notes.tmp", archive / ".manifest.json.tmp"]
    for p in ours + foreign:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("keep me" if p in foreign else "{")
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(small["thread_ids"]) + "\n")
    with Emulator(state=small["state"]) as emu:
        res = cli("export", "--out", str(archive), "--threads", str(ids), "--base-url", emu.base_url,
                  "--rpm", "0", "--no-progress")
    assert res.returncode == 0, res.stderr[-2000:]
    assert [p for p in ours if p.exists()] == []
    assert all(p.read_text() == "keep me" for p in foreign)


def test_export_refuses_a_directory_that_is_not_an_archive(tmp_path: Path) -> None:
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    res = cli("export", "--out", str(out), "--base-url", "http://127.0.0.1:9/v1", "--no-progress")
    assert res.returncode == 2
    assert res.stderr == (f"assistants-migrate: --out {out} is not empty and holds no archive ('holiday.jpg'); "
                          "use a new or empty directory\n")
    assert sorted(p.name for p in out.iterdir()) == ["holiday.jpg"]


# -- 6. errors: one line, the right exit code, no stalls ----------------------------------------


@pytest.mark.parametrize("verb", ["export", "import", "verify"])
def test_connection_refused_names_the_url_and_stops_quickly(pristine: Path, tmp_path: Path, verb: str) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    args = {
        "export": ["export", "--out", str(tmp_path / "out"), "--base-url", url],
        "import": ["import", str(pristine), "--map", str(tmp_path / "map.csv"), "--base-url", url],
        "verify": ["verify", str(pristine), "--online", "--base-url", url],
    }[verb]
    started = time.monotonic()
    res = cli(*args, "--no-progress", timeout=120)
    elapsed = time.monotonic() - started
    assert res.returncode == 2
    assert res.stderr == f"assistants-migrate: cannot connect to {url} (connection refused)\n"
    assert elapsed < 60, elapsed


def test_rejected_key_stops_at_once_naming_the_key(tmp_path: Path) -> None:
    body = {"error": {"message": "Incorrect API key provided: sk-test***9c.", "type": "invalid_request_error",
                      "param": None, "code": "invalid_api_key"}}
    server = Capture(status=401, body=body)
    try:
        ids = tmp_path / "ids.txt"
        ids.write_text("thread_a1\nthread_a2\nthread_a3\n")
        res = cli("export", "--out", str(tmp_path / "out"), "--threads", str(ids), "--base-url", server.base_url,
                  "--no-progress")
        assert res.returncode == 2
        assert res.stderr == (f"assistants-migrate: {server.base_url} rejected the API key (HTTP 401: Incorrect "
                              "API key provided: sk-test***9c.); check OPENAI_API_KEY\n")
        assert len(server.requests) == 1
    finally:
        server.close()


def test_404_probe_is_not_the_sunset_and_a_missing_v1_is_named(tmp_path: Path, small: dict[str, Any]) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(small["thread_ids"]) + "\n")
    with Emulator(state=small["state"]) as emu:
        bare = f"http://127.0.0.1:{emu.port}"
        res = cli("export", "--out", str(tmp_path / "out"), "--threads", str(ids), "--base-url", bare,
                  "--no-progress")
        assert res.returncode == 2
        assert res.stderr == (f"assistants-migrate: {bare} answers 404 to GET /models: not an OpenAI-compatible "
                              f"API base URL; it lacks /v1: try {bare}/v1\n")
        assert not (tmp_path / "out" / "manifest.json").exists()
        # the real sunset: the API answers, only the Assistants paths are gone
        emu.set_faults("sunset")
        res = cli("export", "--out", str(tmp_path / "out2"), "--threads", str(ids), "--base-url", emu.base_url,
                  "--no-progress", "--rpm", "0")
        assert "no longer serves the Assistants API" in res.stderr


def test_usage_errors_are_one_line_with_exit_2(tmp_path: Path, pristine: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    cases = [
        (["verify", str(empty)], f"{empty} is not an archive (no manifest.json)"),
        (["import", str(empty), "--map", str(tmp_path / "m.csv")], f"{empty} is not an archive (no manifest.json)"),
        (["verify", str(tmp_path / "nope")], f"{tmp_path / 'nope'}: no such directory"),
        (["export", "--out", str(a_file)], f"--out {a_file} is a file, not a directory"),
        (["export", "--out", str(a_file / "sub")], f"cannot write to {a_file / 'sub'}: Not a directory"),
    ]
    for args, message in cases:
        res = cli(*args, "--base-url", "http://127.0.0.1:9/v1", "--no-progress")
        assert (res.returncode, res.stderr) == (2, f"assistants-migrate: {message}\n"), args


def test_plan_ids_are_validated_before_any_request(archive: Path, small: dict[str, Any]) -> None:
    plan = json.loads((archive / "plan.json").read_text())
    plan["threads"].append("thread_x/../../files")
    (archive / "plan.json").write_text(json.dumps(plan))
    with Emulator(state=small["state"]) as emu:
        res = cli("export", "--out", str(archive), "--base-url", emu.base_url, "--no-progress")
        assert res.returncode == 2
        assert res.stderr == (f"assistants-migrate: {archive / 'plan.json'} holds 'thread_x/../../files', which is "
                              "not a thread id; remove it or export into a new directory\n")
        assert [r for r in emu.requests if r[1] != "/models"] == []


def test_a_key_rejected_mid_run_stops_the_run_at_once(tmp_path: Path) -> None:
    body = {"error": {"message": "You do not have access to this project.", "type": "invalid_request_error",
                      "param": None, "code": "permission_denied"}}
    server = Capture(status=403, body=body, models_ok=True)
    try:
        ids = tmp_path / "ids.txt"
        ids.write_text("thread_a1\nthread_a2\nthread_a3\n")
        res = cli("export", "--out", str(tmp_path / "out"), "--threads", str(ids), "--base-url", server.base_url,
                  "--no-progress", "--concurrency", "1")
        assert res.returncode == 2, res.stderr
        assert res.stderr.splitlines()[-1] == (
            f"{server.base_url} rejected the API key (HTTP 403: You do not have access to this project.); "
            "check OPENAI_API_KEY; stopping. Run the same command again to resume.")
        assert [p for _m, p, _h in server.requests] == ["/v1/models", "/v1/assistants?limit=1"]
    finally:
        server.close()
