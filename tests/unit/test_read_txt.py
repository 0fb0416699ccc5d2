"""Plain-text reader: every encoding Vietnamese files come in, normalised to NFC."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from thidua.read import read_document, read_path
from thidua.read.encodings import decode_text, is_vietnamese_syllable
from thidua.read.legacy import decode_tcvn3, decode_vni, encode_cp1258, encode_tcvn3, encode_vni

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"
PARAGRAPH_START = "Chiều 12/4/2023, Khối thi đua các cơ quan tổng hợp tỉnh Bắc Hòa"
PARAGRAPH_END = "Hội nghị đề nghị tặng Bằng khen cho 4 tập thể và 7 cá nhân."


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8_bom.txt", "utf-8"),
        ("utf16_bom.txt", "utf-16"),
        ("utf16le_nobom.txt", "utf-16-le"),
        ("cp1258.txt", "windows-1258"),
        ("tcvn3.txt", "tcvn3"),
        ("vni.txt", "vni"),
    ],
)
def test_each_encoding_is_detected_and_decoded_to_nfc(name: str, encoding: str) -> None:
    result = read_path(FIXTURES / name)
    assert result.encoding == encoding
    assert result.text.startswith(PARAGRAPH_START)
    assert result.text.endswith(PARAGRAPH_END)
    assert "Văn phòng Đoàn ĐBQH và HĐND tỉnh" in result.text
    assert unicodedata.is_normalized("NFC", result.text)
    assert "\ufeff" not in result.text


def test_tcvn3_letterhead_written_by_hand_decodes() -> None:
    result = read_path(FIXTURES / "tcvn3_letterhead.txt")
    assert result.encoding == "tcvn3"
    assert result.text.split("\n") == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc"]


def test_vni_letterhead_written_by_hand_decodes() -> None:
    result = read_path(FIXTURES / "vni_letterhead.txt")
    assert result.encoding == "vni"
    assert result.text.split("\n") == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc"]


def test_nfd_and_old_tone_placement_become_one_style() -> None:
    result = read_path(FIXTURES / "nfd_old_tones.txt")
    assert result.text == "Ủy ban nhân dân tỉnh Bắc Hòa khen thưởng Khối thi đua."


ALL_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
)


@pytest.mark.parametrize(("encode", "decode"), [(encode_vni, decode_vni), (encode_tcvn3, decode_tcvn3)])
def test_legacy_tables_cover_every_lower_case_letter(
    encode: Callable[[str], bytes], decode: Callable[[bytes], str]
) -> None:
    assert decode(encode(ALL_LETTERS)) == ALL_LETTERS


def test_vni_covers_every_capital_letter() -> None:
    capitals = ALL_LETTERS.upper()
    assert decode_vni(encode_vni(capitals)) == capitals


def test_tcvn3_restores_capitals_of_a_heading() -> None:
    # VN3 has no code for most toned capitals: a heading keeps lower-case codes for them.
    heading = "BIÊN BẢN HỌP KHỐI THI ĐUA SỐ 2"
    assert decode_tcvn3(encode_tcvn3(heading)) == heading


def test_tcvn3_curly_quotes_stay_quotes() -> None:
    data = encode_tcvn3("Phong trào ") + b"\x93" + encode_tcvn3("Dân vận khéo") + b"\x94"
    assert decode_tcvn3(data) == "Phong trào “Dân vận khéo”"


def test_cp1258_combining_tones_are_composed() -> None:
    raw = encode_cp1258("Tổng kết phong trào thi đua năm 2022")
    assert b"\xd2" in raw or b"\xde" in raw or b"\xec" in raw  # separate tone mark bytes
    assert decode_text(raw).encoding == "windows-1258"
    result = read_document(raw, "a.txt")
    assert result.text == "Tổng kết phong trào thi đua năm 2022"


def test_syllable_shape_check() -> None:
    for word in ("người", "khuyến", "nghiêng", "quyết", "giữa", "Khối", "ĐUA", "hoà", "hòa"):
        assert is_vietnamese_syllable(word), word
    for word in ("vieọt", "coäng", "ngừơì", "xyz", "thaønh"):
        assert not is_vietnamese_syllable(word), word


def test_large_legacy_file_is_detected_from_a_sample() -> None:
    text = ("Khối thi đua các sở, ngành tổng kết năm 2023 và trao Cờ thi đua cho đơn vị dẫn đầu.\n") * 6000
    result = read_document(encode_tcvn3(text), "big.txt")
    assert result.encoding == "tcvn3"
    assert result.text.startswith("Khối thi đua các sở, ngành tổng kết năm 2023")


def test_url_line_of_a_saved_page_becomes_metadata() -> None:
    data = "URL: https://example.vn/bai-viet-2023.html\n\nTiêu đề bài viết\n\nNội dung bài viết.".encode()
    result = read_document(data, "page.txt")
    assert result.url == "https://example.vn/bai-viet-2023.html"
    assert "example.vn" not in result.text
    assert result.title == "Tiêu đề bài viết"


def test_title_skips_letterhead_and_datelines() -> None:
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n12/04/2023 08:05\nBiên bản họp Khối thi đua\nNội dung."
    assert read_document(text.encode(), "a.txt").title == "Biên bản họp Khối thi đua"


def test_html_in_a_txt_file_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Tin</title></head>"
        "<body><p>Khối thi đua ký kết giao ước.</p></body></html>"
    )
    result = read_document(page.encode(), "saved.txt")
    assert result.format == "html"
    assert "<p>" not in result.text


def test_utf8_read_as_windows_1252_is_repaired() -> None:
    original = "Khối thi đua các cơ quan tổng hợp ký kết giao ước năm 2023 tại Hội trường Đoàn ĐBQH."
    garbled = "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in original.encode("utf-8")
    )
    result = read_document(garbled.encode("utf-8"), "dump.txt")
    assert result.text == original
    assert any("utf-8" in w for w in result.warnings)


def test_unicode_and_other_latin_text_are_not_repaired() -> None:
    assert read_document(PARAGRAPH_END.encode(), "a.txt").warnings == []
    french = "Café au lait, crème brûlée, résumé naïve façade déjà vu.".encode()
    assert read_document(french, "f.txt").text == french.decode()
