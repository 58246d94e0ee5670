"""Responses and Conversations through the real openai SDK against the emulator."""

from __future__ import annotations

import asyncio

import openai
import pytest
from emu_consts import WEATHER_FN, WEATHER_TOOL

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_create_retrieve_delete_input_items(client):
    r = client.responses.create(model="gpt-4o", input="hello world", instructions="be nice", metadata={"a": "b"})
    assert r.status == "completed" and r.output_text == "echo: hello world"
    assert r.usage.total_tokens == r.usage.input_tokens + r.usage.output_tokens
    got = client.responses.retrieve(r.id)
    assert got.output_text == "echo: hello world" and got.metadata == {"a": "b"}
    items = client.responses.input_items.list(r.id)
    assert [i.type for i in items.data] == ["message"]
    assert items.data[0].content[0].text == "hello world"
    client.responses.delete(r.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(r.id)


def test_input_items_pagination(client):
    inp = [{"role": "user", "content": f"u{i}"} for i in range(7)]
    r = client.responses.create(model="gpt-4o", input=inp)
    assert r.output_text == "echo: u6"
    texts = [i.content[0].text for i in client.responses.input_items.list(r.id, limit=3)]
    assert texts == [f"u{i}" for i in reversed(range(7))]
    asc = [i.content[0].text for i in client.responses.input_items.list(r.id, limit=2, order="asc")]
    assert asc == [f"u{i}" for i in range(7)]


def test_previous_response_id_and_function_calls(client):
    tools = [WEATHER_TOOL]
    r1 = client.responses.create(model="gpt-4o", input='call get_weather {"city": "Oslo"}', tools=tools)
    calls = [o for o in r1.output if o.type == "function_call"]
    assert len(calls) == 1 and r1.output_text == ""
    call = calls[0]
    assert call.id.startswith("fc_") and call.call_id.startswith("call_")
    assert call.name == "get_weather" and call.arguments == '{"city": "Oslo"}'
    r2 = client.responses.create(
        model="gpt-4o",
        previous_response_id=r1.id,
        tools=tools,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}],
    )
    assert r2.output_text == 'echo: call get_weather {"city": "Oslo"}\nget_weather -> sunny'
    assert r2.previous_response_id == r1.id


def test_conversation_and_mutual_exclusion(client):
    conv = client.conversations.create(items=[{"role": "user", "content": "earlier"}], metadata={"src": "t"})
    assert conv.id.startswith("conv_")
    r = client.responses.create(model="gpt-4o", input="now", conversation=conv.id)
    assert r.output_text == "echo: now" and r.conversation.id == conv.id
    items = list(client.conversations.items.list(conv.id, order="asc"))
    assert [(i.type, i.role) for i in items] == [("message", "user"), ("message", "user"), ("message", "assistant")]
    assert items[-1].content[0].text == "echo: now"
    with pytest.raises(openai.BadRequestError) as exc:
        client.responses.create(model="gpt-4o", input="x", conversation=conv.id, previous_response_id=r.id)
    assert "previous_response_id" in exc.value.body["message"]


def test_conversation_function_loop_matches_assistants_text(client):
    """The same history gives the same text in a run and in a response."""
    prompt = 'please get_weather {"city": "Rome"}'
    asst = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_FN])
    thread = client.beta.threads.create(messages=[{"role": "user", "content": prompt}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=asst.id, poll_interval_ms=5)
    call = run.required_action.submit_tool_outputs.tool_calls[0]
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "hot"}], poll_interval_ms=5
    )
    old_text = client.beta.threads.messages.list(thread.id).data[0].content[0].text.value

    conv = client.conversations.create()
    r = client.responses.create(model="gpt-4o", conversation=conv.id, input=prompt, tools=[WEATHER_TOOL])
    fc = [o for o in r.output if o.type == "function_call"][0]
    assert fc.arguments == call.function.arguments
    r = client.responses.create(
        model="gpt-4o", conversation=conv.id, tools=[WEATHER_TOOL],
        input=[{"type": "function_call_output", "call_id": fc.call_id, "output": "hot"}],
    )
    assert r.output_text == old_text == 'echo: please get_weather {"city": "Rome"}\nget_weather -> hot'


