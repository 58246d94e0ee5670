"""A name rebound to another kind of object is read as what it holds now (not kept in snapshots:
mypy types a reused name by its first binding, so the migrated file has a typing complaint, but it runs)."""

from __future__ import annotations

import textwrap

from tests.codemods.harness import rewrite


def test_a_loop_message_rebound_by_messages_create_is_read_through_the_created_item() -> None:
    source = textwrap.dedent("""
        from openai import OpenAI

        client = OpenAI()
        messages = client.beta.threads.messages.list("conv_abc", order="asc")
        for message in messages.data:
            print(message.role)
        message = client.beta.threads.messages.create(thread_id="conv_abc", role="user", content="hi")
        print(message.role)
    """)
    code = rewrite(source).code
    assert "for message in messages:\n    print(message.role)" in code
    assert code.rstrip().endswith("print(message.data[0].role)")
