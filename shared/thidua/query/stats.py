"""Dashboard aggregates from key-ordered Queries (never a Scan).

Awards (``awards_by_year``): one paginated Query of the ``YEAR#yyyy``
partition per year; year links carry a compact award list, the document's
bloc ids and locality, so grouping by bloc or locality needs no record. An
award counts once, in the **earliest campaign year** of its document (a
review of 2022 held with the 2023 pact is 2022's), so totals over years do
not double count. Stale links are dropped after a projected BatchGetItem of
the META items (``ver``, ``status``). Grouping by unit (the named recipients)
and the proposed/granted status need the full record, fetched the same way.

Activity (``activity``): one paginated Query of the ``DATE#yyyy`` partition
per year (every document under the year of its date), counted per month or
year, optionally by event type, bloc or locality.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from thidua.query import facets
from thidua.query.documents import is_current, record_of
from thidua.query.errors import InvalidFilter
from thidua.query.filters import MAX_YEAR, MIN_YEAR
from thidua.query.labels import AWARD_LABELS, EVENT_LABELS
from thidua.query.models import ActivityRow, ActivityStats, AwardRow, AwardStats
from thidua.query.reads import Item, Reader
from thidua.understand.entities import unit_id

AwardGroup = Literal["bloc", "unit", "locality"]
ActivityGroup = Literal["event_type", "bloc", "locality"]
Period = Literal["month", "year"]
MAX_YEARS = 50
DEFAULT_YEARS = 10


def year_range(reader: Reader, year: int | None, year_from: int | None, year_to: int | None) -> list[int]:
    """The years a stats request covers: one year, a range, or the years the index knows (last 10)."""
    if year is not None:
        if year_from is not None or year_to is not None:
            raise InvalidFilter("year", "dùng year hoặc year_from/year_to, không dùng cả hai")
        return [year]
    if year_from is None and year_to is None:
        known = reader.years()
        known = [y for y in known if MIN_YEAR <= y <= MAX_YEAR]
        return known[-DEFAULT_YEARS:]
    lo = year_from if year_from is not None else (year_to or MAX_YEAR) - DEFAULT_YEARS + 1
    hi = year_to if year_to is not None else lo + DEFAULT_YEARS - 1
    if lo > hi:
        raise InvalidFilter("year_from", "year_from lớn hơn year_to")
    if hi - lo + 1 > MAX_YEARS:
        raise InvalidFilter("year_to", f"tối đa {MAX_YEARS} năm mỗi lần")
    return list(range(max(lo, MIN_YEAR), min(hi, MAX_YEAR) + 1))


@dataclass
class _Counter:
    reader: Reader
    trips: int = 0

    def partition(self, facet: str) -> Iterator[Item]:
        """Every link of one facet partition, oldest first, page after page."""
        start: dict[str, Any] | None = None
        while True:
            page = self.reader.links(facet, newest_first=False, start_key=start)
            self.trips += page.round_trips
            yield from page.items
            if page.last_key is None:
                return
            start = page.last_key

    def current(self, links: list[Item], *, full: bool) -> list[tuple[Item, Item]]:
        """(link, META) pairs whose link is of the document's current version."""
        if not links:
            return []
        ids = sorted({str(i["doc_id"]) for i in links})
        attrs = None if full else ["ver", "status"]
        metas = self.reader.metas(ids, attrs)
        self.trips += (len(ids) + 99) // 100
        out = []
        for link in links:
            meta = metas.get(str(link["doc_id"]))
            if meta is not None and is_current(meta, link):
                out.append((link, meta))
        return out


@dataclass
class _Cell:
    count: int = 0
    entries: int = 0
    docs: set[str] = field(default_factory=set)


def _recipient_units(meta: Item, award_index: int) -> list[str | None]:
    """Unit ids of an award's named recipients (None when it names none)."""
    record = record_of(meta)
    if record is None or award_index >= len(record.awards):
        return [None]
    ids = [unit_id(name, record.locality) for name in record.awards[award_index].recipients]
    return list(dict.fromkeys(ids)) or [None]


