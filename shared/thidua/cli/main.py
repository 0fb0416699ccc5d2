"""The `thidua` command line: extract, ingest, search, serve and the rest."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from thidua import __version__
from thidua.cli import aws, bulk, extract, ingest, remove, search, serve, stats, status
from thidua.store.local_engine import EngineError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thidua", description=__doc__)
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (extract, ingest, remove, status, search, serve, stats, bulk, aws):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `thidua` console script."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    try:
        return int(args.run(args))
    except EngineError as exc:
        # One place for every command that needs the local engine.
        print(f"thidua: local engine: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        # Outside a command's own interrupt handling: die by SIGINT as shells expect,
        # without a traceback (commands that stop cleanly return 130 themselves).
        print("thidua: interrupted", file=sys.stderr)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        return 130


if __name__ == "__main__":
    sys.exit(main())
