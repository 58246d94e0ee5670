"""Jupyter notebooks: their code cells go through the same codemods as a .py file.

The code cells are joined into one module, in order, so facts flow between cells as
they do at run time (a client made in cell 1, an assistant created in cell 3 and run
in cell 5). Cells are separated by a sentinel statement no codemod touches. IPython
magics (`%pip`, `!ls`, `obj?`) are not Python: those lines are masked as comments
while the codemods run and restored afterwards; a cell magic (`%%bash`) keeps its
whole cell out. Only the `source` of cells whose code changed is replaced, inside the
original JSON text: every other byte (outputs, metadata, a minified layout, CRLF,
`\u00e9` escapes, numbers such as `1e400` that Python's json would re-serialise as
`Infinity`) stays as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

SENTINEL = "__assistants_migrate_cell__ = {index}"
_SENTINEL_LINE = re.compile(r"^__assistants_migrate_cell__ = (\d+)\n", re.MULTILINE)
_MAGIC_MASK = "# assistants-migrate-magic: "


class NotebookError(ValueError):
    """The file is not a notebook this tool can read."""


@dataclass
class Cell:
    index: int  # position in nb["cells"]
    source: str  # the code, magics masked
    start_line: int  # first line of this cell's code in the joined module


@dataclass
class JoinedNotebook:
    notebook: dict[str, Any]
    cells: list[Cell]
    source: str
    text: str  # the notebook's JSON as read

def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _mask(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(("%", "!")) or (stripped.rstrip("\n").endswith("?") and not stripped.startswith("#")):
        indent = line[: len(line) - len(stripped)]
        return f"{indent}{_MAGIC_MASK}{stripped}"
    return line


def _unmask(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(_MAGIC_MASK):
        return line[: len(line) - len(stripped)] + stripped[len(_MAGIC_MASK):]
    return line


def join(text: str) -> JoinedNotebook:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise NotebookError("no `cells` list: not a Jupyter notebook")
    parts: list[str] = []
    cells: list[Cell] = []
    line = 1
    for index, cell in enumerate(notebook["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        code = _cell_text(cell)
        if code.lstrip().startswith("%%"):
            continue  # a cell magic: the cell is not Python
        code = "".join(_mask(piece) for piece in code.splitlines(keepends=True))
        if code and not code.endswith("\n"):
            code += "\n"
        header = SENTINEL.format(index=index) + "\n"
        parts.append(header)
        line += 1
        cells.append(Cell(index, code, line))
        parts.append(code)
        line += code.count("\n")
    return JoinedNotebook(notebook, cells, "".join(parts), text)


def cell_of_line(joined: JoinedNotebook, line: int) -> tuple[int, int] | None:
    """(cell index, line within the cell) for a line of the joined module."""
    for cell in reversed(joined.cells):
        if line >= cell.start_line:
            return cell.index, line - cell.start_line + 1
    return None


def split(joined: JoinedNotebook, new_source: str) -> dict[int, str] | None:
    """Cell index -> new code, for the cells whose code changed. None if the sentinels moved."""
    pieces = _SENTINEL_LINE.split(new_source)
    # pieces: ["", "0", code0, "3", code3, ...]
    if pieces[0].strip() or len(pieces) != 1 + 2 * len(joined.cells):
        return None
    changed: dict[int, str] = {}
    for cell, (index_text, code) in zip(joined.cells, zip(pieces[1::2], pieces[2::2])):
        if int(index_text) != cell.index:
            return None
        if code != cell.source:
            changed[cell.index] = unmasked(code)
    return changed


def render(joined: JoinedNotebook, changed: dict[int, str]) -> str:
    """The notebook's JSON text with the changed cells' sources replaced in place (a cell's last
    line keeps having no newline, as Jupyter stores it)."""
    text = joined.text
    spans = _source_spans(text, set(changed))
    if set(spans) != set(changed):
        raise NotebookError("could not locate a changed cell's source in the notebook text")
    ascii_only = _escapes_non_ascii(text)
    out: list[str] = []
    position = 0
    for index in sorted(changed):
        start, end = spans[index]
        original = _cell_text(joined.notebook["cells"][index])
        code = changed[index]
        if not original.endswith("\n") and code.endswith("\n"):
            code = code[:-1]
        out.append(text[position:start])
        out.append(_source_json(text[start:end], code, ascii_only, text))
        position = end
    out.append(text[position:])
    return "".join(out)


_JUPYTER_LINES = re.compile(r"[^\n]*\n|[^\n]+$")  # Jupyter splits a cell's source at \n only
_WHITESPACE = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()


def _skip_ws(text: str, position: int) -> int:
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def _members(text: str, position: int):  # type: ignore[no-untyped-def]
    """(key, value start, value end) of the object starting at `position`; values are skipped
    by the C decoder, not parsed here."""
    position = _skip_ws(text, position)
    if text[position : position + 1] != "{":
        return
    position = _skip_ws(text, position + 1)
    if text[position : position + 1] == "}":
        return
    while True:
        key, position = _DECODER.raw_decode(text, position)
        position = _skip_ws(text, position)
        position = _skip_ws(text, position + 1)  # the colon
        _, end = _DECODER.raw_decode(text, position)
        yield key, position, end
        position = _skip_ws(text, end)
        if text[position : position + 1] != ",":
            return
        position = _skip_ws(text, position + 1)


def _elements(text: str, position: int) -> list[tuple[int, int]]:
    """(start, end) of each value of the array starting at `position`."""
    spans: list[tuple[int, int]] = []
    position = _skip_ws(text, position)
    if text[position : position + 1] != "[":
        return spans
    position = _skip_ws(text, position + 1)
    if text[position : position + 1] == "]":
        return spans
    while True:
        _, end = _DECODER.raw_decode(text, position)
        spans.append((position, end))
        position = _skip_ws(text, end)
        if text[position : position + 1] != ",":
            return spans
        position = _skip_ws(text, position + 1)


def _source_spans(text: str, wanted: set[int]) -> dict[int, tuple[int, int]]:
    """Cell index -> (start, end) of that cell's `source` value in the JSON text."""
    spans: dict[int, tuple[int, int]] = {}
    for key, start, _ in _members(text, 0):
        if key != "cells":
            continue
        for index, (cell_start, _) in enumerate(_elements(text, start)):
            if index in wanted:
                for cell_key, value_start, value_end in _members(text, cell_start):
                    if cell_key == "source":
                        spans[index] = (value_start, value_end)
    return spans


