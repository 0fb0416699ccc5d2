"""Explicit mapping between our objects (source, record) and DynamoDB items.

Nothing else in the project knows attribute names or how the record is packed:
the record travels as zlib-compressed JSON in one Binary attribute, so a META
item stays a few KB and a search page can BatchGet twenty of them cheaply.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, Field

from thidua.store import cost, keys
from thidua.understand.entities import unit_id
from thidua.understand.record import DocumentRecord, EvidenceOut

Item = dict[str, Any]  # low-level (typed) DynamoDB item: {"pk": {"S": "..."}}
Status = Literal["ok", "failed", "deleted"]

EVIDENCE_CHARS = 300
# A META item must stay well under DynamoDB's 400 KB item limit.
MAX_RECORD_BYTES = 300_000


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


# ---- low-level helpers -------------------------------------------------------------------------


def serialize(plain: dict[str, Any]) -> Item:
    """Plain Python values to a typed item; None and empty sets are left out."""
    out: Item = {}
    for name, value in plain.items():
        if value is None or (isinstance(value, set | frozenset) and not value):
            continue
        out[name] = _typed(value)
    return out


def _typed(value: Any) -> dict[str, Any]:
    """One plain value as a typed attribute value (what boto3's TypeSerializer makes, for the types
    items hold, at a fraction of its cost: items are built for every link of every document)."""
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | Decimal):
        return {"N": str(value)}
    if isinstance(value, list | tuple):
        return {"L": [_typed(v) for v in value]}
    if isinstance(value, dict):
        return {"M": {str(k): _typed(v) for k, v in value.items()}}
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, set | frozenset):
        if all(isinstance(v, str) for v in value):
            return {"SS": sorted(value)}
        if all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in value):
            return {"NS": sorted(str(v) for v in value)}
        if all(isinstance(v, bytes | bytearray) for v in value):
            return {"BS": sorted(bytes(v) for v in value)}
        raise TypeError(f"a set mixes types: {value!r}")
    if value is None:
        return {"NULL": True}
    # Floats are refused as boto3 does: a binary float is not the decimal DynamoDB would store.
    raise TypeError(f"cannot store {type(value).__name__} in an item: {value!r}")


def deserialize(item: Item) -> dict[str, Any]:
    """A typed item as plain values: numbers as int (or float), binaries as bytes, sets as sets.

    A direct walk over the typed values: boto3's TypeDeserializer goes through Decimal and
    Binary objects first, which showed up in search-page profiles.
    """
    return {name: _value(value) for name, value in item.items()}


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        return int(number) if number.is_integer() else number


def _value(typed: dict[str, Any]) -> Any:
    kind = next(iter(typed))
    inner = typed[kind]
    if kind == "S" or kind == "BOOL":
        return inner
    if kind == "N":
        return _number(inner)
    if kind == "L":
        return [_value(v) for v in inner]
    if kind == "M":
        return {k: _value(v) for k, v in inner.items()}
    if kind == "SS":
        return set(inner)
    if kind == "NS":
        return {_number(v) for v in inner}
    if kind == "B":
        return bytes(inner)  # bytes from botocore, Binary when built by TypeSerializer
    if kind == "BS":
        return {bytes(v) for v in inner}
    if kind == "NULL":
        return None
    raise ValueError(f"unknown attribute type {kind}")


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


def award_year(years: list[int], sort_date: str) -> int | None:
    """The emulation year a document's awards are counted in.

    Awards honour the year under review: a review of 2022 held with the 2023 pact in
    January 2023 counts in 2022; a December 2023 review, in 2023; a launch in March 2021
    that honours the 2016-2020 period, in 2020. So: the year before the event's when the
    event falls in its first half and that year is a campaign year, else the event's year
    when it is one, else the latest campaign year before the event, else the earliest.
    """
    if not years:
        return None
    if sort_date == keys.NO_DATE:
        return min(years)
    event_year, month = int(sort_date[:4]), int(sort_date[5:7] or 0)
    if month <= 6 and event_year - 1 in years:
        return event_year - 1
    if event_year in years:
        return event_year
    earlier = [y for y in years if y < event_year]
    return max(earlier) if earlier else min(years)


def packed_json(value: list[Any]) -> str | None:
    """A nested list as one JSON string attribute (readers parse one string, not a tree of typed values)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else None


