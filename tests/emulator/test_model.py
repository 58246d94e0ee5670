"""The scripted model on its own (no server)."""

from __future__ import annotations

from assistants_migrate.emulator.model import CODE_LOGS, think

FN = {"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {"q": {"default": "d"}}}}


def user(text):
    return {"type": "message", "role": "user", "text": text}


def test_echo_and_no_user():
    assert think([user("a"), {"type": "message", "role": "assistant", "text": "x"}, user("b")], []).text == "echo: b"
    assert think([], []).text == "echo: "


def test_tool_selection():
    assert think([user('lookup {"q": 1}')], [FN]).tool_calls == [{"name": "lookup", "arguments": '{"q": 1}'}]
    assert think([user("lookup")], [FN]).tool_calls[0]["arguments"] == '{"q": "d"}'
    assert think([user("lookups")], [FN]).tool_calls == []  # whole words only
    assert think([user("lookup")], [FN], tool_choice="none").text == "echo: lookup"
    assert think([user("hi")], [FN], tool_choice="required").tool_calls[0]["name"] == "lookup"
    assert think([user("hi")], [FN], tool_choice={"type": "function", "name": "lookup"}).tool_calls


def test_answer_after_outputs():
    h = [user("lookup"), {"type": "function_call", "call_id": "c1", "name": "lookup", "arguments": "{}"},
         {"type": "function_call_output", "call_id": "c1", "output": "42"}]
    turn = think(h, [FN])
    assert turn.tool_calls == [] and turn.text == "echo: lookup\nlookup -> 42"


def test_builtin_tools():
    turn = think([user("q")], [{"type": "code_interpreter"}, {"type": "file_search", "vector_store_ids": ["vs"]}],
                 first_file=lambda ids: {"file_id": "file-1", "filename": "f.txt", "text": "t"})
    assert turn.code["logs"] == CODE_LOGS
    assert turn.text == "echo: q [source: f.txt]"
    assert turn.text[turn.citation["start"]:turn.citation["end"]] == "[source: f.txt]"
