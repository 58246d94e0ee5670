"""Files and vector stores through the real openai SDK against the emulator."""

from __future__ import annotations

import asyncio
import base64

import openai
import pytest
from assistants_migrate.emulator import Emulator

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_files_upload_list_retrieve_content_delete(client):
    a = client.files.create(file=("a.txt", b"alpha"), purpose="assistants")
    b = client.files.create(file=("b.jsonl", b'{"x": 1}\n'), purpose="batch")
    u = client.files.create(file=("u.txt", b"user"), purpose="user_data")
    assert a.bytes == 5 and a.filename == "a.txt" and a.purpose == "assistants"
    assert client.files.retrieve(a.id).filename == "a.txt"
    assert [f.id for f in client.files.list()] == [u.id, b.id, a.id]
    assert [f.id for f in client.files.list(purpose="batch")] == [b.id]
    assert [f.id for f in client.files.list(limit=1, order="asc")] == [a.id, b.id, u.id]
    assert client.files.content(b.id).read() == b'{"x": 1}\n'
    for f in (a, u):
        with pytest.raises(openai.BadRequestError) as exc:
            client.files.content(f.id)
        assert exc.value.body["message"] == f"Not allowed to download files of purpose: {f.purpose}"
    assert client.files.delete(a.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(a.id)


def test_assistants_output_files_download():
    state = {"files": [{"id": "file-out1", "object": "file", "bytes": 3, "created_at": 1700000000,
                        "filename": "plot.png", "purpose": "assistants_output", "status": "processed",
                        "content_base64": base64.b64encode(b"PNG").decode()}]}
    with Emulator(state=state, validate=True) as emu:
        c = openai.OpenAI(base_url=emu.base_url, api_key="k")
        assert c.files.content("file-out1").read() == b"PNG"
        assert not emu.validation_errors


def test_vector_store_lifecycle(client):
    files = [client.files.create(file=(f"f{i}.txt", f"text {i}".encode()), purpose="assistants") for i in range(5)]
    vs = client.vector_stores.create(name="kb", file_ids=[files[0].id], metadata={"m": "1"})
    assert vs.status == "in_progress" and vs.file_counts.in_progress == 1
    again = client.vector_stores.retrieve(vs.id)
    assert again.status == "in_progress"
    assert client.vector_stores.retrieve(vs.id).status == "completed"
    assert client.vector_stores.update(vs.id, name="kb2").name == "kb2"
    other = client.vector_stores.create(name="other")
    assert [v.id for v in client.vector_stores.list(limit=1)] == [other.id, vs.id]

    vsf = client.vector_stores.files.create_and_poll(file_ids := files[1].id, vector_store_id=vs.id,
                                                     attributes={"lang": "en"}, poll_interval_ms=5)
    assert vsf.status == "completed" and vsf.attributes == {"lang": "en"} and file_ids
    assert client.vector_stores.files.retrieve(files[1].id, vector_store_id=vs.id).vector_store_id == vs.id
    upd = client.vector_stores.files.update(files[1].id, vector_store_id=vs.id, attributes={"lang": "de"})
    assert upd.attributes == {"lang": "de"}
    pages = list(client.vector_stores.files.content(files[1].id, vector_store_id=vs.id))
    assert pages[0].type == "text" and pages[0].text == "text 1"

    batch = client.vector_stores.file_batches.create_and_poll(
        vector_store_id=vs.id, file_ids=[f.id for f in files[2:]], poll_interval_ms=5
    )
    assert batch.status == "completed" and batch.file_counts.completed == 3
    listed = list(client.vector_stores.file_batches.list_files(batch.id, vector_store_id=vs.id, limit=2))
    assert sorted(f.id for f in listed) == sorted(f.id for f in files[2:])
    all_files = list(client.vector_stores.files.list(vs.id, limit=2))
    assert len(all_files) == 5
    assert list(client.vector_stores.files.list(vs.id, filter="failed")) == []

    batch2 = client.vector_stores.file_batches.create(vector_store_id=vs.id, file_ids=[files[0].id])
    assert batch2.status == "in_progress"
    cancelled = client.vector_stores.file_batches.cancel(batch2.id, vector_store_id=vs.id)
    assert cancelled.status == "cancelled"
    assert client.vector_stores.file_batches.retrieve(batch2.id, vector_store_id=vs.id).status == "cancelled"

    assert client.vector_stores.files.delete(files[1].id, vector_store_id=vs.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.vector_stores.files.retrieve(files[1].id, vector_store_id=vs.id)
    assert client.vector_stores.delete(vs.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.vector_stores.retrieve(vs.id)


def test_async_files_and_vector_stores(aclient_factory):
    async def main() -> None:
        async with aclient_factory() as c:
            f = await c.files.create(file=("x.txt", b"async text"), purpose="assistants")
            vs = await c.vector_stores.create(name="a")
            vsf = await c.vector_stores.files.create_and_poll(f.id, vector_store_id=vs.id, poll_interval_ms=5)
            assert vsf.status == "completed"
            page = await c.vector_stores.files.content(f.id, vector_store_id=vs.id)
            assert page.data[0].text == "async text"
            ids = [x.id async for x in c.files.list()]
            assert ids == [f.id]

    asyncio.run(main())
