"""The wheel carries the codemods and the report templates, and runs from them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO_ROOT


def _source_copy(target: Path) -> Path:
    """The files git tracks (or would), copied: building in the checkout would leave a build/
    directory there whose stale copies could end up in later wheels."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT, check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    for name in listed:
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_wheel_contents_and_entry_point(tmp_path: Path) -> None:
    source = _source_copy(tmp_path / "src")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, text=True,
    )
    [wheel] = tmp_path.glob("assistants_migrate-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "assistants_migrate/codemods/vector_stores.py" in names
    assert "assistants_migrate/codemods/__init__.py" in names
    assert any(n.startswith("assistants_migrate/reports/") and n.endswith(".j2") for n in names)
    assert "assistants_migrate/emulator/spec/openapi.yaml" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    ).decode()
    assert "assistants-migrate = assistants_migrate.cli:main" in entry_points
    # run the CLI from the unpacked wheel alone: the codemods must import from it
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    proc = subprocess.run(
        [sys.executable, "-m", "assistants_migrate", "rules", "AM101"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "beta.vector_stores" in proc.stdout
