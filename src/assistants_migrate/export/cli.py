"""`assistants-migrate export|verify|import` (placeholders until the exporter lands)."""

from __future__ import annotations

import argparse


def configure_export(parser: argparse.ArgumentParser) -> None:
    pass


def configure_verify(parser: argparse.ArgumentParser) -> None:
    pass


def configure_import(parser: argparse.ArgumentParser) -> None:
    pass


def _not_built(args: argparse.Namespace) -> int:
    raise SystemExit("not built yet")


run_export = run_verify = run_import = _not_built
