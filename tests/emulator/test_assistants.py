"""Assistants v2 through the real openai SDK (sync and async) against the emulator."""

from __future__ import annotations

import asyncio

import openai
import pytest
from openai import AssistantEventHandler
from typing_extensions import override

from emu_consts import WEATHER_FN

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_assistants_crud_and_pagination(client, emulator):
    created = [client.beta.assistants.create(model="gpt-4o", name=f"a{i}", instructions="be brief") for i in range(7)]
    got = client.beta.assistants.retrieve(created[0].id)
    assert got.name == "a0" and got.instructions == "be brief"
    upd = client.beta.assistants.update(created[0].id, name="renamed", metadata={"k": "v"})
    assert upd.name == "renamed" and upd.metadata == {"k": "v"}

    page = client.beta.assistants.list(limit=3)
    assert [a.id for a in page.data] == [a.id for a in reversed(created)][:3]
    assert page.has_more
    all_desc = [a.id for a in client.beta.assistants.list(limit=3)]
    assert all_desc == [a.id for a in reversed(created)]
    all_asc = [a.id for a in client.beta.assistants.list(limit=2, order="asc")]
    assert all_asc == [a.id for a in created]
    lists = [r for r in emulator.requests if r[:2] == ("GET", "/assistants")]
    assert len(lists) >= 1 + 3 + 4  # several pages were fetched

    before = client.beta.assistants.list(limit=2, order="asc", before=created[4].id)
    assert [a.id for a in before.data] == [created[2].id, created[3].id]

    deleted = client.beta.assistants.delete(created[1].id)
    assert deleted.deleted and deleted.id == created[1].id
    with pytest.raises(openai.NotFoundError):
        client.beta.assistants.retrieve(created[1].id)


def test_threads_and_messages(client):
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "first"}], metadata={"a": "1"})
    assert client.beta.threads.retrieve(thread.id).metadata == {"a": "1"}
    assert client.beta.threads.update(thread.id, metadata={"a": "2"}).metadata == {"a": "2"}
    msgs = [client.beta.threads.messages.create(thread.id, role="user", content=f"m{i}") for i in range(25)]
    listed = list(client.beta.threads.messages.list(thread.id, order="asc", limit=10))
    assert [m.content[0].text.value for m in listed] == ["first"] + [f"m{i}" for i in range(25)]
    one = client.beta.threads.messages.retrieve(msgs[3].id, thread_id=thread.id)
    assert one.content[0].text.value == "m3"
    assert client.beta.threads.messages.update(msgs[3].id, thread_id=thread.id, metadata={"x": "y"}).metadata == {"x": "y"}
    assert client.beta.threads.messages.delete(msgs[3].id, thread_id=thread.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.beta.threads.messages.retrieve(msgs[3].id, thread_id=thread.id)
    parts = client.beta.threads.messages.create(
        thread.id, role="user", content=[{"type": "text", "text": "a"}, {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]
    )
    assert parts.content[1].type == "image_url"
    assert client.beta.threads.delete(thread.id).deleted
    with pytest.raises(openai.NotFoundError):
        client.beta.threads.retrieve(thread.id)


def test_get_threads_is_missing_scope(client):
    with pytest.raises(openai.AuthenticationError) as exc:
        client.get("/threads", cast_to=object)
    assert exc.value.code == "missing_scope"
    assert exc.value.status_code == 401


def test_run_lifecycle_and_poll_header(client, emulator):
    asst = client.beta.assistants.create(model="gpt-4o")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "hello there"}])
    raw = client.beta.threads.runs.with_raw_response.create(thread.id, assistant_id=asst.id)
    assert raw.headers["openai-poll-after-ms"] == "5"
    run = raw.parse()
    assert run.status == "queued"
    assert client.beta.threads.runs.retrieve(run.id, thread_id=thread.id).status == "in_progress"
    done = client.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    assert done.status == "completed" and done.usage.total_tokens > 0
    msgs = client.beta.threads.messages.list(thread.id)
    assert msgs.data[0].content[0].text.value == "echo: hello there"
    assert msgs.data[0].run_id == run.id and msgs.data[0].assistant_id == asst.id
    assert [m.id for m in client.beta.threads.messages.list(thread.id, run_id=run.id)] == [msgs.data[0].id]
    assert [r.id for r in client.beta.threads.runs.list(thread.id)] == [run.id]
    assert client.beta.threads.runs.update(run.id, thread_id=thread.id, metadata={"m": "1"}).metadata == {"m": "1"}
    steps = client.beta.threads.runs.steps.list(run.id, thread_id=thread.id)
    assert steps.data[0].type == "message_creation"
    step = client.beta.threads.runs.steps.retrieve(steps.data[0].id, thread_id=thread.id, run_id=run.id)
    assert step.step_details.message_creation.message_id == msgs.data[0].id


