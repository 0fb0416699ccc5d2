"""Entity pages: everything the index holds about one unit, bloc or leader.

A page reads the entity's facet partition newest first (Query on the GSI,
up to ``MAX_DOCS`` documents), fetches those documents' META items with
BatchGetItem and folds their records into per-year views.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from thidua.query import facets
from thidua.query.documents import date_of, is_current, record_of
from thidua.query.errors import UnknownEntity
from thidua.query.labels import AWARD_LABELS
from thidua.query.models import (
    AwardEntry,
    AwardTotal,
    BlocPage,
    BlocYear,
    EntityRef,
    LeaderPage,
    LeaderSeen,
    MembersYear,
    TimelineEntry,
    TitleSeen,
    UnitPage,
)
from thidua.query.reads import Item, Reader
from thidua.query.resolve import KIND_LABELS, resolve
from thidua.understand.entities import bloc_id, leader_id, unit_id
from thidua.understand.record import DocumentRecord

MAX_DOCS = 500


def _entity(reader: Reader, kind: str, ref: str) -> EntityRef:
    """The entity an id (or a typed name that resolves to one) refers to."""
    if not ref.startswith(kind + ":"):
        cand = resolve(reader, kind, ref)
        return EntityRef(type=kind, id=cand.id, name=cand.name, locality=cand.locality)
    item = reader.entity(ref)
    if item is None:
        raise UnknownEntity(KIND_LABELS[kind], ref)
    return EntityRef(type=kind, id=ref, name=str(item.get("name") or ref))


def _documents(reader: Reader, facet: str) -> tuple[list[tuple[Item, Item, DocumentRecord]], bool]:
    """(link, META, record) of the newest current documents of a facet, and whether more exist."""
    links: list[Item] = []
    start: dict[str, Any] | None = None
    truncated = False
    while len(links) < MAX_DOCS:
        page = reader.links(facet, newest_first=True, start_key=start, limit=MAX_DOCS - len(links))
        links.extend(page.items)
        if page.last_key is None:
            break
        start = page.last_key
    else:
        truncated = True
    metas = reader.metas([str(i["doc_id"]) for i in links])
    out = []
    for link in links:
        meta = metas.get(str(link["doc_id"]))
        if meta is None or not is_current(meta, link):
            continue
        record = record_of(meta)
        if record is not None:
            out.append((link, meta, record))
    return out, truncated


def _years(meta: Item) -> list[int]:
    return sorted(int(y) for y in meta.get("years") or [])


def _timeline(link: Item, meta: Item) -> TimelineEntry:
    doc = str(meta["doc_id"])
    return TimelineEntry(
        doc_id=doc,
        date=date_of(meta),
        title=meta.get("title"),
        event_types=list(meta.get("event_types") or []),
        years=_years(meta),
        evidence=link.get("ev"),
        url=f"/documents/{doc}",
    )


def unit_page(reader: Reader, ref: str) -> UnitPage:
    """Blocs by year, leaders seen, awards received and the events timeline of a unit."""
    entity = _entity(reader, "unit", ref)
    docs, truncated = _documents(reader, facets.unit_facet(entity.id))
    blocs: dict[tuple[int, str], BlocYear] = {}
    leaders: dict[str, LeaderSeen] = {}
    leader_docs: dict[str, set[str]] = defaultdict(set)
    awards: list[AwardEntry] = []
    for _link, meta, record in docs:
        loc = record.locality
        years = _years(meta)
        doc = str(meta["doc_id"])
        for bloc in record.blocs:
            member_ids = {unit_id(m, loc) for m in bloc.members}
            is_head = bool(bloc.head) and unit_id(bloc.head or "", loc) == entity.id
            if entity.id not in member_ids and not is_head:
                continue
            for year in years:
                key = (year, bloc.id)
                row = blocs.setdefault(
                    key, BlocYear(year=year, bloc=EntityRef(type="bloc", id=bloc.id, name=bloc.name))
                )
                row.head = row.head or is_head
        for person in record.leaders:
            if not person.unit or unit_id(person.unit, loc) != entity.id:
                continue
            seen = leaders.setdefault(
                person.id, LeaderSeen(leader=EntityRef(type="leader", id=person.id, name=person.name))
            )
            if person.title and person.title not in seen.titles:
                seen.titles.append(person.title)
            seen.years = sorted(set(seen.years) | set(years))
            leader_docs[person.id].add(doc)
        for award in record.awards:
            if entity.id in {unit_id(r, loc) for r in award.recipients}:
                awards.append(
                    AwardEntry(
                        year=min(years) if years else None,
                        award=award.award,
                        award_label=AWARD_LABELS.get(award.award, award.award),
                        count=award.count,
                        recipient=award.recipient,
                        status=award.status,
                        doc_id=doc,
                    )
                )
    for lid, seen in leaders.items():
        seen.documents = len(leader_docs[lid])
    return UnitPage(
        entity=entity,
        documents=len(docs),
        truncated=truncated,
        blocs_by_year=sorted(blocs.values(), key=lambda b: (b.year, b.bloc.name)),
        leaders=sorted(leaders.values(), key=lambda s: (-s.documents, s.leader.name)),
        awards=sorted(awards, key=lambda a: (a.year or 0, a.award)),
        timeline=[_timeline(link, meta) for link, meta, _ in docs],
    )


def bloc_page(reader: Reader, ref: str) -> BlocPage:
    """Members and head unit per year, awards proposed/received and events of a bloc."""
    entity = _entity(reader, "bloc", ref)
    docs, truncated = _documents(reader, facets.bloc_facet(entity.id))
    members: dict[int, dict[str, EntityRef]] = defaultdict(dict)
    heads: dict[int, EntityRef] = {}
    totals: dict[tuple[int | None, str, str], tuple[int, set[str]]] = {}
    for _link, meta, record in docs:
        loc = record.locality
        years = _years(meta)
        doc = str(meta["doc_id"])
        for bloc in record.blocs:
            if bloc.id != entity.id and bloc_id(bloc.name) != entity.id:
                continue
            for year in years:
                for name in bloc.members:
                    uid = unit_id(name, loc)
                    members[year].setdefault(uid, EntityRef(type="unit", id=uid, name=name))
                if bloc.head:  # documents come newest first: the latest word on a year's head wins
                    heads.setdefault(year, EntityRef(type="unit", id=unit_id(bloc.head, loc), name=bloc.head))
        first_year = min(years) if years else None
        for award in record.awards:
            key = (first_year, award.award, award.status)
            count, seen = totals.get(key, (0, set()))
            seen.add(doc)
            totals[key] = (count + award.count, seen)
    years_all = sorted(set(members) | set(heads))
    return BlocPage(
        entity=entity,
        documents=len(docs),
        truncated=truncated,
        members_by_year=[
            MembersYear(year=y, members=sorted(members[y].values(), key=lambda e: e.name), head=heads.get(y))
            for y in years_all
        ],
        awards=[
            AwardTotal(
                year=y, award=a, award_label=AWARD_LABELS.get(a, a), status=s, count=c, documents=len(d)
            )
            for (y, a, s), (c, d) in sorted(
                totals.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1], kv[0][2])
            )
        ],
        timeline=[_timeline(link, meta) for link, meta, _ in docs],
    )


def leader_page(reader: Reader, ref: str) -> LeaderPage:
    """Titles over time and events of a leader."""
    entity = _entity(reader, "leader", ref)
    docs, truncated = _documents(reader, facets.leader_facet(entity.id))
    titles: dict[str, TitleSeen] = {}
    for _link, meta, record in docs:
        date = date_of(meta)
        for person in record.leaders:
            if (person.id != entity.id and leader_id(person.name) != entity.id) or not person.title:
                continue
            seen = titles.setdefault(person.title, TitleSeen(title=person.title))
            seen.documents += 1
            if date:
                seen.first = min(seen.first or date, date)
                seen.last = max(seen.last or date, date)
    return LeaderPage(
        entity=entity,
        documents=len(docs),
        truncated=truncated,
        titles=sorted(titles.values(), key=lambda t: (t.first or "9999", t.title)),
        timeline=[_timeline(link, meta) for link, meta, _ in docs],
    )
