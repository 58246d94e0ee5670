"""Shared test configuration. The emulator fixture (`emulator`) comes from its package."""

import pathlib

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
