"""Polling loops: one that only waits and re-reads the run is dead after a synchronous
responses.create and goes (its comments stay); one that logs or counts is kept, and its run
becomes a background response so the loop still logs and counts each poll."""

import logging
import time

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
log = logging.getLogger(__name__)


def ask(thread_id: str, assistant_id: str):
    polls = 0
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id], background=True)
    while run.status in ("queued", "in_progress"):
        log.info("still waiting on %s", run.id)
        polls += 1
        time.sleep(1)
        run = client.responses.retrieve(run.id)
    return run.status, polls


def quiet(thread_id: str, assistant_id: str):
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    # wait until the run is done
    # at most a minute
    # back off
    return run.status
