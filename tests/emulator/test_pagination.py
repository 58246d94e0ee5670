"""Indexed cursor pagination, checked against the plain definition, and the page faults."""

from __future__ import annotations

import openai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistants_migrate.emulator import Emulator
from assistants_migrate.emulator.store import State

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def reference_page(objs, order, after, before, limit, gone, keep):
    """The definition: sort, drop what is not listed, cut at the cursors, take the page."""
    listed = sorted(objs, key=lambda o: o["created_at"])  # stable: ties stay in creation order
    if order == "desc":
        listed.reverse()
    ids = [o["id"] for o in listed]
    lo, hi = 0, len(listed)
    if after is not None:
        lo = ids.index(after) + 1 if after in ids else len(listed)
    if before is not None:
        hi = ids.index(before) if before in ids else 0
    window = [o for o in listed[lo:hi] if o["id"] not in gone and keep(o)]
    page = window[-limit:] if before is not None and after is None else window[:limit]
    return [o["id"] for o in page], len(window) > limit


@settings(max_examples=300, deadline=None)
@given(
    times=st.lists(st.integers(0, 5), max_size=30),
    order=st.sampled_from(["asc", "desc"]),
    limit=st.integers(1, 8),
    after=st.none() | st.integers(0, 35),
    before=st.none() | st.integers(0, 35),
    gone=st.sets(st.integers(0, 30), max_size=5),
    even_only=st.booleans(),
    removed=st.sets(st.integers(0, 30), max_size=5),
)
def test_indexed_pages_match_the_definition(times, order, limit, after, before, gone, even_only, removed):
    state = State()
    objs = [{"id": f"msg_{i}", "created_at": t, "thread_id": "thread_a", "n": i} for i, t in enumerate(times)]
    for o in objs:
        state.add("messages", o)
    state.add("messages", {"id": "msg_other", "created_at": 1, "thread_id": "thread_b", "n": 99})
    for i in removed:
        state.remove("messages", f"msg_{i}")
    objs = [o for o in objs if o["n"] not in removed]
    gone_ids = {f"msg_{i}" for i in gone}
    state.gone |= gone_ids
    keep = (lambda o: o["n"] % 2 == 0) if even_only else (lambda o: True)
    cursor = lambda i: None if i is None else f"msg_{i}"  # noqa: E731
    page, has_more = state.page("messages", "thread_a", order=order, after=cursor(after), before=cursor(before),
                                limit=limit, keep=keep if even_only else None)
    # a cursor that is gone still marks its place in the reference; the index agrees
    expected = reference_page(objs, order, cursor(after), cursor(before), limit, gone_ids, keep)
    assert ([o["id"] for o in page], has_more) == expected


def test_messages_of_other_threads_are_not_cursors(client):
    a = client.beta.threads.create(messages=[{"role": "user", "content": "a"}])
    b = client.beta.threads.create(messages=[{"role": "user", "content": "b"}])
    foreign = client.beta.threads.messages.list(b.id).data[0].id
    assert client.beta.threads.messages.list(a.id, after=foreign).data == []


def test_large_seeded_thread_pages_from_anywhere():
    n = 5000
    thread = {"id": "thread_big", "object": "thread", "created_at": 0, "tool_resources": {}, "metadata": {}}
    messages = [{"id": f"msg_{i:06d}", "object": "thread.message", "created_at": i // 7, "thread_id": "thread_big",
                 "status": "completed", "incomplete_details": None, "completed_at": 0, "incomplete_at": None,
                 "role": "user", "content": [{"type": "text", "text": {"value": str(i), "annotations": []}}],
                 "assistant_id": None, "run_id": None, "attachments": [], "metadata": {}} for i in range(n)]
    with Emulator(state={"threads": [thread], "messages": messages}, validate=True) as emu:
        client = openai.OpenAI(base_url=emu.base_url, api_key="k")
        page = client.beta.threads.messages.list("thread_big", limit=100, order="asc", after="msg_002499")
        assert [m.id for m in page.data] == [f"msg_{i:06d}" for i in range(2500, 2600)] and page.has_more
        newest = client.beta.threads.messages.list("thread_big", limit=3)
        assert [m.id for m in newest.data] == ["msg_004999", "msg_004998", "msg_004997"]
        last = client.beta.threads.messages.list("thread_big", limit=100, order="asc", after="msg_004949")
        assert len(last.data) == 50 and not last.has_more
        assert not emu.validation_errors


def test_has_more_lie_costs_one_empty_page(client, emulator):
    for i in range(3):
        client.files.create(file=(f"f{i}.txt", b"x"), purpose="assistants")
    emulator.set_faults("hasmore@GET /files")
    page = client.files.list(limit=2)
    assert page.has_more
    last = page.get_next_page()
    assert len(last.data) == 1 and last.has_more  # still claims more...
    assert list(last.get_next_page().data) == []  # ...and the next page is empty
    assert len(list(client.files.list(limit=2))) == 3  # auto-pagination stops on the empty page


def test_no_more_lie_truncates_a_listing(client, emulator):
    for i in range(5):
        client.beta.assistants.create(model="gpt-4o", name=f"a{i}")
    emulator.set_faults("nomore@GET /assistants")
    assert len(list(client.beta.assistants.list(limit=2))) == 2


def test_next_page_token_on_file_content(client, emulator):
    f = client.files.create(file=("kb.txt", b"text"), purpose="assistants")
    vs = client.vector_stores.create(file_ids=[f.id])
    emulator.set_faults("nextpage@GET /vector_stores/*/files/*/content")
    raw = client.vector_stores.files.with_raw_response.content(f.id, vector_store_id=vs.id).http_response.json()
    assert raw["has_more"] is True and raw["next_page"] == "page_emu_2"
    assert raw["data"] == [{"type": "text", "text": "text"}]


def test_cursor_fault_rejects_only_cursored_requests(client, emulator):
    for i in range(3):
        client.conversations.create(items=[{"role": "user", "content": f"m{i}"}])
    conv = client.conversations.create(items=[{"role": "user", "content": str(i)} for i in range(4)])
    emulator.set_faults("cursor@GET /conversations/*/items")
    first = client.conversations.items.list(conv.id, limit=2)
    assert len(first.data) == 2
    with pytest.raises(openai.BadRequestError) as exc:
        first.get_next_page()
    assert exc.value.param == "after"
