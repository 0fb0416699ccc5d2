"""Word reader: paragraphs and table rows in document order."""

from __future__ import annotations

from pathlib import Path

from thidua.read import read_document, read_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"


def test_paragraphs_and_table_rows_in_order() -> None:
    result = read_path(FIXTURES / "table.docx")
    assert result.format == "docx"
    assert result.title == "Danh sách đơn vị Khối thi đua các cơ quan tổng hợp"
    lines = [line for line in result.text.split("\n") if line]
    assert lines == [
        "Khối thi đua các cơ quan tổng hợp năm 2023 gồm các đơn vị sau:",
        "STT | Đơn vị",
        "1 | Văn phòng UBND tỉnh",
        "2 | Sở Nội vụ",
        "3 | Thanh tra tỉnh",
        # A merged cell appears once, not once per column it spans.
        "Khối trưởng: Văn phòng UBND tỉnh",
        "Ông Trương Gia Bảo, Chánh Văn phòng UBND tỉnh, Khối trưởng năm 2023.",
    ]


def test_table_rows_without_numbers_are_not_taken_for_menus() -> None:
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for row in (("Đơn vị", "Nhiệm vụ", "Ghi chú"), ("Sở Nội vụ", "Khối trưởng", "Thành viên")):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_document(buffer.getvalue(), "khoi.docx")
    assert result.text.split("\n") == ["Đơn vị | Nhiệm vụ | Ghi chú", "Sở Nội vụ | Khối trưởng | Thành viên"]


def test_docx_typed_in_a_tcvn3_font_is_converted() -> None:
    import io

    import docx

    from thidua.read.legacy import encode_tcvn3

    original = "Khối thi đua số 2 họp bình xét thi đua năm 2024, suy tôn Sở Tài chính dẫn đầu."
    document = docx.Document()
    # Word stores what a .VnTime font shows as "Khèi thi ®ua": the TCVN3 bytes as cp1252 characters.
    document.add_paragraph(encode_tcvn3(original).decode("cp1252"))
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_document(buffer.getvalue(), "bien-ban.docx")
    assert result.text == original
    assert any("tcvn3" in w for w in result.warnings)
