"""Dashboard aggregates equal what the records say (recomputed here from the records themselves)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from query_support import forbid_scan, moto_index, put, record, source

from thidua.query import stats
from thidua.query.dynamo import DynamoReader
from thidua.query.errors import InvalidFilter
from thidua.query.export import AWARD_COLUMNS, rows_csv
from thidua.query.synthetic import records
from thidua.store import Index
from thidua.understand.entities import unit_id
from thidua.understand.record import DocumentRecord

RECORDS = list(records(60, seed=11, years=(2020, 2023)))


@pytest.fixture(scope="module")
def indexed() -> Iterator[tuple[Index, list[DocumentRecord]]]:
    with moto_index() as index:
        put(index, RECORDS)
        # One document removed and one unreadable: neither may be counted.
        index.delete_document(source("doc-00000.txt").ref)
        index.put_failed(source("doc-00001.txt"), "corrupt: truncated", extractor_version="test")
        yield index, RECORDS[2:]


def _years(rec: DocumentRecord) -> list[int]:
    day = rec.event_date or rec.published
    return sorted(set(rec.campaign_years)) or ([day.year] if day else [])


def _award_year(rec: DocumentRecord) -> int | None:
    """The year under review (restated here from the stats definition, not imported)."""
    day = rec.event_date or rec.published
    years = sorted(set(rec.campaign_years)) or ([day.year] if day else [])
    if not years or day is None:
        return min(years) if years else None
    if day.month <= 6 and day.year - 1 in years:
        return day.year - 1
    if day.year in years:
        return day.year
    earlier = [y for y in years if y < day.year]
    return max(earlier) if earlier else min(years)


def expected_awards(
    recs: list[DocumentRecord], group_by: str | None, status: str | None = None
) -> dict[Any, int]:
    out: dict[Any, int] = defaultdict(int)
    for rec in recs:
        year = _award_year(rec)
        for award in rec.awards:
            if status and award.status != status:
                continue
            if group_by == "bloc":
                groups: list[Any] = sorted({b.id for b in rec.blocs}) or [None]
            elif group_by == "locality":
                groups = [rec.locality]
            elif group_by == "unit":
                groups = list(dict.fromkeys(unit_id(r, rec.locality) for r in award.recipients)) or [None]
            else:
                groups = [None]
            for g in groups:
                out[(year, award.award, g)] += award.count
    return dict(out)


def expected_activity(recs: list[DocumentRecord], period: str, by: str | None) -> dict[Any, tuple[int, int]]:
    docs: dict[Any, int] = defaultdict(int)
    events: dict[Any, int] = defaultdict(int)
    for rec in recs:
        day = rec.event_date or rec.published
        if day is None:
            continue
        key = day.isoformat()[:7] if period == "month" else str(day.year)
        if by == "event_type":
            for t in rec.event_types:
                docs[(key, t)] += 1
                events[(key, t)] += 1
            continue
        if by == "bloc":
            groups: list[Any] = sorted({b.id for b in rec.blocs}) or [None]
        elif by == "locality":
            groups = [rec.locality]
        else:
            groups = [None]
        for g in groups:
            docs[(key, g)] += 1
            events[(key, g)] += len(rec.event_types)
    return {k: (docs[k], events[k]) for k in docs}


@pytest.mark.parametrize("group_by", [None, "bloc", "locality", "unit"])
def test_awards_equal_records(
    indexed: tuple[Index, list[DocumentRecord]], group_by: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, recs = indexed
    forbid_scan(index.client, monkeypatch)
    result = stats.awards_by_year(DynamoReader.from_index(index), range(2018, 2025), group_by=group_by)
    got = {(r.year, r.award, r.group): r.count for r in result.rows}
    assert got == expected_awards(recs, group_by)
    assert sum(got.values()) > 0


def test_awards_by_status_and_type(indexed: tuple[Index, list[DocumentRecord]]) -> None:
    index, recs = indexed
    reader = DynamoReader.from_index(index)
    result = stats.awards_by_year(reader, range(2018, 2025), status="proposed")
    assert {(r.year, r.award, r.group): r.count for r in result.rows} == expected_awards(
        recs, None, "proposed"
    )
    only = stats.awards_by_year(reader, range(2018, 2025), award="giay_khen")
    assert {r.award for r in only.rows} <= {"giay_khen"}


def test_awards_for_one_year_is_that_year(indexed: tuple[Index, list[DocumentRecord]]) -> None:
    index, recs = indexed
    result = stats.awards_by_year(DynamoReader.from_index(index), [2022])
    want = {k: v for k, v in expected_awards(recs, None).items() if k[0] == 2022}
    assert {(r.year, r.award, r.group): r.count for r in result.rows} == want
    assert result.round_trips <= 4  # one Query page + one projected BatchGetItem per 100 documents


@pytest.mark.parametrize(
    ("period", "by"),
    [("month", None), ("year", None), ("year", "event_type"), ("month", "bloc"), ("year", "locality")],
)
def test_activity_equals_records(
    indexed: tuple[Index, list[DocumentRecord]], period: Any, by: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, recs = indexed
    forbid_scan(index.client, monkeypatch)
    result = stats.activity(DynamoReader.from_index(index), range(2018, 2025), period=period, by=by)
    got = {(r.period, r.group): (r.documents, r.events) for r in result.rows}
    assert got == expected_activity(recs, period, by)


def test_default_years_come_from_the_index(indexed: tuple[Index, list[DocumentRecord]]) -> None:
    index, _ = indexed
    reader = DynamoReader.from_index(index)
    years = stats.year_range(reader, None, None, None)
    assert years and min(years) >= 2019 and max(years) <= 2024
    assert stats.year_range(reader, 2021, None, None) == [2021]
    assert stats.year_range(reader, None, 2020, 2022) == [2020, 2021, 2022]
    with pytest.raises(InvalidFilter):
        stats.year_range(reader, None, 2023, 2020)
    with pytest.raises(InvalidFilter):
        stats.year_range(reader, None, 1950, 2050)
    with pytest.raises(InvalidFilter):
        stats.year_range(reader, 2020, 2019, None)


def test_award_counted_once_in_its_first_campaign_year() -> None:
    with moto_index("thidua-one-award") as index:
        put(
            index,
            [
                record(
                    dt.date(2023, 1, 15),
                    units=["Sở Y tế"],
                    years=[2022, 2023],
                    awards=[("giay_khen", 7, "tap_the", "granted", [])],
                )
            ],
        )
        reader = DynamoReader.from_index(index)
        rows = stats.awards_by_year(reader, [2022, 2023]).rows
        assert [(r.year, r.count, r.documents) for r in rows] == [(2022, 7, 1)]


def test_csv_has_header_and_rows(indexed: tuple[Index, list[DocumentRecord]]) -> None:
    index, _ = indexed
    result = stats.awards_by_year(DynamoReader.from_index(index), [2021], group_by="bloc")
    lines = rows_csv(result.rows, AWARD_COLUMNS).splitlines()
    assert lines[0] == ",".join(AWARD_COLUMNS)
    assert len(lines) == len(result.rows) + 1
