"""Cited documents: number shapes, document types and dates."""

from __future__ import annotations

import datetime as dt

from thidua.understand.extract import understand


def _refs(text: str) -> list[tuple[str, str | None, dt.date | None]]:
    return [(r.number, r.kind, r.date) for r in understand(text).references]


def test_typed_reference_with_number_and_date() -> None:
    text = "Thực hiện Chỉ thị số 03/CT-UBND ngày 20/01/2024 của UBND tỉnh về phát động thi đua."
    assert _refs(text) == [("03/CT-UBND", "chỉ thị", dt.date(2024, 1, 20))]


def test_party_style_number_and_spelled_date() -> None:
    text = "Quán triệt Kết luận 21-KL/TW và Kế hoạch số 102/KH-KTĐ ngày 5 tháng 4 năm 2022 của Khối."
    assert _refs(text) == [
        ("21-KL/TW", "kết luận", None),
        ("102/KH-KTĐ", "kế hoạch", dt.date(2022, 4, 5)),
    ]


def test_decree_number_with_year_and_bare_number() -> None:
    text = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023; theo văn bản 456/SNV-TĐKT."
    assert _refs(text) == [
        ("98/2023/NĐ-CP", "nghị định", dt.date(2023, 12, 31)),
        ("456/SNV-TĐKT", "văn bản", None),
    ]


def test_issue_date_that_opens_the_sentence() -> None:
    text = "Ngày 28/12/2022, Chủ tịch UBND huyện ban hành Quyết định số 2150/QĐ-UBND tặng Giấy khen."
    assert _refs(text) == [("2150/QĐ-UBND", "quyết định", dt.date(2022, 12, 28))]


def test_a_law_without_number_and_counts_are_not_references() -> None:
    text = "Theo Luật Thi đua, khen thưởng năm 2022, có 5/7 đơn vị đạt danh hiệu."
    assert _refs(text) == []


def test_a_law_cited_by_its_number_and_addresses_or_phones_are_not_references() -> None:
    doc = understand(
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 và Nghị quyết số 01/2023/NQ-HĐND."
    )
    assert [(r.number, r.date) for r in doc.references] == [
        ("06/2022/QH15", dt.date(2022, 6, 15)),
        ("01/2023/NQ-HĐND", None),
    ]
    footer = "Địa chỉ: Số 12/3 đường Trần Phú, lớp 12/3; Điện thoại: 0297.3862.112; Fax: 0297.3862.113"
    assert understand(footer).references == []


def test_the_documents_own_number_in_its_header_is_not_a_citation() -> None:
    text = (
        "UBND HUYỆN TÂN PHÚ\nSố: 27/TB-UBND\nTHÔNG BÁO\nKết luận tại hội nghị tổng kết Cụm thi đua.\n"
        "Thực hiện Kế hoạch số 41/KH-UBND ngày 02/4/2024 của UBND huyện, các xã đã hoàn thành chỉ tiêu."
    )
    assert _refs(text) == [("41/KH-UBND", "kế hoạch", dt.date(2024, 4, 2))]


def test_a_header_number_beside_the_other_column_is_the_documents_own() -> None:
    text = "CỤM THI ĐUA SỐ 2\nSố: 05/BB-CTĐ        Hòa Bình, ngày 4 tháng 12 năm 2023\nBIÊN BẢN HỌP CỤM"
    assert _refs(text) == []
