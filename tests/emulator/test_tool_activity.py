"""Tool activity in streams: the code-interpreter and file-search calls an original Assistants
program sees through ``AssistantEventHandler`` and its migrated Responses twin sees through
``responses.stream`` come from the same scripted model, piece for piece."""

from __future__ import annotations

import pytest
from openai import AssistantEventHandler
from typing_extensions import override

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

INCLUDE_CONTENT = "step_details.tool_calls[*].file_search.results[*].content"


class ToolRecorder(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.created: list[dict] = []
        self.deltas: list[dict] = []
        self.done: list[dict] = []
        self.events: list[str] = []

    @override
    def on_event(self, event) -> None:
        self.events.append(event.event)

    @override
    def on_tool_call_created(self, tool_call) -> None:
        self.created.append(tool_call.model_dump())

    @override
    def on_tool_call_delta(self, delta, snapshot) -> None:
        self.deltas.append(delta.model_dump(exclude_unset=True))

    @override
    def on_tool_call_done(self, tool_call) -> None:
        self.done.append(tool_call.model_dump())


def _stream_run(client, tools, tool_resources=None, text="run it", include=None):
    asst = client.beta.assistants.create(model="gpt-4o", tools=tools, tool_resources=tool_resources)
    thread = client.beta.threads.create(messages=[{"role": "user", "content": text}])
    handler = ToolRecorder()
    with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=asst.id, event_handler=handler,
                                         include=include or []) as stream:
        stream.until_done()
        run = stream.get_final_run()
    return handler, run


def _vector_store(client, name="kb.txt", text=b"the facts"):
    f = client.files.create(file=(name, text), purpose="assistants")
    return f, client.vector_stores.create(file_ids=[f.id])


def test_code_interpreter_call_streams_its_input_and_logs(client):
    handler, run = _stream_run(client, [{"type": "code_interpreter"}])
    assert run.status == "completed"
    assert [c["type"] for c in handler.created] == ["code_interpreter"]
    assert handler.created[0]["code_interpreter"] == {"input": "", "outputs": []}
    pieces = [d["code_interpreter"]["input"] for d in handler.deltas if "input" in d.get("code_interpreter", {})]
    assert len(pieces) > 1 and "".join(pieces) == 'print("emulator")'
    assert handler.deltas[-1]["code_interpreter"]["outputs"] == [{"index": 0, "type": "logs", "logs": "emulator\n"}]
    done = handler.done[0]
    assert done["id"] == handler.created[0]["id"]
    assert done["code_interpreter"]["input"] == 'print("emulator")'
    assert done["code_interpreter"]["outputs"][0]["logs"] == "emulator\n"
    # the deltas sit between the step's creation and completion
    first_delta = handler.events.index("thread.run.step.delta")
    assert handler.events.index("thread.run.step.created") < first_delta
    assert first_delta < handler.events.index("thread.run.step.completed")


def test_file_search_call_streams_its_results(client):
    f, vs = _vector_store(client)
    handler, _ = _stream_run(client, [{"type": "file_search"}], {"file_search": {"vector_store_ids": [vs.id]}},
                             include=[INCLUDE_CONTENT])
    assert [c["type"] for c in handler.created] == ["file_search"]
    results = [d["file_search"]["results"] for d in handler.deltas if d["file_search"].get("results")]
    assert results == [[{"file_id": f.id, "file_name": "kb.txt", "score": 1.0,
                         "content": [{"type": "text", "text": "the facts"}]}]]
    assert handler.done[0]["file_search"]["results"][0]["file_id"] == f.id


def test_file_search_result_content_needs_include(client):
    _, vs = _vector_store(client)
    handler, _ = _stream_run(client, [{"type": "file_search"}], {"file_search": {"vector_store_ids": [vs.id]}})
    result = next(d for d in handler.deltas if d["file_search"].get("results"))["file_search"]["results"][0]
    assert "content" not in result


def test_steps_listed_after_the_stream_match_what_was_streamed(client):
    handler, run = _stream_run(client, [{"type": "code_interpreter"}])
    steps = client.beta.threads.runs.steps.list(run.id, thread_id=run.thread_id, order="asc").data
    call = steps[0].step_details.tool_calls[0]
    assert call.id == handler.created[0]["id"]
    assert call.code_interpreter.input == 'print("emulator")'


def test_responses_stream_sees_the_same_tool_activity(client):
    """The migrated twin: same code pieces, same logs, same file, same order of tools."""
    f, vs = _vector_store(client)
    both = [{"type": "code_interpreter"}, {"type": "file_search"}]
    ci_handler, _ = _stream_run(client, both[:1])
    fs_handler, _ = _stream_run(client, both[1:], {"file_search": {"vector_store_ids": [vs.id]}},
                                include=[INCLUDE_CONTENT])
    with client.responses.stream(
        model="gpt-4o", input="run it",
        tools=[{"type": "code_interpreter", "container": {"type": "auto"}},
               {"type": "file_search", "vector_store_ids": [vs.id]}],
        include=["code_interpreter_call.outputs", "file_search_call.results"],
    ) as stream:
        events = list(stream)
        final = stream.get_final_response()
    types = [e.type for e in events]
    ci_types = [t for t in types if t.startswith("response.code_interpreter_call")]
    assert ci_types[0] == "response.code_interpreter_call.in_progress"
    assert ci_types[-3:] == ["response.code_interpreter_call_code.done", "response.code_interpreter_call.interpreting",
                             "response.code_interpreter_call.completed"]
    code_pieces = [e.delta for e in events if e.type == "response.code_interpreter_call_code.delta"]
    assistants_pieces = [d["code_interpreter"]["input"] for d in ci_handler.deltas
                         if "input" in d.get("code_interpreter", {})]
    assert code_pieces == assistants_pieces
    assert [t for t in types if t.startswith("response.file_search_call")] == [
        "response.file_search_call.in_progress", "response.file_search_call.searching",
        "response.file_search_call.completed"]
    added = [e.item for e in events if e.type == "response.output_item.added"]
    assert [i.type for i in added] == ["code_interpreter_call", "file_search_call", "message"]
    assert added[0].status == "in_progress" and added[0].code == ""
    ci, fs = final.output[0], final.output[1]
    assert ci.outputs[0].logs == ci_handler.done[0]["code_interpreter"]["outputs"][0]["logs"]
    assert client.containers.retrieve(ci.container_id).status == "running"
    assistants_result = fs_handler.done[0]["file_search"]["results"][0]
    assert (fs.results[0].file_id, fs.results[0].filename, fs.results[0].text) == (
        assistants_result["file_id"], assistants_result["file_name"], assistants_result["content"][0]["text"])
