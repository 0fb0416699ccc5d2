"""Ingest function: an SQS batch of S3 event notifications → `thidua.ingest`, one record at a time.

Thin door: parse at the edge, call the library, map the result. A document that
cannot be read is stored as `failed` and its record succeeds; a transient error
(throttling, 5xx, not enough time left) fails only its record, which SQS retries
and, after maxReceiveCount, moves to the dead-letter queue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from pydantic import BaseModel, Json

from thidua.ingest import IngestOutcome, ingest_s3_object, remove_source
from thidua.read import Limits
from thidua.runtime import Dependencies, build_dependencies, observability
from thidua.store import SourceRef, StoreSettings
from thidua.store.errors import TransientStoreError

# Leave room for one document at its time limit plus the index writes before Lambda's timeout.
TIME_RESERVE_MS = int(Limits().max_seconds * 1000) + 15_000


# ---- event models ------------------------------------------------------------------------------
# Our own tolerant models: Powertools' S3Model requires userIdentity, requestParameters,
# responseElements, the bucket owner and the sequencer, which real S3 sends but moto and some
# S3-compatible stores leave out. We need only bucket, key, event name and (if present) sequencer.


class S3ObjectRef(BaseModel):
    key: str
    size: int | None = None
    eTag: str | None = None
    versionId: str | None = None
    sequencer: str | None = None


class S3BucketRef(BaseModel):
    name: str


class S3Entity(BaseModel):
    bucket: S3BucketRef
    object: S3ObjectRef


class S3EventRecord(BaseModel):
    eventName: str
    eventTime: dt.datetime | None = None
    s3: S3Entity


class S3Notification(BaseModel):
    Records: list[S3EventRecord] = []
    Event: str | None = None  # "s3:TestEvent" when a notification configuration is created


class S3NotificationMessage(SqsRecordModel):
    body: Json[S3Notification]


class NotEnoughTimeError(TransientStoreError):
    """Too little of the invocation is left to read a document safely: let SQS redeliver it."""


# ---- handler -----------------------------------------------------------------------------------


def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    settings = StoreSettings.from_env()
    deps = build_dependencies(settings)
    logger, metrics = observability()
    processor = BatchProcessor(event_type=EventType.SQS, model=S3NotificationMessage)

    counted = False

    # Powertools calls the record handler with the keyword `record`.
    def handle(record: S3NotificationMessage) -> None:
        nonlocal counted
        for s3_record in record.body.Records:
            outcome = _handle_s3_record(s3_record, deps, context)
            if outcome is None:
                continue
            counted = True
            metrics.add_metric(name=f"documents_{outcome.status}", unit=MetricUnit.Count, value=1)
            logger.info(
                "ingest",
                extra={
                    "status": outcome.status,
                    "doc_id": outcome.doc_id,
                    "source": outcome.source_uri,
                    "reason": outcome.reason,
                    "links": outcome.links,
                    "event": s3_record.eventName,
                },
            )

    try:
        return process_partial_response(
            event=event, record_handler=handle, processor=processor, context=context
        )
    finally:
        if counted:
            metrics.flush_metrics()


def _handle_s3_record(record: S3EventRecord, deps: Dependencies, context: Any) -> IngestOutcome | None:
    bucket = record.s3.bucket.name
    key = unquote_plus(record.s3.object.key)
    sequencer = record.s3.object.sequencer
    if record.eventName.startswith("ObjectRemoved"):
        return remove_source(SourceRef.s3(bucket, key), deps.index, sequencer=sequencer)
    if not record.eventName.startswith("ObjectCreated"):
        return None
    remaining = context.get_remaining_time_in_millis() if context is not None else None
    if remaining is not None and remaining < TIME_RESERVE_MS:
        raise NotEnoughTimeError(f"{remaining} ms left, {TIME_RESERVE_MS} ms needed for s3://{bucket}/{key}")
    return ingest_s3_object(bucket, key, objects=deps.objects, index=deps.index, sequencer=sequencer)
