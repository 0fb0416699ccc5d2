"""Office holders written after their post with no comma, where the place before the name is one
no gazetteer knows. All names, places and sentences are invented."""

from __future__ import annotations

import pytest
from entity_support import has_unit, read


def _leaders(text: str) -> dict[str, str | None]:
    return {lead.name: lead.title for lead in read(text).leaders}


@pytest.mark.parametrize(
    ("text", "name", "title", "unit"),
    [
        ("Chủ tịch LĐLĐ huyện Đồi Cát Lò Thị Mến, Cụm trưởng, phát biểu.",
         "Lò Thị Mến", "Chủ tịch LĐLĐ huyện Đồi Cát", "LĐLĐ huyện Đồi Cát"),
        ("Chủ tịch UBND thị xã Bến Sỏi Khương Đức Lợi điều hành hội nghị.",
         "Khương Đức Lợi", "Chủ tịch UBND thị xã Bến Sỏi", "UBND thị xã Bến Sỏi"),
        ("Cục trưởng Cục Hải quan tỉnh Nam Lũng Ninh Quang Hải chủ trì hội nghị.",
         "Ninh Quang Hải", "Cục trưởng Cục Hải quan tỉnh Nam Lũng", "Cục Hải quan tỉnh Nam Lũng"),
        ("Phó Cục trưởng Cục Thuế tỉnh Đồi Mai Đỗ Thị Thu Hà trình bày tham luận.",
         "Đỗ Thị Thu Hà", "Phó Cục trưởng Cục Thuế tỉnh Đồi Mai", "Cục Thuế tỉnh Đồi Mai"),
    ],
)
def test_a_name_right_after_an_unknown_place_is_the_office_holder(
    text: str, name: str, title: str, unit: str
) -> None:
    assert _leaders(text).get(name) == title
    assert has_unit(read(text), unit)


def test_a_three_syllable_place_keeps_its_last_syllable_before_the_holder() -> None:
    text = "Tại huyện Đồi Cát Hạ, Phó Chủ tịch UBND huyện Đồi Cát Hạ Lò Văn Sáng phát biểu."
    assert _leaders(text) == {"Lò Văn Sáng": "Phó Chủ tịch UBND huyện Đồi Cát Hạ"}
