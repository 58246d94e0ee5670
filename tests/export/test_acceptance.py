"""Acceptance runs of issue 6 against the emulator (validate=True)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from assistants_migrate.emulator import Emulator
from tests.export.conftest import API_KEY, archive_hashes, cli_env, export_args, run_cli


def _manifest(root: Path) -> dict[str, Any]:
    return json.loads((root / "manifest.json").read_text())


def test_clean_export_counts_match_seed_and_verify_passes(clean_archive: Path, seed200: dict[str, Any]) -> None:
    m = _manifest(clean_archive)
    c = m["counts"]
    exp = seed200["counts"]
    assert c["threads"] == {"total": exp["threads"] + exp["threads_gone"], "exported": exp["threads"], "gone": exp["threads_gone"]}
    assert c["assistants"] == {"total": exp["assistants"], "exported": exp["assistants"]}
    assert c["files"] == {"total": exp["files"], "exported": exp["files"]}
    assert c["vector_stores"] == {"total": exp["vector_stores"], "exported": exp["vector_stores"]}
    for key in ("messages", "runs", "run_steps", "vector_store_files"):
        assert c[key] == exp[key], key
    assert m["complete"] is True
    assert m["base_url"].startswith("http://127.0.0.1:")
    res = run_cli("verify", str(clean_archive))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "verify: ok" in res.stdout


def test_archive_layout_key_and_names(clean_archive: Path, seed200: dict[str, Any]) -> None:
    ids = {t for t in seed200["thread_ids"]} | {f["id"] for f in seed200["state"]["files"]}
    for p in clean_archive.rglob("*"):
        rel = p.relative_to(clean_archive).as_posix()
        assert not any(i in rel for i in ids), rel  # no raw API id in any path
        if p.is_file():
            assert API_KEY.encode() not in p.read_bytes(), rel
    # a thread document holds messages asc, runs and steps with file_search content
    doc = json.loads(next((clean_archive / "objects" / "thread").rglob("*.json")).read_text())
    assert doc["kind"] == "thread"
    # the files: downloadable bytes archived by sha256, assistants-purpose ones keep parsed text
    kinds: dict[str, int] = {}
    for p in (clean_archive / "objects" / "file").rglob("*.json"):
        d = json.loads(p.read_text())
        kinds[d["content"]["status"]] = kinds.get(d["content"]["status"], 0) + 1
        if d["file"]["purpose"] == "assistants":
            assert d["content"]["parsed_text"], d["id"]
    assert kinds == {"downloaded": 13, "not_downloadable": 54}
    report = json.loads((clean_archive / "report.json").read_text())
    assert report["summary"]["by_rule"]["AM802"] == 50
    assert report["summary"]["by_rule"]["AM801"] == 2


def test_configs_module_is_valid_typed_python(clean_archive: Path, tmp_path: Path) -> None:
    src = (clean_archive / "assistant_configs.py").read_text()
    ns: dict[str, Any] = {}
    exec(compile(src, "assistant_configs.py", "exec"), ns)
    cfgs = ns["ASSISTANT_CONFIGS"]
    assert cfgs["asst_seed002"]["reasoning"] == {"effort": "high"}
    assert cfgs["asst_seed002"]["tools"] == [{"type": "code_interpreter", "container": {"type": "auto", "file_ids": ["file-out0000"]}}]
    fs = cfgs["asst_seed001"]["tools"][0]
    assert fs["vector_store_ids"] == ["vs_seed001"] and fs["ranking_options"]["ranker"] == "auto"
    assert cfgs["asst_seed001"]["text"]["format"]["type"] == "json_schema"
    assert "json_schema" not in cfgs["asst_seed001"]["text"]["format"]
    assert "text" not in cfgs["asst_seed000"]  # response_format auto -> omitted
    assert cfgs["asst_seed000"]["tools"][0]["name"] == "get_weather"
    assert ns["NAMES"]["asst_seed000"] == "Assistant 0"
    mod = tmp_path / "assistant_configs.py"
    mod.write_text(src)
    res = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(mod)],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stdout + res.stderr


def test_faults_and_sigkill_give_identical_archive(
    clean_archive: Path, seed200: dict[str, Any], ids_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "archive"
    rng = random.Random(20261124)
    faults = "429ms=0.08,429=0.02,500=0.05,drop=0.01,latency=3,seed=5"
    kills = 0
    with Emulator(state=seed200["state"], validate=True, faults=faults) as emu:
        args = [sys.executable, "-m", "assistants_migrate", *export_args(out, emu.base_url, ids_file)]
        for _ in range(5):
            proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.8, 4.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
        final = subprocess.run(args, env=cli_env(), capture_output=True, text=True, timeout=600)
        assert final.returncode == 0, final.stderr[-3000:]
        assert not emu.validation_errors, emu.validation_errors[:5]
        statuses = {s for (_m, _p, s) in emu.requests}
    assert kills >= 3  # the points fell inside runs
    assert {429, 500} <= statuses
    assert archive_hashes(out) == archive_hashes(clean_archive)
    res = run_cli("verify", str(out))
    assert res.returncode == 0, res.stdout


def test_sunset_mode_exports_files_and_vector_stores(seed200: dict[str, Any], ids_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive"
    with Emulator(state=seed200["state"], validate=True, faults="sunset") as emu:
        res = run_cli(*export_args(out, emu.base_url, ids_file))
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stderr.count("this host no longer serves the Assistants API; exporting files and vector stores only") >= 1
    assert "Assistants paths are gone" in res.stderr
    m = _manifest(out)
    assert m["assistants_api"] == "gone"
    assert m["counts"]["files"]["exported"] == seed200["counts"]["files"]
    assert m["counts"]["vector_stores"]["exported"] == 3
    assert m["counts"]["vector_store_files"] == 50
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["by_rule"]["AM804"] == 1
    assert run_cli("verify", str(out)).returncode == 0


def test_verify_detects_tampering(clean_archive: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(clean_archive, copy)
    blob = next((copy / "blobs").rglob("*"))
    while blob.is_dir():
        blob = next(blob.iterdir())
    blob.write_bytes(b"tampered")
    doc = next((copy / "objects" / "thread").rglob("*.json"))
    doc.write_text(doc.read_text().replace('"messages"', '"messagez"', 1))
    res = run_cli("verify", str(copy))
    assert res.returncode == 1
    assert "missing or corrupt" in res.stdout
    assert "sha256 differs" in res.stdout
