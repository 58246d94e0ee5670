"""A name rebound to another kind of object is read as what it holds now (not kept in snapshots:
mypy types a reused name by its first binding, so the migrated file has one typing complaint, but it runs)."""

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
    assert '"content": "hi"}]).data[0]\nprint(message.role)' in code  # the created message itself


def test_a_created_message_whose_name_a_later_loop_reuses_is_bound_as_the_message() -> None:
    source = textwrap.dedent("""
        from openai import OpenAI

        client = OpenAI()
        message = client.beta.threads.messages.create(thread_id="conv_abc", role="user", content="hi")
        print(message.id)
        for message in client.beta.threads.messages.list(thread_id="conv_abc").data:
            print(message.content[0].text.value)
    """)
    code = rewrite(source).code
    assert '"content": "hi"}]).data[0]\nprint(message.id)' in code
