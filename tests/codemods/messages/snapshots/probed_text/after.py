"""Readers that probe a message's text before reading it (a proxy that also serves other shapes):
`hasattr(m.content[0].text, "value")` asks whether the content part is text: it has `text` now."""

from openai import OpenAI

client = OpenAI()


def texts(thread_id: str) -> list[str]:
    messages = [item for item in client.conversations.items.list(thread_id, order="asc").data if item.type == "message"]
    out = []
    for msg in messages:
        if hasattr(msg.content[0], "text") and hasattr(msg.content[0], "text"):
            out.append("".join(part.text for part in msg.content if part.type in ("input_text", "output_text")))
        else:
            out.append(str(msg.content))
        out.append(getattr(msg.content[0], 'text', ""))
    return out