def compact_awards(record: DocumentRecord) -> list[list[Any]]:
    """What the award statistics need of each award: [type, count, recipient, status, [unit ids]]."""
    out: list[list[Any]] = []
    for award in record.awards:
        units = list(dict.fromkeys(unit_id(name, record.locality) for name in award.recipients))
        out.append([award.award, award.count, award.recipient, award.status, units])
    return out


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
    # One link per campaign year. An award counts once, in its document's award year, so that
    # year's link carries the compact award list: /stats/awards for a year is one Query.
    awards = {"aw": packed_json(compact_awards(record))} if record.awards else {}
    years = years_of(record, sort_date)
    counted_in = award_year(years, sort_date)
    for year in years:
        add(Facet(keys.year_facet(year), str(year), None, awards if year == counted_in else {}))
    # Every document sits in the partition of its date's year (DATE#0000 when undated), so an
    # unfiltered search and activity counts walk key-ordered partitions instead of scanning.
    add(Facet(keys.date_facet(sort_date[:4]), sort_date[:4]))
    return list(found.values())


# ---- items -------------------------------------------------------------------------------------

# A link item must stay within one write unit (1 KB): evidence, then the title, are shortened.
LINK_BUDGET = 1024


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


def revision(updated_at: str | None) -> int:
    """Milliseconds since the epoch of a META's updated_at: orders a document's versions."""
    if not updated_at:
        return 0
    moment = dt.datetime.fromisoformat(updated_at.replace("Z", "+00:00"))
    return int(moment.timestamp() * 1000)


LinkKey = tuple[str, str]  # (pk, sk) of a link item


def pack_keys(link_keys: Iterable[LinkKey]) -> bytes | None:
    """Keys still to delete, kept on META (zlib JSON: they repeat the doc id), None when there are none."""
    ordered = sorted(set(link_keys))
    if not ordered:
        return None
    return zlib.compress(json.dumps(ordered, separators=(",", ":")).encode("utf-8"), 9)


def unpack_keys(blob: bytes | None) -> list[LinkKey]:
    if not blob:
        return []
    return [(str(pk), str(sk)) for pk, sk in json.loads(zlib.decompress(blob))]


def meta_item(
    source: SourceInfo,
    record: DocumentRecord,
    *,
    extractor_version: str,
    updated_at: str,
    stale: Iterable[LinkKey] = (),
) -> Item:
    """The META item of a successfully read document (`stale`: link keys of earlier versions to delete)."""
    doc_id = source.ref.doc_id
    sort_date = sort_date_of(record)
    ver = keys.version(source.content_hash, extractor_version)
    plain = {
        "pk": keys.doc_pk(doc_id),
        "sk": keys.META_SK,
        **_source_attrs(source),
        "extractor_version": extractor_version,
        "ver": ver,
        "layout": keys.LAYOUT,
        "title": record.title,
        "sort_date": sort_date,
        "published": record.published.isoformat() if record.published else None,
        "event_date": record.event_date.isoformat() if record.event_date else None,
        "years": years_of(record, sort_date),
        "event_types": list(record.event_types),
        "facets": {f.key for f in facets_of(record, sort_date)},
        "locality": record.locality,
        "record": compress_record(record),
        "stale": pack_keys(stale),
        **_status_attrs("ok", updated_at, doc_id),
    }
    return serialize(plain)


def link_keys(doc_id: str, facets: Iterable[str], sort_date: str, years: Sequence[int]) -> set[LinkKey]:
    """The keys of a document's links (layout 2), from what its META holds."""
    pos = keys.position(sort_date, years)
    _near, echoes = keys.year_windows(sort_date, years)
    out: set[LinkKey] = set()
    for facet in facets:
        kind = keys.facet_kind(facet)
        out.add((facet, keys.link_sk(sort_date if kind == "DATE" else pos, doc_id)))
        if kind in keys.WINDOWED:
            out.update((facet, keys.link_sk(epos, doc_id)) for epos, _years in echoes)
    return out


def meta_link_keys(meta: StoredDocument) -> set[LinkKey]:
    """Keys of the links a stored document's META says exist (none unless ok and layout 2)."""
    if meta.status != "ok" or meta.layout != keys.LAYOUT:
        return set()
    return link_keys(meta.doc_id, meta.facets, meta.sort_date, meta.years)


# What a search hit shows travels in one JSON string attribute (`hit`): a reader then parses one
# string per link instead of a dozen typed attributes, which is most of a Query's client time.
HIT_FIELDS = {
    "title": "t",
    "types": "y",
    "blocs": "b",
    "loc": "l",
    "src": "s",
    "fmt": "f",
    "name": "n",
    "ev": "e",
    "date": "d",
    "years": "Y",  # also a list attribute of its own, for filters; a reader projects only `hit`
}


def pack_hit(fields: dict[str, Any]) -> str:
    packed = {HIT_FIELDS[k]: v for k, v in fields.items() if v not in (None, "", [])}
    return json.dumps(packed, ensure_ascii=False, separators=(",", ":"))