def _escapes_non_ascii(text: str) -> bool:
    """Whether the notebook writes non-ASCII characters as \\u escapes (json's ensure_ascii)."""
    return text.isascii() and _NON_ASCII_ESCAPE.search(text) is not None


# \uXXXX beyond ASCII, not preceded by an escaped backslash
_NON_ASCII_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u(?!00[0-7][0-9a-fA-F])[0-9a-fA-F]{4}")


def _source_json(old: str, code: str, ascii_only: bool, text: str) -> str:
    """`code` as a JSON value in the layout of the `old` one: a string, or a list of lines with the
    same separators as the old list (or, for an empty one, the layout of the file)."""
    if not old.startswith("["):
        return json.dumps(code, ensure_ascii=ascii_only)
    lines = [json.dumps(line, ensure_ascii=ascii_only) for line in _JUPYTER_LINES.findall(code)]
    elements = _elements(old, 0)
    if elements:
        opening = old[1 : elements[0][0]]
        closing = old[elements[-1][1] : -1]
        separator = old[elements[0][1] : elements[1][0]] if len(elements) > 1 else "," + opening if "\n" in opening else ","
    else:
        opening, closing, separator = _empty_list_layout(old, text)
    if not lines:
        return "[]"
    return "[" + opening + separator.join(lines) + closing + "]"


def _empty_list_layout(old: str, text: str) -> tuple[str, str, str]:
    """(after `[`, before `]`, between elements) for a list that had no element to copy them from."""
    match = re.search(r'(\r\n|\n)([ \t]*)"source"', text)
    if match is None:
        return "", "", ","
    newline, indent = match.group(1), match.group(2)
    unit = re.search(r"(?:\r\n|\n)([ \t]+)\"", text)
    step = unit.group(1) if unit is not None and len(unit.group(1)) <= len(indent) else " "
    return newline + indent + step, newline + indent, "," + newline + indent + step


def unmasked(code: str) -> str:
    return "".join(_unmask(piece) for piece in code.splitlines(keepends=True))


def cell_diff_label(path: str, index: int) -> str:
    return f"{path}:cell[{index}]"
