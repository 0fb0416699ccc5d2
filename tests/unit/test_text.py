"""Text normalisation and accent folding."""

from __future__ import annotations

import unicodedata

from thidua.understand.text import clean_text, fold, normalize_tone_marks, slug, strip_diacritics


def test_old_tone_placement_is_rewritten_on_syllable_ends_only() -> None:
    assert normalize_tone_marks("Uỷ ban hoà giải") == "Ủy ban hòa giải"
    assert normalize_tone_marks("UỶ BAN") == "ỦY BAN"
    # the mark is on the right vowel already, or "qu" is a consonant
    assert normalize_tone_marks("hoàn thành quý") == "hoàn thành quý"


def test_clean_text_gives_nfc_and_tidy_whitespace() -> None:
    nfd = unicodedata.normalize("NFD", "Sở  Nội vụ\u00a0tỉnh\n\n\n\nKhối")
    out = clean_text(nfd)
    assert out == "Sở Nội vụ tỉnh\n\nKhối"
    assert unicodedata.is_normalized("NFC", out)


def test_folding_ignores_case_accents_and_punctuation() -> None:
    forms = ["Sở Nội vụ", "sở nội vụ", "SỞ NỘI VỤ", "So Noi vu", "Sở  Nội-vụ"]
    assert {fold(f) for f in forms} == {"so noi vu"}
    assert strip_diacritics("Đoàn Quý") == "Doan Quy"
    assert slug("Khối thi đua VIII") == "khoi-thi-dua-viii"
