"""The AWS door of the bulk commands: `thidua backfill`, `thidua redrive`, and `--stack` for
`reindex` and `retry-failed`. Everything is found through the stack's outputs."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from thidua import EXTRACTOR_VERSION
from thidua.bulk.reindex import select_documents
from thidua.store.aws_ops import OUT_BUCKET, Stack
from thidua.store.errors import StoreError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backfill", help="on AWS: index every object under an S3 prefix (Step Functions)")
    p.add_argument("uri", help="s3://bucket/prefix (the prefix may be empty)")
    p.add_argument("--stack", required=True, help="the deployed stack")
    p.add_argument("--region", default=None, help="AWS region (default: your AWS configuration)")
    p.add_argument("--wait", action="store_true", help="wait for the run to end and print its status")
    p.set_defaults(run=run_backfill)

    r = sub.add_parser("redrive", help="on AWS: move dead-letter messages back to the ingest queue")
    r.add_argument("--stack", required=True, help="the deployed stack")
    r.add_argument("--region", default=None, help="AWS region (default: your AWS configuration)")
    r.add_argument(
        "--method",
        choices=("auto", "move-task", "copy"),
        default="auto",
        help="SQS move task (server-side), or receive/send/delete here (default: auto)",
    )
    r.set_defaults(run=run_redrive)


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """(bucket, prefix) of s3://bucket/prefix."""
    if not uri.startswith("s3://") or len(uri) <= len("s3://"):
        raise ValueError(f"not an s3:// URI: {uri}")
    bucket, _, prefix = uri[len("s3://") :].partition("/")
    if not bucket:
        raise ValueError(f"no bucket in {uri}")
    return bucket, prefix


def _start(stack: Stack, bucket: str, prefix: str, mode: str, older_than: str | None, wait: bool) -> int:
    arn = stack.start_backfill(bucket, prefix, mode=mode, older_than=older_than)
    print(f"started {mode} of s3://{bucket}/{prefix}: {arn}")
    if not wait:
        print("follow it in the Step Functions console; completion reports go to the reports bucket")
        return 0
    status = stack.execution_status(arn)
    while status["status"] == "RUNNING":
        time.sleep(10)
        status = stack.execution_status(arn)
    print(json.dumps(status, default=str, indent=2))
    return 0 if status["status"] == "SUCCEEDED" else 1


def run_backfill(args: argparse.Namespace) -> int:
    try:
        bucket, prefix = parse_s3_uri(args.uri)
    except ValueError as exc:
        print(f"thidua backfill: {exc}", file=sys.stderr)
        return 2
    try:
        return _start(Stack(args.stack, region=args.region), bucket, prefix, "backfill", None, args.wait)
    except StoreError as exc:
        print(f"thidua backfill: {exc}", file=sys.stderr)
        return 1


def reindex_on_aws(args: argparse.Namespace) -> int:
    """`thidua reindex --stack NAME`: the backfill state machine over the upload bucket, mode reindex."""
    older_than = None if args.all else (args.older_than or EXTRACTOR_VERSION)
    try:
        stack = Stack(args.stack, region=args.region)
        bucket = stack.output(OUT_BUCKET)
        return _start(stack, bucket, args.prefix, "reindex", older_than, getattr(args, "wait", False))
    except StoreError as exc:
        print(f"thidua reindex: {exc}", file=sys.stderr)
        return 1


def retry_on_aws(args: argparse.Namespace) -> int:
    """`thidua retry-failed --stack NAME`: failed S3 documents go back to the ingest queue."""
    try:
        stack = Stack(args.stack, region=args.region)
        docs = select_documents(stack.index(), statuses=("failed",), all_documents=True, reason=args.reason)
        objects = [parse_s3_uri(d.source_uri) for d in docs if d.source_uri.startswith("s3://")]
        queued = stack.requeue(objects)
    except StoreError as exc:
        print(f"thidua retry-failed: {exc}", file=sys.stderr)
        return 1
    summary: dict[str, Any] = {"failed": len(docs), "queued": queued}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{queued} of {len(docs)} failed documents sent back to the ingest queue")
    return 0


def run_redrive(args: argparse.Namespace) -> int:
    try:
        result = Stack(args.stack, region=args.region).redrive(method=args.method)
    except StoreError as exc:
        print(f"thidua redrive: {exc}", file=sys.stderr)
        return 1
    if result.method == "move-task":
        print(f"SQS is moving the dead-letter messages back (task {result.task_handle})")
    else:
        print(f"{result.moved} messages moved back to the ingest queue")
    return 0
