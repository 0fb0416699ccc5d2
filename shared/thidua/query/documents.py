"""One document as stored: META decoding and the GET /documents/{id} view."""

from __future__ import annotations

import json
import zlib
from typing import Any

from pydantic import BaseModel, Field

from thidua.query.errors import DocumentNotFound
from thidua.query.reads import Item, Reader
from thidua.store.keys import NO_DATE
from thidua.understand.record import DocumentRecord


def record_of(meta: Item) -> DocumentRecord | None:
    """The full record kept (zlib-compressed JSON) on a META item, or None."""
    raw = meta.get("record")
    if raw is None:
        return None
    if isinstance(raw, bytes | bytearray | memoryview):
        data: Any = json.loads(zlib.decompress(bytes(raw)).decode("utf-8"))
    elif isinstance(raw, str):
        data = json.loads(raw)
    else:
        data = raw
    return DocumentRecord.model_validate(data)


def date_of(meta: Item) -> str | None:
    value = meta.get("sort_date")
    return None if not value or value == NO_DATE else str(value)


def is_current(meta: Item | None, link: Item | None = None) -> bool:
    """A searchable document: stored ok, and (for a link) of the document's current version."""
    if meta is None or meta.get("status") != "ok":
        return False
    return link is None or link.get("ver") == meta.get("ver")


class DocumentView(BaseModel):
    doc_id: str
    status: str
    reason: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    format: str | None = None
    size: int | None = None
    content_hash: str | None = None
    extractor_version: str | None = None
    updated_at: str | None = None
    facets: list[str] = Field(default_factory=list)
    record: DocumentRecord | None = None


def get_document(reader: Reader, doc_id: str) -> DocumentView:
    """The stored view of one document (any status but deleted); DocumentNotFound otherwise."""
    meta = reader.meta(doc_id)
    if meta is None or meta.get("status") == "deleted":
        raise DocumentNotFound(doc_id)
    size = meta.get("size")
    return DocumentView(
        doc_id=doc_id,
        status=str(meta.get("status")),
        reason=meta.get("reason"),
        title=meta.get("title"),
        date=date_of(meta),
        source=meta.get("source_uri"),
        format=meta.get("format"),
        size=int(size) if size is not None else None,
        content_hash=meta.get("content_hash"),
        extractor_version=meta.get("extractor_version"),
        updated_at=meta.get("updated_at"),
        facets=sorted(meta.get("facets") or []),
        record=record_of(meta),
    )
