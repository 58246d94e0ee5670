"""The `assistants-migrate` command: one argparse entry point with subcommands.

Each subcommand lives with its subsystem, in a module that offers
`configure_<name>(parser)` and `run_<name>(args) -> int`. Those modules import their
heavy dependencies (openai, jsonschema, jinja2) inside `run_*`, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from assistants_migrate import __version__

# (name, module, one-line help). Order is the order shown in --help.
SUBCOMMANDS: tuple[tuple[str, str, str], ...] = (
    ("rewrite", "assistants_migrate.engine.cli", "rewrite Assistants API call sites in place"),
    ("audit", "assistants_migrate.engine.cli", "list what needs manual work (writes no source)"),
    ("rules", "assistants_migrate.engine.cli", "print the rule catalogue, or one rule"),
    ("export", "assistants_migrate.export.cli", "copy assistants, threads, files, vector stores into an archive"),
    ("verify", "assistants_migrate.export.cli", "check an archive: documents, checksums, references, counts"),
    ("import", "assistants_migrate.export.cli", "replay archived threads into Conversations"),
    ("emulator", "assistants_migrate.emulator.cli", "run a local OpenAI-compatible server"),
)

EPILOG = """\
examples:
  assistants-migrate rewrite --diff src/          show what would change
  assistants-migrate rewrite src/                 rewrite in place
  assistants-migrate rewrite --check src/         exit 1 when anything would change (CI)
  assistants-migrate audit src/ -o report.html    manual work, for the team
  assistants-migrate rules AM501                  explain one rule
  assistants-migrate export --threads ids.txt --out archive/
  assistants-migrate verify archive/
  assistants-migrate import archive/ --map thread_map.csv
  assistants-migrate emulator --port 0            offline stand-in for api.openai.com

exit codes: 0 ok; 1 changes pending (--check/--diff) or findings at --fail-on;
            2 usage or internal error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistants-migrate",
        description="Move Python code and stored data off OpenAI's Assistants API "
        "onto the Responses and Conversations APIs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in SUBCOMMANDS:
        module = importlib.import_module(module_name)
        sub_parser = sub.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        getattr(module, f"configure_{name}")(sub_parser)
        sub_parser.set_defaults(_run=getattr(module, f"run_{name}"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
