"""An openai import, and a task object with `status == "requires_action"`."""
from dataclasses import dataclass

from openai import OpenAI


@dataclass
class Ticket:
    status: str


def make_client() -> OpenAI:
    return OpenAI(api_key="unused")


ticket = Ticket(status="requires_action")
if ticket.status == "requires_action":
    print("ticket waits")
