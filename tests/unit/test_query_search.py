"""Search: combinable filters, newest first, complete pages, sealed cursors, no Scan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from query_support import KEY, forbid_scan, moto_index, put, record, source

from thidua.query.dynamo import DynamoReader
from thidua.query.errors import AmbiguousEntity, InvalidCursor, UnknownEntity
from thidua.query.filters import check_filters
from thidua.query.search import plan_for, search
from thidua.query.synthetic import records
from thidua.store import Index, items, keys
from thidua.understand.entities import bloc_id, leader_id, unit_id

D = dt.date


@pytest.fixture
def index(monkeypatch: pytest.MonkeyPatch) -> Iterator[Index]:
    with moto_index() as idx:
        forbid_scan(idx.client, monkeypatch)
        yield idx


def _ids(reader: DynamoReader, **filters: Any) -> list[str]:
    """Every hit of a search, following cursors, page size 2."""
    out: list[str] = []
    cursor = None
    f = check_filters(**filters)
    while True:
        page = search(reader, f, cursor_key=KEY, cursor=cursor, page_size=2)
        out.extend(h.doc_id for h in page.hits)
        if not page.next_cursor:
            return out
        cursor = page.next_cursor


def test_filters_combine_newest_first(index: Index) -> None:
    ids = put(
        index,
        [
            record(D(2023, 3, 1), units=["Sở Nội vụ", "Sở Y tế"], events=["tong_ket"], bloc="Khối thi đua I"),
            record(D(2023, 9, 1), units=["Sở Nội vụ"], events=["so_ket"], bloc="Khối thi đua II"),
            record(D(2022, 12, 1), units=["Sở Nội vụ"], events=["tong_ket"], bloc="Khối thi đua I"),
            record(D(2023, 6, 1), units=["Sở Y tế"], events=["tong_ket"], bloc="Khối thi đua I"),
            record(
                D(2024, 1, 5),
                units=["Sở Nội vụ"],
                years=[2023, 2024],
                events=["tong_ket", "ky_ket_giao_uoc"],
                bloc="Khối thi đua I",
            ),
        ],
    )
    reader = DynamoReader.from_index(index)
    assert _ids(reader, unit="so noi vu") == [ids[4], ids[1], ids[0], ids[2]]
    assert _ids(reader, unit="so noi vu", year=2023) == [ids[4], ids[1], ids[0]]
    assert _ids(reader, unit="so noi vu", year=2023, event_type="tong_ket") == [ids[4], ids[0]]
    assert _ids(reader, unit="so noi vu", bloc="khoi thi dua I", event_type="tong_ket") == [
        ids[4],
        ids[0],
        ids[2],
    ]
    assert _ids(reader, bloc="Khối thi đua I", year=2023) == [ids[4], ids[3], ids[0]]
    assert _ids(reader, event_type="ky_ket_giao_uoc") == [ids[4]]
    assert _ids(reader, year=2022) == [ids[2]]
    assert _ids(reader, unit="so y te", date_from="2023-01-01", date_to="2023-03-31") == [ids[0]]
    assert _ids(reader, date_from="2023-06-01", date_to="2023-12-31") == [ids[1], ids[3]]
    assert _ids(reader) == [ids[4], ids[1], ids[3], ids[0], ids[2]]


def test_leader_award_and_locality_filters(index: Index) -> None:
    ids = put(
        index,
        [
            record(
                D(2023, 4, 1),
                units=["Sở Tư pháp"],
                locality="Nghệ An",
                leaders=[("Phạm Thị Lan", "Giám đốc Sở Tư pháp", "Sở Tư pháp")],
                awards=[("giay_khen", 5, "tap_the", "granted", [])],
            ),
            record(
                D(2023, 5, 1),
                units=["Sở Tư pháp"],
                locality="Cà Mau",
                awards=[("co_thi_dua_chinh_phu", 1, "tap_the", "proposed", ["Sở Tư pháp"])],
            ),
        ],
    )
    reader = DynamoReader.from_index(index)
    assert _ids(reader, leader="pham thi lan") == [ids[0]]
    assert _ids(reader, award="Giấy khen") == [ids[0]]
    assert _ids(reader, locality="ca mau") == [ids[1]]
    assert _ids(reader, unit="Sở Tư pháp", locality="Nghệ An") == [ids[0]]


def test_hit_shows_date_title_events_blocs_and_evidence(index: Index) -> None:
    put(
        index,
        [
            record(
                D(2023, 3, 1),
                units=["Sở Nội vụ"],
                events=["tong_ket"],
                bloc="Khối thi đua IV",
                leaders=[("Vũ Minh Quân", "Giám đốc", "Sở Nội vụ")],
                title="Tổng kết Khối IV",
            )
        ],
    )
    page = search(
        DynamoReader.from_index(index), check_filters(unit="Sở Nội vụ", leader="Vũ Minh Quân"), cursor_key=KEY
    )
    hit = page.hits[0]
    assert (hit.date, hit.title, hit.event_types) == ("2023-03-01", "Tổng kết Khối IV", ["tong_ket"])
    assert [b.id for b in hit.blocs] == [bloc_id("Khối thi đua IV")]
    facets = {e.facet: e.sentence for e in hit.evidence}
    assert facets[keys.leader_facet(leader_id("Vũ Minh Quân"))] == "Ông Vũ Minh Quân, Giám đốc phát biểu."
    assert facets[keys.unit_facet(unit_id("Sở Nội vụ"))] == "Đại diện Sở Nội vụ dự hội nghị."
    assert hit.source and hit.source.startswith("s3://uploads/")
    assert hit.url == f"/documents/{hit.doc_id}"
    assert [r.id for r in page.resolved] == [unit_id("Sở Nội vụ"), leader_id("Vũ Minh Quân")]


def test_pages_are_complete_without_duplicates(index: Index) -> None:
    ids = put(index, list(records(50, seed=3)))
    reader = DynamoReader.from_index(index)
    seen = _ids(reader, unit="so noi vu")
    assert len(seen) == len(set(seen))
    expected = set()
    for doc_id in ids:
        meta = index.get_document(doc_id)
        assert meta and meta.record
        if any(u.id == unit_id("Sở Nội vụ") for u in meta.record.units):
            expected.add(doc_id)
    assert set(seen) == expected and len(expected) > 3
    dates = [index.get_document(d).sort_date for d in seen]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)


def test_unit_and_year_page_costs_few_round_trips(index: Index) -> None:
    put(index, list(records(50, seed=5)))
    reader = DynamoReader.from_index(index)
    page = search(reader, check_filters(unit="unit:so-noi-vu", year=2022), cursor_key=KEY, page_size=5)
    assert page.hits
    assert page.round_trips == 2  # one Query of the unit × year partition, one BatchGetItem


def test_stale_links_are_not_shown(index: Index) -> None:
    old_src, new_src = source("changed.txt", "v1"), source("changed.txt", "v2")
    old_record = record(D(2023, 1, 2), units=["Sở Y tế"])
    index.replace_document(old_src, old_record, extractor_version="test")
    index.replace_document(new_src, record(D(2023, 1, 2), units=["Sở Nội vụ"]), extractor_version="test")
    # A crash between the META switch and the cleanup leaves links of the older version behind.
    for item in items.link_items(old_src, old_record, extractor_version="test"):
        index.client.put_item(TableName=index.table_name, Item=item)
    reader = DynamoReader.from_index(index)
    assert _ids(reader, unit="unit:so-y-te") == []
    assert _ids(reader, unit="unit:so-noi-vu") == [new_src.ref.doc_id]


def test_failed_and_removed_documents_are_not_shown(index: Index) -> None:
    ids = put(index, [record(D(2023, 1, 2), units=["Sở Nội vụ"]), record(D(2023, 1, 3), units=["Sở Nội vụ"])])
    index.put_failed(source("doc-00000.txt"), "corrupt: broken pdf", extractor_version="test")
    index.delete_document(source("doc-00001.txt").ref, sequencer="0055AED6DCD90281E5")
    assert ids and _ids(DynamoReader.from_index(index), year=2023) == []


def test_tampered_or_foreign_cursor_is_refused(index: Index) -> None:
    put(index, list(records(30, seed=2)))
    reader = DynamoReader.from_index(index)
    f = check_filters(year=2022)
    page = search(reader, f, cursor_key=KEY, page_size=2)
    assert page.next_cursor
    body, mac = page.next_cursor.split(".")
    with pytest.raises(InvalidCursor):
        search(reader, f, cursor_key=KEY, cursor=body[:-2] + "AA." + mac, page_size=2)
    with pytest.raises(InvalidCursor):
        search(reader, check_filters(year=2021), cursor_key=KEY, cursor=page.next_cursor, page_size=2)
    with pytest.raises(InvalidCursor):
        search(reader, f, cursor_key=KEY, cursor=page.next_cursor, page_size=3)


def test_names_must_resolve(index: Index) -> None:
    put(
        index,
        [
            record(D(2023, 1, 2), units=["Công an tỉnh"], locality="Sơn La"),
            record(D(2023, 1, 2), units=["Công an tỉnh"], locality="Cà Mau"),
        ],
    )
    reader = DynamoReader.from_index(index)
    with pytest.raises(AmbiguousEntity):
        search(reader, check_filters(unit="cong an tinh"), cursor_key=KEY)
    with pytest.raises(UnknownEntity):
        search(reader, check_filters(unit="Sở Ngoại vụ"), cursor_key=KEY)
    assert len(_ids(reader, unit="cong an tinh son la")) == 1


def test_plan_uses_most_selective_key() -> None:
    f = check_filters(unit="unit:a", bloc="bloc:b", leader="leader:c", year=2023, award="giay_khen")
    plan = plan_for(f)
    assert plan.partitions == ["LEADER#leader:c"]
    assert plan.year == 2023
    assert set(plan.required) == {"UNIT#unit:a", "BLOC#bloc:b", "AWARD#giay_khen"}
    assert plan.windowed and (plan.sk_from, plan.sk_to) == ("2022-10", "2024-03~~")
    unit_year = plan_for(check_filters(unit="unit:a", year=2023, event_type="tong_ket"))
    assert unit_year.partitions == ["UNIT#unit:a"] and unit_year.year == 2023 and unit_year.windowed
    assert unit_year.required == ["EVENT#tong_ket"] and unit_year.key_facet == "UNIT#unit:a"
    # A date range replaces the year window (main links, full years).
    ranged = plan_for(check_filters(unit="unit:a", year=2023, date_from="2025-01-01"))
    assert not ranged.windowed and ranged.sk_from == "2025-01-01" and ranged.year == 2023
    # Broad facets with a year read the exact year partition and check the facet.
    award_year = plan_for(check_filters(award="giay_khen", year=2023, locality="Nghệ An"))
    assert award_year.partitions == ["YEAR#2023"] and award_year.year is None
    assert set(award_year.required) == {"AWARD#giay_khen", keys.locality_facet("Nghệ An")}
    walk = plan_for(check_filters(date_from="2021-05-01"), [2019, 2021, 2023])
    assert walk.partitions == ["DATE#2023", "DATE#2021"] and walk.sk_from == "2021-05-01"
    assert plan_for(check_filters(), [2022, 2023]).partitions == ["DATE#2023", "DATE#2022", "DATE#0000"]


def test_year_windows_find_spans_and_undated_documents_once(index: Index) -> None:
    unit_a = "Sở Tài chính"
    ids = put(
        index,
        [
            record(D(2025, 9, 4), units=[unit_a], years=list(range(2020, 2031))),  # a ten-year plan
            record(D(2021, 5, 1), units=[unit_a], years=[2021]),
            record(None, units=[unit_a], years=[2019, 2020, 2021, 2022]),  # undated review
            record(D(2018, 3, 1), units=[unit_a], years=list(range(2018, 2024))),  # an older plan
            record(D(2022, 12, 30), units=[unit_a], years=[2022]),
            record(D(2021, 6, 1), units=["Sở Y tế"], years=[2021]),
        ],
    )
    reader = DynamoReader.from_index(index)
    years_of = {
        ids[0]: set(range(2020, 2031)),
        ids[1]: {2021},
        ids[2]: {2019, 2020, 2021, 2022},
        ids[3]: set(range(2018, 2024)),
        ids[4]: {2022},
    }
    for year in range(2016, 2033):
        found = _ids(reader, unit="unit:so-tai-chinh", year=year)
        assert len(found) == len(set(found)), year
        assert set(found) == {d for d, ys in years_of.items() if year in ys}, year
    # Without a year every document shows once, newest first (the undated one at its last year).
    assert _ids(reader, unit="unit:so-tai-chinh") == [ids[0], ids[4], ids[2], ids[1], ids[3]]
    # A date range far from the year still finds the document dated in it.
    assert _ids(reader, unit="unit:so-tai-chinh", year=2021, date_from="2025-01-01") == [ids[0]]
    # The year partition is exact too.
    assert set(_ids(reader, year=2027)) == {ids[0]}
    page = search(reader, check_filters(unit="unit:so-tai-chinh", year=2027), cursor_key=KEY)
    assert page.hits[0].date == "2025-09-04" and page.hits[0].years == list(range(2020, 2031))


def test_a_sparse_year_window_gathers_links_then_reads_meta_once(index: Index) -> None:
    # 45 documents about 2024 dated January to March 2024 sit at the newest end of 2023's window.
    later = [record(D(2024, 1 + n % 3, 1 + n % 28), units=["Sở Y tế"], years=[2024]) for n in range(45)]
    about_2023 = [record(D(2023, 6, 1 + n), units=["Sở Y tế"], years=[2023]) for n in range(3)]
    ids = put(index, [*later, *about_2023])
    reader = DynamoReader.from_index(index)
    calls: list[str] = []
    real = reader._call

    def counted(op: str, **kwargs: Any) -> Any:
        calls.append(op)
        return real(op, **kwargs)

    reader._call = counted  # type: ignore[method-assign]
    page = search(reader, check_filters(unit="unit:so-y-te", year=2023), cursor_key=KEY, page_size=3)
    assert [h.doc_id for h in page.hits] == list(reversed(ids[45:]))
    assert calls.count("batch_get_item") == 1 and calls.count("query") >= 2
    assert page.next_cursor is None
