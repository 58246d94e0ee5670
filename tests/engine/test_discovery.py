from __future__ import annotations

import subprocess
from pathlib import Path

from assistants_migrate.engine.discover import discover


def names(paths: list[str], **kw) -> list[str]:
    return sorted(Path(f.display).name for f in discover(paths, **kw).files)


def test_gitignore_is_honoured_inside_a_work_tree(project: Path, monkeypatch) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / ".gitignore").write_text("generated/\n*_pb2.py\n")
    (project / "generated").mkdir()
    (project / "generated" / "a.py").write_text("")
    (project / "pkg").mkdir()
    (project / "pkg" / ".gitignore").write_text("local.py\n")
    (project / "pkg" / "local.py").write_text("")
    (project / "pkg" / "keep.py").write_text("")
    (project / "x_pb2.py").write_text("")
    (project / ".git" / "info").mkdir(exist_ok=True)
    (project / ".git" / "info" / "exclude").write_text("secret.py\n")
    (project / "secret.py").write_text("")
    monkeypatch.chdir(project)
    assert names(["."]) == ["keep.py"]


def test_gitignore_ignored_outside_a_work_tree(project: Path, monkeypatch) -> None:
    (project / ".gitignore").write_text("*.py\n")
    (project / "a.py").write_text("")
    monkeypatch.chdir(project)
    assert names(["."]) == ["a.py"]


def test_always_skipped_directories(project: Path, monkeypatch) -> None:
    for d in (".git", "node_modules", "__pycache__", "lib/python3.11/site-packages", ".venv", "env_custom"):
        (project / d).mkdir(parents=True)
        (project / d / "x.py").write_text("")
    (project / "env_custom" / "pyvenv.cfg").write_text("home = /usr\n")  # a virtualenv under any name
    (project / "main.py").write_text("")
    monkeypatch.chdir(project)
    assert names(["."]) == ["main.py"]


def test_exclude_globs_and_explicit_files(project: Path, monkeypatch) -> None:
    (project / "tests").mkdir()
    (project / "tests" / "t.py").write_text("")
    (project / "a.py").write_text("")
    (project / "notes.txt").write_text("")
    monkeypatch.chdir(project)
    assert names(["."], exclude=["tests/"]) == ["a.py"]
    assert names(["."], exclude=["*.py"]) == []
    # a file named explicitly is processed even when excluded
    assert names(["tests/t.py"], exclude=["tests/"]) == ["t.py"]


def test_order_is_deterministic(project: Path, monkeypatch) -> None:
    for name in ("b.py", "a.py", "c/d.py", "c/a.py"):
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text("")
    monkeypatch.chdir(project)
    assert [f.display for f in discover(["."]).files] == ["a.py", "b.py", "c/a.py", "c/d.py"]
