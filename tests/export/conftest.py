from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.export.seed import make_seed

# (pytest_plugins is not allowed in a non-root conftest; these tests start Emulator(...) themselves)

API_KEY = "sk-test-DO-NOT-LEAK-7f3a9c"
N_THREADS = 200


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OPENAI_API_KEY"] = API_KEY
    env.pop("OPENAI_BASE_URL", None)
    return env


def run_cli(*args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistants_migrate", *args],
        env=cli_env(), input=stdin, capture_output=True, text=True, timeout=timeout,
    )


def export_args(out: Path, base_url: str, ids_file: Path, *extra: str) -> list[str]:
    return ["export", "--out", str(out), "--threads", str(ids_file), "--base-url", base_url,
            "--rpm", "0", "--no-progress", "--concurrency", "6", *extra]


def archive_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file in an archive, the manifest without its volatile fields."""
    out: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(root).as_posix()
        if rel == "import-ledger.jsonl":
            continue
        data = p.read_bytes()
        if rel == "manifest.json":
            m = json.loads(data)
            for key in ("started_at", "finished_at", "base_url"):
                m.pop(key, None)
            data = json.dumps(m, sort_keys=True).encode()
        out[rel] = hashlib.sha256(data).hexdigest()
    return out


@pytest.fixture(scope="session")
def seed200() -> dict[str, Any]:
    return make_seed(N_THREADS)


@pytest.fixture(scope="session")
def ids_file(tmp_path_factory: pytest.TempPathFactory, seed200: dict[str, Any]) -> Path:
    p = tmp_path_factory.mktemp("ids") / "threads.txt"
    p.write_text("\n".join(seed200["thread_ids"]) + "\n")
    return p


@pytest.fixture(scope="session")
def clean_archive(tmp_path_factory: pytest.TempPathFactory, seed200: dict[str, Any], ids_file: Path) -> Path:
    """One clean export of the 200-thread seed, shared by the acceptance tests (read-only)."""
    from assistants_migrate.emulator import Emulator

    out = tmp_path_factory.mktemp("clean") / "archive"
    with Emulator(state=seed200["state"], validate=True) as emu:
        res = run_cli(*export_args(out, emu.base_url, ids_file))
        assert res.returncode == 0, res.stderr[-3000:]
        assert not emu.validation_errors, emu.validation_errors[:5]
    return out