def unpack_link(item: dict[str, Any]) -> dict[str, Any]:
    """A deserialized link with its `hit` fields spread out (title, types, blocs, loc, src, fmt, name,
    ev, date), its `aw` award list decoded, and its doc_id taken from the sort key."""
    packed = item.pop("hit", None)
    if packed:
        shown = json.loads(packed)
        for name, short in HIT_FIELDS.items():
            if short in shown:
                item.setdefault(name, shown[short])
    if isinstance(item.get("aw"), str):
        item["aw"] = json.loads(item["aw"])
    if "sk" in item:
        item["doc_id"] = keys.doc_of_link_sk(str(item["sk"]))
    return item


def _fit(plain: dict[str, Any], hit: dict[str, Any]) -> Item:
    """Serialize a link, shortening its evidence and then its title until it fits LINK_BUDGET."""
    item = serialize({**plain, "hit": pack_hit(hit)})
    for name in ("ev", "title"):
        text = hit.get(name)
        while text and cost.item_size(item) > LINK_BUDGET:
            over = cost.item_size(item) - LINK_BUDGET
            raw = str(text).encode("utf-8")
            # Cut by bytes (a Vietnamese letter takes up to 3), leaving room for the ellipsis.
            cut = raw[: max(0, len(raw) - over - 3)].decode("utf-8", "ignore").rstrip(" …")
            text = cut + "…" if len(cut) > 20 else None
            hit[name] = text
            item = serialize({**plain, "hit": pack_hit(hit)})
    return item


def link_items(
    source: SourceInfo, record: DocumentRecord, *, extractor_version: str, updated_at: str | None = None
) -> list[Item]:
    """The link items of the document's current version: one per facet, plus the echo links.

    Each carries what a search hit shows (title, date, event types, blocs, locality, source)
    so a result page reads only the version of each document's META.
    """
    doc_id = source.ref.doc_id
    sort_date = sort_date_of(record)
    ver = keys.version(source.content_hash, extractor_version)
    years = years_of(record, sort_date)
    pos = keys.position(sort_date, years)
    near, echoes = keys.year_windows(sort_date, years)
    shown: dict[str, Any] = {
        "years": years,
        "title": record.title,
        "types": list(record.event_types),
        "blocs": [[b.id, b.name] for b in {b.id: b for b in record.blocs}.values()],
        "loc": record.locality,
        "src": source.ref.uri,
        "fmt": source.format,
    }
    out: dict[LinkKey, Item] = {}
    for facet in facets_of(record, sort_date):
        kind = keys.facet_kind(facet.key)
        here = sort_date if kind == "DATE" else pos
        plain: dict[str, Any] = {
            "pk": facet.key,
            "sk": keys.link_sk(here, doc_id),
            "ver": ver,
            "rev": revision(updated_at),
            "years": years,
            **facet.extra,
        }
        hit = {
            **shown,
            "name": facet.name if kind in keys.WINDOWED else None,
            "ev": facet.evidence,
            "date": sort_date if here != sort_date else None,  # the real date, for display
        }
        if kind in keys.WINDOWED:
            plain["yrs"] = near
            for epos, answered in echoes:
                echo = {**plain, "sk": keys.link_sk(epos, doc_id), "yrs": answered, "e": True}
                out[(facet.key, echo["sk"])] = _fit(echo, {**hit, "date": sort_date})
        out[(facet.key, plain["sk"])] = _fit(plain, hit)
    return list(out.values())


def failed_meta_item(
    source: SourceInfo,
    reason: str,
    *,
    extractor_version: str,
    updated_at: str,
    stale: Iterable[LinkKey] = (),
) -> Item:
    """META of a document that could not be read: status `failed`, the reason, no links."""
    doc_id = source.ref.doc_id
    plain = {
        "pk": keys.doc_pk(doc_id),
        "sk": keys.META_SK,
        **_source_attrs(source),
        "extractor_version": extractor_version,
        "ver": keys.version(source.content_hash, extractor_version) if source.content_hash else None,
        "layout": keys.LAYOUT,
        "reason": reason,
        "sort_date": keys.NO_DATE,
        "stale": pack_keys(stale),
        **_status_attrs("failed", updated_at, doc_id),
    }
    return serialize(plain)


def tombstone_item(
    ref: SourceRef, sequencer: str, *, updated_at: str, expires_at: int, stale: Iterable[LinkKey] = ()
) -> Item:
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
        "layout": keys.LAYOUT,
        "sequencer": keys.pad_sequencer(sequencer),
        "expires_at": expires_at,
        "stale": pack_keys(stale),
        **_status_attrs("deleted", updated_at, doc_id),
    }
    return serialize(plain)


