"""Cited documents on unseen text: a decision's own number written again over its annex is no citation.

All text is invented."""

from __future__ import annotations

from thidua.understand.extract import understand


def test_the_own_number_repeated_over_an_annex_is_not_cited() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH NẬM CÚT\n"
        "Số: 451/QĐ-UBND\n"
        "Nậm Cút, ngày 20 tháng 12 năm 2024\n"
        "QUYẾT ĐỊNH\n"
        "Căn cứ Quyết định số 12/2024/QĐ-UBND ngày 02/4/2024 của UBND tỉnh ban hành Quy chế thi đua;\n"
        "Điều 1. Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 02 tập thể (có danh sách kèm theo).\n"
        "DANH SÁCH\n"
        "(Kèm theo Quyết định số 451/QĐ-UBND ngày 20/12/2024 của Chủ tịch UBND tỉnh)\n"
        "1. Sở Tư pháp;\n"
        "2. Công an huyện Khe Rêu.\n"
    )
    assert [r.number for r in understand(text).references] == ["12/2024/QĐ-UBND"]
