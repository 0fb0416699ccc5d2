"""PDF reader: text layer page by page, OCR of scanned pages, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.read import Limits, ReadError, read_document, read_path
from thidua.read import ocr as ocr_module
from thidua.read.pdf import unwrap_lines

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"
needs_ocr = pytest.mark.skipif(
    ocr_module.ocr_available() is not None, reason="tesseract with the vie model is not installed"
)


def test_text_layer_pages_in_order() -> None:
    result = read_path(FIXTURES / "text.pdf")
    assert result.format == "pdf"
    assert result.pages == 2
    assert result.ocr_pages == 0
    assert result.title == "Khối thi đua các cơ quan tổng hợp"
    first, second = result.text.split("\n\n")
    # The wrapped lines of the paragraph are joined again.
    assert first.startswith("Chiều 12/4/2023, Khối thi đua các cơ quan tổng hợp tỉnh Bắc Hòa tổ chức hội")
    assert "Văn phòng Đoàn ĐBQH và HĐND tỉnh." in first
    assert second == "Trang hai: các đơn vị cam kết hoàn thành tốt nhiệm vụ năm 2023."


def test_in_process_read_gives_the_same_text() -> None:
    data = (FIXTURES / "text.pdf").read_bytes()
    assert read_document(data, "t.pdf", Limits(isolate=False)).text == read_path(FIXTURES / "text.pdf").text


@needs_ocr
def test_scanned_page_goes_through_ocr() -> None:
    result = read_path(FIXTURES / "scan.pdf")
    assert result.ocr_pages == 1
    assert "Ngày 05 tháng 12 năm 2023" in result.text
    assert "Trương Gia Bảo" in result.text
    assert "bình xét thi đua" in result.text


def test_scanned_pdf_without_tesseract_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "ocr_available", lambda: "tesseract is not installed")
    with pytest.raises(ReadError) as err:
        read_document((FIXTURES / "scan.pdf").read_bytes(), "scan.pdf", Limits(isolate=False))
    assert err.value.reason == "ocr_unavailable"
    assert "tesseract" in err.value.message


def test_ocr_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "ocr_available", lambda: None)
    with pytest.raises(ReadError) as err:
        limits = Limits(isolate=False, max_ocr_pages=0)
        read_document((FIXTURES / "scan.pdf").read_bytes(), "scan.pdf", limits)
    assert err.value.reason == "no_text"


def test_unwrap_joins_wrapped_lines_only() -> None:
    text = (
        "BIÊN BẢN HỌP\n"
        "Hội nghị thống nhất đề nghị tặng Bằng khen cho các tập thể có thành tích\n"
        "xuất sắc trong năm 2023.\n"
        "Khối gồm 3 đơn vị: Sở Nội vụ, Sở Tư pháp, Sở Tài chính, Sở Xây dựng và Sở Y tế,\n"
        "Thanh tra tỉnh.\n"
        "THƯ KÝ"
    )
    assert unwrap_lines(text).split("\n") == [
        "BIÊN BẢN HỌP",
        "Hội nghị thống nhất đề nghị tặng Bằng khen cho các tập thể có thành tích xuất sắc trong năm 2023.",
        "Khối gồm 3 đơn vị: Sở Nội vụ, Sở Tư pháp, Sở Tài chính, Sở Xây dựng và Sở Y tế, Thanh tra tỉnh.",
        "THƯ KÝ",
    ]
