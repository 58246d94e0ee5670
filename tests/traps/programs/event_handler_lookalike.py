"""A GUI toolkit's event handler with `on_text_delta`."""


class EventHandler:
    def on_text_delta(self, delta: str, snapshot: str) -> None:
        print("delta", delta, snapshot)


class Printer(EventHandler):
    def on_text_delta(self, delta: str, snapshot: str) -> None:
        print("printer", delta)


Printer().on_text_delta("a", "ab")
