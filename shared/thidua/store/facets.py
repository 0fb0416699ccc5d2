"""What a record is found by: its facets (unit, bloc, leader, event, award, place, year, date).

Each facet becomes a link item under the facet's partition (:mod:`thidua.store.items`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from thidua.store import keys
from thidua.understand.entities import unit_id
from thidua.understand.record import DocumentRecord, EvidenceOut

EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class Facet:
    key: str
    name: str
    evidence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _sentence(evidence: EvidenceOut | None) -> str | None:
    """The evidence sentence, clipped to EVIDENCE_CHARS (link items stay small)."""
    if evidence is None or not evidence.sentence:
        return None
    text = evidence.sentence
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


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
