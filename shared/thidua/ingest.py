"""Ingest one source: bytes → read → extract → index. The Lambda handler and the CLI both call this.

Outcomes:
    ok         indexed (new, or replacing an older version)
    unchanged  the same bytes were already indexed by this extractor version
    failed     could not be read (unsupported, empty, corrupt, too large): stored with the reason
    deleted    removed from the index
    stale      an older S3 event than the one the index reflects: ignored
    missing    the object was already gone when we fetched it (its ObjectRemoved event follows)

Transient storage errors (throttling, 5xx) are raised, never stored as `failed`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from thidua import EXTRACTOR_VERSION
from thidua.read import Limits, ReadError, read_document
from thidua.store.errors import ObjectMissingError, StaleWriteError
from thidua.store.index import Index, utc_now
from thidua.store.models import SourceInfo, SourceRef, StoredDocument
from thidua.store.objects import ObjectStore, ObjectTooLargeError
from thidua.understand.extract import extract_record
from thidua.understand.record import DocumentRecord

log = logging.getLogger(__name__)

OutcomeStatus = Literal["ok", "unchanged", "failed", "deleted", "stale", "missing"]
Extractor = Callable[..., DocumentRecord]


@dataclass(frozen=True)
class IngestOutcome:
    status: OutcomeStatus
    doc_id: str
    source_uri: str
    reason: str | None = None  # "code: message" when failed
    links: int = 0
    format: str | None = None

    @property
    def reason_code(self) -> str | None:
        return self.reason.split(":", 1)[0] if self.reason else None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SourceBytes:
    """The bytes of one source to ingest, with what the event that brought them says."""

    ref: SourceRef
    data: bytes
    sequencer: str | None = None  # S3's ordering key of the event; None outside S3 events
    force: bool = False  # re-read and re-extract even when these bytes are indexed already
    fetched_at: str | None = None  # when bytes without an event were fetched (Index.is_stale)


def ingest_bytes(
    source: SourceRef,
    data: bytes,
    index: Index,
    *,
    sequencer: str | None = None,
    limits: Limits | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
    extract: Extractor | None = None,
    force: bool = False,
) -> IngestOutcome:
    """Index the bytes of one source, idempotently (see the module docstring for outcomes).

    `extract` defaults to the project's extraction pipeline (looked up at call time).
    `force` re-reads and re-extracts even when the same bytes and extractor are indexed
    (`thidua reindex --all`, and documents a killed bulk run had in flight).
    """
    (outcome,) = ingest_many(
        [SourceBytes(source, data, sequencer, force)],
        index,
        limits=limits,
        extractor_version=extractor_version,
        extract=extract,
    )
    return outcome


def ingest_many(
    sources: Sequence[SourceBytes],
    index: Index,
    *,
    limits: Limits | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
    extract: Extractor | None = None,
    metas: dict[str, StoredDocument] | None = None,
) -> list[IngestOutcome]:
    """`ingest_bytes` for several sources (distinct documents), one outcome each, in order.

    Each source is read and understood on its own, and one that cannot be (or whose
    extraction raises) is stored as failed without touching the others; the index writes
    of the readable ones are then shared (`Index.replace_documents`), so a bulk run makes
    about two requests a document instead of seven. Store errors propagate for all.
    `metas`: the sources' META items (light) as the caller just read them, if it did.
    """
    prepared = prepare_many(
        sources, index, limits=limits, extractor_version=extractor_version, extract=extract, metas=metas
    )
    return write_prepared(prepared, index)


@dataclass
class Prepared:
    """Sources read and understood, waiting for their shared index write (`write_prepared`)."""

    outcomes: list[IngestOutcome | None]  # None: in `ready`, outcome known once written
    ready: list[tuple[int, SourceInfo, DocumentRecord]]  # (position, source, record)
    extractor_version: str
    # META as read before extraction: the write's switch starts from it (it is conditional, so a
    # change meanwhile only makes it read again).
    metas: dict[str, StoredDocument] = field(default_factory=dict)


def prepare_many(
    sources: Sequence[SourceBytes],
    index: Index,
    *,
    limits: Limits | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
    extract: Extractor | None = None,
    metas: dict[str, StoredDocument] | None = None,
) -> Prepared:
    """The first half of `ingest_many`: decide, read and extract; failures are stored here.

    One consistent BatchGetItem reads the sources' META items (stale and unchanged checks),
    unless the caller passes them (`metas`, keyed by doc id; a missing id: no META).
    """
    if metas is None:
        metas = index.batch_get_meta([s.ref.doc_id for s in sources], consistent=True)
    prepared = Prepared(outcomes=[], ready=[], extractor_version=extractor_version, metas=metas)
    for source in sources:
        ref = source.ref
        digest = content_hash(source.data)
        meta = metas.get(ref.doc_id)
        if index.is_stale(meta, source.sequencer, source.fetched_at):
            prepared.outcomes.append(IngestOutcome("stale", ref.doc_id, ref.uri))
            continue
        if (
            not source.force
            and meta is not None
            and index.is_unchanged(meta, digest, extractor_version)
            and index.links_complete(meta)
        ):
            if source.sequencer:
                index.touch_sequencer(ref.doc_id, source.sequencer)
            prepared.outcomes.append(IngestOutcome("unchanged", ref.doc_id, ref.uri, format=meta.format))
            continue
        understood = _understand(source, digest, limits, extract)
        if isinstance(understood, str):
            info = SourceInfo(
                ref=ref,
                size=len(source.data),
                content_hash=digest,
                sequencer=source.sequencer,
                fetched_at=source.fetched_at,
            )
            prepared.outcomes.append(
                _store_failure(info, understood, index, extractor_version, meta is not None)
            )
            continue
        prepared.ready.append((len(prepared.outcomes), *understood))
        prepared.outcomes.append(None)
    return prepared


def write_prepared(prepared: Prepared, index: Index) -> list[IngestOutcome]:
    """The second half of `ingest_many`: the shared write; the outcomes of all its sources, in order.

    Safe to call again after a store error: the write protocol is idempotent.
    """
    written = index.replace_documents(
        [(info, record) for _pos, info, record in prepared.ready],
        extractor_version=prepared.extractor_version,
        olds=prepared.metas,
    )
    outcomes = list(prepared.outcomes)
    for (pos, info, _record), result in zip(prepared.ready, written, strict=True):
        ref = info.ref
        if result is None:
            outcomes[pos] = IngestOutcome("stale", ref.doc_id, ref.uri)
        else:
            outcomes[pos] = IngestOutcome(
                "ok", ref.doc_id, ref.uri, links=result.links_written, format=info.format
            )
    return [o for o in outcomes if o is not None]


def merge_prepared(parts: Sequence[Prepared]) -> Prepared:
    """Several `Prepared` (of one extractor version) as one, for one shared write."""
    merged = Prepared(outcomes=[], ready=[], extractor_version=EXTRACTOR_VERSION)
    for part in parts:
        offset = len(merged.outcomes)
        merged.outcomes += part.outcomes
        merged.ready += [(offset + pos, info, record) for pos, info, record in part.ready]
        merged.metas.update(part.metas)
        merged.extractor_version = part.extractor_version
    return merged


def _understand(
    source: SourceBytes, digest: str, limits: Limits | None, extract: Extractor | None
) -> tuple[SourceInfo, DocumentRecord] | str:
    """Read and extract one source; the failure reason ("code: message") when it cannot be."""
    ref = source.ref
    try:
        result = read_document(source.data, ref.name, limits)
        record = (extract or extract_record)(
            result.text, name=ref.name, title=result.title, published_hint=result.published
        )
    except ReadError as exc:
        return f"{exc.reason}: {exc.message}"
    except Exception as exc:  # a bug in reading or extraction fails this document, not its batch
        log.exception("ingest of %s failed", ref.uri)
        return f"internal_error: {type(exc).__name__}: {exc}"[:1000]
    info = SourceInfo(
        ref=ref,
        size=len(source.data),
        content_hash=digest,
        format=result.format,
        sequencer=source.sequencer,
        fetched_at=source.fetched_at,
    )
    return info, record


def fail_source(
    source: SourceRef,
    reason: str,
    index: Index,
    *,
    size: int,
    data_hash: str = "",
    sequencer: str | None = None,
    fetched_at: str | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestOutcome:
    """Store a `failed` status for a source whose bytes we could not (or would not) read."""
    info = SourceInfo(
        ref=source, size=size, content_hash=data_hash, sequencer=sequencer, fetched_at=fetched_at
    )
    meta = index.get_meta(source.doc_id, with_record=False)
    if index.is_stale(meta, sequencer, fetched_at):
        return IngestOutcome("stale", source.doc_id, source.uri)
    return _store_failure(info, reason, index, extractor_version, meta is not None)


def _store_failure(
    info: SourceInfo, reason: str, index: Index, extractor_version: str, existed: bool
) -> IngestOutcome:
    ref = info.ref
    try:
        index.put_failed(info, reason, extractor_version=extractor_version, existed=existed)
    except StaleWriteError:
        return IngestOutcome("stale", ref.doc_id, ref.uri)
    return IngestOutcome("failed", ref.doc_id, ref.uri, reason=reason)


def remove_source(source: SourceRef, index: Index, *, sequencer: str | None = None) -> IngestOutcome:
    """Take a source and all its links out of the index (a tombstone stays when `sequencer` is given)."""
    try:
        index.delete_document(source, sequencer=sequencer)
    except StaleWriteError:
        return IngestOutcome("stale", source.doc_id, source.uri)
    return IngestOutcome("deleted", source.doc_id, source.uri)


def ingest_file(path: Path, index: Index, *, limits: Limits | None = None) -> IngestOutcome:
    """Ingest a local file (its id is its absolute `file://` URI)."""
    limits = limits or Limits()
    source = SourceRef.file(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            reason = f"too_large: {size} bytes is over the limit of {limits.max_bytes}"
            return fail_source(source, reason, index, size=size)
        data = path.read_bytes()
    except OSError as exc:
        return fail_source(source, f"unreadable: {exc.strerror or exc}", index, size=0)
    return ingest_bytes(source, data, index, limits=limits)


def fetch_s3_object(
    bucket: str,
    key: str,
    *,
    objects: ObjectStore,
    index: Index,
    meta: StoredDocument | None,
    sequencer: str | None = None,
    force: bool = False,
    limits: Limits | None = None,
) -> SourceBytes | IngestOutcome:
    """An S3 object's bytes, ready to ingest; or the outcome when there is nothing to read.

    `meta` is the document's META as just read (None: none). An object over the size limit
    is never downloaded (stored failed). Without a `sequencer` (a backfill, not an upload
    event) the fetch time is kept, so the write yields to an event-driven write that lands
    meanwhile (`Index.is_stale`).
    """
    limits = limits or Limits()
    source = SourceRef.s3(bucket, key)
    if index.is_stale(meta, sequencer):
        return IngestOutcome("stale", source.doc_id, source.uri)
    fetched_at = None if sequencer else utc_now()
    try:
        data = objects.get_bytes(bucket, key, max_bytes=limits.max_bytes)
    except ObjectTooLargeError as exc:
        reason = f"too_large: {exc}"
        return fail_source(source, reason, index, size=exc.size, sequencer=sequencer, fetched_at=fetched_at)
    except ObjectMissingError:
        return IngestOutcome("missing", source.doc_id, source.uri)
    return SourceBytes(source, data, sequencer, force, fetched_at)


def ingest_s3_object(
    bucket: str,
    key: str,
    *,
    objects: ObjectStore,
    index: Index,
    sequencer: str | None = None,
    limits: Limits | None = None,
    force: bool = False,
) -> IngestOutcome:
    """Fetch an uploaded object and ingest it (`fetch_s3_object`, then `ingest_many` of one)."""
    source = SourceRef.s3(bucket, key)
    meta = index.get_meta(source.doc_id, with_record=False)
    got = fetch_s3_object(
        bucket, key, objects=objects, index=index, meta=meta, sequencer=sequencer, force=force, limits=limits
    )
    if isinstance(got, IngestOutcome):
        return got
    known = {source.doc_id: meta} if meta is not None else {}
    (outcome,) = ingest_many([got], index, limits=limits, metas=known)
    return outcome
