"""The `assistants-migrate` command: one argparse entry point with subcommands.

Each subcommand lives with its subsystem, in a module that offers
`configure_<name>(parser)` and `run_<name>(args) -> int`. Only the module of the
subcommand being run is imported (and those modules import their heavy dependencies
inside `run_*`), so `--version`, `--help` and an empty tree answer quickly.
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
  assistants-migrate rules AM101                  explain one rule
  assistants-migrate export --threads ids.txt --out archive/
  assistants-migrate verify archive/
  assistants-migrate import archive/ --map thread_map.csv
  assistants-migrate emulator --port 0            offline stand-in for api.openai.com

exit codes: 0 ok; 1 changes pending (--check/--diff) or findings at --fail-on;
            2 a file failed, usage or internal error
"""


def _wanted(argv: Sequence[str]) -> str | None:
    """The subcommand named in argv (the top level takes no option with a value)."""
    names = {name for name, _, _ in SUBCOMMANDS}
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in names else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser, and each subcommand's. Only the subcommand named in `argv` is configured (all of
    them when `argv` is None, e.g. for docs and tests)."""
    parser = argparse.ArgumentParser(
        prog="assistants-migrate",
        description="Move Python code and stored data off OpenAI's Assistants API "
        "onto the Responses and Conversations APIs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = None if argv is None else _wanted(argv)
    subparsers = {}
    for name, module_name, help_text in SUBCOMMANDS:
        sub_parser = sub.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            allow_abbrev=False,
        )
        subparsers[name] = sub_parser
        if argv is None or name == wanted:
            module = importlib.import_module(module_name)
            getattr(module, f"configure_{name}")(sub_parser)
            sub_parser.set_defaults(_run=getattr(module, f"run_{name}"))
    return parser, subparsers


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, subparsers = build_parser(argv)
    args, extras = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if extras:  # the subcommand's usage, not the top level's: that is where the option was expected
        subparsers[args.command].error(f"unrecognized arguments: {' '.join(extras)}")
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
