"""`assistants-migrate export|verify|import`.

Heavy imports (openai, rich, tenacity) happen inside run_*, so `--help` stays fast.
The API key is read from OPENAI_API_KEY by the SDK and is never printed or stored.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXPORT_EPILOG = """\
thread ids (--threads): a text file with one id per line, a CSV file with a thread_id
column, a JSONL file with a thread_id field, or - for stdin. Invalid lines are reported
with their line number and skipped; duplicates are collapsed. There is no API that lists
threads: take the ids from your application's database or logs.

The export resumes: run the same command again after an interruption and finished
objects are skipped. The archive is written with atomic writes only.

exit codes: 0 every planned object exported or gone (404); 1 some objects failed
            (see report.json); 2 usage error; 3 stopped: insufficient quota
"""

VERIFY_EPILOG = """\
exit codes: 0 the archive is consistent; 1 mismatches (listed); 2 usage error
"""

IMPORT_EPILOG = """\
Each exported thread becomes one conversation (items in chunks of at most 20). A ledger
(DIR/import-ledger.jsonl) records an intent before every create and the conv_ id right
after, so running import again creates nothing twice. A create whose outcome is unknown
(crash, timeout, 5xx) is not retried blindly: it is reported as ambiguous (AM818) until
you pass --retry-ambiguous.

exit codes: 0 every thread imported (or gone); 1 some threads not imported; 2 usage error;
            3 stopped: insufficient quota
"""


def _add_common(parser: argparse.ArgumentParser, *, rpm_default: int) -> None:
    parser.add_argument("--base-url", metavar="URL", default=None,
                        help="API base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1)")
    parser.add_argument("--concurrency", type=int, default=8, metavar="N", help="parallel requests (default 8)")
    parser.add_argument("--rpm", type=float, default=rpm_default, metavar="N",
                        help=f"requests per minute, all workers together (default {rpm_default}; 0 = no limit)")
    parser.add_argument("--max-wait", type=float, default=900.0, metavar="SECONDS",
                        help="longest server-requested wait (Retry-After) to honour before giving up (default 900)")
    parser.add_argument("--max-attempts", type=int, default=10, metavar="N", help="attempts per request (default 10)")
    parser.add_argument("--no-progress", action="store_true", help="plain log lines instead of progress bars")


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXPORT_EPILOG
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="archive directory (created or resumed)")
    parser.add_argument("--threads", metavar="FILE|-", help="thread ids: text, CSV or JSONL file, or - for stdin")
    parser.add_argument("--no-assistants", action="store_true", help="skip assistants")
    parser.add_argument("--no-vector-stores", action="store_true", help="skip vector stores")
    parser.add_argument("--no-files", action="store_true", help="skip files")
    _add_common(parser, rpm_default=900)


def configure_verify(parser: argparse.ArgumentParser) -> None:
    parser.epilog = VERIFY_EPILOG
    parser.add_argument("dir", type=Path, metavar="DIR", help="archive directory")
    parser.add_argument("--online", action="store_true", help="also re-count messages and files against the server")
    _add_common(parser, rpm_default=900)


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.epilog = IMPORT_EPILOG
    parser.add_argument("dir", type=Path, metavar="DIR", help="archive directory written by export")
    parser.add_argument("--map", required=True, type=Path, metavar="OUT.csv",
                        help="write thread_id,conversation_id,items here")
    parser.add_argument("--retry-ambiguous", action="store_true",
                        help="create conversations whose earlier create had an unknown outcome (may duplicate)")
    _add_common(parser, rpm_default=250)


def _ui(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from assistants_migrate.export.ui import PrintUI, RichUI

    if args.no_progress:
        return PrintUI()
    try:
        return RichUI()
    except ImportError:  # pragma: no cover
        return PrintUI()


def _api(args: argparse.Namespace, ui):  # type: ignore[no-untyped-def]
    from assistants_migrate.export.client import DUMMY_KEY_HINT, Api

    if not os.environ.get("OPENAI_API_KEY"):
        print(f"assistants-migrate: OPENAI_API_KEY is not set ({DUMMY_KEY_HINT})", file=sys.stderr)
        return None
    return Api(
        base_url=args.base_url,
        rpm=args.rpm,
        max_attempts=args.max_attempts,
        max_wait=args.max_wait,
        on_wait=ui.message,
    )


def run_export(args: argparse.Namespace) -> int:
    import warnings

    from assistants_migrate.export.inputs import parse_thread_ids

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    thread_ids: list[str] | None = None
    if args.threads:
        if args.threads == "-":
            text, name = sys.stdin.read(), "<stdin>"
        else:
            try:
                text, name = Path(args.threads).read_text(encoding="utf-8-sig"), args.threads
            except OSError as exc:
                print(f"assistants-migrate: cannot read {args.threads}: {exc.strerror}", file=sys.stderr)
                return 2
        parsed = parse_thread_ids(text, name)
        for err in parsed.errors:
            print(f"{name}: {err} (skipped)", file=sys.stderr)
        if parsed.duplicates:
            print(f"{name}: {parsed.duplicates} duplicate id(s) collapsed", file=sys.stderr)
        thread_ids = parsed.ids
    ui = _ui(args)
    api = _api(args, ui)
    if api is None:
        return 2
    from assistants_migrate.export.exporter import ExportOptions, Exporter
    from assistants_migrate.export.summary import finish_export

    opts = ExportOptions(
        out=args.out,
        thread_ids=thread_ids,
        assistants=not args.no_assistants,
        vector_stores=not args.no_vector_stores,
        files=not args.no_files,
        concurrency=args.concurrency,
    )
    with ui:
        exporter = Exporter(api, opts, ui)
        result = exporter.run()
    return finish_export(exporter, result, ui)


def run_verify(args: argparse.Namespace) -> int:
    import warnings

    from assistants_migrate.export.verify import verify_archive

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    api = None
    ui = _ui(args)
    if args.online:
        api = _api(args, ui)
        if api is None:
            return 2
        if args.base_url is None:
            import json

            try:
                api_base = json.loads((args.dir / "manifest.json").read_text())["base_url"]
                api = _api(argparse.Namespace(**{**vars(args), "base_url": api_base}), ui)
            except (OSError, ValueError, KeyError):
                pass
    problems, summary = verify_archive(args.dir, api=api, concurrency=args.concurrency)
    for line in summary:
        print(line)
    for p in problems:
        print(f"MISMATCH {p}")
    if problems:
        print(f"verify: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("verify: ok")
    return 0


def run_import(args: argparse.Namespace) -> int:
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    ui = _ui(args)
    api = _api(args, ui)
    if api is None:
        return 2
    from assistants_migrate.export.importer import Importer

    with ui:
        importer = Importer(api, args.dir, args.map, ui=ui, concurrency=args.concurrency,
                            retry_ambiguous=args.retry_ambiguous)
        return importer.run()
