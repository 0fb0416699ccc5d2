"""Explicit mapping between our objects (source, record) and DynamoDB items.

Nothing else in the project knows attribute names or how the record is packed:
the record travels as zlib-compressed JSON in one Binary attribute, so a META
item stays a few KB and a search page can BatchGet twenty of them cheaply.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, Literal, cast

from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from pydantic import BaseModel, Field

from thidua.store import keys
from thidua.understand.record import DocumentRecord, EvidenceOut

Item = dict[str, Any]  # low-level (typed) DynamoDB item: {"pk": {"S": "..."}}
Status = Literal["ok", "failed", "deleted"]

EVIDENCE_CHARS = 300
# A META item must stay well under DynamoDB's 400 KB item limit.
MAX_RECORD_BYTES = 300_000

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


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


@dataclass(frozen=True)
class Facet:
    key: str
    name: str
    evidence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


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


# ---- low-level helpers -------------------------------------------------------------------------


def serialize(plain: dict[str, Any]) -> Item:
    """Plain Python values to a typed item; None and empty sets are left out."""
    out: Item = {}
    for name, value in plain.items():
        if value is None or (isinstance(value, set | frozenset) and not value):
            continue
        out[name] = _serializer.serialize(value)
    return out


def deserialize(item: Item) -> dict[str, Any]:
    return {name: _plain(_deserializer.deserialize(value)) for name, value in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Binary):
        return bytes(cast(Any, value).value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return {_plain(v) for v in value}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def compress_record(record: DocumentRecord) -> bytes:
    """zlib-compressed JSON of the record; evidence is dropped only if the record would not fit."""
    data = record.model_dump(mode="json")
    packed = zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
    if len(packed) <= MAX_RECORD_BYTES:
        return packed
    slim = _without_evidence(data)
    packed = zlib.compress(json.dumps(slim, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)
    if len(packed) > MAX_RECORD_BYTES:
        raise ValueError(f"record is {len(packed)} bytes compressed even without evidence")
    return packed


def decompress_record(blob: bytes) -> DocumentRecord:
    return DocumentRecord.model_validate_json(zlib.decompress(blob))


def _without_evidence(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_evidence(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value


def _sentence(evidence: EvidenceOut | None) -> str | None:
    """The evidence sentence, clipped to EVIDENCE_CHARS (link items stay small)."""
    if evidence is None or not evidence.sentence:
        return None
    text = evidence.sentence
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


# ---- record → facets ---------------------------------------------------------------------------


def sort_date_of(record: DocumentRecord) -> str:
    """The date a document sorts by: the event, else publication, else 0000-00-00."""
    date = record.event_date or record.published
    return date.isoformat() if date else keys.NO_DATE


def years_of(record: DocumentRecord, sort_date: str) -> list[int]:
    """Campaign years; when the text names none, the year of the sort date."""
    if record.campaign_years:
        return sorted(set(record.campaign_years))
    return [] if sort_date == keys.NO_DATE else [int(sort_date[:4])]


def facets_of(record: DocumentRecord, sort_date: str) -> list[Facet]:
    """Every facet of a document, one per distinct key, in a stable order."""
    found: dict[str, Facet] = {}

    def add(facet: Facet) -> None:
        found.setdefault(facet.key, facet)

    for unit in record.units:
        add(Facet(keys.unit_facet(unit.id), unit.name, _sentence(unit.evidence)))
    for bloc in record.blocs:
        add(Facet(keys.bloc_facet(bloc.id), bloc.name, _sentence(bloc.evidence)))
    for leader in record.leaders:
        add(Facet(keys.leader_facet(leader.id), leader.name, _sentence(leader.evidence)))
    for event_type in record.event_types:
        add(Facet(keys.event_facet(event_type), event_type))
    for award in record.awards:
        add(Facet(keys.award_facet(award.award), award.award, _sentence(award.evidence)))
    if record.locality:
        add(Facet(keys.locality_facet(record.locality), record.locality))
    # Entity × campaign-year links: "unit X in year Y" (the question asked most) reads one exact
    # partition instead of filtering all of X's links by year.
    for year in years_of(record, sort_date):
        for unit in record.units:
            add(Facet(keys.unit_year_facet(unit.id, year), unit.name, _sentence(unit.evidence)))
        for bloc in record.blocs:
            add(Facet(keys.bloc_year_facet(bloc.id, year), bloc.name, _sentence(bloc.evidence)))
    # Year links carry what an award summary for a year needs, so /stats for a year is one Query.
    compact_awards = [[a.award, a.count, a.recipient] for a in record.awards]
    bloc_ids = sorted({b.id for b in record.blocs})
    for year in years_of(record, sort_date):
        extra: dict[str, Any] = {"awards": compact_awards, "blocs": bloc_ids, "locality": record.locality}
        add(Facet(keys.year_facet(year), str(year), None, extra))
    # Every document sits in the partition of its date's year (DATE#0000 when undated), so an
    # unfiltered search and activity counts walk key-ordered partitions instead of scanning.
    date_extra: dict[str, Any] = {
        "event_types": list(record.event_types),
        "blocs": bloc_ids,
        "locality": record.locality,
    }
    add(Facet(keys.date_facet(sort_date[:4]), sort_date[:4], None, date_extra))
    return list(found.values())


# ---- items -------------------------------------------------------------------------------------


def _source_attrs(source: SourceInfo) -> dict[str, Any]:
    ref = source.ref
    return {
        "doc_id": ref.doc_id,
        "source_uri": ref.uri,
        "bucket": ref.bucket,
        "key": ref.key,
        "path": ref.path,
        "format": source.format,
        "size": source.size,
        "content_hash": source.content_hash,
        "sequencer": keys.pad_sequencer(source.sequencer) if source.sequencer else None,
    }


def _status_attrs(status: Status, updated_at: str, doc_id: str) -> dict[str, Any]:
    return {
        "status": status,
        "updated_at": updated_at,
        "status_pk": keys.status_pk(status),
        "status_sk": keys.status_sk(updated_at, doc_id),
    }


def meta_item(source: SourceInfo, record: DocumentRecord, *, extractor_version: str, updated_at: str) -> Item:
    """The META item of a successfully read document."""
    doc_id = source.ref.doc_id
    sort_date = sort_date_of(record)
    ver = keys.version(source.content_hash, extractor_version)
    plain = {
        "pk": keys.doc_pk(doc_id),
        "sk": keys.META_SK,
        **_source_attrs(source),
        "extractor_version": extractor_version,
        "ver": ver,
        "title": record.title,
        "sort_date": sort_date,
        "published": record.published.isoformat() if record.published else None,
        "event_date": record.event_date.isoformat() if record.event_date else None,
        "years": years_of(record, sort_date),
        "event_types": list(record.event_types),
        "facets": {f.key for f in facets_of(record, sort_date)},
        # What a search hit shows besides the title, so a result page needs no record decoding.
        "bloc_refs": [[b.id, b.name] for b in {b.id: b for b in record.blocs}.values()],
        "locality": record.locality,
        "record": compress_record(record),
        **_status_attrs("ok", updated_at, doc_id),
    }
    return serialize(plain)


def link_items(source: SourceInfo, record: DocumentRecord, *, extractor_version: str) -> list[Item]:
    """One link item per facet of the document's current version."""
    doc_id = source.ref.doc_id
    sort_date = sort_date_of(record)
    ver = keys.version(source.content_hash, extractor_version)
    years = years_of(record, sort_date)
    items = []
    for facet in facets_of(record, sort_date):
        plain = {
            "pk": keys.doc_pk(doc_id),
            "sk": keys.link_sk(ver, facet.key),
            "gsi1pk": facet.key,
            "gsi1sk": keys.entity_sort_key(sort_date, doc_id),
            "doc_id": doc_id,
            "ver": ver,
            "name": facet.name,
            "years": years,
            "evidence": facet.evidence,
            **facet.extra,
        }
        items.append(serialize(plain))
    return items


