"""Forgiving entity resolution against the catalogue the store writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from query_support import moto_index, put, record

from thidua.query.dynamo import DynamoReader
from thidua.query.errors import AmbiguousEntity, UnknownEntity
from thidua.query.resolve import resolve, suggest
from thidua.understand.entities import bloc_id, leader_id, unit_id

DAY = dt.date(2023, 5, 4)


@pytest.fixture
def reader() -> Iterator[DynamoReader]:
    with moto_index() as index:
        put(
            index,
            [
                record(
                    DAY,
                    units=["Sở Nội vụ", "Sở Tư pháp", "Ủy ban nhân dân thành phố"],
                    locality="Hải Phòng",
                    bloc="Khối thi đua số 8",
                    leaders=[("Lê Văn Hòa", "Giám đốc Sở Nội vụ", "Sở Nội vụ")],
                ),
                record(
                    DAY,
                    units=["UBND thành phố", "Sở Nội vụ tỉnh Gia Lai", "Hội đồng nhân dân tỉnh"],
                    locality="Cần Thơ",
                    bloc="Cụm thi đua III",
                ),
                record(DAY, units=["Sở Tài chính"], locality="Gia Lai", bloc="Khối thi đua VII"),
            ],
        )
        yield DynamoReader.from_index(index)


@pytest.mark.parametrize("typed", ["Sở Nội vụ", "sở nội vụ", "SỞ NỘI VỤ", "so noi vu", "  So  Noi   Vu "])
def test_case_and_diacritics(reader: DynamoReader, typed: str) -> None:
    assert resolve(reader, "unit", typed).id == unit_id("Sở Nội vụ")


def test_old_and_new_tone_placement(reader: DynamoReader) -> None:
    expected = unit_id("Ủy ban nhân dân thành phố", "Hải Phòng")
    assert resolve(reader, "unit", "Uỷ ban nhân dân thành phố Hải Phòng").id == expected
    assert resolve(reader, "leader", "Lê Văn Hoà").id == leader_id("Lê Văn Hòa")


def test_abbreviations(reader: DynamoReader) -> None:
    assert resolve(reader, "unit", "UBND TP Hải Phòng").id == unit_id(
        "Ủy ban nhân dân thành phố", "Hải Phòng"
    )
    assert resolve(reader, "unit", "HĐND tỉnh").id == unit_id("Hội đồng nhân dân tỉnh", "Cần Thơ")


def test_ambiguous_name_returns_candidates(reader: DynamoReader) -> None:
    with pytest.raises(AmbiguousEntity) as caught:
        resolve(reader, "unit", "UBND TP")
    ids = {c.id for c in caught.value.candidates}
    assert ids == {unit_id("Ủy ban nhân dân thành phố", "Hải Phòng"), unit_id("UBND thành phố", "Cần Thơ")}
    assert {c.locality for c in caught.value.candidates} == {"Hải Phòng", "Cần Thơ"}
    assert caught.value.payload()["candidates"]


def test_exact_name_wins_over_longer_names(reader: DynamoReader) -> None:
    # "Sở Nội vụ" is also the start of "Sở Nội vụ tỉnh Gia Lai"; the exact name is not ambiguous.
    assert resolve(reader, "unit", "so noi vu").id == unit_id("Sở Nội vụ")
    assert resolve(reader, "unit", "so noi vu tinh gia lai").id == unit_id("Sở Nội vụ tỉnh Gia Lai")


def test_words_in_any_order_fall_back(reader: DynamoReader) -> None:
    assert resolve(reader, "unit", "tai chinh").id == unit_id("Sở Tài chính")


def test_bloc_numbers_either_way(reader: DynamoReader) -> None:
    eight = bloc_id("Khối thi đua số 8")
    for typed in ("Khối thi đua số 8", "khoi thi dua 8", "Khối thi đua VIII", "khối 8"):
        assert resolve(reader, "bloc", typed).id == eight
    assert resolve(reader, "bloc", "cụm thi đua 3").id == bloc_id("Cụm thi đua III")
    assert resolve(reader, "bloc", "VII").id == bloc_id("Khối thi đua VII")


def test_leader_with_rank_or_honorific(reader: DynamoReader) -> None:
    for typed in ("ông Lê Văn Hòa", "Đồng chí Lê Văn Hòa", "Thiếu tướng Lê Văn Hòa", "le van hoa"):
        assert resolve(reader, "leader", typed).id == leader_id("Lê Văn Hòa")


def test_ids_resolve_directly(reader: DynamoReader) -> None:
    assert resolve(reader, "unit", unit_id("Sở Tư pháp")).name == "Sở Tư pháp"
    with pytest.raises(UnknownEntity):
        resolve(reader, "unit", "unit:khong-co")
    with pytest.raises(UnknownEntity):
        resolve(reader, "unit", bloc_id("Khối thi đua VII"))


def test_unknown_name_suggests_neighbours(reader: DynamoReader) -> None:
    with pytest.raises(UnknownEntity) as caught:
        resolve(reader, "unit", "Sở Ngoại vụ")
    assert caught.value.status == 404
    assert unit_id("Sở Nội vụ") in {c.id for c in caught.value.suggestions}


def test_typeahead_prefix(reader: DynamoReader) -> None:
    names = [c.name for c in suggest(reader, "unit", "so n")]
    assert "Sở Nội vụ" in names and "Sở Tư pháp" not in names
    assert [c.name for c in suggest(reader, "unit", "sở t")] == ["Sở Tư pháp", "Sở Tài chính"]
    assert suggest(reader, "bloc", "khoi thi dua v")[0].id == bloc_id("Khối thi đua VII")
    assert suggest(reader, "unit", "zzz") == []
