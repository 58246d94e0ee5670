"""Endpoint logic of the emulator, one module per resource family as in OpenAI's API reference:

- ``assistants.py``: ``/assistants``;
- ``threads.py``: ``/threads`` with messages, runs and run steps;
- ``responses.py``: ``/responses``;
- ``conversations.py``: ``/conversations`` and their items;
- ``files.py``: ``/files`` and ``/vector_stores`` (files, file batches, search);
- ``containers.py``: ``/containers`` and their files (where code interpreter runs);

over one shared :class:`~..store.State`. ``base.py`` holds what they share (errors, request,
result, pagination).

Every handler takes a :class:`Req` and returns a :class:`Result` or raises :class:`ApiError`.
Handlers run under one lock (see ``server.py``), so they may mutate the state freely.

Lifecycles (advanced by reads, so SDK poll helpers finish after two or three polls):

- run: ``queued`` (create) -> ``in_progress`` (1st retrieve) -> ``requires_action`` or
  ``completed`` (2nd retrieve); after ``submit_tool_outputs`` it is ``queued`` again.
  Streamed runs go through every state within one SSE body.
- background response: ``queued`` -> ``in_progress`` -> ``completed`` on successive retrieves.
- vector-store file / file batch: ``in_progress`` on create -> ``completed`` on the next
  retrieve of that file, its batch or its vector store.
"""

from __future__ import annotations

import re
from typing import Callable

from ..store import State
from .assistants import Assistants
from .base import ApiError, Family, Req, Result
from .containers import Containers
from .conversations import Conversations
from .files import Files
from .responses import Responses
from .threads import Threads

__all__ = ["Api", "ApiError", "Req", "Result"]


class Api:
    """Routes requests to the resource families."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.assistants = Assistants(self)
        self.threads = Threads(self)
        self.responses = Responses(self)
        self.conversations = Conversations(self)
        self.files = Files(self)
        self.containers = Containers(self)
        self.routes: list[tuple[str, str, re.Pattern[str], Callable[[Req], Result]]] = []
        families: tuple[Family, ...] = (self.assistants, self.threads, self.responses, self.conversations,
                                        self.files, self.containers)
        for family in families:
            for method, template, handler in family.ROUTES:
                pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")
                self.routes.append((method, template, pattern, getattr(family, handler)))

    def match(self, method: str, path: str) -> tuple[str, dict[str, str], Callable[[Req], Result]] | None:
        for m, template, pattern, fn in self.routes:
            if m != method:
                continue
            hit = pattern.match(path)
            if hit:
                return template, hit.groupdict(), fn
        return None
