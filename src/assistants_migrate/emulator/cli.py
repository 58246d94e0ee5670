"""`assistants-migrate emulator`: run the local OpenAI-compatible server until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse


def configure_emulator(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--state", metavar="FILE", help="JSON state: loaded at start if it exists, written at shutdown")
    parser.add_argument("--faults", metavar="SPEC",
                        help="fault rules, e.g. '429=0.1,500=0.05@GET /threads/*,seed=3' (see docs)")
    parser.add_argument("--latency", metavar="MS", type=float, default=0.0, help="added latency per request")
    parser.add_argument("--stream-delay", metavar="SECONDS", type=float, default=0.0,
                        help="trickle streams: send each event as it is made, SECONDS apart (default: whole)")
    parser.add_argument("--validate", action="store_true",
                        help="check requests and responses against the bundled OpenAPI spec")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    parser.epilog = (
        "fault kinds: 429 429ms 429bare 429long quota 500 502 503 drop truncate latency sunset\n"
        "hasmore nomore nextpage cursor;\n"
        "rule = KIND[=VALUE][@METHOD PATHGLOB], VALUE a probability (latency: ms), plus seed=N"
    )


def run_emulator(args: argparse.Namespace) -> int:
    import signal
    import sys
    import threading

    from .faults import FaultSpecError
    from .server import Emulator

    try:
        emu = Emulator(state=args.state, faults=args.faults, latency_ms=args.latency,
                       stream_delay=args.stream_delay, validate=args.validate,
                       port=args.port, state_out=args.state, verbose=args.verbose)
    except FaultSpecError as e:
        print(f"error: --faults: {e}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        emu.start()
    except OSError as e:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {e}", file=sys.stderr)
        return 2
    print(f"listening on {emu.base_url}", flush=True)
    try:
        while not stop.wait(0.2):
            pass
    finally:
        emu.close()
    if args.state:
        print(f"state written to {args.state}", file=sys.stderr)
    return 0
