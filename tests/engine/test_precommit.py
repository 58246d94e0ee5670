"""The pre-commit hooks, run by pre-commit itself in a real git repository (no network: `repo: local`
hooks built from the shipped `.pre-commit-hooks.yaml`, with the installed command as the entry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.engine.conftest import NEW, OLD

MANIFEST = REPO_ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit", path=str(BIN)) is None or shutil.which("assistants-migrate", path=str(BIN)) is None
    or shutil.which("git") is None,
    reason="needs pre-commit and the installed assistants-migrate command beside this interpreter, and git",
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def test_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    proc = subprocess.run([str(BIN / "pre-commit"), "validate-manifest", str(MANIFEST)], capture_output=True,
                          text=True, env=_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text())}
    assert set(hooks) == {"assistants-migrate", "assistants-migrate-check"}
    for hook in hooks.values():
        assert hook["types_or"] == ["python", "jupyter"] and "--force-exclude" in hook["entry"]


def _local_config(repo: Path) -> None:
    """The manifest's hooks as `repo: local` hooks (language system: the command installed with the tests)."""
    hooks = []
    for hook in yaml.safe_load(MANIFEST.read_text()):
        local = {key: value for key, value in hook.items() if key not in ("minimum_pre_commit_version", "description")}
        local["language"] = "system"
        hooks.append(local)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}))


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)


def _repository(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A fresh git work tree with the hooks configured; its environment."""
    env = _env(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, env, "init", "-q")
    _local_config(repo)
    return env, repo


def test_hooks_run_under_pre_commit(tmp_path: Path) -> None:
    env, repo = _repository(tmp_path)
    (repo / "pyproject.toml").write_text("[project]\nname = 'app'\n\n[tool.assistants-migrate]\nexclude = [\"generated/\"]\n")
    (repo / "app.py").write_text(OLD)
    (repo / "generated").mkdir()
    (repo / "generated" / "client.py").write_text(OLD)
    (repo / "clean.py").write_text("x = 1\n")
    (repo / "notes.txt").write_text("client.beta.vector_stores.create()\n")
    _git(repo, env, "add", ".")

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "pre-commit"), "run", *args], cwd=repo, capture_output=True, text=True,
                              env=env, timeout=600)

    check = pre_commit("assistants-migrate-check", "--all-files")
    assert check.returncode == 1, check.stdout
    assert "Would rewrite: app.py" in check.stdout
    assert "generated/client.py" not in check.stdout  # named by pre-commit, excluded by the table
    assert (repo / "app.py").read_text() == OLD

    rewrite = pre_commit("assistants-migrate", "--all-files")
    assert rewrite.returncode == 1 and "files were modified by this hook" in rewrite.stdout, rewrite.stdout
    assert (repo / "app.py").read_text() == NEW
    assert (repo / "generated" / "client.py").read_text() == OLD
    assert (repo / "notes.txt").read_text() == "client.beta.vector_stores.create()\n"

    _git(repo, env, "add", ".")
    assert pre_commit("assistants-migrate", "--all-files").returncode == 0
    assert pre_commit("assistants-migrate-check", "--all-files").returncode == 0


def test_commit_is_stopped_by_the_installed_hook(tmp_path: Path) -> None:
    """As a team uses it: `pre-commit install`, then a commit with a file still on the Assistants API."""
    env, repo = _repository(tmp_path)
    (repo / "bad.py").write_text("client.beta.vector_stores.create(\n")  # does not parse
    (repo / "app.py").write_text(OLD)
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)
    _git(repo, env, "add", ".")
    commit = subprocess.run(["git", "commit", "-qm", "x"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert commit.returncode != 0
    output = commit.stdout + commit.stderr
    assert "bad.py: syntax error" in output and "exit code: 2" in output
    assert "Rewrote: app.py" in output and (repo / "app.py").read_text() == NEW
