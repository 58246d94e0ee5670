"""Endpoints migrated code calls besides the core ones: vector-store search, input-token counts,
compaction, containers (where code interpreter runs). Real openai SDK, spec-validated emulator."""

from __future__ import annotations

import openai
import pytest


@pytest.fixture
def store(client):
    policy = client.files.create(file=("policy.txt", b"Returns are accepted within 30 days."), purpose="assistants")
    menu = client.files.create(file=("menu.txt", b"Soup of the day and bread."), purpose="assistants")
    vs = client.vector_stores.create(file_ids=[menu.id, policy.id])
    client.vector_stores.files.update(policy.id, vector_store_id=vs.id, attributes={"kind": "legal", "year": 2024})
    client.vector_stores.retrieve(vs.id)  # files finish processing on the next read
    return vs, policy, menu


def test_vector_store_search_returns_the_matching_file(client, store):
    vs, policy, menu = store
    page = client.vector_stores.search(vs.id, query="What is the returns policy, in days?")
    hits = list(page)
    assert [h.file_id for h in hits] == [policy.id, menu.id]
    assert hits[0].filename == "policy.txt" and hits[0].score > hits[1].score
    assert hits[0].content[0].text == "Returns are accepted within 30 days."
    assert hits[0].attributes == {"kind": "legal", "year": 2024}


def test_vector_store_search_limits_filters_and_thresholds(client, store):
    vs, policy, menu = store
    assert [h.file_id for h in client.vector_stores.search(vs.id, query="soup", max_num_results=1)] == [menu.id]
    legal = client.vector_stores.search(vs.id, query="soup", filters={"type": "eq", "key": "kind", "value": "legal"})
    assert [h.file_id for h in legal] == [policy.id]
    recent = client.vector_stores.search(vs.id, query="x", filters={
        "type": "and", "filters": [{"type": "gte", "key": "year", "value": 2020},
                                   {"type": "ne", "key": "kind", "value": "menu"}]})
    assert [h.file_id for h in recent] == [policy.id]
    strict = client.vector_stores.search(vs.id, query="bread soup", ranking_options={"score_threshold": 0.5})
    assert [h.file_id for h in strict] == [menu.id]
    with pytest.raises(openai.NotFoundError):
        client.vector_stores.search("vs_missing", query="x")


def test_input_tokens_count_what_the_response_will_use(client):
    conv = client.conversations.create(items=[{"role": "user", "content": "earlier words here"}])
    body = {"model": "gpt-4o", "input": "three more words", "conversation": conv.id}
    counted = client.responses.input_tokens.count(**body)
    assert counted.object == "response.input_tokens"
    assert counted.input_tokens == client.responses.create(**body).usage.input_tokens == 6
    with pytest.raises(openai.NotFoundError):
        client.responses.input_tokens.count(model="gpt-4o", input="x", previous_response_id="resp_missing")


def test_compaction_keeps_user_turns_and_folds_the_rest(client):
    first = client.responses.create(model="gpt-4o", input="alpha")
    second = client.responses.create(model="gpt-4o", input="beta", previous_response_id=first.id)
    compacted = client.responses.compact(model="gpt-4o", previous_response_id=second.id)
    assert compacted.object == "response.compaction"
    kinds = [(item.type, getattr(item, "role", None)) for item in compacted.output]
    assert kinds == [("message", "user"), ("message", "user"), ("compaction", None)]
    # the compacted window answers like the full one
    full = client.responses.input_tokens.count(model="gpt-4o", input="gamma", previous_response_id=second.id)
    again = client.responses.create(model="gpt-4o", input=[i.model_dump(exclude_none=True, warnings=False) for i in compacted.output]
                                    + [{"role": "user", "content": "gamma"}])
    assert again.output_text == "echo: gamma"
    assert again.usage.input_tokens == full.input_tokens


def test_containers_and_their_files(client):
    data = client.files.create(file=("data.csv", b"a,b\n1,2\n"), purpose="user_data")
    container = client.containers.create(name="work", file_ids=[data.id])
    assert container.status == "running" and container.expires_after.minutes == 20
    listed = list(client.containers.files.list(container.id))
    assert [(f.path, f.source, f.bytes) for f in listed] == [("/mnt/data/data.csv", "user", 8)]
    assert client.containers.files.content.retrieve(listed[0].id, container_id=container.id).read() == b"a,b\n1,2\n"
    uploaded = client.containers.files.create(container.id, file=("notes.txt", b"hello"))
    assert client.containers.files.retrieve(uploaded.id, container_id=container.id).path == "/mnt/data/notes.txt"
    assert client.containers.files.delete(uploaded.id, container_id=container.id) is None
    assert [c.name for c in client.containers.list(name="work")] == ["work"]
    # a code-interpreter call runs in the container the tool names
    r = client.responses.create(model="gpt-4o", input="run",
                                tools=[{"type": "code_interpreter", "container": container.id}])
    assert r.output[0].type == "code_interpreter_call" and r.output[0].container_id == container.id
    client.containers.delete(container.id)
    with pytest.raises(openai.NotFoundError):
        client.containers.retrieve(container.id)
