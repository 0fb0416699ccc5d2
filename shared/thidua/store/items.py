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
from typing import Any

from thidua.store import cost, keys
from thidua.store.facets import facets_of, sort_date_of, years_of
from thidua.store.models import Item, LinkItem, LinkKey, SourceInfo, SourceRef, Status, StoredDocument
from thidua.store.typed import deserialize, serialize
from thidua.understand.record import DocumentRecord

# A META item must stay well under DynamoDB's 400 KB item limit.
MAX_RECORD_BYTES = 300_000


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
