"""Jupyter notebooks: code cells are rewritten, everything else in the file is kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.engine.conftest import run_cli, run_json


def notebook(*cells: tuple[str, str], indent: int = 1) -> str:
    nb = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": src.splitlines(keepends=True),
             **({"outputs": [{"output_type": "stream", "name": "stdout", "text": ["kept\n"]}], "execution_count": 1}
                if kind == "code" else {})}
            for kind, src in cells
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=indent, ensure_ascii=False) + "\n"


CELLS = (
    ("markdown", "# Vector stores with `client.beta` — café"),
    ("code", "%pip install openai\nimport openai\nclient = openai.OpenAI()"),
    ("code", "!ls data/\nstore = client.beta.vector_stores.create(name='docs')\nstore?"),
    ("code", "%%bash\necho client.beta.vector_stores"),
    ("code", "print(store.id)"),
)


def test_code_cells_are_rewritten_and_the_rest_kept(project: Path) -> None:
    path = project / "demo.ipynb"
    path.write_text(notebook(*CELLS))
    code, data = run_json("rewrite", ".", cwd=project)
    assert code == 0 and [f["status"] for f in data["files"]] == ["changed"]
    nb = json.loads(path.read_text())
    assert nb["cells"][2]["source"] == ["!ls data/\n", "store = client.vector_stores.create(name='docs')\n", "store?"]
    assert nb["cells"][1]["source"] == ["%pip install openai\n", "import openai\n", "client = openai.OpenAI()"]
    assert nb["cells"][3]["source"] == ["%%bash\n", "echo client.beta.vector_stores"]  # a cell magic is not Python
    assert nb["cells"][0]["source"] == ["# Vector stores with `client.beta` — café"]
    assert nb["cells"][2]["outputs"][0]["text"] == ["kept\n"]
    assert path.read_text() == notebook(*[(k, s.replace("client.beta.vector_stores.create", "client.vector_stores.create")) for k, s in CELLS])
    [finding] = data["findings"]
    assert (finding["rule_id"], finding["line"], finding["extra"]["cell"]) == ("AM101", 2, 2)
    assert finding["message"].startswith("[cell 2]")
    assert run_cli("rewrite", "--check", ".", cwd=project).returncode == 0  # idempotent


def test_indentation_of_the_json_is_kept(project: Path) -> None:
    path = project / "two.ipynb"
    path.write_text(notebook(*CELLS, indent=2))
    run_json("rewrite", ".", cwd=project)
    assert path.read_text().startswith('{\n  "cells"')


def test_diff_shows_cells(project: Path) -> None:
    (project / "demo.ipynb").write_text(notebook(*CELLS))
    proc = run_cli("rewrite", "--diff", "demo.ipynb", cwd=project)
    assert proc.returncode == 1
    assert "--- a/demo.ipynb:cell[2]" in proc.stdout
    assert "-store = client.beta.vector_stores.create(name='docs')" in proc.stdout
    assert "!ls data/" in proc.stdout  # magics shown as written, not masked


def test_broken_notebook_is_reported(project: Path) -> None:
    (project / "bad.ipynb").write_text('{"cells": [ "client.beta.threads"')
    code, data = run_json("rewrite", ".", cwd=project)
    assert code == 2 and data["findings"][0]["rule_id"] == "AM001"
    (project / "bad.ipynb").write_text(notebook(("code", "client.beta.vector_stores.create(\n")))
    code, data = run_json("rewrite", "bad.ipynb", cwd=project)
    assert data["findings"][0]["rule_id"] == "AM001" and data["findings"][0]["extra"]["cell"] == 0
