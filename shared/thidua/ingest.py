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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from thidua import EXTRACTOR_VERSION
from thidua.read import Limits, ReadError, read_document
from thidua.store.errors import ObjectMissingError, StaleWriteError
from thidua.store.index import Index
from thidua.store.items import SourceInfo, SourceRef
from thidua.store.objects import ObjectStore, ObjectTooLargeError
from thidua.understand.extract import extract_record
from thidua.understand.record import DocumentRecord

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
    digest = content_hash(data)
    meta = index.get_meta(source.doc_id, with_record=False)
    if index.is_stale(meta, sequencer):
        return IngestOutcome("stale", source.doc_id, source.uri)
    if (
        not force
        and meta is not None
        and index.is_unchanged(meta, digest, extractor_version)
        and index.links_complete(meta)
    ):
        if sequencer:
            index.touch_sequencer(source.doc_id, sequencer)
        return IngestOutcome("unchanged", source.doc_id, source.uri, format=meta.format)
    info = SourceInfo(ref=source, size=len(data), content_hash=digest, sequencer=sequencer)
    try:
        result = read_document(data, source.name, limits)
    except ReadError as exc:
        return _store_failure(
            info, f"{exc.reason}: {exc.message}", index, extractor_version, meta is not None
        )
    record = (extract or extract_record)(
        result.text, name=source.name, title=result.title, published_hint=result.published
    )
    info = SourceInfo(
        ref=source, size=len(data), content_hash=digest, format=result.format, sequencer=sequencer
    )
    try:
        written = index.replace_document(
            info, record, extractor_version=extractor_version, existed=meta is not None
        )
    except StaleWriteError:
        return IngestOutcome("stale", source.doc_id, source.uri)
    return IngestOutcome("ok", source.doc_id, source.uri, links=written.links_written, format=result.format)


def fail_source(
    source: SourceRef,
    reason: str,
    index: Index,
    *,
    size: int,
    data_hash: str = "",
    sequencer: str | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
) -> IngestOutcome:
    """Store a `failed` status for a source whose bytes we could not (or would not) read."""
    info = SourceInfo(ref=source, size=size, content_hash=data_hash, sequencer=sequencer)
    meta = index.get_meta(source.doc_id, with_record=False)
    if index.is_stale(meta, sequencer):
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
    """Fetch an uploaded object and ingest it; an object over the size limit is never downloaded."""
    limits = limits or Limits()
    source = SourceRef.s3(bucket, key)
    meta = index.get_meta(source.doc_id, with_record=False)
    if index.is_stale(meta, sequencer):
        return IngestOutcome("stale", source.doc_id, source.uri)
    try:
        data = objects.get_bytes(bucket, key, max_bytes=limits.max_bytes)
    except ObjectTooLargeError as exc:
        return fail_source(source, f"too_large: {exc}", index, size=exc.size, sequencer=sequencer)
    except ObjectMissingError:
        return IngestOutcome("missing", source.doc_id, source.uri)
    return ingest_bytes(source, data, index, sequencer=sequencer, limits=limits, force=force)
