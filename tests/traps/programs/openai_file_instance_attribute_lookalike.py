"""An instance of a project class whose `client` attribute is a local lookalike, in a file that
imports openai: the attribute is what the class binds, so it is not taken as the OpenAI client."""
from openai import OpenAI  # noqa: F401 - the file uses openai elsewhere


class _Threads:
    def create(self) -> str:
        return "ticket-thread"


class _Beta:
    threads = _Threads()


class TicketClient:
    beta = _Beta()


class Helpdesk:
    def __init__(self) -> None:
        self.client = TicketClient()


class Agent:
    def __init__(self) -> None:
        self.desk = Helpdesk()

    def open(self) -> str:
        return self.desk.client.beta.threads.create()


desk = Helpdesk()
print(desk.client.beta.threads.create(), Agent().open())
