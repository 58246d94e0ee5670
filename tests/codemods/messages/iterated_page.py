"""Messages taken one by one from an iterator over the page (`next(it, default)`, also inside a
nested function that reads the iterator of its enclosing scope) are messages: their text is read
from the content parts."""

from openai import OpenAI

client = OpenAI()


def show(thread_id: str) -> None:
    messages = client.beta.threads.messages.list(thread_id=thread_id)
    iter_messages = iter(messages)

    def reverse_print(iterator):
        message = next(iter_messages, "-1")
        if not message == "-1":
            reverse_print(iter_messages)
            print(message.role + ":")
            print(message.content[0].text.value)

    reverse_print(iter_messages)
    first = next(iter(messages))
    print(first.content[0].text.value)
