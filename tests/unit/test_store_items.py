"""Mapping between records/sources and DynamoDB items."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.store import cost, items, keys
from thidua.store.facets import EVIDENCE_CHARS, award_year
from thidua.store.models import SourceInfo, SourceRef
from thidua.store.typed import deserialize, serialize
from thidua.understand.entities import bloc_id, leader_id, unit_id, unit_key
from thidua.understand.record import AwardOut, BlocOut, DocumentRecord, EvidenceOut, LeaderOut, UnitOut

HASH = "0123456789abcdef" * 4


def _record() -> DocumentRecord:
    sentence = "Khối thi đua các sở ngành tổ chức hội nghị tổng kết công tác thi đua năm 2023."
    ev = EvidenceOut(sentence=sentence, start=0, end=10)
    return DocumentRecord(
        published=dt.date(2024, 1, 13),
        event_date=dt.date(2024, 1, 12),
        campaign_years=[2023],
        event_types=["tong_ket"],
        units=[
            UnitOut(name="Sở Xây dựng", id=unit_id("Sở Xây dựng"), key=unit_key("Sở Xây dựng"), evidence=ev),
            UnitOut(name="Sở Xây dựng", id=unit_id("Sở Xây dựng"), key=unit_key("Sở Xây dựng")),
        ],
        blocs=[BlocOut(name="Khối thi đua số 3", id=bloc_id("Khối thi đua số 3"), evidence=ev)],
        leaders=[LeaderOut(name="Trần Thị Bình", id=leader_id("Trần Thị Bình"), evidence=ev)],
        awards=[AwardOut(award="bang_khen_bo_tinh", count=4, recipient="tap_the", evidence=ev)],
        locality="Quảng Trị",
        title="Tổng kết thi đua năm 2023",
    )


def _source() -> SourceInfo:
    return SourceInfo(
        SourceRef.s3("uploads", "tin-tuc/bai.txt"),
        size=2048,
        content_hash=HASH,
        format="txt",
        sequencer="0055AED6DCD90281E5",
    )


def test_meta_round_trip_keeps_record_and_source() -> None:
    record = _record()
    item = items.meta_item(_source(), record, extractor_version="v1", updated_at="2024-01-12T00:00:00.000Z")
    assert item["pk"]["S"].startswith("DOC#") and item["sk"]["S"] == "META"
    assert "B" in item["record"]  # compressed, not a nested map
    doc = items.document_from_item(item)
    assert doc.record == record
    assert doc.status == "ok" and doc.ver == keys.version(HASH, "v1")
    assert doc.bucket == "uploads" and doc.key == "tin-tuc/bai.txt" and doc.size == 2048
    assert doc.sort_date == "2024-01-12" and doc.years == [2023]
    assert keys.unit_facet(unit_id("Sở Xây dựng")) in doc.facets
    assert item["status_pk"]["S"] == "STATUS#ok"
    assert doc.sequencer == keys.pad_sequencer("0055AED6DCD90281E5")


def test_one_link_per_distinct_facet_under_its_facet() -> None:
    updated_at = "2024-01-12T00:00:00.000Z"
    links = items.link_items(_source(), _record(), extractor_version="v1", updated_at=updated_at)
    facets = [i["pk"]["S"] for i in links]
    assert len(facets) == len(set(facets))  # the repeated unit gives one link
    kinds = sorted({keys.facet_kind(f) for f in facets})
    assert kinds == ["AWARD", "BLOC", "DATE", "EVENT", "LEADER", "LOCALITY", "UNIT", "YEAR"]
    doc_id = _source().ref.doc_id
    for item in links:
        assert item["sk"]["S"] == f"2024-01-12#{doc_id}"
        assert item["ver"]["S"] == keys.version(HASH, "v1")
        assert int(item["rev"]["N"]) == items.revision(updated_at)
    year = next(items.link_from_item(i) for i in links if i["pk"]["S"] == "YEAR#2023")
    assert year.awards == [("bang_khen_bo_tinh", 4, "tap_the")]
    year_item = items.unpack_link(deserialize(next(i for i in links if i["pk"]["S"] == "YEAR#2023")))
    assert year_item["aw"] == [["bang_khen_bo_tinh", 4, "tap_the", "unknown", []]]
    assert year.blocs == [bloc_id("Khối thi đua số 3")] and year.locality == "Quảng Trị"
    date = items.unpack_link(deserialize(next(i for i in links if i["pk"]["S"] == "DATE#2024")))
    assert date["types"] == ["tong_ket"] and date["title"] == "Tổng kết thi đua năm 2023"
    assert date["src"] == "s3://uploads/tin-tuc/bai.txt"


def test_links_fit_one_write_unit_and_evidence_is_clipped() -> None:
    record = _record()
    long_sentence = "Hội nghị " + "rất " * 200 + "thành công."
    record.units[0].evidence = EvidenceOut(sentence=long_sentence, start=0, end=5)
    record.title = "Tổng kết công tác thi đua khen thưởng của các sở, ban, ngành " * 6
    links = items.link_items(_source(), record, extractor_version="v1")
    unit = items.unpack_link(deserialize(next(i for i in links if i["pk"]["S"].startswith("UNIT#"))))
    assert len(unit["ev"]) <= EVIDENCE_CHARS and unit["ev"].endswith("…")
    assert all(cost.item_size(i) <= items.LINK_BUDGET for i in links)
    assert all(items.unpack_link(deserialize(i)).get("title") for i in links)  # shortened, not dropped


def test_undated_document_without_years_sits_in_date_0000() -> None:
    record = DocumentRecord(units=[UnitOut(name="Sở Y tế", id=unit_id("Sở Y tế"), key=unit_key("Sở Y tế"))])
    links = items.link_items(_source(), record, extractor_version="v1")
    assert sorted(i["pk"]["S"] for i in links) == ["DATE#0000", keys.unit_facet(unit_id("Sở Y tế"))]
    assert {i["sk"]["S"] for i in links} == {f"0000-00-00#{_source().ref.doc_id}"}


def test_link_keys_follow_from_meta_including_echoes() -> None:
    record = _record()
    record.campaign_years = list(range(2016, 2027))  # a ten-year span dated 2024: echo links
    source = _source()
    meta = items.document_from_item(
        items.meta_item(source, record, extractor_version="v1", updated_at="2024-01-12T00:00:00.000Z")
    )
    links = items.link_items(source, record, extractor_version="v1")
    assert items.meta_link_keys(meta) == {items.item_pk_sk(i) for i in links}
    echoes = [items.link_from_item(i) for i in links if "e" in i]
    assert echoes and all(e.facet.split("#")[0] in keys.WINDOWED for e in echoes)
    assert all(e.sort_date == "2024-01-12" for e in echoes)  # the real date rides along


def test_failed_meta_has_reason_and_no_record() -> None:
    item = items.failed_meta_item(_source(), "corrupt: no pages", extractor_version="v1", updated_at="t")
    doc = items.document_from_item(item)
    assert doc.status == "failed" and doc.reason == "corrupt: no pages" and doc.reason_code == "corrupt"
    assert doc.record is None and "facets" not in item
    assert item["status_pk"]["S"] == "STATUS#failed"


def test_entity_catalogue_items() -> None:
    entity_items = items.entity_items(_record())
    pks = sorted({i["pk"]["S"] for i in entity_items})
    assert "ENTITY#unit" in pks and "ENTITY#leader" in pks and "ENTITY#bloc" in pks
    assert f"ENTITY#{unit_id('Sở Xây dựng')}" in pks
    typeahead = next(i for i in entity_items if i["pk"]["S"] == "ENTITY#unit")
    assert typeahead["sk"]["S"].startswith("so xay dung#")


def test_write_units_of_a_typical_document() -> None:
    source, record = _source(), _record()
    meta = items.meta_item(source, record, extractor_version="v1", updated_at="2024-01-12T00:00:00.000Z")
    links = items.link_items(source, record, extractor_version="v1")
    from thidua.store.table import GSIS

    total = cost.put_cost(meta, GSIS)
    for link in links:
        total += cost.put_cost(link, GSIS)
    # Each link costs one table write and lands in no GSI; META lands in by_status.
    assert total.table == len(links) + cost.write_units(cost.item_size(meta))
    assert total.gsi == 1


def test_item_size_rules() -> None:
    assert cost.item_size({"a": {"S": "xin chào"}}) == 1 + len("xin chào".encode())
    assert cost.value_size({"N": "2023"}) == 3
    assert cost.value_size({"L": [{"N": "1"}, {"S": "ab"}]}) == 3 + (2 + 1) + (2 + 1)
    assert cost.write_units(1024) == 1 and cost.write_units(1025) == 2


@pytest.mark.parametrize(
    ("years", "sort_date", "expected"),
    [
        ([2022, 2023], "2023-01-12", 2022),  # review of 2022 held with the 2023 pact
        ([2023, 2024], "2023-12-20", 2023),  # year-end review with next year's pact
        ([2016, 2017, 2018, 2019, 2020, 2021], "2021-03-15", 2020),  # launch honouring 2016-2020
        ([2020, 2021, 2022, 2023, 2024, 2025], "2025-10-02", 2025),  # congress at the end of its term
        ([2026], "2025-12-30", 2026),  # only a later year named
        ([2019, 2020], keys.NO_DATE, 2019),  # undated: the earliest
        ([], "2024-05-01", None),
    ],
)
def test_award_year_is_the_year_under_review(years: list[int], sort_date: str, expected: int | None) -> None:
    assert award_year(years, sort_date) == expected


def test_serialize_matches_boto3_for_the_values_items_hold() -> None:
    from decimal import Decimal

    from boto3.dynamodb.types import TypeSerializer

    plain = {
        "s": "Sở Nội vụ",
        "n": 2023,
        "neg": -7,
        "d": Decimal("1.5"),
        "t": True,
        "b": b"\x00\x01",
        "l": ["a", 1, [2, "b"], {"k": False}],
        "m": {"x": {"y": ["z"]}, "n": 3},
        "ss": {"b", "a"},
        "ns": {3, 1},
        "gone": None,
        "empty": set(),
    }
    ours = serialize(plain)
    boto = {k: TypeSerializer().serialize(v) for k, v in plain.items() if v is not None and v != set()}
    for kind in ("ss", "ns"):  # sets: same members (boto3 keeps iteration order, we sort)
        (tag,) = boto[kind]
        assert ours[kind][tag] == sorted(boto[kind][tag])
        del ours[kind], boto[kind]
    assert ours == boto
    assert deserialize(serialize({"m": plain["m"], "l": plain["l"]})) == {
        "m": plain["m"],
        "l": plain["l"],
    }
    with pytest.raises(TypeError):
        serialize({"f": 0.5})
