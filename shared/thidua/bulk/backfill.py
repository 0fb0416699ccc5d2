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
from thidua.ingest import (
    IngestOutcome,
    Prepared,
    fail_source,
    fetch_s3_object,
    merge_prepared,
    prepare_many,
    write_prepared,
)
from thidua.read import Limits
from thidua.store.errors import StoreError, TransientStoreError
from thidua.store.index import Index
from thidua.store.models import SourceRef, StoredDocument
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
    """Ingest the objects of one map batch; transient store errors are raised for the map's retry.

    One consistent BatchGetItem reads the batch's META items; each object is then fetched,
    read and extracted in turn, and the batch's documents are written together
    (`Index.replace_documents`). Out of time, what is prepared is written before
    `BatchIncomplete` is raised: the retry finds it unchanged.
    """
    limits = limits or Limits()
    reserve = reserve_ms if reserve_ms is not None else int(limits.max_seconds * 1000) + 15_000
    wanted = [k for k in dict.fromkeys(keys) if not k.endswith("/")]  # "folder/" is no document
    refs = {k: SourceRef.s3(bucket, k) for k in wanted}
    metas = index.batch_get_meta([r.doc_id for r in refs.values()], consistent=True)
    summary = BatchSummary()
    prepared: list[tuple[str, Prepared]] = []
    try:
        for key in wanted:
            left = time_left_ms()
            if left is not None and left < reserve:
                raise BatchIncomplete(f"{left} ms left, {reserve} ms needed for s3://{bucket}/{key}")
            done = _prepare(refs[key], metas.get(refs[key].doc_id), objects, index, mode, older_than, limits)
            if isinstance(done, IngestOutcome):
                summary.add(key, done)
            else:
                prepared.append((key, done))
    finally:
        # Also when out of time or on a bug: what was read is written, not thrown away.
        if prepared:
            written = write_prepared(merge_prepared([p for _k, p in prepared]), index)
            for (key, _p), outcome in zip(prepared, written, strict=True):
                summary.add(key, outcome)
    return summary


def _prepare(
    source: SourceRef,
    meta: StoredDocument | None,
    objects: ObjectStore,
    index: Index,
    mode: Mode,
    older_than: str | None,
    limits: Limits,
) -> Prepared | IngestOutcome:
    """One object read and understood for the batch's write, or its outcome when nothing is to write."""
    force = False
    if mode == "reindex" and meta is not None and meta.status != "deleted":
        if older_than is not None and not is_older(meta.extractor_version, older_than):
            return IngestOutcome("unchanged", source.doc_id, source.uri, format=meta.format)
        force = True
    bucket, key = source.bucket or "", source.key or ""
    try:
        got = fetch_s3_object(
            bucket, key, objects=objects, index=index, meta=meta, force=force, limits=limits
        )
        if isinstance(got, IngestOutcome):
            return got
        part = prepare_many([got], index, limits=limits, metas={source.doc_id: meta} if meta else {})
    except StoreError:
        raise
    except Exception as exc:  # a bug on one document must not fail the batch (and its neighbours)
        log.exception("backfill of s3://%s/%s failed", bucket, key)
        return fail_source(source, f"internal_error: {type(exc).__name__}: {exc}"[:1000], index, size=0)
    if part.ready:
        return part
    (outcome,) = [o for o in part.outcomes if o is not None]
    return outcome
