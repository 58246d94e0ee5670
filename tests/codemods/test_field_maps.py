"""Every field of an Assistants object has a mapping or a rule (whole-program migration, item 3).

A migrated object is read everywhere it flows: each attribute read must either keep its name on the
new type, be renamed by a codemod's table, or be marked by a rule. The tables are the codemods' own;
this test enumerates the fields of the installed openai types, so a field the SDK adds fails here.
"""

from __future__ import annotations

import pytest
from openai.types.beta import Assistant, Thread
from openai.types.beta.threads import Message as ThreadMessage
from openai.types.beta.threads import Run
from openai.types.beta.threads.run import Usage as RunUsage
from openai.types.conversations import Conversation
from openai.types.conversations import Message as ConversationMessage
from openai.types.responses import Response, ResponseUsage

from assistants_migrate.codemods import assistants, messages, runs

CASES = [
    # old type, new type, renamed by a table, marked by a rule, handled by a codemod's own logic
    (Run, Response, runs._FIELD_MAP, runs._NO_FIELD, runs.SPECIAL_FIELDS),
    (RunUsage, ResponseUsage, runs._USAGE_MAP, set(), set()),
    (ThreadMessage, ConversationMessage, {}, messages.NO_EQUIVALENT_FIELDS, set()),
    (Thread, Conversation, {}, {"tool_resources"}, set()),
    # an assistant becomes a dict of Responses parameters: every field is a key, a literal, or marked
    (Assistant, None, assistants._FIELD_KEYS, assistants._NO_KEY_FIELDS, {"id", "name", "description"}),
]


@pytest.mark.parametrize(("old", "new", "renamed", "marked", "special"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_every_field_has_a_mapping_or_a_rule(old, new, renamed, marked, special) -> None:
    kept = set(new.model_fields) if new is not None else set()
    missing = sorted(f for f in old.model_fields if f not in kept | set(renamed) | set(marked) | set(special))
    assert not missing, f"{old.__name__} fields with neither a mapping nor a rule: {missing}"


@pytest.mark.parametrize(("old", "new", "renamed", "marked", "special"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_renames_land_on_real_fields(old, new, renamed, marked, special) -> None:
    if new is None:
        return
    assert not [f"{a} -> {b}" for a, b in renamed.items() if b not in new.model_fields]
    assert set(renamed) <= set(old.model_fields)

