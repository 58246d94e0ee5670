"""Import acceptance: one conversation per thread, exactly once, across reruns and kills."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from assistants_migrate.emulator import Emulator
from tests.export.conftest import cli_env, run_cli
from tests.export.seed import make_seed

N = 60


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return make_seed(N, seed=11, max_messages=70, images=True)


def _export(state: dict[str, Any], ids: list[str], root: Path) -> Path:
    ids_file = root / "ids.txt"
    ids_file.write_text("\n".join(ids) + "\n")
    out = root / "archive"
    with Emulator(state=state, validate=True) as emu:
        res = run_cli("export", "--out", str(out), "--threads", str(ids_file), "--base-url", emu.base_url,
                      "--rpm", "0", "--no-progress")
    assert res.returncode == 0, res.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def archive(small: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(small["state"], small["thread_ids"], tmp_path_factory.mktemp("imp"))


def _import(emu: Emulator, archive: Path, map_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("import", str(archive), "--map", str(map_path), "--base-url", emu.base_url, "--rpm", "0",
                   "--no-progress", *extra)


def _by_thread(snap: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    convs = Counter((c.get("metadata") or {}).get("source_thread_id") for c in snap["conversations"])
    items = Counter(i["conversation_id"] for i in snap["conversation_items"])
    return convs, items


def _read_map(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_import_one_conversation_per_thread_and_rerun_creates_nothing(
    small: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    import shutil

    work = tmp_path / "a"
    shutil.copytree(archive, work)
    map_path = tmp_path / "map.csv"
    with Emulator(validate=True) as emu:
        res = _import(emu, work, map_path)
        assert res.returncode == 0, res.stderr[-3000:]
        snap = emu.snapshot()
        convs, items = _by_thread(snap)
        assert set(convs) == set(small["expected_items"]) and set(convs.values()) == {1}
        rows = _read_map(map_path)
        assert map_path.read_text().splitlines()[0] == "thread_id,conversation_id,items"
        assert len(rows) == N
        for row in rows:
            assert items[row["conversation_id"]] == int(row["items"]) == small["expected_items"][row["thread_id"]]
        conv = next(c for c in snap["conversations"] if c["id"] == rows[0]["conversation_id"])
        assert len(conv["metadata"]["source_sha256"]) == 64
        # the longest thread went in as chunks of <= 20, oldest first
        longest = max(rows, key=lambda r: int(r["items"]))
        its = [i for i in snap["conversation_items"] if i["conversation_id"] == longest["conversation_id"]]
        assert int(longest["items"]) > 20
        texts = [i["content"][0].get("text") for i in its if i.get("type") == "message"]
        assert texts[0].startswith("user 0 of ") and texts[1].startswith("assistant 1 of ")
        fc = [i for i in snap["conversation_items"] if i.get("type") == "function_call"]
        assert fc and all(i["name"] == "get_weather" for i in fc)
        before = (len(snap["conversations"]), len(snap["conversation_items"]))
        res2 = _import(emu, work, map_path)
        assert res2.returncode == 0
        snap2 = emu.snapshot()
        assert (len(snap2["conversations"]), len(snap2["conversation_items"])) == before
        assert _read_map(map_path) == rows
        assert not emu.validation_errors, emu.validation_errors[:3]
    report = (work / "import-report.json").read_text()
    for rule in ("AM810", "AM811", "AM812", "AM813", "AM814", "AM816", "AM820"):
        assert rule in report, rule


def _check_one_complete_per_thread(snap: dict[str, Any], expected: dict[str, int], map_path: Path,
                                   report: str) -> int:
    """Every thread: exactly one conversation with all its items, the mapped one; any other
    conversation of the thread is an empty leftover of an unanswered create, reported by its token.
    Returns the number of such leftovers."""
    items = Counter(i["conversation_id"] for i in snap["conversation_items"])
    mapped = {r["thread_id"]: r["conversation_id"] for r in _read_map(map_path)}
    assert set(mapped) == set(expected)
    leftovers = 0
    for c in snap["conversations"]:
        tid = c["metadata"]["source_thread_id"]
        if c["id"] == mapped[tid]:
            assert items[c["id"]] == expected[tid], (tid, items[c["id"]], expected[tid])
        else:
            assert items[c["id"]] == 0, f"partial conversation {c['id']} of {tid}: {items[c['id']]} items"
            assert c["metadata"]["import_token"] in report
            leftovers += 1
    return leftovers


def test_import_killed_midway_then_resumed_creates_no_duplicate(
    small: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    import shutil

    work = tmp_path / "a"
    shutil.copytree(archive, work)
    map_path = tmp_path / "map.csv"
    with Emulator(validate=True, faults="latency=15") as emu:
        args = [sys.executable, "-m", "assistants_migrate", "import", str(work), "--map", str(map_path),
                "--base-url", emu.base_url, "--rpm", "0", "--no-progress"]
        for delay in (1.2, 1.5):
            proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        emu.set_faults(None)
        res = _import(emu, work, map_path)
        assert res.returncode == 0, res.stderr[-2000:]
        report = (work / "import-report.json").read_text()
        leftovers = _check_one_complete_per_thread(emu.snapshot(), small["expected_items"], map_path, report)
        # at most one create in flight per worker (8) per kill
        assert leftovers <= 2 * 8
        assert not emu.validation_errors, emu.validation_errors[:3]


def test_unanswered_creates_are_reported_and_resume_finishes(
    small: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    import shutil

    work = tmp_path / "a"
    shutil.copytree(archive, work)
    map_path = tmp_path / "map.csv"
    with Emulator(validate=True, faults="500=1@POST /conversations") as emu:
        res = _import(emu, work, map_path, "--max-attempts", "2")
        assert res.returncode == 1
        assert len(emu.snapshot()["conversations"]) == 0
        report = json.loads((work / "import-report.json").read_text())
        assert report["summary"]["by_rule"]["AM818"] >= N
        emu.set_faults(None)
        res = _import(emu, work, map_path)
        assert res.returncode == 0, res.stderr[-2000:]
        snap = emu.snapshot()
        assert len(snap["conversations"]) == N
        _check_one_complete_per_thread(snap, small["expected_items"], map_path,
                                       (work / "import-report.json").read_text())


def test_ambiguous_append_is_checked_by_listing(small: dict[str, Any], archive: Path, tmp_path: Path) -> None:
    import shutil

    work = tmp_path / "a"
    shutil.copytree(archive, work)
    map_path = tmp_path / "map.csv"
    with Emulator(validate=True, faults="500=0.3@POST /conversations/*/items,drop=0.05@POST /conversations/*/items,seed=2") as emu:
        res = _import(emu, work, map_path)
        assert res.returncode == 0, res.stderr[-2000:]
        convs, items = _by_thread(emu.snapshot())
    assert set(convs.values()) == {1}
    for row in _read_map(map_path):
        assert items[row["conversation_id"]] == small["expected_items"][row["thread_id"]]


def test_import_images_where_possible(tmp_path: Path) -> None:
    s = make_seed(8, seed=3, max_messages=12, images=True)
    out = _export(s["state"], s["thread_ids"], tmp_path)
    with Emulator(validate=True) as emu:
        res = _import(emu, out, tmp_path / "map.csv")
        assert res.returncode == 0, res.stderr[-2000:]
        images = [p for i in emu.snapshot()["conversation_items"] if isinstance(i.get("content"), list)
                  for p in i["content"] if p.get("type") == "input_image"]
        assert not emu.validation_errors
    assert {p.get("image_url") or p.get("file_id") for p in images} >= {"https://example.com/a.png", "file-vis0000"}


def test_kill_and_resume_under_faults_leaves_one_complete_conversation_per_thread(
    small: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    """SIGKILL a real import at random moments while the server injects 429s, 5xx and drops;
    resumed runs end with exactly one complete conversation per thread and none partial."""
    import random
    import shutil

    work = tmp_path / "a"
    shutil.copytree(archive, work)
    map_path = tmp_path / "map.csv"
    rng = random.Random(14)
    faults = "429=0.02,429ms=0.05,500=0.05,502=0.03,503=0.02,drop=0.04,latency=60,seed=9"
    with Emulator(validate=True, faults=faults) as emu:
        args = [sys.executable, "-m", "assistants_migrate", "import", str(work), "--map", str(map_path),
                "--base-url", emu.base_url, "--rpm", "0", "--no-progress", "--concurrency", "3"]
        ledger = work / "import-ledger.jsonl"

        def records() -> int:
            return ledger.read_bytes().count(b"\n") if ledger.exists() else 0

        kills = 0
        for _ in range(10):
            proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # kill in the middle of the work: after a few more ledger records, at a random moment
            target = records() + rng.randint(4, 30)
            deadline = time.monotonic() + 60
            while records() < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.2))
            if proc.poll() is not None:
                break
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            if kills == 6:
                break
        assert kills >= 5, kills
        for _ in range(3):  # faults stay on: a run may leave threads to the next one
            res = _import(emu, work, map_path, "--concurrency", "3")
            if res.returncode == 0:
                break
        assert res.returncode == 0, res.stderr[-2000:]
        snap = emu.snapshot()
        assert any(status == 0 for _m, _p, status in emu.requests)  # drops happened
        assert any(status >= 500 for _m, _p, status in emu.requests)
        assert not emu.validation_errors, emu.validation_errors[:3]
    report = (work / "import-report.json").read_text()
    leftovers = _check_one_complete_per_thread(snap, small["expected_items"], map_path, report)
    assert leftovers <= kills * 3
    print(f"{kills} kills, {leftovers} empty leftovers, {len(snap['conversations'])} conversations")
