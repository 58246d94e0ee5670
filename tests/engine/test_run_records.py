"""What a run keeps per file is small (issue #12: flat memory), and keeping it small loses nothing."""

from __future__ import annotations

import os
import pathlib

from hypothesis import given
from hypothesis import strategies as st

from assistants_migrate.engine import index as project_index
from assistants_migrate.engine import pipeline
from assistants_migrate.engine.discover import SourceFile
from assistants_migrate.findings import make_finding

PART = st.text(alphabet="abc._-XY0", min_size=1, max_size=8).filter(lambda p: p not in {".", ".."})


@given(st.lists(PART, min_size=1, max_size=4))
def test_source_file_answers_as_its_path_would(parts: list[str]) -> None:
    location = os.path.join("/root", *parts)
    file = SourceFile("shown.py", location)
    path = pathlib.Path(location)
    assert file.real == path
    assert file.location == location
    assert file.suffix == path.suffix
    assert project_index.last_part(location) == (path.parent.name if path.stem == "__init__" else path.stem)
    assert file == SourceFile("shown.py", path) and hash(file) == hash(SourceFile("shown.py", path))
    assert file != SourceFile("other.py", location)


def test_results_keep_bare_outcomes_as_pairs_and_give_them_back_whole() -> None:
    results = pipeline._Results(4)
    noted = pipeline.FileResult("b.py", "changed", [make_finding("AM001", "b.py", line=1, message="x")], diff="d")
    results[2] = pipeline.FileResult("c.py", "skipped")
    results[0] = pipeline.FileResult("a.py", "changed")
    results[1] = noted
    assert len(results) == 3  # the fourth file is still running
    assert results.status(3) is None and results.status(2) == "skipped"
    assert [r.path for r in results] == ["a.py", "b.py", "c.py"]  # discovery order, not finishing order
    assert results[1] is noted  # a result that carries something is kept as it is
    assert results[0] == pipeline.FileResult("a.py", "changed") and results[-1].status == "skipped"
    assert [r.path for r in results[1:]] == ["b.py", "c.py"]
    assert isinstance(results._items[0], tuple) and isinstance(results._items[2], tuple)
    results[3] = pipeline.FileResult("d.py", "unchanged")
    assert len(results) == 4 and results[3].path == "d.py"


def test_a_pooled_run_gives_every_result_in_discovery_order(tmp_path: pathlib.Path) -> None:
    for i in range(40):
        use = f"import openai\nclient = openai.OpenAI()\nstore = client.beta.vector_stores.create(name='{i}')\n"
        (tmp_path / f"m{i:02}.py").write_text(use if i % 3 else "print('nothing to do')\n")
    seen: list[str] = []
    run = pipeline.run([str(tmp_path)], mode="check", jobs=2, on_result=lambda r: seen.append(r.path))
    paths = [r.path for r in run.files]
    assert paths == sorted(paths) and len(paths) == 40 and sorted(seen) == paths
    assert run.count("changed") == 26 and run.count("skipped") == 14