def test_nested_function_tool_is_rejected_like_the_api(client):
    """`{"type": "function", "function": {...}}` is the Assistants/Chat shape: the Responses API answers
    400 rather than running without the tool, so a half-migrated tool list cannot go unnoticed."""
    nested = {"type": "function", "function": {"name": "add", "parameters": {"type": "object"}}}
    flat = {"type": "function", "name": "add", "parameters": {"type": "object"}, "strict": False}
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="gpt-4o", input="Please add", tools=[flat, nested])
    assert caught.value.status_code == 400
    assert caught.value.body["message"] == "Missing required parameter: 'tools[1].name'."
    assert caught.value.body["param"] == "tools[1].name"
    assert client.responses.create(model="gpt-4o", input="Please add", tools=[flat]).status == "completed"


def test_background_response_is_paced_like_a_run(client):
    """A background response and a run move one step per poll: queued, in_progress, then final."""
    assistant = client.beta.assistants.create(model="gpt-4o")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "pace"}])
    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
    run_steps = [run.status] + [client.beta.threads.runs.retrieve(run.id, thread_id=thread.id).status
                                for _ in range(3)]
    conversation = client.conversations.create(items=[{"type": "message", "role": "user", "content": "pace"}])
    response = client.responses.create(model="gpt-4o", conversation=conversation.id, background=True)
    response_steps = [response.status] + [client.responses.retrieve(response.id).status for _ in range(3)]
    assert run_steps == response_steps == ["queued", "in_progress", "completed", "completed"]
    items = client.conversations.items.list(conversation.id, order="asc").data
    assert [item.role for item in items if item.type == "message"] == ["user", "assistant"]


def test_background_and_cancel(client):
    r = client.responses.create(model="gpt-4o", input="bg", background=True)
    assert r.status == "queued"
    assert client.responses.retrieve(r.id).status == "in_progress"
    done = client.responses.retrieve(r.id)
    assert done.status == "completed" and done.output_text == "echo: bg"
    r2 = client.responses.create(model="gpt-4o", input="bg2", background=True)
    assert client.responses.cancel(r2.id).status == "cancelled"
    sync = client.responses.create(model="gpt-4o", input="sync")
    with pytest.raises(openai.BadRequestError):
        client.responses.cancel(sync.id)


def test_responses_stream_helper(client):
    with client.responses.stream(model="gpt-4o", input="stream this text") as stream:
        types = []
        snapshots = []
        for event in stream:
            types.append(event.type)
            if event.type == "response.output_text.delta":
                snapshots.append(event.snapshot)
        final = stream.get_final_response()
    assert final.output_text == "echo: stream this text"
    assert snapshots[-1] == "echo: stream this text" and len(snapshots) > 1
    assert types[:4] == ["response.created", "response.in_progress", "response.output_item.added",
                         "response.content_part.added"]
    assert types[-4:] == ["response.output_text.done", "response.content_part.done", "response.output_item.done",
                          "response.completed"]


def test_responses_stream_function_call_and_raw_stream(client):
    with client.responses.stream(model="gpt-4o", input="get_weather", tools=[WEATHER_TOOL]) as stream:
        deltas = [e for e in stream if e.type == "response.function_call_arguments.delta"]
        final = stream.get_final_response()
    assert deltas[-1].snapshot == '{"city": "Paris"}'
    assert final.output[0].type == "function_call"
    raw = client.responses.create(model="gpt-4o", input="raw", stream=True)
    events = list(raw)
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert events[-1].type == "response.completed" and events[-1].response.output_text == "echo: raw"


