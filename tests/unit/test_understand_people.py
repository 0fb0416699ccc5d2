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


def test_an_author_line_with_a_dash_gives_no_unit() -> None:
    doc = read("Cụm thi đua số 2 ký giao ước thi đua năm 2025.\nMai Hoa - Trung tâm Truyền thông tỉnh")
    assert not has_unit(doc, "Trung tâm Truyền thông tỉnh")
    assert not doc.leaders


def test_an_attendance_line_with_a_dash_keeps_its_unit() -> None:
    doc = read("Dự hội nghị:\n- Ông Lò Văn Sáng - Giám đốc Sở Tư pháp;")
    assert has_unit(doc, "Sở Tư pháp")
    doc = read("Hội nghị có đại diện các đơn vị.\nLò Văn Sáng - Giám đốc Sở Tư pháp")
    assert has_unit(doc, "Sở Tư pháp")


@pytest.mark.parametrize("name", ["Trần Văn Sáng", "Lâm Văn Được", "Đỗ Thị Mới"])
def test_a_name_may_end_on_a_capitalised_common_word(name: str) -> None:
    assert _leaders(f"Thành phần:\n- Ông {name} – Giám đốc Sở Tư pháp.") == {name: "Giám đốc Sở Tư pháp"}


def test_a_capitalised_time_word_after_a_name_still_opens_a_clause() -> None:
    names = _leaders("Ông Trần Văn Bình Sáng nay đến dự, Giám đốc Sở Tư pháp phát biểu.")
    assert "Trần Văn Bình Sáng" not in names


def test_an_unknown_province_opening_on_a_surname_syllable_before_the_holder() -> None:
    text = "Cục trưởng Cục Thuế tỉnh Hà Mây Vi Đức Thắng, Cụm trưởng, chủ trì hội nghị."
    assert _leaders(text) == {"Vi Đức Thắng": "Cục trưởng Cục Thuế tỉnh Hà Mây"}


def test_a_four_syllable_name_right_after_tinh_is_still_a_person() -> None:
    assert _leaders("Phó Chủ tịch UBND tỉnh Hoàng Thị Thu Hà phát biểu.") == {
        "Hoàng Thị Thu Hà": "Phó Chủ tịch UBND tỉnh"}


def test_a_bloc_role_held_together_with_an_office_makes_its_body_the_head() -> None:
    doc = read(
        "Khối thi đua các cơ quan tư pháp tỉnh Đồi Mai gồm Sở Tư pháp, Thanh tra tỉnh và Cục Thi hành án "
        "dân sự tỉnh. Ông Hà Quốc Bảo, Giám đốc Sở Tư pháp kiêm Khối trưởng, chủ trì hội nghị."
    )
    assert [b.head for b in doc.blocs] == ["Sở Tư pháp"]
    assert {lead.name: lead.title for lead in doc.leaders} == {"Hà Quốc Bảo": "Giám đốc Sở Tư pháp"}


def test_kiem_before_a_bloc_role_with_the_bloc_named_after_it() -> None:
    doc = read(
        "Khối thi đua các ban Đảng tỉnh Nậm Cút phát động thi đua. Khối gồm Ban Tổ chức Tỉnh ủy, Ban Dân vận "
        "Tỉnh ủy và Văn phòng Tỉnh ủy. Đồng chí Lù Văn Páo, Trưởng ban Dân vận Tỉnh ủy kiêm Khối trưởng Khối "
        "thi đua các ban Đảng, chủ trì hội nghị."
    )
    assert [b.head for b in doc.blocs] == ["Ban Dân vận Tỉnh ủy"]


def test_a_province_closing_a_named_persons_posts_is_not_a_second_person() -> None:
    doc = read("- Ông Tạ Văn Bền – Phó Giám đốc Sở Nội vụ tỉnh Hà Lam.")
    assert [lead.name for lead in doc.leaders] == ["Tạ Văn Bền"]
    doc = read("Phó Chủ tịch UBND tỉnh Lê Hòa phát biểu chỉ đạo.")
    assert [lead.name for lead in doc.leaders] == ["Lê Hòa"]


def test_a_place_bearing_a_persons_name_after_a_named_holders_post_stays_the_place() -> None:
    doc = read("- Ông Vừ Minh Lâm – Phó Chủ tịch UBND phường Lê Văn Tám Đông;")
    assert {lead.name: lead.title for lead in doc.leaders} == {
        "Vừ Minh Lâm": "Phó Chủ tịch UBND phường Lê Văn Tám Đông"
    }
    assert has_unit(doc, "UBND phường Lê Văn Tám Đông")
