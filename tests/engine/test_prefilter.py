"""Files that cannot contain Assistants usage are never parsed."""

from __future__ import annotations

from pathlib import Path

from tests.engine.conftest import run_json

UNRELATED = '''"""Module {i}: ordinary code that happens to talk about threads and runs."""
import threading


def run_{i}(items):
    threads = [threading.Thread(target=print, args=(x,)) for x in items]
    for t in threads:
        t.start()
    return {{"assistant": "none", "messages": len(items)}}
'''


def test_two_thousand_unrelated_files_are_not_parsed(project: Path) -> None:
    for i in range(2000):
        folder = project / f"pkg{i // 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"mod{i}.py").write_text(UNRELATED.format(i=i))
    (project / "uses_api.py").write_text("import openai\nopenai.beta.vector_stores.list()\n")
    code, data = run_json("rewrite", "--check", ".", cwd=project)
    summary = data["summary"]
    assert summary["files_scanned"] == 2001
    assert summary["files_parsed"] == 1  # only the file that uses the API
    assert summary["counts"]["skipped_by_prefilter"] == 2000
    assert code == 1