def awards_by_year(
    reader: Reader,
    years: Iterable[int],
    *,
    group_by: AwardGroup | None = None,
    award: str | None = None,
    status: Literal["proposed", "granted"] | None = None,
) -> AwardStats:
    """Award counts by year × award type (× bloc, unit or locality)."""
    counter = _Counter(reader)
    cells: dict[tuple[int, str, str | None], _Cell] = defaultdict(_Cell)
    year_list = sorted(set(years))
    full = group_by == "unit" or status is not None
    for year in year_list:
        links = [
            link
            for link in counter.partition(facets.year_facet(year))
            if link.get("awards") and min(int(y) for y in link.get("years") or [year]) == year
        ]
        for link, meta in counter.current(links, full=full):
            doc = str(link["doc_id"])
            record = record_of(meta) if full else None
            for index, entry in enumerate(link["awards"]):
                kind, count = str(entry[0]), int(entry[1])
                if award is not None and kind != award:
                    continue
                if (
                    status is not None
                    and record is not None
                    and (index >= len(record.awards) or record.awards[index].status != status)
                ):
                    continue
                groups: list[str | None]
                if group_by == "bloc":
                    groups = list(link.get("blocs") or []) or [None]
                elif group_by == "locality":
                    groups = [link.get("locality")]
                elif group_by == "unit":
                    groups = _recipient_units(meta, index)
                else:
                    groups = [None]
                for group in groups:
                    cell = cells[(year, kind, group)]
                    cell.count += count
                    cell.entries += 1
                    cell.docs.add(doc)
    names = _group_names(reader, counter, group_by, {k[2] for k in cells if k[2] is not None})
    rows = [
        AwardRow(
            year=y,
            award=a,
            award_label=AWARD_LABELS.get(a, a),
            group=g,
            group_name=names.get(g) if g else None,
            count=c.count,
            entries=c.entries,
            documents=len(c.docs),
        )
        for (y, a, g), c in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    ]
    return AwardStats(years=year_list, group_by=group_by, rows=rows, round_trips=counter.trips)


def _group_names(reader: Reader, counter: _Counter, group_by: str | None, groups: set[str]) -> dict[str, str]:
    if group_by in ("bloc", "unit") and groups:
        found = reader.entities(sorted(groups))
        counter.trips += (len(groups) + 99) // 100
        return {g: str(found[g].get("name") or g) if g in found else g for g in groups}
    if group_by == "event_type":
        return {g: EVENT_LABELS.get(g, g) for g in groups}
    return {g: g for g in groups}


def activity(
    reader: Reader,
    years: Iterable[int],
    *,
    period: Period = "month",
    by: ActivityGroup | None = None,
) -> ActivityStats:
    """Documents and events per month or year of the documents' date, optionally grouped."""
    counter = _Counter(reader)
    docs: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    events: dict[tuple[str, str | None], int] = defaultdict(int)
    year_list = sorted(set(years))
    for year in year_list:
        links = list(counter.partition(facets.date_facet(year)))
        for link, _meta in counter.current(links, full=False):
            day = str(link["gsi1sk"]).split("#", 1)[0]
            key_period = day[:7] if period == "month" else day[:4]
            types = list(link.get("event_types") or [])
            doc = str(link["doc_id"])
            if by == "event_type":
                for t in types:
                    docs[(key_period, t)].add(doc)
                    events[(key_period, t)] += 1
                continue
            groups: list[str | None]
            if by == "bloc":
                groups = list(link.get("blocs") or []) or [None]
            elif by == "locality":
                groups = [link.get("locality")]
            else:
                groups = [None]
            for group in groups:
                docs[(key_period, group)].add(doc)
                events[(key_period, group)] += len(types)
    names = _group_names(reader, counter, by, {k[1] for k in docs if k[1] is not None})
    rows = [
        ActivityRow(
            period=p, group=g, group_name=names.get(g) if g else None, documents=len(d), events=events[(p, g)]
        )
        for (p, g), d in sorted(docs.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]
    return ActivityStats(years=year_list, period=period, by=by, rows=rows, round_trips=counter.trips)
