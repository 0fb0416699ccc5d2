"""`thidua ingest PATH...`: index files, folders and zip archives into the local index.

The walking, the worker pool, resuming and the report are in `thidua.bulk` (see `cli/bulk.py`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thidua.cli.bulk import add_run_options, run_ingest


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ingest", help="index files, folders and zip archives into the local index")
    p.add_argument("paths", nargs="+", type=Path, help="files, folders to walk, or .zip archives")
    add_run_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return run_ingest(args)
