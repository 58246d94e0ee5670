"""Trickled streams (``stream_delay`` / ``--stream-delay``): each event is sent as it is made."""

from __future__ import annotations

import signal

import httpx2
import openai
import pytest
from openai import OpenAI

from assistants_migrate.emulator import Emulator
from test_cli import start

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# Long enough that the client reads an event well before the server makes the next one.
DELAY = 0.2


@pytest.fixture
def trickling():
    with Emulator(validate=True, stream_delay=DELAY) as emu:
        yield emu, OpenAI(base_url=emu.base_url, api_key="sk-test")
    assert not emu.validation_errors


def test_responses_stream_delivers_its_first_event_before_the_last_is_made(trickling):
    emu, client = trickling
    with client.responses.stream(model="gpt-4o", input="two words") as stream:
        events = iter(stream)
        first = next(events)
        made_so_far = emu.snapshot()["responses"][0]
        polled = client.responses.retrieve(first.response.id)  # a poll must not finish a streaming response
        rest = list(events)
    assert first.type == "response.created"
    assert made_so_far["status"] == "in_progress" and made_so_far["output"] == []
    assert polled.status == "in_progress" and polled.output == []
    assert rest[-1].type == "response.completed"
    assert [e.delta for e in rest if e.type == "response.output_text.delta"] == ["echo: ", "two ", "words"]
    assert emu.snapshot()["responses"][0]["status"] == "completed"


def test_assistants_stream_delivers_its_first_event_before_the_last_is_made(trickling):
    emu, client = trickling
    asst = client.beta.assistants.create(model="gpt-4o")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "hello"}])
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id) as stream:
        events = iter(stream)
        first = next(events)
        run_then = emu.snapshot()["runs"][0]
        polled = client.beta.threads.runs.retrieve(first.data.id, thread_id=thread.id)
        rest = [e.event for e in events]
    assert first.event == "thread.run.created"
    assert run_then["status"] == "queued" and polled.status == "queued"
    assert rest[0] == "thread.run.queued" and rest[-1] == "thread.run.completed"
    assert emu.snapshot()["runs"][0]["status"] == "completed"


def test_trickled_and_whole_streams_carry_the_same_events():
    def event_types(delay: float) -> list[str]:
        with Emulator(stream_delay=delay) as emu:
            client = OpenAI(base_url=emu.base_url, api_key="sk-test")
            with client.responses.stream(model="gpt-4o", input="same events") as stream:
                return [e.type for e in stream]

    assert event_types(0.01) == event_types(0)


def test_cut_trickled_stream_ends_after_its_first_event():
    with Emulator(stream_delay=0.01, faults="truncate@POST /responses") as emu:
        client = OpenAI(base_url=emu.base_url, api_key="sk-test", max_retries=0)
        got = []
        with pytest.raises(openai.APIConnectionError):
            with client.responses.stream(model="gpt-4o", input="cut me") as stream:
                for event in stream:
                    got.append(event.type)
        assert got == ["response.created"]


def test_cli_stream_delay_sends_chunked_streams(tmp_path):
    proc, url, _ = start(tmp_path, "--stream-delay", "0.01")
    try:
        body = {"model": "gpt-4o", "input": "hi", "stream": True}
        with httpx2.Client() as http, http.stream("POST", f"{url}/responses", json=body) as resp:
            assert resp.headers["transfer-encoding"] == "chunked"
            text = "".join(resp.iter_text())
        assert text.count("event: ") > 5 and "response.completed" in text
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_cancel_while_streaming_ends_the_stream_cancelled(trickling):
    emu, client = trickling
    asst = client.beta.assistants.create(model="gpt-4o")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "a long answer to cut short"}])
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id) as stream:
        events = []
        for event in stream:
            events.append(event.event)
            if event.event == "thread.message.delta" and events.count("thread.message.delta") == 2:
                client.beta.threads.runs.cancel(stream.current_run.id, thread_id=thread.id)
    assert events[-1] == "thread.run.cancelled"
    assert "thread.message.completed" not in events
    message = client.beta.threads.messages.list(thread.id).data[0]
    assert message.role == "assistant" and message.status == "incomplete"
    assert message.incomplete_details.reason == "run_cancelled"
