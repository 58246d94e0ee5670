"""Readers that probe a message's text before reading it (a proxy that also serves other shapes):
`hasattr(m.content[0].text, "value")` asks whether the content part is text: it has `text` now."""

from openai import OpenAI

client = OpenAI()


def texts(thread_id: str) -> list[str]:
    messages = client.beta.threads.messages.list(thread_id=thread_id, order="asc")
    out = []
    for msg in messages.data:
        if hasattr(msg.content[0], "text") and hasattr(msg.content[0].text, "value"):
            out.append(msg.content[0].text.value)
        else:
            out.append(str(msg.content))
        out.append(getattr(msg.content[0].text, 'value', ""))
    return out
