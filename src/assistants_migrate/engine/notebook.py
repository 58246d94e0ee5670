"""Jupyter notebooks: their code cells go through the same codemods as a .py file.

The code cells are joined into one module, in order, so facts flow between cells as
they do at run time (a client made in cell 1, an assistant created in cell 3 and run
in cell 5). Cells are separated by a sentinel statement no codemod touches. IPython
magics (`%pip`, `!ls`, `obj?`) are not Python: those lines are masked as comments
while the codemods run and restored afterwards; a cell magic (`%%bash`) keeps its
whole cell out. Only the `source` of cells whose code changed is replaced; the rest
of the notebook (outputs, metadata) is kept, and the JSON is written back with the
notebook's own indentation.
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
    indent: int | None


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


def _detect_indent(text: str) -> int | None:
    match = re.search(r"\n( +)\"", text)
    return len(match.group(1)) if match else None


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
    return JoinedNotebook(notebook, cells, "".join(parts), _detect_indent(text))


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
    """The notebook JSON with the changed cells' sources replaced (a cell's last line keeps
    having no newline, as Jupyter stores it)."""
    notebook = joined.notebook
    for index, code in changed.items():
        original = _cell_text(notebook["cells"][index])
        if not original.endswith("\n") and code.endswith("\n"):
            code = code[:-1]
        lines = code.splitlines(keepends=True)
        notebook["cells"][index]["source"] = lines if isinstance(notebook["cells"][index].get("source"), list) else code
    return json.dumps(notebook, indent=joined.indent if joined.indent is not None else 1, ensure_ascii=False) + "\n"


def unmasked(code: str) -> str:
    return "".join(_unmask(piece) for piece in code.splitlines(keepends=True))


def cell_diff_label(path: str, index: int) -> str:
    return f"{path}:cell[{index}]"