def failed_meta_item(source: SourceInfo, reason: str, *, extractor_version: str, updated_at: str) -> Item:
    """META of a document that could not be read: status `failed`, the reason, no links."""
    doc_id = source.ref.doc_id
    plain = {
        "pk": keys.doc_pk(doc_id),
        "sk": keys.META_SK,
        **_source_attrs(source),
        "extractor_version": extractor_version,
        "ver": keys.version(source.content_hash, extractor_version) if source.content_hash else None,
        "reason": reason,
        "sort_date": keys.NO_DATE,
        **_status_attrs("failed", updated_at, doc_id),
    }
    return serialize(plain)


def tombstone_item(ref: SourceRef, sequencer: str, *, updated_at: str, expires_at: int) -> Item:
    """What stays of a removed S3 object: its sequencer, so a stale ObjectCreated is ignored."""
    doc_id = ref.doc_id
    plain = {
        "pk": keys.doc_pk(doc_id),
        "sk": keys.META_SK,
        "doc_id": doc_id,
        "source_uri": ref.uri,
        "bucket": ref.bucket,
        "key": ref.key,
        "path": ref.path,
        "sequencer": keys.pad_sequencer(sequencer),
        "expires_at": expires_at,
        **_status_attrs("deleted", updated_at, doc_id),
    }
    return serialize(plain)


