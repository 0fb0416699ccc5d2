"""`thidua extract`: print the record of each file as JSON."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from thidua.read import ReadError
from thidua.read.base import read_path
from thidua.understand.extract import extract_record
from thidua.understand.record import DocumentRecord

logger = logging.getLogger(__name__)


def record_for_file(path: Path) -> DocumentRecord:
    """Read and extract one file; an unreadable file gives an empty record with `error` set."""
    try:
        result = read_path(path)
    except ReadError as exc:
        return DocumentRecord(error=f"{exc.reason}: {exc.message}")
    except OSError as exc:
        return DocumentRecord(error=f"unreadable: {exc}")
    try:
        return extract_record(
            result.text, name=path.name, title=result.title, published_hint=result.published
        )
    except Exception as exc:  # one file's extractor bug must not stop a batch
        logger.exception("extraction failed for %s", path)
        return DocumentRecord(error=f"extraction_failed: {type(exc).__name__}: {exc}")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="print the extracted record of each file as JSON")
    p.add_argument("files", nargs="+", type=Path)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--jsonl", action="store_true", help="one JSON object per line, in file order")
    mode.add_argument("--json", action="store_true", help="pretty JSON (the default)")
    p.add_argument("--no-evidence", action="store_true", help="leave evidence out of the output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    exclude = {"evidence"} if args.no_evidence else None
    for path in args.files:
        record = record_for_file(path)
        data: object = record.model_dump(mode="json", exclude_none=False)
        if exclude:
            data = _drop_evidence(data)
        if args.jsonl or (len(args.files) > 1 and not args.json):
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        if record.error:
            print(f"{path}: {record.error}", file=sys.stderr)
    return 0


def _drop_evidence(value: object) -> object:
    if isinstance(value, dict):
        return {k: _drop_evidence(v) for k, v in value.items() if k not in ("evidence",)}
    if isinstance(value, list):
        return [_drop_evidence(v) for v in value]
    return value
