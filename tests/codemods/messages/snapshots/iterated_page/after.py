"""Messages taken one by one from an iterator over the page (`next(it, default)`, also inside a
nested function that reads the iterator of its enclosing scope) are messages: their text is read
from the content parts."""

from openai import OpenAI

client = OpenAI()


def show(thread_id: str) -> None:
    messages = [item for item in client.conversations.items.list(thread_id) if item.type == "message"]
    iter_messages = iter(messages)

    def reverse_print(iterator):
        message = next(iter_messages, "-1")
        if not message == "-1":
            reverse_print(iter_messages)
            print(message.role + ":")
            print("".join(part.text for part in message.content if part.type in ("input_text", "output_text")))

    reverse_print(iter_messages)
    first = next(iter(messages))
    print("".join(part.text for part in first.content if part.type in ("input_text", "output_text")))
