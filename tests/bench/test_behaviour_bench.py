"""Smoke tests of bench/behaviour.py's comparison logic (the benchmark itself is not a test):
output normalisation, locating a crash or a printed line, and the marker check at that place."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def behaviour():
    spec = importlib.util.spec_from_file_location("bench_behaviour", BENCH / "behaviour.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_emulator_ids_normalise_alike_whatever_their_prefix(behaviour):
    before = behaviour.normalise("Thread ID: thread_00000001emu\nrun run_00000002emu at 1732540000")
    after = behaviour.normalise("Thread ID: conv_00000001emu\nrun resp_00000007emu at 1732549999")
    assert before == after == ["Thread ID: <ID>", "run <ID> at <TIME>"]


def test_a_changed_value_stays_a_difference(behaviour):
    # an assistant id that became the assistant's name is exactly what the benchmark must catch
    before = behaviour.normalise("Assistant ID: asst_00000001emu\nok\n")
    after = behaviour.normalise("Assistant ID: Riddlebot\nok\n")
    assert before != after
    assert behaviour.first_difference(before, after) == 0
    assert behaviour.first_difference(["a", "b"], ["a", "b", "c"]) == 2
    assert behaviour.first_difference(["a"], ["a"]) is None


def test_work_directory_and_ports_are_normalised(behaviour, tmp_path):
    text = f"saved {tmp_path}/out.png via http://127.0.0.1:43117/v1\n"
    assert behaviour.normalise(text, str(tmp_path)) == ["saved <DIR>/out.png via http://127.0.0.1:<PORT>/v1"]


def write_program(root: Path) -> None:
    (root / "helpers.py").write_text(
        "def reader(page):\n"
        "    # TODO(assistants-migrate): AM999 check this\n"
        "    return page.data[0]\n"
        "\n"
        "def shout(x):\n"
        "    print('one')\n"
        "    print(x.upper())\n"
    )
    (root / "main.py").write_text(
        "import sys\n"
        "from helpers import reader, shout\n"
        "shout('two')\n"
        "print('three', end='')\n"
        "print('!')\n"
        "if len(sys.argv) > 1:\n"
        "    reader(None)\n"
    )


def run(root: Path, *argv: str, trace: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(BENCH / "behaviour_trace")
    if trace:
        env.update(BEHAVIOUR_TRACE_OUT=str(trace), BEHAVIOUR_TRACE_ROOT=str(root))
    return subprocess.run([sys.executable, "main.py", *argv], cwd=root, env=env, capture_output=True, text=True)


def test_crash_site_is_the_innermost_program_frame_and_it_is_marked(behaviour, tmp_path):
    write_program(tmp_path)
    p = run(tmp_path, "crash")
    assert p.returncode == 1
    site = behaviour.crash_site(p.stderr, tmp_path)
    assert site == ("helpers.py", 3)
    place = behaviour.locate(tmp_path, *site)
    assert place.marked == "statement" and place.rules == ["AM999"]
    assert "page.data[0]" in place.code


def test_tracer_maps_each_output_line_to_the_line_that_started_it(behaviour, tmp_path):
    write_program(tmp_path)
    trace = tmp_path / "trace.jsonl"
    p = run(tmp_path, trace=trace)
    assert p.stdout.splitlines() == ["one", "TWO", "three!"]
    records = [json.loads(l) for l in trace.read_text().splitlines()]
    where = [(Path(r["file"]).name, r["line"]) for r in records]
    assert where == [("helpers.py", 6), ("helpers.py", 7), ("main.py", 4)]
    # printed inside an unmarked function: no marker on it or around it
    assert behaviour.locate(tmp_path, "helpers.py", 7).marked == "no"
    # a statement in a function that carries a marker elsewhere counts apart
    (tmp_path / "helpers.py").write_text((tmp_path / "helpers.py").read_text().replace(
        "    print(x.upper())", "    # TODO(assistants-migrate): AM998 x\n    y = 1\n    print(x.upper())"))
    assert behaviour.locate(tmp_path, "helpers.py", 9).marked == "function"


def test_words_that_look_like_id_prefixes_are_kept(behaviour):
    line = "{'type': 'file_search', 'ids': ['vs_abc123def', 'thread_message']}"
    assert behaviour.normalise(line) == ["{'type': 'file_search', 'ids': ['<ID>', 'thread_message']}"]


def test_run_status_lines_are_set_apart_but_other_lines_are_not(behaviour):
    before = ["Run Created: <ID>", "Run Status: in_progress", "Run Status: completed", "completed", "answer: 4"]
    after = ["Run Created: <ID>", "answer: 4"]
    assert behaviour.without_status_lines(before) == behaviour.without_status_lines(after)
    assert behaviour.without_status_lines(["answer: completed the task"]) == ["answer: completed the task"]


def test_the_exception_that_ended_a_program_is_named(behaviour, tmp_path):
    write_program(tmp_path)
    crashed = run(tmp_path, "crash")
    assert behaviour.exception_name(crashed.stderr) == "AttributeError"
    ended = subprocess.run([sys.executable, "-c", "input()"], input="", capture_output=True, text=True)
    assert behaviour.exception_name(ended.stderr) == "EOFError"
    assert behaviour.exception_name("") == ""