def test_requires_action_loop(client):
    asst = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_FN])
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread.id, role="user", content='what does get_weather say? {"city": "Oslo"}')
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=asst.id, poll_interval_ms=5)
    assert run.status == "requires_action"
    call = run.required_action.submit_tool_outputs.tool_calls[0]
    assert call.id.startswith("call_")
    assert call.function.name == "get_weather" and call.function.arguments == '{"city": "Oslo"}'
    with pytest.raises(openai.BadRequestError):
        client.beta.threads.runs.create(thread.id, assistant_id=asst.id)  # thread has an active run
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "sunny"}], poll_interval_ms=5
    )
    assert run.status == "completed"
    text = client.beta.threads.messages.list(thread.id).data[0].content[0].text.value
    assert text == 'echo: what does get_weather say? {"city": "Oslo"}\nget_weather -> sunny'
    steps = list(client.beta.threads.runs.steps.list(run.id, thread_id=thread.id, order="asc"))
    assert steps[0].step_details.tool_calls[0].function.output == "sunny"


def test_schema_defaults_and_cancel(client):
    asst = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_FN])
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "use get_weather please"}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=asst.id, poll_interval_ms=5)
    assert run.required_action.submit_tool_outputs.tool_calls[0].function.arguments == '{"city": "Paris"}'
    cancelled = client.beta.threads.runs.cancel(run.id, thread_id=thread.id)
    assert cancelled.status == "cancelled"
    with pytest.raises(openai.BadRequestError):
        client.beta.threads.runs.cancel(run.id, thread_id=thread.id)


def test_create_and_run_and_tools(client, emulator):
    f = client.files.create(file=("notes.txt", b"the secret is 42"), purpose="assistants")
    vs = client.vector_stores.create(name="kb", file_ids=[f.id])
    asst = client.beta.assistants.create(
        model="gpt-4o",
        tools=[{"type": "file_search"}, {"type": "code_interpreter"}],
        tool_resources={"file_search": {"vector_store_ids": [vs.id]}},
    )
    run = client.beta.threads.create_and_run_poll(
        assistant_id=asst.id, thread={"messages": [{"role": "user", "content": "what is the secret?"}]}, poll_interval_ms=5
    )
    assert run.status == "completed"
    msg = client.beta.threads.messages.list(run.thread_id).data[0]
    text = msg.content[0].text
    assert text.value == "echo: what is the secret? [source: notes.txt]"
    ann = text.annotations[0]
    assert ann.type == "file_citation" and ann.file_citation.file_id == f.id
    assert text.value[ann.start_index : ann.end_index] == ann.text == "[source: notes.txt]"
    steps = list(client.beta.threads.runs.steps.list(run.id, thread_id=run.thread_id, order="asc"))
    kinds = [s.step_details.tool_calls[0].type if s.type == "tool_calls" else s.type for s in steps]
    assert kinds == ["code_interpreter", "file_search", "message_creation"]
    assert steps[0].step_details.tool_calls[0].code_interpreter.outputs[0].logs == "emulator\n"
    assert steps[1].step_details.tool_calls[0].file_search.results[0].content is None
    with_content = client.beta.threads.runs.steps.list(
        run.id, thread_id=run.thread_id, order="asc",
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    assert with_content.data[1].step_details.tool_calls[0].file_search.results[0].content[0].text == "the secret is 42"
    step = client.beta.threads.runs.steps.retrieve(
        steps[1].id, thread_id=run.thread_id, run_id=run.id,
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    assert step.step_details.tool_calls[0].file_search.results[0].file_id == f.id


class Recorder(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []
        self.deltas: list[str] = []
        self.tool_calls: list[str] = []
        self.done_text: str | None = None

    @override
    def on_event(self, event) -> None:
        self.events.append(event.event)

    @override
    def on_text_delta(self, delta, snapshot) -> None:
        self.deltas.append(delta.value)

    @override
    def on_text_done(self, text) -> None:
        self.done_text = text.value

    @override
    def on_tool_call_created(self, tool_call) -> None:
        self.tool_calls.append(tool_call.type)


def test_stream_with_event_handler(client):
    asst = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_FN])
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "stream me please"}])
    handler = Recorder()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id, event_handler=handler) as stream:
        stream.until_done()
        final = stream.get_final_run()
        messages = stream.get_final_messages()
    assert final.status == "completed"
    assert handler.done_text == "echo: stream me please"
    assert "".join(handler.deltas) == "echo: stream me please" and len(handler.deltas) > 1
    assert handler.events[:3] == ["thread.run.created", "thread.run.queued", "thread.run.in_progress"]
    assert handler.events[-1] == "thread.run.completed"
    assert messages[-1].content[0].text.value == "echo: stream me please"

    # tool call through the stream, then submit_tool_outputs_stream
    client.beta.threads.messages.create(thread.id, role="user", content="get_weather now")
    handler = Recorder()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id, event_handler=handler) as stream:
        stream.until_done()
        run = stream.get_final_run()
    assert run.status == "requires_action" and handler.tool_calls == ["function"]
    call = run.required_action.submit_tool_outputs.tool_calls[0]
    handler = Recorder()
    with client.beta.threads.runs.submit_tool_outputs_stream(
        run_id=run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "rain"}], event_handler=handler
    ) as stream:
        stream.until_done()
    assert handler.done_text == "echo: get_weather now\nget_weather -> rain"
    assert "thread.run.step.completed" in handler.events


