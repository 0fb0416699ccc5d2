"""Backfill function: one batch of the backfill state machine's Distributed Map → `thidua.ingest`.

Thin door: the map lists the prefix with S3 ListObjectsV2 and batches the objects
(`Items`, each `{"Key", "Size", ...}`) with the execution's settings (`BatchInput`:
bucket, mode, older_than). Unreadable documents are stored as `failed` and the batch
goes on; a transient store error (or too little time left) fails the batch, which the
state machine retries; objects finished before are then skipped as unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from aws_lambda_powertools.metrics import MetricUnit
from pydantic import BaseModel

from thidua.bulk.backfill import backfill_batch
from thidua.runtime import build_dependencies, observability
from thidua.store import StoreSettings


class ListedObject(BaseModel):
    """One object as S3 ListObjectsV2 lists it (keys are plain, not URL-encoded)."""

    Key: str
    Size: int | None = None


class BatchInput(BaseModel):
    bucket: str
    mode: Literal["backfill", "reindex"] = "backfill"
    older_than: str | None = None


class BackfillBatch(BaseModel):
    BatchInput: BatchInput
    Items: list[ListedObject]


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    batch = BackfillBatch.model_validate(event)
    deps = build_dependencies(StoreSettings.from_env())
    logger, metrics = observability()
    settings = batch.BatchInput

    def time_left() -> int | None:
        return int(context.get_remaining_time_in_millis()) if context is not None else None

    summary = backfill_batch(
        settings.bucket,
        [item.Key for item in batch.Items],
        objects=deps.objects,
        index=deps.index,
        mode=settings.mode,
        older_than=settings.older_than,
        time_left_ms=time_left,
    )
    for status, n in summary.counts.items():
        metrics.add_metric(name=f"backfill_{status}", unit=MetricUnit.Count, value=n)
    if summary.counts:
        metrics.flush_metrics()
    result = summary.to_json(settings.bucket, settings.mode)
    logger.info("backfill batch", extra={"counts": result["counts"], "items": len(batch.Items)})
    return result
