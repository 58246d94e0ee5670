"""Unit tests: input parsing, retry-after, limiter, archive naming, replay, client behaviour."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assistants_migrate.emulator import Emulator
from assistants_migrate.export.archive import Archive, canonical_json
from assistants_migrate.export.client import (
    Api, Gone, PermanentError, QuotaExceeded, RateLimiter, RetriesExhausted, parse_retry_after, sanitize_base_url,
)
from assistants_migrate.export.inputs import parse_thread_ids
from assistants_migrate.export.replay import replay_thread
from tests.export.conftest import run_cli


def test_text_ids_invalid_lines_and_duplicates() -> None:
    r = parse_thread_ids("thread_a\n\n# comment\nthread_b\nnot-an-id\nthread_a\n thread_c \nthread_ bad\n")
    assert r.ids == ["thread_a", "thread_b", "thread_c"]
    assert r.duplicates == 1
    assert r.errors == ["line 5: not a thread id: 'not-an-id'", "line 8: not a thread id: 'thread_ bad'"]


def test_csv_and_jsonl_ids() -> None:
    csv_text = "user,thread_id,x\nu1,thread_1,a\nu2,bogus,b\nu3,thread_1,c\nu4,thread_2,d\n"
    r = parse_thread_ids(csv_text, "ids.csv")
    assert r.format == "csv" and r.ids == ["thread_1", "thread_2"] and r.errors == ["line 3: not a thread id: 'bogus'"]
    jl = '{"thread_id": "thread_9"}\n{"other": 1}\nnot json\n{"thread_id": "thread_9"}\n{"thread_id": 5}\n'
    r = parse_thread_ids(jl)
    assert r.format == "jsonl" and r.ids == ["thread_9"] and r.duplicates == 1
    assert [e.split(":")[0] for e in r.errors] == ["line 2", "line 3", "line 5"]
    assert parse_thread_ids("a,b\n1,2\n", "x.csv").errors == ["line 1: CSV header has no thread_id column"]


def test_retry_after_parsing() -> None:
    assert parse_retry_after({"retry-after-ms": "20"}) == 0.02
    assert parse_retry_after({"retry-after": "300"}) == 300.0
    when = time.time() + 100
    import email.utils

    got = parse_retry_after({"retry-after": email.utils.formatdate(when, usegmt=True)})
    assert got is not None and 98 <= got <= 101
    assert parse_retry_after({}) is None


def test_base_url_loses_credentials() -> None:
    assert sanitize_base_url("https://user:pw@example.com:8443/v1/?api-key=SECRET#x") == "https://example.com:8443/v1"


def test_rate_limiter_spaces_requests() -> None:
    lim = RateLimiter(rpm=1200)  # one per 50 ms
    t0 = time.monotonic()
    for _ in range(6):
        lim.acquire()
    assert time.monotonic() - t0 >= 0.24


def test_archive_names_are_hashes_and_docs_canonical(tmp_path: Path) -> None:
    a = Archive(tmp_path)
    rel, sha = a.write_doc("thread", "thread_../../etc", {"kind": "thread", "id": "thread_../../etc", "b": 1, "a": 2})
    assert "etc" not in rel and rel.startswith("objects/thread/")
    assert (tmp_path / rel).read_bytes() == canonical_json({"a": 2, "b": 1, "id": "thread_../../etc", "kind": "thread"})
    assert a.read_doc("thread", "thread_../../etc") is not None
    digest = a.write_blob(b"hello")
    assert (tmp_path / a.blob_relpath(digest)).read_bytes() == b"hello"
    with pytest.raises(ValueError):
        a.blob_relpath("../x")


def test_replay_orders_function_calls_and_flattens_assistant_text() -> None:
    doc = {
        "messages": [
            {"id": "m1", "role": "user", "created_at": 1, "content": [{"type": "text", "text": {"value": "hi", "annotations": []}}]},
            {"id": "m2", "role": "assistant", "created_at": 3, "run_id": "r1", "metadata": {"k": "v"},
             "content": [{"type": "text", "text": {"value": "it is 3", "annotations": [{"type": "file_citation"}]}},
                         {"type": "image_file", "image_file": {"file_id": "f"}}]},
            {"id": "m3", "role": "user", "created_at": 4, "content": [
                {"type": "text", "text": {"value": "look", "annotations": []}},
                {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]},
        ],
        "runs": [{"id": "r1", "created_at": 2}],
        "run_steps": {"r1": [
            {"id": "s1", "type": "tool_calls", "step_details": {"type": "tool_calls", "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "w", "arguments": "{}", "output": "3"}},
                {"id": "call_2", "type": "code_interpreter", "code_interpreter": {"input": "", "outputs": []}}]}}]},
    }
    r = replay_thread(doc)
    assert [i["type"] for i in r.items] == ["message", "function_call", "function_call_output", "message", "message"]
    assert r.items[3] == {"type": "message", "role": "assistant", "content": "it is 3"}
    assert r.items[0]["content"] == "hi"
    assert r.items[4]["content"][1] == {"type": "input_image", "image_url": "https://x/y.png", "detail": "auto"}
    assert set(r.losses) == {"AM810", "AM812", "AM813", "AM815", "AM816"}
    assert r.messages_carried == 3
    big = replay_thread({"messages": [
        {"id": f"m{i}", "role": "user", "content": [{"type": "text", "text": {"value": str(i)}}]} for i in range(45)]})
    assert [len(c) for c in big.chunks()] == [20, 20, 5]


def test_client_errors_and_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    state = {"files": [{"id": "file-1", "object": "file", "bytes": 3, "created_at": 1, "filename": "a.txt",
                        "purpose": "assistants", "status": "processed", "content_base64": "YWJj"}]}
    with Emulator(state=state, validate=True) as emu:
        api = Api(base_url=emu.base_url, rpm=0, max_attempts=12, max_wait=5)
        with pytest.raises(Gone):
            api.get_json("/files/file-missing")
        n = len(emu.requests)
        with pytest.raises(PermanentError) as ei:
            api.get_bytes("/files/file-1/content")
        assert "Not allowed to download" in ei.value.message and len(emu.requests) == n + 1  # not retried
        emu.set_faults("429ms=0.3,500=0.1,drop=0.05,truncate=0.05,seed=1")
        for _ in range(10):
            assert api.get_json("/files/file-1")["id"] == "file-1"
        assert api.retries > 0
        emu.set_faults("429long=1@GET /files/file-1")
        t0 = time.monotonic()
        with pytest.raises(RetriesExhausted) as ei:
            api.get_json("/files/file-1")
        assert "more than --max-wait" in ei.value.message and time.monotonic() - t0 < 5
        emu.set_faults("quota=1")
        with pytest.raises(QuotaExceeded):
            api.get_json("/files/file-1")


def test_cli_quota_stops_run_and_long_wait_is_visible(tmp_path: Path) -> None:
    with Emulator(validate=True, faults="quota=1@GET /files") as emu:
        res = run_cli("export", "--out", str(tmp_path / "a"), "--base-url", emu.base_url, "--rpm", "0", "--no-progress")
    assert res.returncode == 3
    assert "insufficient quota" in res.stderr
    state = {"files": [{"id": "file-1", "object": "file", "bytes": 3, "created_at": 1, "filename": "a.txt",
                        "purpose": "batch", "status": "processed", "content_base64": "YWJj"}]}
    with Emulator(state=state, validate=True, faults="429long=1@GET /files/file-1/content") as emu:
        res = run_cli("export", "--out", str(tmp_path / "b"), "--base-url", emu.base_url, "--rpm", "0",
                      "--no-progress", "--max-wait", "30")
    assert res.returncode == 1
    assert "300 s, more than --max-wait 30 s" in res.stderr
    m = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert m["objects"]["files"]["file-1"]["status"] == "failed"


def test_cli_threads_from_stdin_and_missing_key(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    with Emulator(validate=True) as emu:
        res = run_cli("export", "--out", str(tmp_path / "a"), "--threads", "-", "--base-url", emu.base_url,
                      "--rpm", "0", "--no-progress", "--no-files", "--no-vector-stores",
                      stdin="thread_x1\nbad line\nthread_x1\n")
        assert "<stdin>: line 2: not a thread id" in res.stderr
        assert "1 duplicate" in res.stderr
        assert res.returncode == 0  # the one thread is gone (404), which counts as done
        m = json.loads((tmp_path / "a" / "manifest.json").read_text())
        assert m["objects"]["threads"] == {"thread_x1": m["objects"]["threads"]["thread_x1"]}
        assert m["objects"]["threads"]["thread_x1"]["status"] == "gone"
        env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
        res = subprocess.run([sys.executable, "-m", "assistants_migrate", "export", "--out", str(tmp_path / "b"),
                              "--base-url", emu.base_url], env=env, capture_output=True, text=True)
        assert res.returncode == 2 and "OPENAI_API_KEY" in res.stderr
