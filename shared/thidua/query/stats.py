"""Dashboard aggregates from key-ordered Queries (never a Scan).

Awards (``awards_by_year``): one paginated, projected Query of the
``YEAR#yyyy`` partition per year, keeping the links that carry awards. An
award counts once, in its document's **award year**
(:func:`thidua.store.facets.award_year`: the year under review, so a review of
2022 held with the 2023 pact in January 2023 is 2022's), so totals over years do
not double count: only that year's link carries the document's compact award
list (type, count, recipient kind, status, recipient unit ids) next to its
blocs and locality, so every grouping and filter is answered from the links.

Activity (``activity``): one paginated, projected Query of the ``DATE#yyyy``
partition per year (every document under the year of its date), counted per
month or year, optionally by event type, bloc or locality.

No META is read: links are written only after their META names their version
and the replaced version's are deleted right after (:mod:`thidua.store.index`),
so a partition holds one link per document but for the moment a re-indexed
document's date moves; of two links of one document the newer (``rev``) counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from thidua.query import facets
from thidua.query.errors import InvalidFilter
from thidua.query.filters import MAX_YEAR, MIN_YEAR
from thidua.query.labels import AWARD_LABELS, EVENT_LABELS
from thidua.query.models import ActivityRow, ActivityStats, AwardRow, AwardStats
from thidua.query.reads import Item, Reader

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

    def partition(self, facet: str, attrs: list[str], having: str | None = None) -> list[Item]:
        """The links of one facet partition (one per document: the newest revision), page after page."""
        newest: dict[str, Item] = {}
        start: dict[str, Any] | None = None
        while True:
            page = self.reader.links(
                facet, newest_first=False, start_key=start, attrs=[*attrs, "rev"], having=having
            )
            self.trips += page.round_trips
            for link in page.items:
                doc = str(link["doc_id"])
                if doc not in newest or int(link.get("rev") or 0) > int(newest[doc].get("rev") or 0):
                    newest[doc] = link
            if page.last_key is None:
                return list(newest.values())
            start = page.last_key


@dataclass
class _Cell:
    count: int = 0
    entries: int = 0
    docs: set[str] = field(default_factory=set)


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
    names: dict[str, str] = {}
    year_list = sorted(set(years))
    for year in year_list:
        for link in counter.partition(facets.year_facet(year), ["aw", "hit"], having="aw"):
            doc = str(link["doc_id"])
            for kind, count, _recipient, award_status, units in link["aw"]:
                if (award is not None and kind != award) or (status is not None and award_status != status):
                    continue
                groups: list[str | None]
                if group_by == "bloc":
                    refs = link.get("blocs") or []
                    names.update((str(i), str(n)) for i, n in refs)
                    groups = [*sorted({str(i) for i, _n in refs})] or [None]
                elif group_by == "locality":
                    groups = [link.get("loc")]
                elif group_by == "unit":
                    groups = [str(u) for u in units] or [None]
                else:
                    groups = [None]
                for group in groups:
                    cell = cells[(year, str(kind), group)]
                    cell.count += int(count)
                    cell.entries += 1
                    cell.docs.add(doc)
    wanted = {k[2] for k in cells if k[2] is not None} - set(names)
    names.update(_group_names(reader, counter, group_by, wanted))
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
    names: dict[str, str] = {}
    year_list = sorted(set(years))
    for year in year_list:
        for link in counter.partition(facets.date_facet(year), ["hit"]):
            day = str(link["sk"]).split("#", 1)[0]
            key_period = day[:7] if period == "month" else day[:4]
            types = list(link.get("types") or [])
            doc = str(link["doc_id"])
            if by == "event_type":
                for t in types:
                    docs[(key_period, t)].add(doc)
                    events[(key_period, t)] += 1
                continue
            groups: list[str | None]
            if by == "bloc":
                refs = link.get("blocs") or []
                names.update((str(i), str(n)) for i, n in refs)
                groups = [*sorted({str(i) for i, _n in refs})] or [None]
            elif by == "locality":
                groups = [link.get("loc")]
            else:
                groups = [None]
            for group in groups:
                docs[(key_period, group)].add(doc)
                events[(key_period, group)] += len(types)
    wanted = {k[1] for k in docs if k[1] is not None} - set(names)
    names.update(_group_names(reader, counter, by, wanted))
    rows = [
        ActivityRow(
            period=p, group=g, group_name=names.get(g) if g else None, documents=len(d), events=events[(p, g)]
        )
        for (p, g), d in sorted(docs.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]
    return ActivityStats(years=year_list, period=period, by=by, rows=rows, round_trips=counter.trips)
