"""Operations on a deployed stack: stack outputs, the backfill state machine, re-queueing, DLQ redrive.

The only boto3 for these commands; clients are built when a command runs. Everything
is found through the stack's outputs (template.yaml), so the CLI needs only the stack name.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3
from botocore.exceptions import ClientError

from thidua.store.errors import StoreError, call_mapped, error_code, map_client_error
from thidua.store.index import Index

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

# Output names in template.yaml.
OUT_STATE_MACHINE = "BackfillStateMachineArn"
OUT_QUEUE = "IngestQueueUrl"
OUT_DLQ = "IngestDeadLetterQueueUrl"
OUT_TABLE = "IndexTableName"
OUT_BUCKET = "UploadBucketName"
OUT_REPORTS = "BackfillReportsBucketName"

MODES = ("backfill", "reindex")


class StackError(StoreError):
    """The stack is missing, or lacks an output this command needs."""


@dataclass(frozen=True)
class RedriveResult:
    method: str  # "move-task" (SQS moves them server-side) or "copy" (received, sent, deleted here)
    moved: int | None  # messages moved; None while a move task runs on its own
    task_handle: str | None = None


class Stack:
    """A deployed thidua stack, reached with the caller's AWS credentials."""

    def __init__(self, name: str, *, region: str | None = None, session: Any | None = None) -> None:
        self.name = name
        self._session = session or boto3.session.Session(region_name=region)
        self._outputs: dict[str, str] | None = None

    def client(self, service: str) -> Any:
        session: Any = self._session  # boto3's overloads want a literal service name
        return session.client(service)

    def outputs(self) -> dict[str, str]:
        """The stack's outputs by key (looked up once)."""
        if self._outputs is None:
            response = call_mapped(
                f"describe stack {self.name}",
                self.client("cloudformation").describe_stacks,
                StackName=self.name,
            )
            stacks = response.get("Stacks") or []
            if not stacks:
                raise StackError(f"stack {self.name} not found")
            self._outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
        return self._outputs

    def output(self, key: str) -> str:
        value = self.outputs().get(key)
        if not value:
            raise StackError(f"stack {self.name} has no output {key} (deploy the current template.yaml)")
        return value

    def index(self) -> Index:
        """The stack's index table."""
        return Index(self.client("dynamodb"), self.output(OUT_TABLE))

    # ---- backfill ------------------------------------------------------------------------------

    def start_backfill(
        self,
        bucket: str,
        prefix: str = "",
        *,
        mode: str = "backfill",
        older_than: str | None = None,
        name: str | None = None,
    ) -> str:
        """Start the backfill state machine over s3://bucket/prefix; returns the execution ARN.

        `mode` "backfill" indexes what is not indexed yet (unchanged objects are skipped);
        "reindex" re-extracts objects whose document was made by an extractor older than
        `older_than` (every object when `older_than` is None).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        payload = backfill_input(bucket, prefix, mode=mode, older_than=older_than)
        response = call_mapped(
            "start the backfill",
            self.client("stepfunctions").start_execution,
            stateMachineArn=self.output(OUT_STATE_MACHINE),
            name=name or f"{mode}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}",
            input=json.dumps(payload),
        )
        return str(response["executionArn"])

    def execution_status(self, execution_arn: str) -> dict[str, Any]:
        """Status (RUNNING, SUCCEEDED, FAILED, ...) and output of an execution."""
        response = call_mapped(
            "describe the backfill",
            self.client("stepfunctions").describe_execution,
            executionArn=execution_arn,
        )
        return {k: response.get(k) for k in ("status", "startDate", "stopDate", "output", "error", "cause")}

    # ---- re-queueing and redrive -----------------------------------------------------------------

    def requeue(self, objects: Iterable[tuple[str, str]]) -> int:
        """Send S3-shaped ObjectCreated notifications for (bucket, key) pairs to the ingest queue."""
        sqs: SQSClient = self.client("sqs")
        queue_url = self.output(OUT_QUEUE)
        batch: list[dict[str, str]] = []
        sent = 0
        for bucket, key in objects:
            batch.append({"Id": str(len(batch)), "MessageBody": json.dumps(s3_notification(bucket, key))})
            if len(batch) == 10:
                sent += _send_batch(sqs, queue_url, batch)
                batch = []
        if batch:
            sent += _send_batch(sqs, queue_url, batch)
        return sent

    def redrive(self, *, method: str = "auto", max_messages: int | None = None) -> RedriveResult:
        """Move the dead-letter queue's messages back to the ingest queue.

        "move-task" asks SQS to do it (StartMessageMoveTask: server-side, keeps attributes);
        "copy" receives, re-sends and deletes here (for S3-compatible stacks and emulators
        that lack move tasks); "auto" tries the first and falls back to the second.
        """
        sqs: SQSClient = self.client("sqs")
        dlq_url, queue_url = self.output(OUT_DLQ), self.output(OUT_QUEUE)
        if method in ("auto", "move-task"):
            dlq_arn = _queue_arn(sqs, dlq_url)
            queue_arn = _queue_arn(sqs, queue_url)
            try:
                response = sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=queue_arn)
                return RedriveResult("move-task", None, response.get("TaskHandle"))
            except ClientError as exc:
                if method == "move-task" or error_code(exc) not in _NO_MOVE_TASK:
                    raise map_client_error(exc, what="start the DLQ move task") from exc
            except NotImplementedError:  # an emulator without move tasks
                if method == "move-task":
                    raise
        return RedriveResult("copy", copy_messages(sqs, dlq_url, queue_url, max_messages=max_messages))


_NO_MOVE_TASK = frozenset(
    {"UnsupportedOperation", "InvalidAction", "AWS.SimpleQueueService.UnsupportedOperation"}
)


def backfill_input(bucket: str, prefix: str, *, mode: str, older_than: str | None) -> dict[str, Any]:
    """The state machine's execution input (the map reads `bucket`/`prefix`, batches carry the rest)."""
    return {"bucket": bucket, "prefix": prefix, "mode": mode, "older_than": older_than}


