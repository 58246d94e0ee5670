"""What makes a file a candidate for the codemods (the prefilter), as data.

Kept apart from the codemod modules so the engine builds its prefilter without
importing libcst or any codemod. Each entry is a regular expression over the file's
bytes; the engine guards each with its longest literal, so most files cost a few
`bytes in` scans. A file is a candidate when it holds:

- one of `ASSISTANTS_ONLY`: spellings only Assistants code writes; or
- one of `PACKAGE` (an import of the openai package) together with one of `API_WORDS`
  (words Assistants code needs but other code also uses, such as `beta`).

A word such as `beta` or `threads` alone never makes a candidate: `random.betavariate`,
`threading` and Chat Completions code are everyday Python.
"""

from __future__ import annotations

ASSISTANTS_ONLY: tuple[bytes, ...] = (
    # the resources, also split over lines: `client.beta\n    .threads`
    rb"beta\s*\.\s*(?:threads|assistants|vector_stores)\b",
    rb"AssistantEventHandler",  # and AsyncAssistantEventHandler
    rb"\bsubmit_tool_outputs",  # and _and_poll, _stream; run.required_action.submit_tool_outputs
    rb"\brequires_action\b",
    rb"\brequired_action\b",
    rb"\btext_deltas\b",  # AssistantStreamManager.text_deltas
    rb"[\"']thread\.(?:run|message)\.",  # raw stream event names: "thread.message.delta"
)

# `import openai`, `import os, openai as oa`, `from openai import OpenAI`, `from openai.types.beta import ...`;
# a quote may stand before it in a notebook's JSON.
PACKAGE: tuple[bytes, ...] = (
    rb"(?m)(?:^|[\s;\"'])(?:from[ \t]+|import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*)openai\b",
)

API_WORDS: tuple[bytes, ...] = (
    rb"\bbeta\b",  # client.beta, openai.types.beta
    rb"\.text\.value\b",  # reading a message's text
    rb"\bassistant_id\b",
)
