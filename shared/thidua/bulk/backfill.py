"""One batch of a backfill on AWS: objects listed by the state machine's map → `thidua.ingest`.

The Distributed Map lists the prefix (S3 ListObjectsV2) and hands batches of objects
to the backfill function, which calls this. Per object it is the same ingest as an
upload event, without a sequencer: an object already indexed with the same bytes and
extractor is skipped as unchanged, so a retried batch redoes only what was not done.

Mode `reindex` re-extracts (force) objects whose document was made by an extractor
older than `older_than` (all of them when `older_than` is None) and leaves the others.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from thidua.bulk.reindex import is_older
from thidua.ingest import IngestOutcome, fail_source, ingest_s3_object
from thidua.read import Limits
from thidua.store.errors import StoreError, TransientStoreError
from thidua.store.index import Index
from thidua.store.models import SourceRef
from thidua.store.objects import ObjectStore

log = logging.getLogger(__name__)

Mode = Literal["backfill", "reindex"]
MAX_REPORTED_FAILURES = 50  # the batch result travels in the state machine's payload (256 KB)


class BatchIncomplete(TransientStoreError):
    """Too little of the invocation is left for the next object: the state machine retries the
    batch, whose finished objects are then skipped as unchanged."""


@dataclass
class BatchSummary:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, str]] = field(default_factory=list)

    def add(self, key: str, outcome: IngestOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "failed" and len(self.failures) < MAX_REPORTED_FAILURES:
            self.failures.append({"key": key, "reason": outcome.reason or ""})

    def to_json(self, bucket: str, mode: str) -> dict[str, Any]:
        return {"bucket": bucket, "mode": mode, "counts": dict(self.counts), "failed": self.failures}


def backfill_batch(
    bucket: str,
    keys: Iterable[str],
    *,
    objects: ObjectStore,
    index: Index,
    mode: Mode = "backfill",
    older_than: str | None = None,
    time_left_ms: Callable[[], int | None] = lambda: None,
    reserve_ms: int | None = None,
    limits: Limits | None = None,
) -> BatchSummary:
    """Ingest the objects of one map batch; transient store errors are raised for the map's retry."""
    limits = limits or Limits()
    reserve = reserve_ms if reserve_ms is not None else int(limits.max_seconds * 1000) + 15_000
    summary = BatchSummary()
    for key in keys:
        if key.endswith("/"):
            continue  # a "folder" placeholder, not a document
        left = time_left_ms()
        if left is not None and left < reserve:
            raise BatchIncomplete(f"{left} ms left, {reserve} ms needed for s3://{bucket}/{key}")
        summary.add(key, _one(bucket, key, objects, index, mode, older_than, limits))
    return summary


def _one(
    bucket: str,
    key: str,
    objects: ObjectStore,
    index: Index,
    mode: Mode,
    older_than: str | None,
    limits: Limits,
) -> IngestOutcome:
    source = SourceRef.s3(bucket, key)
    force = False
    if mode == "reindex":
        meta = index.get_meta(source.doc_id, with_record=False)
        if meta is not None and meta.status != "deleted":
            if older_than is not None and not is_older(meta.extractor_version, older_than):
                return IngestOutcome("unchanged", source.doc_id, source.uri, format=meta.format)
            force = True
    try:
        return ingest_s3_object(bucket, key, objects=objects, index=index, limits=limits, force=force)
    except StoreError:
        raise
    except Exception as exc:  # a bug on one document must not fail the batch (and its neighbours)
        log.exception("backfill of s3://%s/%s failed", bucket, key)
        return fail_source(source, f"internal_error: {type(exc).__name__}: {exc}"[:1000], index, size=0)
