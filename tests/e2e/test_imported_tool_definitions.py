"""A function tool defined in another module in the Assistants/Chat shape still reaches the model.

`tools/definitions.py` never mentions openai, so no codemod rewrites it; the project index knows
the name it binds is a nested `{"type": "function", "function": {...}}` literal, and the migrated
tool list flattens it where the assistant is built. Left nested, the Responses API answers 400
(the emulator too), so the function call cannot silently vanish.
"""

from __future__ import annotations

import pathlib

from tests.e2e.programs import emulator_env, rewrite, run_both, twins

DEFINITIONS = '''\
add_tool_definition = {
    "type": "function",
    "function": {
        "name": "add",
        "description": "Add two numbers.",
        "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}},
    },
}
'''

APP = '''\
import json

from openai import OpenAI

from tools.definitions import add_tool_definition

client = OpenAI()
assistant = client.beta.assistants.create(model="gpt-4o", tools=[add_tool_definition])
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content='Please add {"a": 2, "b": 3}')
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
if run.status == "requires_action":
    calls = run.required_action.submit_tool_outputs.tool_calls
    outputs = [{"tool_call_id": c.id, "output": str(sum(json.loads(c.function.arguments).values()))} for c in calls]
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(thread_id=thread.id, run_id=run.id, tool_outputs=outputs)
print(run.status)
print(client.beta.threads.messages.list(thread_id=thread.id).data[0].content[0].text.value)
'''


def test_imported_nested_tool_is_flattened_and_called(emulator, tmp_path: pathlib.Path) -> None:
    original, migrated = twins(tmp_path, {"app.py": APP, "tools/definitions.py": DEFINITIONS})
    rewrite(str(migrated))
    assert (migrated / "tools" / "definitions.py").read_text() == DEFINITIONS  # may feed Chat Completions too
    app = (migrated / "app.py").read_text()
    assert '**cast(dict[str, Any], add_tool_definition["function"])' in app and ".beta." not in app

    env = emulator_env(emulator.base_url)
    before, after = run_both(original / "app.py", migrated / "app.py", env)
    assert "add -> 5" in before.stdout
    assert after.stdout == before.stdout
