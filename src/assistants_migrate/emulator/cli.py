"""`assistants-migrate emulator` (placeholder until the emulator lands)."""

from __future__ import annotations

import argparse


def configure_emulator(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0)


def run_emulator(args: argparse.Namespace) -> int:
    raise SystemExit("the emulator is not built yet")