def entity_items(record: DocumentRecord) -> list[Item]:
    """Catalogue items (typeahead by type, name by id) for the record's units, blocs and leaders."""
    from thidua.understand.entities import is_place_relative, search_key

    plain: list[dict[str, Any]] = []

    def add(kind: keys.EntityType, entity_id: str, name: str, name_key: str, locality: str | None) -> None:
        base = {
            "id": entity_id,
            "name": name,
            "type": kind,
            "locality": locality,
            "rank": entity_rank(name),
        }
        plain.append({"pk": keys.entity_type_pk(kind), "sk": keys.entity_sk(name_key, entity_id), **base})
        plain.append({"pk": keys.entity_id_pk(entity_id), "sk": keys.NAME_SK, **base})

    for unit in record.units:
        # A place is part of a place-relative unit's id ("Công an tỉnh" of one province); on any
        # other unit it is only where one document saw it, which the catalogue does not keep.
        locality = unit.locality if is_place_relative(unit.name) else None
        add("unit", unit.id, unit.name, unit.key or search_key(unit.name), locality)
    for bloc in record.blocs:
        add("bloc", bloc.id, bloc.name, search_key(bloc.name), None)
    for leader in record.leaders:
        add("leader", leader.id, leader.name, search_key(leader.name), None)
    # The years the index has documents for (campaign years and the date's year): the query layer
    # lists them with one Query (stats default range, the unfiltered newest-first walk).
    sort_date = sort_date_of(record)
    dated = {int(sort_date[:4])} if sort_date != keys.NO_DATE else set()
    for year in sorted(set(years_of(record, sort_date)) | dated):
        plain.append(
            {
                "pk": keys.YEARS_PK,
                "sk": f"{year:04d}",
                "id": f"year:{year:04d}",
                "name": str(year),
                "type": "year",
            }
        )
    return [serialize(p) for p in plain]


def entity_rank(name: str) -> str:
    """Which of the spellings documents give an entity the catalogue shows: the smallest rank.

    Fewest capitals first ("Sở Tư pháp" over "SỞ TƯ PHÁP" or "Sở Tư Pháp": official names
    are written in sentence case), then the name itself, so the choice does not depend on
    the order documents arrive in.
    """
    capitals = sum(1 for ch in name if ch.isupper())
    return f"{capitals:03d}\x1f{name}"


def item_key(item: Item) -> Item:
    return {"pk": item["pk"], "sk": item["sk"]}


def item_pk_sk(item: Item) -> LinkKey:
    return (item["pk"]["S"], item["sk"]["S"])


# ---- items → objects ---------------------------------------------------------------------------


def document_from_item(item: Item, *, with_record: bool = True) -> StoredDocument:
    """The StoredDocument of a META item (decoding the compressed record when asked and present)."""
    data = deserialize(item)
    blob = data.pop("record", None)
    facets = data.pop("facets", set())
    stale = unpack_keys(data.pop("stale", None))
    record = decompress_record(blob) if with_record and blob else None
    fields = {k: v for k, v in data.items() if k in StoredDocument.model_fields}
    return StoredDocument(**fields, facets=sorted(facets), stale=stale, record=record)


def link_from_item(item: Item) -> LinkItem:
    data = unpack_link(deserialize(item))
    sk = str(data["sk"])
    awards = data.get("aw")
    return LinkItem(
        doc_id=data["doc_id"],
        ver=data["ver"],
        facet=data["pk"],
        sort_date=str(data.get("date") or sk.split("#", 1)[0]),
        name=data.get("name") or "",
        years=[int(y) for y in data.get("years", [])],
        evidence=data.get("ev"),
        awards=[(str(a[0]), int(a[1]), a[2]) for a in awards] if awards is not None else None,
        blocs=[str(b[0]) for b in data.get("blocs") or []],
        locality=data.get("loc"),
        answers=[int(y) for y in data.get("yrs", [])],
        echo=bool(data.get("e")),
        key=(data["pk"], sk),
    )


def legacy_link_from_item(item: Item) -> LinkItem:
    """A layout-1 link (in its document's partition, keyed for GSI by_entity)."""
    data = deserialize(item)
    return LinkItem(
        doc_id=data["doc_id"],
        ver=data["ver"],
        facet=data.get("gsi1pk", ""),
        sort_date=str(data.get("gsi1sk", "")).split("#", 1)[0],
        name=data.get("name", ""),
        years=[int(y) for y in data.get("years", [])],
        evidence=data.get("evidence"),
        key=(data["pk"], data["sk"]),
    )
