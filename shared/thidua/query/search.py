"""Search the index with combinable filters, newest first, in pages with sealed cursors.

Read path (layout in :mod:`thidua.store.keys`): the most selective filter
picks the facet partition (leader > unit > bloc > award > event_type >
locality > year); a date range narrows its sort key (``{date}#{doc_id}``).
A year with a unit, bloc or leader key reads that entity's year window
(positions Y-1..Y+1, links answering Y); a year with any other filter reads
the exact ``YEAR#yyyy`` partition and checks the rest. Links carry what a hit
shows, so the page's META items come in one small projected BatchGetItem
(``ver``, ``status``; ``facets`` when other filters are checked against them):
links of another version than META's are dropped. With no facet filter at
all, the walk goes over the per-year ``DATE#yyyy`` partitions, newest first.

A page usually costs two requests (one Query, one BatchGetItem).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua.query import facets
from thidua.query.cursor import decode_cursor, encode_cursor, scope_of
from thidua.query.documents import is_current, record_of
from thidua.query.errors import InvalidCursor
from thidua.query.filters import SearchFilters
from thidua.query.models import EntityRef, EvidenceRef, SearchHit, SearchPage
from thidua.query.reads import Item, Reader
from thidua.query.resolve import ENTITY_ID, resolve
from thidua.store.keys import NO_DATE
from thidua.understand.record import DocumentRecord

KEY_ORDER = ("leader", "unit", "bloc", "award", "event_type", "locality", "year")
ENTITY_FILTERS = ("unit", "bloc", "leader")
_SK_HIGH = "#~"
# META attributes the freshness check needs (the record only when another entity's evidence is shown).
META_ATTRS = ["ver", "status"]
LINK_ATTRS = ["ver", "hit"]  # what a hit needs of a link (not the attributes filters read)
YEAR_SCAN = 32  # links a year-filtered Query evaluates at least


@dataclass
class Plan:
    """Which partitions to read, in order, and what to check on each candidate."""

    partitions: list[str]
    sk_from: str | None = None
    sk_to: str | None = None
    year: int | None = None  # applied by the index on the key partition
    windowed: bool = False  # the key range is the year's window (see thidua.store.keys)
    required: list[str] = field(default_factory=list)
    evidence_for: dict[str, str] = field(default_factory=dict)  # facet → entity kind
    key_facet: str | None = None  # the filter facet the partition stands for (its links' evidence)

    def needs_record(self) -> bool:
        """Evidence for an entity filter other than the key comes from the record."""
        return any(f != self.key_facet for f in self.evidence_for)


def facet_of(name: str, value: str | int) -> str:
    """The facet key of one filter value (entity filters hold ids by now)."""
    if name == "year":
        return facets.year_facet(value)
    build = {
        "unit": facets.unit_facet,
        "bloc": facets.bloc_facet,
        "leader": facets.leader_facet,
        "event_type": facets.event_facet,
        "award": facets.award_facet,
        "locality": facets.locality_facet,
    }[name]
    return build(str(value))


def plan_for(filters: SearchFilters, years: list[int] | None = None) -> Plan:
    """The read plan of resolved filters (`years`: the index's years, walked when no facet filter is set)."""
    chosen = [(n, getattr(filters, n)) for n in KEY_ORDER if getattr(filters, n) is not None]
    plan = Plan(partitions=[])
    if filters.date_from:
        plan.sk_from = filters.date_from.isoformat()
    if filters.date_to:
        plan.sk_to = filters.date_to.isoformat() + _SK_HIGH
    plan.evidence_for = {facet_of(n, v): n for n, v in chosen if n in ENTITY_FILTERS}
    if chosen:
        key_name, key_value = chosen[0]
        if filters.year is not None and key_name not in (*ENTITY_FILTERS, "year"):
            # An award, event type or locality with a year: the year's partition is exact and
            # no larger than a year of the broad facet; the facet is checked like other filters.
            key_name, key_value = "year", filters.year
        plan.partitions = [facet_of(key_name, key_value)]
        plan.key_facet = plan.partitions[0]
        rest = [(n, v) for n, v in chosen if n != key_name]
        if filters.year is not None and key_name in ENTITY_FILTERS:
            plan.year = filters.year
            rest = [(n, v) for n, v in rest if n != "year"]
            if plan.sk_from is None and plan.sk_to is None:
                plan.windowed = True
                plan.sk_from, plan.sk_to = facets.year_window(filters.year)
        plan.required = [facet_of(n, v) for n, v in rest]
        return plan
    lo = filters.date_from.year if filters.date_from else None
    hi = filters.date_to.year if filters.date_to else None
    walk = sorted(
        {y for y in years or [] if (lo is None or y >= lo) and (hi is None or y <= hi)}, reverse=True
    )
    plan.partitions = [facets.date_facet(y) for y in walk]
    if lo is None and hi is None:
        plan.partitions.append(facets.date_facet(0))  # undated documents come last
    return plan


def resolve_filters(reader: Reader, filters: SearchFilters) -> tuple[SearchFilters, list[EntityRef]]:
    """Replace typed unit/bloc/leader names by canonical ids (AmbiguousEntity/UnknownEntity otherwise)."""
    ids: dict[str, str] = {}
    resolved: list[EntityRef] = []
    for kind in ENTITY_FILTERS:
        text = getattr(filters, kind)
        if text is None:
            continue
        if ENTITY_ID.match(text) and text.startswith(kind + ":"):
            # An id (from typeahead or a link) is used as is: no catalogue read; unknown ids match nothing.
            ids[kind] = text
            resolved.append(EntityRef(type=kind, id=text, name=text))
            continue
        cand = resolve(reader, kind, text)
        ids[kind] = cand.id
        resolved.append(EntityRef(type=kind, id=cand.id, name=cand.name, locality=cand.locality))
    return filters.with_entities(ids), resolved


def _start_key(item: Item) -> dict[str, Any]:
    return {k: item[k] for k in ("pk", "sk")}


def _entity_evidence(record: DocumentRecord | None, kind: str, entity_id: str) -> tuple[str, str] | None:
    if record is None:
        return None
    entries: list[Any]
    if kind == "unit":
        entries = list(record.units)
    elif kind == "bloc":
        entries = list(record.blocs)
    else:
        entries = list(record.leaders)
    for entry in entries:
        if entry.id == entity_id and entry.evidence is not None:
            return entry.name, entry.evidence.sentence
    return None


def make_hit(link: Item, meta: Item, plan: Plan) -> SearchHit:
    """A result row from the link (date, title, event types, blocs, source) and the matched evidence."""
    record = record_of(meta) if plan.needs_record() else None
    doc_id = str(link["doc_id"])
    evidence: list[EvidenceRef] = []
    key_facet = plan.key_facet
    if key_facet and link.get("ev"):
        evidence.append(EvidenceRef(facet=key_facet, name=link.get("name"), sentence=str(link["ev"])))
    for facet_key, kind in plan.evidence_for.items():
        if facet_key == key_facet:
            continue
        found = _entity_evidence(record, kind, facet_key.split("#", 1)[1])
        if found:
            evidence.append(EvidenceRef(facet=facet_key, name=found[0], sentence=found[1]))
    blocs = [EntityRef(type="bloc", id=str(i), name=str(n)) for i, n in link.get("blocs") or []]
    day = str(link.get("date") or str(link["sk"]).split("#", 1)[0])
    return SearchHit(
        doc_id=doc_id,
        date=None if day == NO_DATE else day,
        title=link.get("title"),
        event_types=list(link.get("types") or []),
        years=sorted(int(y) for y in link.get("years") or []),
        blocs=blocs,
        locality=link.get("loc"),
        evidence=evidence,
        source=link.get("src"),
        format=link.get("fmt"),
        url=f"/documents/{doc_id}",
    )


def _resume(partitions: list[str], at: str) -> int:
    """Where a cursor's partition is in the plan; a year partition that vanished resumes below it."""
    if at in partitions:
        return partitions.index(at)
    if at.startswith("DATE#"):
        later = [i for i, p in enumerate(partitions) if p < at]
        if later:
            return later[0]
        return len(partitions)
    raise InvalidCursor("cursor không thuộc truy vấn này")


def search(
    reader: Reader,
    filters: SearchFilters,
    *,
    cursor_key: bytes,
    cursor: str | None = None,
    page_size: int = 20,
) -> SearchPage:
    """One page of documents matching every filter, newest first."""
    scope = scope_of({**filters.as_params(), "limit": page_size})
    start: dict[str, Any] | None = None
    at: str | None = None
    if cursor:
        state = decode_cursor(cursor, cursor_key, scope)
        try:
            resolved = [EntityRef.model_validate(r) for r in state["r"]]
            at = str(state["f"])
            start = state["k"]
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidCursor("cursor không hợp lệ (nội dung)") from exc
        resolved_filters = filters.with_entities({r.type: r.id for r in resolved})
    else:
        resolved_filters, resolved = resolve_filters(reader, filters)
    trips = 0
    years: list[int] | None = None
    if all(getattr(resolved_filters, n) is None for n in KEY_ORDER):
        years = reader.years()
        trips += 1
    plan = plan_for(resolved_filters, years)
    position = _resume(plan.partitions, at) if at is not None else 0

    hits: list[SearchHit] = []
    required = set(plan.required)
    # Without filters beyond the key every current link is a hit: read one more than the page to know
    # whether another page exists. With other filters, read wider so a sparse match costs few round
    # trips; a year window's newest end (January to March of the next year) also holds documents
    # about the next year only (a large entity has a few dozen there).
    batch = page_size + 1
    if plan.year is not None:
        batch = max(2 * (page_size + 1), YEAR_SCAN)
    if required:
        batch = max(100, page_size * 5)
    # Links checked beyond the page: none without other filters (a stale one costs one more
    # BatchGetItem, and a BatchGetItem costs per key), a wide margin with them.
    slack = 0 if not required else 100
    # `facets` is a long string set: fetch it only when other filters are checked against it.
    attrs = META_ATTRS + (["facets"] if required else []) + (["record"] if plan.needs_record() else [])
    next_state: dict[str, Any] | None = None
    key_name: str | None = None
    while position < len(plan.partitions) and len(hits) < page_size:
        partition = plan.partitions[position]
        pending: list[Item] = []
        exhausted = False
        while len(hits) < page_size:
            want = page_size - len(hits) + slack
            # Links the index matched are gathered over Query pages, then their META items come in
            # one BatchGetItem: a sparse year window costs another Query page, not another BatchGet.
            while len(pending) < want and not exhausted:
                page = reader.links(
                    partition,
                    newest_first=True,
                    sk_from=plan.sk_from,
                    sk_to=plan.sk_to,
                    year=plan.year,
                    windowed=plan.windowed,
                    start_key=start,
                    limit=batch,
                    attrs=LINK_ATTRS,
                )
                trips += page.round_trips
                pending.extend(page.items)
                start = page.last_key
                exhausted = start is None
            if not pending:
                break
            chunk, pending = pending[:want], pending[want:]
            metas = reader.metas(sorted({str(i["doc_id"]) for i in chunk}), attrs)
            trips += 1
            for offset, link in enumerate(chunk):
                meta = metas.get(str(link["doc_id"]))
                if (
                    meta is None
                    or not is_current(meta, link)
                    or not required <= set(meta.get("facets") or ())
                ):
                    continue
                hits.append(make_hit(link, meta, plan))
                key_name = key_name or link.get("name")
                if len(hits) == page_size:
                    if offset + 1 < len(chunk) or pending or not exhausted:
                        next_state = {"f": partition, "k": _start_key(link)}
                    elif position + 1 < len(plan.partitions):
                        next_state = {"f": plan.partitions[position + 1], "k": None}
                    break
        position += 1
        start = None
    if key_name:  # an id typed or linked is shown with the name its links carry
        resolved = [
            r.model_copy(update={"name": key_name})
            if r.name == r.id and facet_of(r.type, r.id) == plan.key_facet
            else r
            for r in resolved
        ]
    next_cursor = None
    if next_state is not None:
        next_state["r"] = [r.model_dump() for r in resolved]
        next_cursor = encode_cursor(next_state, cursor_key, scope)
    return SearchPage(
        hits=hits, next_cursor=next_cursor, resolved=resolved, filters=filters.as_params(), round_trips=trips
    )
