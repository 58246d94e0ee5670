"""Fault injection: retries observed through emu.requests, gone objects, sunset mode."""

from __future__ import annotations

import random
import time

import openai
import pytest
from assistants_migrate.emulator import Emulator
from assistants_migrate.emulator.faults import FaultPlan, FaultSpecError

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# random.Random(1) rolls 0.134 then 0.847: with p=0.5 the first request fails, the retry succeeds.
_r = random.Random(1)
assert _r.random() < 0.5 <= _r.random()


def statuses(emu, method, path):
    return [s for m, p, s in emu.requests if m == method and p == path]


def test_retry_after_ms_429_is_retried(client, emulator):
    emulator.set_faults("429ms=0.5@GET /assistants,seed=1")
    client.beta.assistants.list()
    assert statuses(emulator, "GET", "/assistants") == [429, 200]


def test_retry_after_seconds_429_is_retried(client, emulator):
    emulator.set_faults("429=0.5@POST /conversations,seed=1")
    t0 = time.monotonic()
    client.conversations.create()
    assert statuses(emulator, "POST", "/conversations") == [429, 200]
    assert time.monotonic() - t0 >= 0.9  # honoured Retry-After: 1


def test_bare_429_and_5xx_are_retried(client, emulator):
    for kind in ("429bare", "500", "502", "503"):
        emulator.requests.clear()
        emulator.set_faults(f"{kind}=0.5@POST /files,seed=1")
        client.files.create(file=("a.txt", b"a"), purpose="assistants")
        assert statuses(emulator, "POST", "/files") == [int(kind[:3]), 200], kind


def test_long_retry_after_is_not_retried(client, emulator):
    emulator.set_faults("429long")
    with pytest.raises(openai.RateLimitError) as exc:
        client.files.list()
    assert exc.value.response.headers["retry-after"] == "300"
    assert statuses(emulator, "GET", "/files") == [429]


def test_quota_and_error_shape(emulator):
    emulator.set_faults("quota@* /files")
    c = openai.OpenAI(base_url=emulator.base_url, api_key="k", max_retries=0)
    with pytest.raises(openai.RateLimitError) as exc:
        c.files.list()
    assert exc.value.code == "insufficient_quota"
    assert set(exc.value.body) == {"message", "type", "param", "code"}
    c.close()


def test_exhausted_retries_raise(emulator):
    emulator.set_faults("500@GET /files")
    c = openai.OpenAI(base_url=emulator.base_url, api_key="k", max_retries=1)
    with pytest.raises(openai.InternalServerError):
        c.files.list()
    assert statuses(emulator, "GET", "/files") == [500, 500]
    c.close()


def test_drop_and_truncate(emulator):
    c = openai.OpenAI(base_url=emulator.base_url, api_key="k", max_retries=0)
    emulator.set_faults("drop@GET /files")
    with pytest.raises(openai.APIConnectionError):
        c.files.list()
    assert statuses(emulator, "GET", "/files") == [0]
    emulator.set_faults("truncate@GET /files")
    with pytest.raises(openai.APIError):
        c.files.list()
    emulator.set_faults("drop=0.5,seed=1")
    c2 = openai.OpenAI(base_url=emulator.base_url, api_key="k", max_retries=3)
    c2.conversations.create()
    assert statuses(emulator, "POST", "/conversations") == [0, 200]
    emulator.set_faults(None)
    assert c.files.list().data == []
    c.close()
    c2.close()


def test_latency(client, emulator):
    emulator.set_faults("latency=150@GET /files")
    t0 = time.monotonic()
    client.files.list()
    assert time.monotonic() - t0 >= 0.15
    t0 = time.monotonic()
    client.conversations.create()
    assert time.monotonic() - t0 < 0.15


def test_gone_and_sunset(client, emulator):
    thread = client.beta.threads.create()
    conv = client.conversations.create()
    emulator.mark_gone(thread.id)
    with pytest.raises(openai.NotFoundError):
        client.beta.threads.retrieve(thread.id)
    emulator.set_faults("sunset")
    with pytest.raises(openai.NotFoundError) as exc:
        client.beta.assistants.list()
    assert exc.value.body["message"] == "Invalid URL (GET /v1/assistants)"
    with pytest.raises(openai.NotFoundError):
        client.beta.threads.create()
    assert client.conversations.retrieve(conv.id).id == conv.id
    assert emulator.snapshot()["gone"] == [thread.id]


def test_seeded_gone_ids():
    with Emulator(state={"gone": ["thread_old"]}, validate=True) as emu:
        c = openai.OpenAI(base_url=emu.base_url, api_key="k")
        with pytest.raises(openai.NotFoundError):
            c.beta.threads.messages.list("thread_old")


def test_fault_spec_grammar():
    plan = FaultPlan("429=0.25@GET /threads/*/messages, 500@POST *, latency=30, seed=7")
    assert [r.kind for r in plan.rules] == ["429", "500", "latency"]
    assert plan.seed == 7
    assert plan.rules[0].matches("GET", "/threads/t/messages")
    assert not plan.rules[0].matches("POST", "/threads/t/messages")
    assert plan.pick("POST", "/files") == "500"
    assert plan.latency_ms("GET", "/x") == 30
    for bad in ("nope", "500=2", "latency=abc", "seed=x"):
        with pytest.raises(FaultSpecError):
            FaultPlan(bad)


def test_keep_alive_reuses_the_connection(client, emulator):
    for _ in range(10):
        client.files.list()
    client.responses.create(model="gpt-4o", input="x")
    with client.responses.stream(model="gpt-4o", input="y") as s:
        s.until_done()
    client.files.list()
    assert emulator.connections == 1