def test_create_and_run_stream_emits_thread_created(client):
    asst = client.beta.assistants.create(model="gpt-4o")
    handler = Recorder()
    with client.beta.threads.create_and_run_stream(
        assistant_id=asst.id, thread={"messages": [{"role": "user", "content": "hi"}]}, event_handler=handler
    ) as stream:
        stream.until_done()
    assert handler.events[0] == "thread.created"
    assert handler.done_text == "echo: hi"


def test_async_assistants(aclient_factory):
    async def main() -> None:
        async with aclient_factory() as c:
            asst = await c.beta.assistants.create(model="gpt-4o", tools=[WEATHER_FN])
            for i in range(5):
                await c.beta.assistants.create(model="gpt-4o", name=f"n{i}")
            names = [a.name async for a in c.beta.assistants.list(limit=2)]
            assert len(names) == 6
            thread = await c.beta.threads.create(messages=[{"role": "user", "content": "async hi"}])
            run = await c.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=asst.id, poll_interval_ms=5)
            assert run.status == "completed"
            page = await c.beta.threads.messages.list(thread.id)
            assert page.data[0].content[0].text.value == "echo: async hi"

            class H(openai.AsyncAssistantEventHandler):
                text = ""

                async def on_text_done(self, text) -> None:
                    H.text = text.value

            await c.beta.threads.messages.create(thread.id, role="user", content="async stream")
            async with c.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id, event_handler=H()) as s:
                await s.until_done()
            assert H.text == "echo: async stream"

    asyncio.run(main())


def test_stream_with_file_search_and_code_interpreter(client):
    f = client.files.create(file=("kb.txt", b"facts"), purpose="assistants")
    vs = client.vector_stores.create(file_ids=[f.id])
    asst = client.beta.assistants.create(
        model="gpt-4o", tools=[{"type": "code_interpreter"}, {"type": "file_search"}],
        tool_resources={"file_search": {"vector_store_ids": [vs.id]}},
    )
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "cite"}])
    handler = Recorder()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id, event_handler=handler) as stream:
        stream.until_done()
        messages = stream.get_final_messages()
    assert handler.done_text == "echo: cite [source: kb.txt]"
    assert messages[-1].content[0].text.annotations[0].file_citation.file_id == f.id
    assert handler.events.count("thread.run.step.completed") == 3
