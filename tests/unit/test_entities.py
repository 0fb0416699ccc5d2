"""Canonical entities: one id however a name is typed, place-relative names keep the document's place."""

from __future__ import annotations

import pytest

from thidua.understand.entities import bloc_id, is_place_relative, leader_id, search_key, unit_id, unit_key
from thidua.understand.locality import find_locality


@pytest.mark.parametrize(
    "written", ["Sở Nội vụ", "sở nội vụ", "SỞ NỘI VỤ", "So Noi vu", "Sở  Nội   vụ", "Sở Nội vụ."]
)
def test_one_unit_id_however_the_name_is_typed(written: str) -> None:
    assert unit_id(written) == unit_id("Sở Nội vụ") == "unit:so-noi-vu"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND tỉnh Bình Phước", "Ủy ban nhân dân tỉnh Bình Phước"),
        ("Sở LĐ-TB&XH tỉnh", "Sở Lao động - Thương binh và Xã hội tỉnh"),
        ("Phòng GD&ĐT huyện", "Phòng Giáo dục và Đào tạo huyện"),
        ("Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Cty CP Cấp nước Hòa Bình", "Công ty Cổ phần Cấp nước Hòa Bình"),
        ("Ban TĐKT tỉnh", "Ban Thi đua - Khen thưởng tỉnh"),
        ("Ban Thi đua, khen thưởng tỉnh", "Ban Thi đua – Khen thưởng tỉnh"),
        ("Công an TP.HCM", "Công an Thành phố Hồ Chí Minh"),
        ("Hội đồng TĐKT T.Ư", "Hội đồng Thi đua - Khen thưởng Trung ương"),
        ("Hòa Bình", "Hoà Bình"),
        ("Ủy ban MTTQ tỉnh", "Uỷ ban Mặt trận Tổ quốc tỉnh"),
    ],
)
def test_abbreviations_and_spelling_styles_meet(a: str, b: str) -> None:
    assert search_key(a) == search_key(b)


def test_glued_abbreviations_are_read_only_when_known() -> None:
    assert search_key("Văn phòng HĐND-UBND huyện") == "van phong hoi dong nhan dan uy ban nhan dan huyen"


def test_relative_names_take_the_document_place() -> None:
    assert is_place_relative("UBND TP") and is_place_relative("Công an tỉnh") and is_place_relative("Tỉnh ủy")
    assert unit_id("UBND TP", "Cần Thơ") == unit_id("UBND thành phố Cần Thơ")
    assert unit_id("Công an tỉnh", "Sơn La") != unit_id("Công an tỉnh", "Cà Mau")
    assert unit_key("Tỉnh ủy", "Bến Tre") == unit_key("Tỉnh ủy Bến Tre")


def test_names_that_carry_their_own_place_are_not_relative() -> None:
    assert not is_place_relative("tỉnh Hà Tĩnh")
    assert not is_place_relative("Sở Y tế tỉnh Long An")
    assert unit_id("tỉnh Hà Tĩnh", "Nghệ An") == "unit:tinh-ha-tinh"
    assert not is_place_relative("Sở Nội vụ")
    assert unit_id("Sở Nội vụ", "Nghệ An") == "unit:so-noi-vu"


def test_bloc_and_leader_ids() -> None:
    assert bloc_id("Cụm thi đua số 7") == bloc_id("cụm thi đua 7") == bloc_id("CUM THI DUA SO 7")
    assert bloc_id("Khối thi đua VIII") == bloc_id("Khối thi đua số 8") == bloc_id("Khối 8")
    assert bloc_id("Khối 8") == "bloc:khoi-thi-dua-8"
    assert bloc_id("Cụm thi đua cấp tỉnh số VII") == bloc_id("Cụm thi đua 7")
    assert bloc_id("Khối thi đua các cơ quan Đảng") == "bloc:khoi-thi-dua-cac-co-quan-dang"
    assert bloc_id("Khối 8") != bloc_id("Cụm 8")
    assert leader_id("Nguyễn Thị Lan") == leader_id("Nguyen Thi Lan") == leader_id("NGUYỄN THỊ LAN")


def test_long_names_get_bounded_ids() -> None:
    name = (
        "Phòng Thực hành quyền công tố và kiểm sát xét xử phúc thẩm án hình sự, hành chính, kinh doanh, "
        "VKSND tỉnh Bắc Sơn"
    )
    uid = unit_id(name)
    assert len(uid) <= 70 and uid == unit_id(name.lower())


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Sáng 3/4, UBND tỉnh Trà Vinh tổ chức hội nghị. Lãnh đạo tỉnh Trà Vinh dự.", "Trà Vinh"),
        ("Công an TP.HCM và Viện kiểm sát TP.HCM ký kết giao ước.", "Hồ Chí Minh"),
        ("UBND thành phố Mỹ Tho tổ chức hội nghị; Chủ tịch UBND thành phố phát biểu.", "Mỹ Tho"),
        ("Đại hội Đoàn Thanh niên cộng sản Hồ Chí Minh khai mạc.", None),
        ("Chủ tịch UBND TP Ngô Văn Sơn phát biểu.", None),
        ("Cụm gồm các tỉnh Lai Châu, Điện Biên, Sơn La.", None),
    ],
)
def test_locality_is_the_place_the_document_is_about(text: str, place: str | None) -> None:
    assert find_locality(text) == place
