"""The bulk door of the CLI: `thidua ingest` (folders, zip archives, workers), `reindex`, `retry-failed`.

Thin: parse arguments, pick sources, call `thidua.bulk.runner.run_bulk`, print the
summary and write the JSON report. The AWS variants (`--stack`) live in `cli/aws.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from thidua.bulk.progress import Progress
from thidua.bulk.reindex import select_documents, sources_for
from thidua.bulk.report import BulkReport, Failure
from thidua.bulk.runner import AbortRun, RunOptions, default_workers, run_bulk, sigterm_as_interrupt
from thidua.bulk.sources import Source, walk
from thidua.store.index import Index
from thidua.store.local_engine import local_index, thidua_home
from thidua.store.models import StoredDocument

# Below this many documents per worker, starting a pool costs more than it saves.
MIN_DOCS_PER_WORKER = 16
SMALL_RUN = 16  # documents up to which the run extracts and writes in its own process


def add_run_options(p: argparse.ArgumentParser) -> None:
    """Options every bulk command shares."""
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or failure lines")
    p.add_argument(
        "--workers",
        "-j",
        type=int,
        default=None,
        help="worker processes (default: every core, fewer for small batches)",
    )
    p.add_argument("--report", type=Path, default=None, help="JSON report file (default: under THIDUA_HOME)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def choose_workers(requested: int | None, documents: int) -> int:
    if requested is not None:
        return max(1, requested)
    return max(1, min(default_workers(), documents // MIN_DOCS_PER_WORKER))


def default_report_path(command: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    # The pid keeps two runs started in the same second from sharing a report.
    return thidua_home() / "reports" / f"{command}-{stamp}-{os.getpid()}.json"


def execute(
    command: str, args: argparse.Namespace, index: Index, sources: Iterable[Source], *, force: bool
) -> int:
    """Run the sources, print the summary (or JSON), write the report; the exit code."""
    items = list(sources)
    quiet = bool(getattr(args, "quiet", False)) or bool(getattr(args, "json", False))
    report = BulkReport(command=command, inputs=[str(p) for p in getattr(args, "paths", [])])
    progress = Progress(
        len(items), label=command, enabled=not quiet and not args.no_progress, stream=sys.stderr
    )

    def show(failure: Failure) -> None:
        progress.message(f"failed  {failure.source}: {failure.reason}")

    options = RunOptions(
        workers=choose_workers(args.workers, len(items)),
        force=force,
        journal_dir=thidua_home() / "bulk",
        # Past a handful of documents, even one worker extracts in a process of its own while
        # this one writes: the store's work then overlaps extraction instead of following it.
        pool=True if len(items) > SMALL_RUN else None,
    )
    code = 0
    try:
        run_bulk(items, index, options, progress=progress, report=report, on_failure=show)
    except AbortRun as exc:
        print(f"thidua {command}: stopped: {exc}", file=sys.stderr)
        code = 1
    report_path = args.report or default_report_path(command)
    report.write(report_path)
    if getattr(args, "json", False):
        print(json.dumps({**report.to_json(), "report": str(report_path)}, ensure_ascii=False, indent=2))
    else:
        for line in report.summary_lines():
            print(line)
        print(f"report: {report_path}")
    if report.interrupted:
        return 130
    return code


# ---- thidua ingest ------------------------------------------------------------------------------


def run_ingest(args: argparse.Namespace) -> int:
    """`thidua ingest PATH...`: files, folders and zip archives into the local index."""
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"thidua ingest: not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    # From here on `kill` stops the command like Ctrl-C: cleanly, with a report of what is left.
    with sigterm_as_interrupt():
        sources = list(walk(args.paths))
        with local_index() as index:
            return execute("ingest", args, index, sources, force=False)


# ---- thidua reindex / retry-failed --------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`reindex` and `retry-failed` (`ingest` registers itself in cli/ingest.py)."""
    add_reindex_parser(sub)
    add_retry_parser(sub)


def add_reindex_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "reindex",
        help="re-extract documents from their stored source (local index, or on AWS with --stack)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every document, whatever made it")
    which.add_argument(
        "--older-than",
        metavar="VERSION",
        default=None,
        help="documents made by an extractor older than VERSION (default: the current extractor)",
    )
    p.add_argument(
        "--stack", default=None, help="on AWS: the deployed stack (runs the backfill state machine)"
    )
    p.add_argument("--prefix", default="", help="with --stack: only objects under this key prefix")
    p.add_argument("--region", default=None, help="with --stack: AWS region")
    add_run_options(p)
    p.set_defaults(run=run_reindex)


def add_retry_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("retry-failed", help="re-process failed documents (locally, or re-queue with --stack)")
    p.add_argument("--stack", default=None, help="on AWS: re-queue failed S3 documents to the ingest queue")
    p.add_argument("--region", default=None, help="with --stack: AWS region")
    p.add_argument("--reason", default=None, help="only failures with this reason code (e.g. timeout)")
    add_run_options(p)
    p.set_defaults(run=run_retry)


def run_reindex(args: argparse.Namespace) -> int:
    if args.stack:
        from thidua.cli.aws import reindex_on_aws

        return reindex_on_aws(args)
    with sigterm_as_interrupt(), local_index() as index:
        docs = select_documents(index, all_documents=args.all, older_than=args.older_than)
        return _rerun(
            "reindex", args, index, docs, "documents come from S3; reindex them on AWS with --stack"
        )


def run_retry(args: argparse.Namespace) -> int:
    if args.stack:
        from thidua.cli.aws import retry_on_aws

        return retry_on_aws(args)
    with sigterm_as_interrupt(), local_index() as index:
        docs = select_documents(index, statuses=("failed",), all_documents=True, reason=args.reason)
        return _rerun("retry-failed", args, index, docs, "failed documents come from S3: use --stack")


def _rerun(
    command: str, args: argparse.Namespace, index: Index, docs: Iterable[StoredDocument], s3_note: str
) -> int:
    """Re-extract local documents from their files; S3 ones are only counted (they need --stack)."""
    sources, skipped = sources_for(docs)
    if skipped:
        print(f"thidua {command}: {skipped} {s3_note}", file=sys.stderr)
    return execute(command, args, index, sources, force=True)
