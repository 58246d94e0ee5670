"""Running a program and its migrated twin the way a user would: files on disk, the real CLI, the emulator."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys


def emulator_env(base_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-emulator", PYTHONWARNINGS="ignore::DeprecationWarning",
               **extra)
    return env


def run_program(script: pathlib.Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python script.py` from the script's folder (its imports resolve as they do for its author)."""
    return subprocess.run([sys.executable, script.name], capture_output=True, text=True, env=env, cwd=script.parent,
                          timeout=120)


def rewrite(*args: str) -> subprocess.CompletedProcess[str]:
    """`assistants-migrate rewrite ARGS`; exit 0 or 1 (changes made or pending), never a failure."""
    done = subprocess.run([sys.executable, "-m", "assistants_migrate", "rewrite", *args], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done


def twins(folder: pathlib.Path, files: dict[str, str]) -> tuple[pathlib.Path, pathlib.Path]:
    """The same files written to folder/original and folder/migrated."""
    for side in ("original", "migrated"):
        for name, text in files.items():
            path = folder / side / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return folder / "original", folder / "migrated"


def run_both(original: pathlib.Path, migrated: pathlib.Path,
             env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run the original program, then its migrated twin; each must exit 0."""
    before, after = run_program(original, env), run_program(migrated, env)
    assert before.returncode == 0, before.stderr
    assert after.returncode == 0, after.stderr
    return before, after
