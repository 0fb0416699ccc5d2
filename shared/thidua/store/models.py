"""What the store takes and gives back: sources, stored documents, links (its boundary models)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, Field

from thidua.store import keys
from thidua.understand.record import DocumentRecord

Item = dict[str, Any]  # low-level (typed) DynamoDB item: {"pk": {"S": "..."}}
LinkKey = tuple[str, str]  # (pk, sk) of a link item
Status = Literal["ok", "failed", "deleted"]


@dataclass(frozen=True)
class SourceRef:
    """Where a document comes from: an S3 object or a local file."""

    uri: str
    bucket: str | None = None
    key: str | None = None
    path: str | None = None

    @classmethod
    def s3(cls, bucket: str, key: str) -> SourceRef:
        return cls(uri=keys.s3_uri(bucket, key), bucket=bucket, key=key)

    @classmethod
    def file(cls, path: str | Any) -> SourceRef:
        uri = keys.file_uri(path)
        return cls(uri=uri, path=uri.removeprefix("file://"))

    @property
    def doc_id(self) -> str:
        return keys.doc_id(self.uri)

    @property
    def name(self) -> str:
        """File name (used to detect the format)."""
        return PurePosixPath(self.key or self.path or self.uri).name


@dataclass(frozen=True)
class SourceInfo:
    """A source plus what we learned from its bytes."""

    ref: SourceRef
    size: int
    content_hash: str
    format: str | None = None
    sequencer: str | None = None
    # When bytes that came without an S3 event (a backfill) were fetched: see Index.is_stale.
    fetched_at: str | None = None


class StoredDocument(BaseModel):
    """A document as the index holds it (META item), with its record decoded when loaded."""

    doc_id: str
    source_uri: str
    bucket: str | None = None
    key: str | None = None
    path: str | None = None
    format: str | None = None
    size: int | None = None
    content_hash: str | None = None
    extractor_version: str | None = None
    ver: str | None = None
    layout: int | None = None  # link layout (keys.LAYOUT); None: indexed before layout 2
    status: Status
    reason: str | None = None
    title: str | None = None
    sort_date: str = keys.NO_DATE
    published: dt.date | None = None
    event_date: dt.date | None = None
    years: list[int] = Field(default_factory=list)
    event_types: list[str] = Field(default_factory=list)
    facets: list[str] = Field(default_factory=list)
    sequencer: str | None = None
    updated_at: str | None = None
    stale: list[tuple[str, str]] = Field(default_factory=list)  # link keys of earlier versions to delete
    record: DocumentRecord | None = None

    @property
    def reason_code(self) -> str | None:
        return self.reason.split(":", 1)[0] if self.reason else None


@dataclass(frozen=True)
class LinkItem:
    """One entity link as read back from the by_entity index or the document's partition."""

    doc_id: str
    ver: str
    facet: str
    sort_date: str
    name: str
    years: list[int]
    evidence: str | None = None
    awards: list[tuple[str, int, str | None]] | None = None
    blocs: list[str] | None = None
    locality: str | None = None
    answers: list[int] = field(default_factory=list)  # campaign years a year-window Query finds it for
    echo: bool = False
    key: tuple[str, str] = ("", "")