def s3_notification(bucket: str, key: str) -> dict[str, Any]:
    """An S3 ObjectCreated notification body as the ingest function parses it (no sequencer: a
    re-queued object is read as it is now)."""
    from urllib.parse import quote_plus

    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key, safe="/")}},
            }
        ]
    }


def _send_batch(sqs: SQSClient, queue_url: str, entries: list[dict[str, str]]) -> int:
    response = call_mapped(
        "send to the ingest queue", sqs.send_message_batch, QueueUrl=queue_url, Entries=entries
    )
    failed = response.get("Failed") or []
    if failed:
        raise StoreError(f"{len(failed)} messages were not accepted: {failed[0].get('Message', '')}")
    return len(entries)


def _queue_arn(sqs: SQSClient, url: str) -> str:
    response = call_mapped(
        "queue attributes", sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["QueueArn"]
    )
    return str(response["Attributes"]["QueueArn"])


def copy_messages(
    sqs: SQSClient, source_url: str, target_url: str, *, max_messages: int | None = None
) -> int:
    """Receive from `source_url`, send to `target_url`, delete from the source; returns how many moved.

    A message is deleted only after it was sent, so a crash in between duplicates it
    (ingest is idempotent) and never loses it.
    """
    moved = 0
    while max_messages is None or moved < max_messages:
        want = 10 if max_messages is None else min(10, max_messages - moved)
        response = call_mapped(
            "receive from the dead-letter queue",
            sqs.receive_message,
            QueueUrl=source_url,
            MaxNumberOfMessages=want,
            WaitTimeSeconds=1,
            MessageAttributeNames=["All"],
        )
        messages = response.get("Messages") or []
        if not messages:
            return moved
        entries = []
        for i, m in enumerate(messages):
            entry: dict[str, Any] = {"Id": str(i), "MessageBody": m["Body"]}
            if m.get("MessageAttributes"):
                entry["MessageAttributes"] = m["MessageAttributes"]
            entries.append(entry)
        sent = call_mapped(
            "send to the ingest queue", sqs.send_message_batch, QueueUrl=target_url, Entries=entries
        )
        ok = {e["Id"] for e in sent.get("Successful") or []}
        done = [
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
            for i, m in enumerate(messages)
            if str(i) in ok
        ]
        if done:
            call_mapped(
                "delete from the dead-letter queue",
                sqs.delete_message_batch,
                QueueUrl=source_url,
                Entries=done,
            )
        moved += len(done)
        if len(done) < len(messages):
            failed = (sent.get("Failed") or [{}])[0]
            raise StoreError(
                f"{len(messages) - len(done)} messages could not be sent back: {failed.get('Message')}"
            )
    return moved
