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


def test_member_lists_and_tables_in_the_article_are_kept() -> None:
    page = """<html><head><title>Cụm thi đua số 4 tổng kết</title></head><body>
    <div class="menu"><ul><li>Trang chủ</li><li>Giới thiệu</li><li>Văn bản</li></ul></div>
    <div class="detail"><h1>Cụm thi đua số 4 tổng kết năm 2023</h1>
    <p>Sáng 20/12, Cụm thi đua số 4 tổ chức hội nghị tổng kết công tác thi đua năm 2023.</p>
    <p>Cụm thi đua số 4 gồm các đơn vị:</p>
    <ul><li>UBND huyện Tân Phong;</li><li>UBND huyện Hòa Mỹ;</li><li>UBND thị xã Long Điền.</li></ul>
    <table><tr><td>STT</td><td>Đơn vị</td><td>Điểm</td></tr><tr><td>1</td><td>UBND huyện Tân Phong</td>
    <td>98</td></tr></table>
    <p>Hội nghị suy tôn UBND huyện Tân Phong dẫn đầu, đề nghị tặng Cờ thi đua của UBND tỉnh.</p></div>
    <div class="related"><h3>Tin cùng chuyên mục</h3>
    <ul><li><a href="#">Khối thi đua số 1 ký kết</a></li></ul></div>
    <div id="comments"><p>Bạn đọc: chúc mừng Cụm thi đua số 4!</p></div>
    </body></html>"""
    text = read_document(page.encode(), "cum4.html").text
    kept_lines = ("UBND huyện Hòa Mỹ", "UBND thị xã Long Điền", "| STT | Đơn vị | Điểm |")
    for kept in (*kept_lines, "| 1 | UBND huyện Tân Phong | 98 |"):
        assert kept in text, kept
    for gone in ("Giới thiệu", "Văn bản", "Khối thi đua số 1", "Bạn đọc"):
        assert gone not in text, gone


_BYLINE_PAGE = """<html><head><title>Tin</title></head><body>
<div class="top-date">Thứ Hai, 02/01/2023</div>
<h1>Trường Cao đẳng Sông Lam đón nhận Huân chương Lao động hạng Ba</h1>
<div class="byline">Thứ Tư, 15/05/2024 - 09:40 | Minh Anh</div>
<div class="content"><p>Sáng 14/5, Trường Cao đẳng Sông Lam tổ chức lễ đón nhận Huân chương Lao động
hạng Ba. Nhà trường đã có thành tích xuất sắc trong công tác đào tạo nghề giai đoạn 2018 - 2022.</p>
<p>Dịp này, Sở Lao động trao Giấy khen cho 5 tập thể và 12 cá nhân của trường.</p></div>
<div class="tin-khac"><a href="/x"><span class="date">01/03/2024</span> Tin khác</a></div>
</body></html>"""


def test_a_byline_date_is_the_publication_date_when_the_page_has_no_date_metadata() -> None:
    result = read_document(_BYLINE_PAGE.encode(), "p.html")
    # Not the site's current date above the headline, not a related link's date.
    assert result.published == dt.date(2024, 5, 15)


def test_date_metadata_wins_over_the_byline() -> None:
    page = _BYLINE_PAGE.replace(
        "<head>", '<head><meta property="article:published_time" content="2024-05-16T07:00:00+07:00">'
    )
    assert read_document(page.encode(), "p.html").published == dt.date(2024, 5, 16)
