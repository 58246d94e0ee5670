"""A chat log whose messages have `content[0].text.value`."""
from types import SimpleNamespace

page = SimpleNamespace(data=[SimpleNamespace(content=[SimpleNamespace(text=SimpleNamespace(value="hi"))])])
for message in page.data:
    print(message.content[0].text.value)