def test_file_search_and_code_interpreter_in_responses(client):
    f = client.files.create(file=("doc.md", b"# title\nbody"), purpose="assistants")
    vs = client.vector_stores.create(name="kb", file_ids=[f.id])
    r = client.responses.create(
        model="gpt-4o",
        input="find it",
        tools=[{"type": "file_search", "vector_store_ids": [vs.id]},
               {"type": "code_interpreter", "container": {"type": "auto"}}],
        include=["file_search_call.results", "code_interpreter_call.outputs"],
    )
    assert [o.type for o in r.output] == ["code_interpreter_call", "file_search_call", "message"]
    assert r.output[0].outputs[0].logs == "emulator\n"
    assert r.output[1].results[0].file_id == f.id
    assert r.output_text == "echo: find it [source: doc.md]"
    ann = r.output[2].content[0].annotations[0]
    assert ann.type == "file_citation" and ann.file_id == f.id and ann.filename == "doc.md"


def test_conversations_crud_and_items(client):
    with pytest.raises(openai.BadRequestError) as exc:
        client.conversations.create(items=[{"role": "user", "content": str(i)} for i in range(21)])
    assert exc.value.code == "array_above_max_length" and exc.value.param == "items"
    conv = client.conversations.create(items=[{"role": "user", "content": str(i)} for i in range(20)])
    assert client.conversations.retrieve(conv.id).id == conv.id
    assert client.conversations.update(conv.id, metadata={"k": "v"}).metadata == {"k": "v"}
    added = client.conversations.items.create(
        conv.id,
        items=[
            {"type": "message", "role": "assistant", "content": "reply"},
            {"type": "function_call", "call_id": "call_x", "name": "f", "arguments": "{}"},
            {"type": "function_call_output", "call_id": "call_x", "output": "ok"},
        ],
    )
    assert [i.type for i in added.data] == ["message", "function_call", "function_call_output"]
    assert added.data[1].id.startswith("fc_")
    desc = client.conversations.items.list(conv.id, limit=5)
    assert desc.data[0].type == "function_call_output" and desc.has_more
    every = list(client.conversations.items.list(conv.id, limit=4))
    assert len(every) == 23
    first = every[-1]
    assert client.conversations.items.retrieve(first.id, conversation_id=conv.id).content[0].text == "0"
    after_delete = client.conversations.items.delete(first.id, conversation_id=conv.id)
    assert after_delete.id == conv.id
    with pytest.raises(openai.NotFoundError):
        client.conversations.items.retrieve(first.id, conversation_id=conv.id)
    assert client.conversations.delete(conv.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.conversations.retrieve(conv.id)


def test_async_responses_and_conversations(aclient_factory):
    async def main() -> None:
        async with aclient_factory() as c:
            conv = await c.conversations.create()
            r = await c.responses.create(model="gpt-4o", input="async", conversation={"id": conv.id})
            assert r.output_text == "echo: async"
            items = [i async for i in c.conversations.items.list(conv.id, limit=1)]
            assert len(items) == 2
            async with c.responses.stream(model="gpt-4o", input="astream") as stream:
                async for _ in stream:
                    pass
                final = await stream.get_final_response()
            assert final.output_text == "echo: astream"

    asyncio.run(main())


def test_stream_with_annotation_and_tools(client):
    f = client.files.create(file=("kb.txt", b"facts"), purpose="assistants")
    vs = client.vector_stores.create(file_ids=[f.id])
    with client.responses.stream(
        model="gpt-4o", input="cite",
        tools=[{"type": "file_search", "vector_store_ids": [vs.id]},
               {"type": "code_interpreter", "container": {"type": "auto"}}],
    ) as stream:
        types = [e.type for e in stream]
        final = stream.get_final_response()
    assert final.output_text == "echo: cite [source: kb.txt]"
    assert "response.output_text.annotation.added" in types
    assert "response.file_search_call.completed" in types and "response.code_interpreter_call.completed" in types


def test_concurrent_async_requests(aclient_factory, emulator):
    async def main() -> None:
        async with aclient_factory() as c:
            results = await asyncio.gather(*[c.responses.create(model="gpt-4o", input=f"n{i}") for i in range(20)])
            assert sorted(r.output_text for r in results) == sorted(f"echo: n{i}" for i in range(20))
            assert len({r.id for r in results}) == 20

    asyncio.run(main())
    assert [s for _, _, s in emulator.requests] == [200] * 20