def entity_items(record: DocumentRecord) -> list[Item]:
    """Catalogue items (typeahead by type, name by id) for the record's units, blocs and leaders."""
    from thidua.understand.entities import search_key

    plain: list[dict[str, Any]] = []

    def add(kind: keys.EntityType, entity_id: str, name: str, name_key: str, locality: str | None) -> None:
        base = {"id": entity_id, "name": name, "type": kind, "locality": locality}
        plain.append({"pk": keys.entity_type_pk(kind), "sk": keys.entity_sk(name_key, entity_id), **base})
        plain.append({"pk": keys.entity_id_pk(entity_id), "sk": keys.NAME_SK, **base})

    for unit in record.units:
        add("unit", unit.id, unit.name, unit.key or search_key(unit.name), unit.locality)
    for bloc in record.blocs:
        add("bloc", bloc.id, bloc.name, search_key(bloc.name), None)
    for leader in record.leaders:
        add("leader", leader.id, leader.name, search_key(leader.name), None)
    # The years the index has documents for (campaign years and the date's year): the query layer
    # lists them with one Query (stats default range, the unfiltered newest-first walk).
    sort_date = sort_date_of(record)
    dated = {int(sort_date[:4])} if sort_date != keys.NO_DATE else set()
    for year in sorted(set(years_of(record, sort_date)) | dated):
        plain.append({"pk": keys.YEARS_PK, "sk": f"{year:04d}", "id": f"year:{year:04d}", "name": str(year),
                      "type": "year"})
    return [serialize(p) for p in plain]


def item_key(item: Item) -> Item:
    return {"pk": item["pk"], "sk": item["sk"]}


# ---- items → objects ---------------------------------------------------------------------------


def document_from_item(item: Item, *, with_record: bool = True) -> StoredDocument:
    """The StoredDocument of a META item (decoding the compressed record when asked and present)."""
    data = deserialize(item)
    blob = data.pop("record", None)
    facets = data.pop("facets", set())
    record = decompress_record(blob) if with_record and blob else None
    fields = {k: v for k, v in data.items() if k in StoredDocument.model_fields}
    return StoredDocument(**fields, facets=sorted(facets), record=record)


def link_from_item(item: Item) -> LinkItem:
    data = deserialize(item)
    awards = data.get("awards")
    return LinkItem(
        doc_id=data["doc_id"],
        ver=data["ver"],
        facet=data["gsi1pk"],
        sort_date=str(data["gsi1sk"]).split("#", 1)[0],
        name=data.get("name", ""),
        years=[int(y) for y in data.get("years", [])],
        evidence=data.get("evidence"),
        awards=[(str(a[0]), int(a[1]), a[2]) for a in awards] if awards is not None else None,
        blocs=data.get("blocs"),
        locality=data.get("locality"),
    )
