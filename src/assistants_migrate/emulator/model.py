"""The emulator's deterministic scripted model, shared by runs and responses.

Both APIs reduce their context to the same *history*: a list of entries, oldest first,

- ``{"type": "message", "role": "user"|"assistant"|"system"|"developer", "text": str}``
  (the text parts of one message joined with ``"\\n"``),
- ``{"type": "function_call", "call_id", "name", "arguments"}``,
- ``{"type": "function_call_output", "call_id", "output"}``,

and their tools to ``{"type": "function", "name", "parameters"}``, ``{"type": "file_search",
"vector_store_ids"}`` or ``{"type": "code_interpreter"}``. :func:`think` then answers by this
script, so an Assistants program and its migrated Responses twin print the same text:

1. ``U`` is the text of the last user message (``""`` if there is none).
2. If function-call outputs follow the last user message, the answer is the text
   ``"echo: U"`` followed, for each output in order, by a line ``"\\n<name> -> <output>"``
   (``name`` is the function of the matching call). No tool is called again.
3. Otherwise, unless ``tool_choice`` is ``"none"``, every function tool whose name occurs in
   ``U`` as a whole word is called (in the order of the tools list). A forced
   ``tool_choice`` naming a function calls that one; ``"required"`` with no name in ``U``
   calls the first function tool. Arguments are the first JSON object found in ``U``;
   without one, the ``default`` of every property in the tool's parameter schema
   (``{}`` if none). Arguments are serialised with ``json.dumps(args)``.
   The turn ends here: the caller must send the outputs (step 2).
4. Otherwise the answer text is ``"echo: U"``, and:
   - with a ``code_interpreter`` tool, a code-interpreter call runs first with the fixed
     input ``CODE_INPUT`` and the fixed logs ``CODE_LOGS``;
   - with a ``file_search`` tool whose first vector store holds a file, a file-search call
     runs first (query ``U``, result = first file of the store, score 1.0) and the text becomes
     ``"echo: U [source: <filename>]"``, with a file citation of that file on the bracketed
     span (Assistants: ``file_citation`` with ``text``/``start_index``/``end_index``;
     Responses: ``file_citation`` with ``index`` = start of the span).

Usage numbers: input tokens = words in the history (:func:`count_input_tokens`), output
tokens = words in the answer.

Search (``vector_stores.search``, :func:`rank_files`): every file scores the share of the
query's distinct words (lowercased ``\\w+``) that its text contains; most first, ties in file order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

CODE_INPUT = 'print("emulator")'
CODE_LOGS = "emulator\n"


@dataclass
class Turn:
    tool_calls: list[dict[str, str]] = field(default_factory=list)  # {"name", "arguments"}
    text: str = ""
    code: dict[str, str] | None = None  # {"input", "logs"}
    file_search: dict[str, Any] | None = None  # {"query", "file_id", "filename", "text", "score"}
    citation: dict[str, Any] | None = None  # {"start", "end", "file_id", "filename", "text"}
    input_tokens: int = 0
    output_tokens: int = 0


def first_json_object(text: str) -> dict[str, Any] | None:
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        try:
            obj, _ = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        if isinstance(obj, dict):
            return obj
    return None


def schema_defaults(parameters: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(parameters, dict):
        for name, prop in (parameters.get("properties") or {}).items():
            if isinstance(prop, dict) and "default" in prop:
                out[name] = prop["default"]
    return out


def _words(s: str) -> int:
    return len(s.split())


def count_input_tokens(history: list[dict[str, Any]]) -> int:
    return sum(_words(str(e.get("text") or e.get("output") or e.get("arguments") or "")) for e in history)


def _word_set(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def rank_files(query: str, texts: list[str]) -> list[tuple[int, float]]:
    """(index, score) of every text, best first (see the module docstring)."""
    wanted = _word_set(query)
    scored = [(i, len(wanted & _word_set(t)) / len(wanted) if wanted else 0.0) for i, t in enumerate(texts)]
    return sorted(scored, key=lambda pair: -pair[1])


def think(
    history: list[dict[str, Any]],
    tools: list[dict[str, Any]],
    tool_choice: Any = None,
    first_file: Callable[[list[str]], dict[str, Any] | None] | None = None,
) -> Turn:
    """Answer by the script in the module docstring."""
    last_user = -1
    for i, entry in enumerate(history):
        if entry.get("type") == "message" and entry.get("role") == "user":
            last_user = i
    user_text = history[last_user]["text"] if last_user >= 0 else ""
    input_tokens = count_input_tokens(history)

    names_by_call = {e["call_id"]: e["name"] for e in history if e.get("type") == "function_call"}
    outputs = [e for e in history[last_user + 1 :] if e.get("type") == "function_call_output"]
    turn = Turn(input_tokens=input_tokens)
    if outputs:
        text = f"echo: {user_text}"
        for out in outputs:
            text += f"\n{names_by_call.get(out.get('call_id'), 'tool')} -> {out.get('output', '')}"
        turn.text = text
        turn.output_tokens = _words(text)
        return turn

    functions = [t for t in tools if t.get("type") == "function" and t.get("name")]
    choice_type = tool_choice if isinstance(tool_choice, str) else None
    if choice_type != "none" and functions:
        chosen: list[dict[str, Any]] = []
        forced = None
        if isinstance(tool_choice, dict):
            forced = tool_choice.get("name") or (tool_choice.get("function") or {}).get("name")
        if forced:
            chosen = [t for t in functions if t["name"] == forced][:1]
        else:
            chosen = [t for t in functions if re.search(r"(?<!\w)" + re.escape(t["name"]) + r"(?!\w)", user_text)]
            if not chosen and choice_type == "required":
                chosen = functions[:1]
        if chosen:
            args_in_text = first_json_object(user_text)
            for t in chosen:
                args = args_in_text if args_in_text is not None else schema_defaults(t.get("parameters"))
                turn.tool_calls.append({"name": t["name"], "arguments": json.dumps(args)})
            turn.output_tokens = sum(_words(c["arguments"]) for c in turn.tool_calls)
            return turn

    text = f"echo: {user_text}"
    if choice_type != "none":
        if any(t.get("type") == "code_interpreter" for t in tools):
            turn.code = {"input": CODE_INPUT, "logs": CODE_LOGS}
        fs = [t for t in tools if t.get("type") == "file_search"]
        if fs and first_file is not None:
            found = first_file(list(fs[0].get("vector_store_ids") or []))
            if found:
                turn.file_search = {"query": user_text, "score": 1.0, **found}
                span = f"[source: {found['filename']}]"
                start = len(text) + 1
                text = f"{text} {span}"
                turn.citation = {
                    "start": start,
                    "end": start + len(span),
                    "text": span,
                    "file_id": found["file_id"],
                    "filename": found["filename"],
                }
    turn.text = text
    turn.output_tokens = _words(text)
    return turn
