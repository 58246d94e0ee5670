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
objects are skipped. The archive is written with atomic writes only. --out must be new,
empty or an archive; only the temp files export itself wrote are removed from it.

exit codes: 0 every planned object exported or gone (404); 1 some objects failed
            (see report.json); 2 usage error, unreachable URL or rejected key;
            3 stopped: insufficient quota
"""

VERIFY_EPILOG = """\
Besides documents, checksums, references and counts, verify reports what export never
writes: symbolic links, unlisted files and blobs, extra plan.json entries, and an
assistant_configs.py that differs from its checksum or from a re-render. --online sends
the API key to --base-url / $OPENAI_BASE_URL / the default, never to the URL recorded in
the archive unless --archive-url.

exit codes: 0 the archive is consistent; 1 mismatches (listed); 2 usage error,
            unreachable URL or rejected key
"""

IMPORT_EPILOG = """\
Each exported thread becomes one conversation, created empty (metadata: source_thread_id,
import_token) and filled in chunks of at most 20 items. A ledger (DIR/import-ledger.jsonl)
records an intent before every create and the conv_ id right after, so running import
again creates nothing twice; a resumed import retrieves its conversation, lists its items
and finishes it. A create whose answer was lost is retried; the empty conversation it may
have left is reported with its import_token (AM818). The ledger knows the target server
(normalised URL and the server's openai-organization/openai-project): another spelling of
the same server imports nothing, another server needs --new-target.

exit codes: 0 every thread imported (or gone); 1 some threads not imported; 2 usage error,
            unreachable URL, rejected key or another target; 3 stopped: insufficient quota
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
    parser.add_argument("--archive-url", action="store_true",
                        help="with --online: send requests, and the API key, to the base URL recorded in the archive "
                             "(default: --base-url, $OPENAI_BASE_URL or the SDK's default; never the archive's)")
    _add_common(parser, rpm_default=900)


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.epilog = IMPORT_EPILOG
    parser.add_argument("dir", type=Path, metavar="DIR", help="archive directory written by export")
    parser.add_argument("--map", required=True, type=Path, metavar="OUT.csv",
                        help="write thread_id,conversation_id,items here")
    parser.add_argument("--retry-ambiguous", action="store_true",
                        help="create conversations whose earlier create (by version 0.1, with items) had an "
                             "unknown outcome (may duplicate)")
    parser.add_argument("--new-target", action="store_true",
                        help="import into a server other than the one the ledger already imported into")
    _add_common(parser, rpm_default=250)


def _ui(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from assistants_migrate.export.ui import PrintUI, RichUI

    if args.no_progress:
        return PrintUI()
    try:
        return RichUI()
    except ImportError:  # pragma: no cover
        return PrintUI()


def _fail(message: str, code: int = 2) -> int:
    """A usage or configuration error: one line on stderr, no traceback."""
    print(f"assistants-migrate: {message}", file=sys.stderr)
    return code


def _connect(args: argparse.Namespace, ui, base_url: str | None = None):  # type: ignore[no-untyped-def]
    """(Api, server identity, 0), or (None, None, exit code) after a one-line message.

    The key goes to `base_url` (only ever the user's --base-url or, with --archive-url, the
    URL they explicitly chose to trust), else $OPENAI_BASE_URL or the SDK's default."""
    from assistants_migrate.export.client import DUMMY_KEY_HINT, Api, Fatal

    if not os.environ.get("OPENAI_API_KEY"):
        return None, None, _fail(f"OPENAI_API_KEY is not set ({DUMMY_KEY_HINT})")
    api = Api(
        base_url=base_url or args.base_url,
        rpm=args.rpm,
        max_attempts=args.max_attempts,
        max_wait=args.max_wait,
        on_wait=ui.message,
    )
    try:
        identity = api.preflight()
    except Fatal as exc:
        return None, None, _fail(exc.message, exc.exit_code)
    return api, identity, 0


def run_export(args: argparse.Namespace) -> int:
    import warnings

    from assistants_migrate.export.archive import out_dir_problem
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
                return _fail(f"cannot read {args.threads}: {exc.strerror}")
        parsed = parse_thread_ids(text, name)
        for err in parsed.errors:
            print(f"{name}: {err} (skipped)", file=sys.stderr)
        if parsed.duplicates:
            print(f"{name}: {parsed.duplicates} duplicate id(s) collapsed", file=sys.stderr)
        thread_ids = parsed.ids
    problem = out_dir_problem(args.out)
    if problem:
        return _fail(problem)
    ui = _ui(args)
    api, _identity, code = _connect(args, ui)
    if api is None:
        return code
    from assistants_migrate.export.exporter import ExportOptions, Exporter, PlanError
    from assistants_migrate.export.summary import finish_export

    opts = ExportOptions(
        out=args.out,
        thread_ids=thread_ids,
        assistants=not args.no_assistants,
        vector_stores=not args.no_vector_stores,
        files=not args.no_files,
        concurrency=args.concurrency,
    )
    try:
        with ui:
            exporter = Exporter(api, opts, ui)
            result = exporter.run()
    except PlanError as exc:
        return _fail(str(exc))
    return finish_export(exporter, result, ui)


def run_verify(args: argparse.Namespace) -> int:
    import json
    import warnings

    from assistants_migrate.export.archive import archive_problem
    from assistants_migrate.export.client import normalize_base_url
    from assistants_migrate.export.verify import verify_archive

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    problem = archive_problem(args.dir)
    if problem:
        return _fail(problem)
    api = None
    ui = _ui(args)
    if args.online:
        recorded = json.loads((args.dir / "manifest.json").read_bytes()).get("base_url")
        if args.archive_url and args.base_url:
            return _fail("--archive-url and --base-url exclude each other")
        if args.archive_url and not isinstance(recorded, str):
            return _fail(f"{args.dir}: manifest.json records no base_url")
        api, _identity, code = _connect(args, ui, recorded if args.archive_url else None)
        if api is None:
            return code
        if isinstance(recorded, str) and normalize_base_url(recorded) != normalize_base_url(api.base_url):
            print(f"note: the archive was exported from {recorded}; checking against {api.base_url} "
                  "(--archive-url to check against the archive's URL)")
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

    from assistants_migrate.export.archive import archive_problem

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    problem = archive_problem(args.dir)
    if problem:
        return _fail(problem)
    if args.map.is_dir():
        return _fail(f"--map {args.map} is a directory, not a file")
    ui = _ui(args)
    api, identity, code = _connect(args, ui)
    if api is None:
        return code
    from assistants_migrate.export.importer import Importer, ImportRefused

    try:
        with ui:
            importer = Importer(api, args.dir, args.map, ui=ui, concurrency=args.concurrency,
                                retry_ambiguous=args.retry_ambiguous, server_identity=identity,
                                new_target=args.new_target)
            return importer.run()
    except ImportRefused as exc:
        return _fail(str(exc))
