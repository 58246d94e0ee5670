"""--validate behaviour and the state format round trip."""

from __future__ import annotations

import json

import openai
import pytest
from assistants_migrate.emulator import Emulator

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_invalid_body_names_the_parameter(client):
    with pytest.raises(openai.BadRequestError) as exc:
        client.responses.create(model="gpt-4o", input="x", temperature="hot")
    assert exc.value.param == "temperature"
    assert exc.value.body["type"] == "invalid_request_error"
    with pytest.raises(openai.BadRequestError) as exc:
        client.beta.threads.messages.create("thread_x", role="robot", content="hi")
    assert exc.value.param == "role" and exc.value.code == "invalid_value"
    with pytest.raises(openai.BadRequestError) as exc:
        client.responses.create(model="gpt-4o", input="x", tools=[{"type": "function", "name": "f", "parameters": {}}])
    assert exc.value.param == "tools[0].strict" and exc.value.code == "missing_required_parameter"
    with pytest.raises(openai.BadRequestError) as exc:
        client.beta.assistants.create(model="gpt-4o", extra_body={"bogus": 1})
    assert exc.value.param == "bogus"


def test_invalid_query_names_the_parameter(client):
    with pytest.raises(openai.BadRequestError) as exc:
        client.beta.assistants.list(order="sideways")
    assert exc.value.param == "order"
    with pytest.raises(openai.BadRequestError) as exc:
        client.beta.assistants.list(limit=1000)
    assert exc.value.param == "limit"
    with pytest.raises(openai.BadRequestError) as exc:
        client.get("/assistants?limit=abc", cast_to=object)
    assert exc.value.param == "limit"


def test_invalid_outgoing_object_is_a_loud_500():
    bad = {"assistants": [{"id": "asst_bad", "object": "assistant", "created_at": 1}]}
    with Emulator(state=bad, validate=True) as emu:
        c = openai.OpenAI(base_url=emu.base_url, api_key="k", max_retries=3)
        with pytest.raises(openai.InternalServerError) as exc:
            c.beta.assistants.retrieve("asst_bad")
        assert "spec validation" in exc.value.body["message"]
        assert emu.validation_errors and "asst_bad" in emu.validation_errors[0]
        assert [s for _, _, s in emu.requests] == [500]  # x-should-retry: false


def test_unknown_route_is_openai_404(client):
    with pytest.raises(openai.NotFoundError) as exc:
        client.get("/nope", cast_to=object)
    assert exc.value.body["message"] == "Invalid URL (GET /v1/nope)"


def test_state_round_trip(tmp_path):
    out = tmp_path / "state.json"
    with Emulator(validate=True, state_out=out) as emu:
        c = openai.OpenAI(base_url=emu.base_url, api_key="k")
        asst = c.beta.assistants.create(model="gpt-4o", name="keep")
        thread = c.beta.threads.create(messages=[{"role": "user", "content": "hi"}])
        c.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=asst.id, poll_interval_ms=5)
        f = c.files.create(file=("n.txt", b"notes"), purpose="assistants")
        vs = c.vector_stores.create(file_ids=[f.id])
        conv = c.conversations.create(items=[{"role": "user", "content": "x"}])
        c.responses.create(model="gpt-4o", input="y", conversation=conv.id)
        emu.mark_gone("thread_gone")
        snap = emu.snapshot()
    saved = json.loads(out.read_text())
    assert saved == snap
    assert saved["files"][0]["content_base64"] and saved["vector_store_files"][0]["content"][0]["text"] == "notes"
    assert {i["conversation_id"] for i in saved["conversation_items"]} == {conv.id}
    assert saved["responses"][0]["input_items"][0]["content"][0]["text"] == "y"
    assert len(saved["run_steps"]) == 1 and saved["messages"][1]["run_id"] == saved["runs"][0]["id"]

    with Emulator(state=out, validate=True) as emu2:
        assert emu2.snapshot() == snap
        c = openai.OpenAI(base_url=emu2.base_url, api_key="k")
        msgs = c.beta.threads.messages.list(thread.id)
        assert msgs.data[0].content[0].text.value == "echo: hi"
        assert c.vector_stores.files.content(f.id, vector_store_id=vs.id).data[0].text == "notes"
        new = c.beta.assistants.create(model="gpt-4o")
        assert new.id != asst.id
        assert [i.type for i in c.conversations.items.list(conv.id)] == ["message"] * 3
        assert not emu2.validation_errors


def test_seed_and_snapshot_are_copies(emulator):
    emulator.seed({"threads": [{"id": "thread_s", "object": "thread", "created_at": 5, "tool_resources": {},
                                "metadata": {}}],
                   "messages": [{"id": f"msg_s{i}", "object": "thread.message", "created_at": 5 + i,
                                 "thread_id": "thread_s", "status": "completed", "incomplete_details": None,
                                 "completed_at": 5, "incomplete_at": None, "role": "user",
                                 "content": [{"type": "text", "text": {"value": f"m{i}", "annotations": []}}],
                                 "assistant_id": None, "run_id": None, "attachments": [], "metadata": {}}
                                for i in range(45)]})
    c = openai.OpenAI(base_url=emulator.base_url, api_key="k")
    texts = [m.content[0].text.value for m in c.beta.threads.messages.list("thread_s", order="asc")]
    assert texts == [f"m{i}" for i in range(45)]
    snap = emulator.snapshot()
    snap["threads"].clear()
    assert emulator.snapshot()["threads"]
    with pytest.raises(ValueError):
        emulator.seed({"nonsense": []})
