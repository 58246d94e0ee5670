"""A rewrite changes a file's content and nothing else: owner, group, mode, hard links, line
endings; a notebook's untouched bytes stay identical."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.engine.conftest import NEW, OLD, run_cli, run_json

OTHER_UID, OTHER_GID = 4242, 4343  # an owner that is not the test process
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI and the dev machines run the tests as root)")


def _status(data: dict, path: str) -> str:
    return {f["path"]: f["status"] for f in data["files"]}[path]


@as_root
def test_owner_and_group_are_kept_when_root_rewrites_another_users_file(project: Path) -> None:
    path = project / "theirs.py"
    path.write_text(OLD)
    path.chmod(0o640)
    os.chown(path, OTHER_UID, OTHER_GID)
    code, data = run_json("rewrite", "theirs.py", cwd=project)
    assert code == 0 and _status(data, "theirs.py") == "changed"
    after = path.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (OTHER_UID, OTHER_GID, 0o640)
    assert path.read_text() == NEW


def _rewrite_as(uid: int, gid: int, path: Path, queue) -> None:  # type: ignore[no-untyped-def]
    """In a forked child: drop to another user, run the real pipeline, send back what it said."""
    from assistants_migrate.engine.pipeline import run

    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    result = run([str(path)], mode="write", jobs=1)
    queue.put([(r.status, [(f.rule_id, f.message) for f in r.findings]) for r in result.files])


@as_root
def test_a_user_who_cannot_keep_the_owner_does_not_replace_the_file() -> None:
    """An unprivileged user in a world-writable directory: renaming a new file over root's file
    would hand it to that user, so the rewrite is refused and said so."""
    import multiprocessing
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="am-owner-"))  # the system temp dir: every user can reach it
    root.chmod(0o777)
    try:
        _refused_as_other_user(root, multiprocessing.get_context("fork"))
    finally:
        shutil.rmtree(root)


def _refused_as_other_user(root: Path, context) -> None:  # type: ignore[no-untyped-def]
    path = root / "roots.py"
    path.write_text(OLD)
    path.chmod(0o666)
    queue = context.Queue()
    child = context.Process(target=_rewrite_as, args=(OTHER_UID, OTHER_GID, path, queue))
    child.start()
    [(status, findings)] = queue.get(timeout=120)
    child.join(timeout=30)
    assert status == "failed"
    [message] = [m for rule, m in findings if rule == "AM006"]
    assert "owned by uid 0" in message
    assert path.read_text() == OLD and path.stat().st_uid == 0
    assert sorted(p.name for p in root.iterdir()) == ["roots.py"]  # no temp file left behind


def test_hard_links_are_kept(project: Path) -> None:
    path = project / "a.py"
    path.write_text(OLD)
    twin = project.parent / "twin.py"
    os.link(path, twin)
    code, data = run_json("rewrite", "a.py", cwd=project)
    assert code == 0 and _status(data, "a.py") == "changed"
    assert twin.read_text() == NEW and path.stat().st_ino == twin.stat().st_ino and path.stat().st_nlink == 2
    assert sorted(p.name for p in project.iterdir()) == ["a.py"]  # the saved copy of the old content is gone


def test_read_only_files_are_refused_unless_forced(project: Path) -> None:
    path = project / "ro.py"
    path.write_text(OLD)
    path.chmod(0o444)
    _, data = run_json("rewrite", "ro.py", cwd=project)
    assert _status(data, "ro.py") == "failed"
    [finding] = [f for f in data["findings"] if f["rule_id"] == "AM006"]
    assert "read-only" in finding["message"] and "--force" in finding["message"]
    assert path.read_text() == OLD
    code, data = run_json("rewrite", "--force", "ro.py", cwd=project)
    assert code == 0 and _status(data, "ro.py") == "changed"
    assert path.read_text() == NEW and stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.parametrize("final", ["\r", ""], ids=["final_cr", "no_final_newline"])
def test_cr_only_line_endings_are_kept(project: Path, final: str) -> None:
    path = project / "mac.py"
    path.write_bytes((OLD.replace("\n", "\r").rstrip("\r") + final).encode())
    code, _ = run_json("rewrite", "mac.py", cwd=project)
    assert code == 0
    assert path.read_bytes() == (NEW.replace("\n", "\r").rstrip("\r") + final).encode()
    assert run_cli("rewrite", "--check", "mac.py", cwd=project).returncode == 0


# -- notebooks ---------------------------------------------------------------------------------------

_UNTOUCHED_CODE = {"cell_type": "code", "execution_count": 1, "metadata": {"scale": "1e400"},
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["caf\u00e9\n"]}],
                   "source": ["import openai\n", "client = openai.OpenAI()  # caf\u00e9"]}
_CHANGED = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": ["vs = client.beta.vector_stores.create(name='caf\u00e9')\n", "print(vs.id)"]}
_MARKDOWN = {"cell_type": "markdown", "metadata": {}, "source": ["# Caf\u00e9 \u2615"]}


def _notebook_text(indent: int | None, ensure_ascii: bool, newline: str) -> str:
    nb = {"cells": [_MARKDOWN, _UNTOUCHED_CODE, _CHANGED], "metadata": {"big": "1e400"}, "nbformat": 4,
          "nbformat_minor": 5}
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(nb, indent=indent, ensure_ascii=ensure_ascii, separators=separators)
    # numbers Python's json cannot round-trip: written out as they were, never as Infinity
    text = text.replace('"1e400"', "1e400")
    return text.replace("\n", newline) + newline


@pytest.mark.parametrize(
    "indent, ensure_ascii, newline",
    [(None, False, ""), (1, False, "\n"), (1, True, "\r\n"), (2, True, "\n")],
    ids=["minified", "nbformat", "crlf_escaped", "indent2_escaped"],
)
def test_notebook_bytes_outside_the_changed_cell_stay_identical(
    project: Path, indent: int | None, ensure_ascii: bool, newline: str
) -> None:
    text = _notebook_text(indent, ensure_ascii, newline)
    path = project / "nb.ipynb"
    path.write_bytes(text.encode())
    code, data = run_json("rewrite", "nb.ipynb", cwd=project)
    assert code == 0 and _status(data, "nb.ipynb") == "changed"
    out = path.read_bytes().decode()
    old_line = json.dumps(_CHANGED["source"][0], ensure_ascii=ensure_ascii)
    new_line = json.dumps(_CHANGED["source"][0].replace(".beta.", "."), ensure_ascii=ensure_ascii)
    assert text.count(old_line) == 1
    assert out == text.replace(old_line, new_line)  # every other byte as it was: layout, escapes, 1e400
    assert run_cli("rewrite", "--check", "nb.ipynb", cwd=project).returncode == 0


def test_notebook_source_stored_as_one_string_and_an_emptied_list(project: Path) -> None:
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": "import openai\nc = openai.OpenAI()\nc.beta.vector_stores.list()"}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1) + "\n"
    path = project / "s.ipynb"
    path.write_text(text)
    run_json("rewrite", "s.ipynb", cwd=project)
    assert path.read_text() == text.replace("c.beta.vector_stores", "c.vector_stores")


def test_a_magic_above_a_removed_statement_stays(project: Path) -> None:
    cell = ["import time\n", "from openai import OpenAI\n", "client = OpenAI()\n",
            "run = client.beta.threads.runs.create(thread_id='thread_1', assistant_id='asst_1')\n",
            "%time x = 1\n", "# wait for it\n",
            "while run.status in ('queued', 'in_progress'):\n", "    time.sleep(1)\n",
            "    run = client.beta.threads.runs.retrieve(thread_id='thread_1', run_id=run.id)\n", "print(run.status)"]
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": cell}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = project / "magic.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n")
    _, data = run_json("rewrite", "magic.ipynb", cwd=project)
    assert _status(data, "magic.ipynb") == "changed"
    source = "".join(json.loads(path.read_text())["cells"][0]["source"])
    assert "while" not in source and "%time x = 1\n# wait for it\nprint(run.status)" in source
