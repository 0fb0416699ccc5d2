"""HTML reader: main text, title and date from metadata, no menus, comments or footers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thidua.read import Limits, ReadError, read_document, read_path
from thidua.read.html import parse_date

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"


def test_article_text_title_and_date() -> None:
    result = read_path(FIXTURES / "page.html")
    assert result.format == "html"
    assert result.title == "Khối thi đua các cơ quan tổng hợp ký kết giao ước năm 2023"
    assert result.published == dt.date(2023, 4, 13)
    assert "Ông Trương Gia Bảo, Chánh Văn phòng UBND tỉnh, Khối trưởng" in result.text
    assert "chuyển đổi số." in result.text
    for noise in ("Thời sự", "Liên hệ", "Bạn đọc Minh", "Huân chương", "Lượt truy cập", "© Báo"):
        assert noise not in result.text, noise
    assert result.text.startswith(result.title)


def test_same_page_without_isolation_reads_the_same() -> None:
    data = (FIXTURES / "page.html").read_bytes()
    assert read_document(data, "p.html", Limits(isolate=False)).text == read_path(FIXTURES / "page.html").text


def test_page_without_article_falls_back_to_plain_text() -> None:
    page = """<html><head><title>Cụm thi đua số 2 | Sở Nội vụ</title></head><body>
    <div class="menu"><a>Trang chủ</a><a>Giới thiệu</a></div>
    <table><tr><td>Cụm thi đua số 2 họp bình xét năm 2022.</td></tr>
    <tr><td>Sở Công Thương được suy tôn dẫn đầu.</td></tr></table>
    <div class="footer">Địa chỉ: 12 đường Lê Lợi</div></body></html>"""
    result = read_document(page.encode(), "p.html")
    assert "Cụm thi đua số 2 họp bình xét năm 2022." in result.text
    assert "Sở Công Thương được suy tôn dẫn đầu." in result.text
    assert "Giới thiệu" not in result.text
    assert "Lê Lợi" not in result.text
    assert result.title == "Cụm thi đua số 2"


def test_legacy_charset_page_is_decoded() -> None:
    body = "<p>Khối thi đua ký kết giao ước thi đua năm 2023 tại hội trường tỉnh.</p>" * 3
    page = f'<html><head><meta charset="windows-1258"><title>Tin</title></head><body>{body}</body></html>'
    from thidua.read.legacy import encode_cp1258

    result = read_document(encode_cp1258(page), "p.htm")
    assert "Khối thi đua ký kết giao ước thi đua năm 2023" in result.text


def test_json_ld_date_when_no_meta_tag() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-12-28T09:00:00+07:00"}</script></head>'
        "<body><article><p>Cụm thi đua tổng kết năm 2022, trao Cờ thi đua cho đơn vị dẫn đầu Cụm.</p>"
        "</article></body></html>"
    )
    assert read_document(page.encode(), "p.html").published == dt.date(2022, 12, 28)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-15T08:00:00+07:00", dt.date(2023, 3, 15)),
        ("2023-3-5", dt.date(2023, 3, 5)),
        ("15/03/2023 08:30", dt.date(2023, 3, 15)),
        ("15-03-2023", dt.date(2023, 3, 15)),
        ("32/13/2023", None),
        ("hôm qua", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_page_with_no_text_is_an_error() -> None:
    with pytest.raises(ReadError) as err:
        read_document(b"<html><body><script>var a = 1;</script></body></html>", "p.html")
    assert err.value.reason == "no_text"
