"""Entity pages: a unit's blocs by year, a bloc's members and heads, a leader's titles over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from query_support import moto_index, put, record

from thidua.query.dynamo import DynamoReader
from thidua.query.errors import UnknownEntity
from thidua.query.pages import bloc_page, leader_page, unit_page
from thidua.understand.entities import bloc_id, leader_id, unit_id

D = dt.date
BLOC8 = "Khối thi đua VIII"


@pytest.fixture(scope="module")
def reader() -> Iterator[DynamoReader]:
    with moto_index("thidua-pages") as index:
        put(
            index,
            [
                record(
                    D(2022, 3, 1),
                    units=["Sở Tư pháp", "Sở Y tế"],
                    bloc=BLOC8,
                    head="Sở Y tế",
                    events=["ky_ket_giao_uoc"],
                    leaders=[("Hồ Thị Mai", "Phó Giám đốc Sở Tư pháp", "Sở Tư pháp")],
                ),
                record(
                    D(2023, 12, 20),
                    units=["Sở Tư pháp", "Sở Xây dựng"],
                    bloc=BLOC8,
                    head="Sở Tư pháp",
                    events=["tong_ket", "binh_xet"],
                    leaders=[("Hồ Thị Mai", "Giám đốc Sở Tư pháp", "Sở Tư pháp")],
                    awards=[
                        ("co_thi_dua_bo_tinh", 1, "tap_the", "proposed", ["Sở Tư pháp"]),
                        ("giay_khen", 4, "ca_nhan", "granted", []),
                    ],
                ),
                record(D(2023, 5, 2), units=["Sở Tư pháp"], bloc="Khối thi đua II", events=["so_ket"]),
            ],
        )
        yield DynamoReader.from_index(index)


def test_unit_page(reader: DynamoReader) -> None:
    page = unit_page(reader, unit_id("Sở Tư pháp"))
    assert page.entity.name == "Sở Tư pháp" and page.documents == 3
    by_year = {(b.year, b.bloc.id): b.head for b in page.blocs_by_year}
    assert by_year == {
        (2022, bloc_id(BLOC8)): False,
        (2023, bloc_id(BLOC8)): True,
        (2023, bloc_id("Khối thi đua II")): False,
    }
    assert [(s.leader.id, s.titles, s.years) for s in page.leaders] == [
        (leader_id("Hồ Thị Mai"), ["Giám đốc Sở Tư pháp", "Phó Giám đốc Sở Tư pháp"], [2022, 2023])
    ]
    assert [(a.award, a.count, a.status) for a in page.awards] == [("co_thi_dua_bo_tinh", 1, "proposed")]
    assert [t.date for t in page.timeline] == ["2023-12-20", "2023-05-02", "2022-03-01"]


def test_unit_page_by_typed_name(reader: DynamoReader) -> None:
    assert unit_page(reader, "so tu phap").entity.id == unit_id("Sở Tư pháp")
    with pytest.raises(UnknownEntity):
        unit_page(reader, "unit:khong-co")


def test_bloc_page(reader: DynamoReader) -> None:
    page = bloc_page(reader, "khoi thi dua 8")
    assert page.entity.id == bloc_id(BLOC8) and page.documents == 2
    members = {
        m.year: ([u.name for u in m.members], m.head.name if m.head else None) for m in page.members_by_year
    }
    assert members == {
        2022: (["Sở Tư pháp", "Sở Y tế"], "Sở Y tế"),
        2023: (["Sở Tư pháp", "Sở Xây dựng"], "Sở Tư pháp"),
    }
    assert {(a.year, a.award, a.status, a.count) for a in page.awards} == {
        (2023, "co_thi_dua_bo_tinh", "proposed", 1),
        (2023, "giay_khen", "granted", 4),
    }
    assert [set(t.event_types) for t in page.timeline] == [{"tong_ket", "binh_xet"}, {"ky_ket_giao_uoc"}]


def test_leader_page(reader: DynamoReader) -> None:
    page = leader_page(reader, "Hồ Thị Mai")
    assert [(t.title, t.first, t.last) for t in page.titles] == [
        ("Phó Giám đốc Sở Tư pháp", "2022-03-01", "2022-03-01"),
        ("Giám đốc Sở Tư pháp", "2023-12-20", "2023-12-20"),
    ]
    assert page.documents == 2
