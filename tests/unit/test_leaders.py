"""Leaders: names without honorific or rank, titles with their bodies, bylines and photographers left out."""

from __future__ import annotations

from entity_support import has_unit, read

from thidua.understand.document import Document, LeaderFact
from thidua.understand.text import fold


def _by_name(doc: Document) -> dict[str, LeaderFact]:
    return {p.name: p for p in doc.leaders}


def test_posts_after_the_name_honorific_and_rank_kept_apart() -> None:
    doc = read(
        "Dự hội nghị có ông Phạm Quốc Hưng, Chánh Văn phòng UBND tỉnh, Khối trưởng Khối thi đua số 1; "
        "Đại tá Lương Văn Sáu, Phó Giám đốc Công an tỉnh."
    )
    leaders = _by_name(doc)
    assert set(leaders) == {"Phạm Quốc Hưng", "Lương Văn Sáu"}
    hung = leaders["Phạm Quốc Hưng"]
    assert hung.title == "Chánh Văn phòng UBND tỉnh"
    assert hung.honorific == "ông" and hung.unit == "Văn phòng UBND tỉnh"
    sau = leaders["Lương Văn Sáu"]
    assert sau.title == "Phó Giám đốc Công an tỉnh" and sau.rank == "Đại tá"
    assert has_unit(doc, "Văn phòng UBND tỉnh") and has_unit(doc, "Công an tỉnh")


def test_title_written_before_the_name() -> None:
    doc = read(
        "Phát biểu tại hội nghị, Chủ tịch UBND tỉnh Tây Ninh Lưu Đức Khải mong các đơn vị làm mới cách "
        "thi đua. Thứ trưởng Bộ Y tế, Trưởng ban Thi đua - Khen thưởng ngành Y tế Hứa Văn Lộc trao cờ."
    )
    leaders = _by_name(doc)
    assert leaders["Lưu Đức Khải"].title == "Chủ tịch UBND tỉnh Tây Ninh"
    assert leaders["Hứa Văn Lộc"].title == (
        "Thứ trưởng Bộ Y tế, Trưởng ban Thi đua - Khen thưởng ngành Y tế"
    )
    assert has_unit(doc, "Bộ Y tế") and has_unit(doc, "Ban Thi đua - Khen thưởng ngành Y tế")


def test_posts_between_two_names_belong_to_the_second_when_they_run_into_it() -> None:
    doc = read("Dự lễ có Bí thư Huyện ủy Đặng Văn Út, Phó Chủ tịch UBND huyện Hồ Thị Thu Ba.")
    leaders = _by_name(doc)
    assert leaders["Đặng Văn Út"].title == "Bí thư Huyện ủy"
    assert leaders["Hồ Thị Thu Ba"].title == "Phó Chủ tịch UBND huyện"


def test_memberships_and_bloc_roles_stay_out_of_the_title() -> None:
    doc = read(
        "Bà Trịnh Thị Hạnh, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Dân vận Tỉnh ủy, Cụm trưởng "
        "Cụm thi đua "
        "số 3, phát biểu."
    )
    hanh = _by_name(doc)["Trịnh Thị Hạnh"]
    assert hanh.title == "Trưởng ban Dân vận Tỉnh ủy"
    assert has_unit(doc, "Ban Dân vận Tỉnh ủy") and not has_unit(doc, "Ban Thường vụ Tỉnh ủy")


def test_council_chair_is_secondary_but_its_body_is_a_unit() -> None:
    doc = read(
        "Đồng chí Vương Đình Khôi, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng Thi đua - "
        "Khen thưởng huyện chủ trì."
    )
    khoi = _by_name(doc)["Vương Đình Khôi"]
    assert khoi.title == "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"
    assert has_unit(doc, "Hội đồng Thi đua - Khen thưởng huyện")


def test_bylines_photographers_and_unposted_names_are_not_leaders() -> None:
    doc = read(
        "Sáng 4/5, Cụm thi đua số 6 ký giao ước thi đua. Ông Nguyễn Văn Bé phát biểu cảm tưởng.\n"
        "Quang cảnh hội nghị. Ảnh: Lê Thị Hoa\n"
        "Trần Minh Khang"
    )
    assert doc.leaders == []


def test_mentions_of_one_person_merge_and_a_clipped_name_joins_the_full_one() -> None:
    doc = read(
        "Dự có đồng chí Triệu Văn thắng, Phó Chủ tịch HĐND tỉnh. Kết luận hội nghị, đồng chí Triệu Văn Thắng "
        "ghi nhận kết quả. Phó Chủ tịch HĐND tỉnh Triệu Văn Thắng trao bằng khen."
    )
    assert [p.name for p in doc.leaders] == ["Triệu Văn Thắng"]
    assert doc.leaders[0].title == "Phó Chủ tịch HĐND tỉnh"


def test_delegated_post_is_not_the_speakers() -> None:
    doc = read("Thừa ủy quyền Bộ trưởng, Thứ trưởng Bộ Công Thương Đoàn Thị Lan trao Bằng khen.")
    assert _by_name(doc)["Đoàn Thị Lan"].title == "Thứ trưởng Bộ Công Thương"


def test_names_after_a_colon_and_lists_split_by_semicolons() -> None:
    doc = read(
        "Dự hội nghị có các ông: Mai Văn Hải - Bí thư Tỉnh ủy; Lâm Quang Vinh - Giám đốc Sở Tài chính; "
        "Châu Thị Kim - Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh."
    )
    leaders = _by_name(doc)
    assert leaders["Mai Văn Hải"].title == "Bí thư Tỉnh ủy"
    assert leaders["Lâm Quang Vinh"].title == "Giám đốc Sở Tài chính"
    assert leaders["Châu Thị Kim"].title == "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"


def test_evidence_points_at_the_name() -> None:
    text = "Thượng tá Kiều Minh Đức, Phó Chỉ huy trưởng Bộ CHQS tỉnh, phát biểu."
    doc = read(text)
    (duc,) = doc.leaders
    assert text[duc.evidence.start : duc.evidence.end] == "Kiều Minh Đức"
    assert duc.rank == "Thượng tá" and duc.title == "Phó Chỉ huy trưởng Bộ CHQS tỉnh"


def test_post_in_brackets_before_a_dash_and_a_two_syllable_name() -> None:
    doc = read(
        "Tham dự có đồng chí Trần Văn Bảy (Giám đốc Sở Y tế) và Giám đốc Sở Tài chính – ông Lê Văn Dũng. "
        "Phát biểu tại hội nghị, Chủ tịch UBND tỉnh Lê Hòa nhấn mạnh vai trò của thi đua."
    )
    leaders = _by_name(doc)
    assert leaders["Trần Văn Bảy"].title == "Giám đốc Sở Y tế"
    assert leaders["Lê Văn Dũng"].title == "Giám đốc Sở Tài chính"
    assert leaders["Lê Hòa"].title == "Chủ tịch UBND tỉnh"


def test_a_committee_of_a_bloc_of_agencies_is_a_name_not_a_bloc() -> None:
    doc = read("Đồng chí Lý Hùng, Bí thư Đảng ủy Khối các cơ quan tỉnh Quảng Ngãi, chủ trì hội nghị.")
    assert doc.blocs == []
    assert _by_name(doc)["Lý Hùng"].title == "Bí thư Đảng ủy Khối các cơ quan tỉnh Quảng Ngãi"


def test_a_body_named_without_a_head_word_after_an_office() -> None:
    doc = read(
        "Ông Trần Quang Huy, Giám đốc Agribank Quảng Trị, và bà Lê Thị Hạnh, Tổng Giám đốc Vinamilk, dự."
    )
    leaders = _by_name(doc)
    assert leaders["Trần Quang Huy"].title == "Giám đốc Agribank Quảng Trị"
    assert leaders["Lê Thị Hạnh"].title == "Tổng Giám đốc Vinamilk"
    assert has_unit(doc, "Agribank Quảng Trị")


def test_parent_body_after_a_comma_and_a_body_named_only_by_its_kind() -> None:
    doc = read(
        "Dự có ông Văn Đức Tâm, Phó Vụ trưởng Vụ Thi đua - Khen thưởng, Kho bạc Nhà nước; ông Hà Văn Sĩ, "
        "Giám đốc Sở; anh Châu Minh Đạt, Bí thư Tỉnh Đoàn; bà Lục Thị Vân, Phó Giám đốc Đài Phát thanh và "
        "Truyền hình tỉnh."
    )
    leaders = _by_name(doc)
    assert leaders["Văn Đức Tâm"].title == "Phó Vụ trưởng Vụ Thi đua - Khen thưởng, Kho bạc Nhà nước"
    assert leaders["Hà Văn Sĩ"].title == "Giám đốc Sở"
    assert leaders["Châu Minh Đạt"].title == "Bí thư Tỉnh Đoàn"
    assert leaders["Lục Thị Vân"].title == "Phó Giám đốc Đài Phát thanh và Truyền hình tỉnh"


def test_a_place_named_after_a_person_is_read_as_the_place() -> None:
    doc = read(
        "Sáng 7/8, huyện Nguyễn Văn Cừ tổ chức Đại hội thi đua yêu nước. Dự có ông Lò Văn Hải, Bí thư "
        "Huyện ủy Nguyễn Văn Cừ."
    )
    assert [p.name for p in doc.leaders] == ["Lò Văn Hải"]
    assert doc.leaders[0].title == "Bí thư Huyện ủy Nguyễn Văn Cừ"
    assert has_unit(doc, "huyện Nguyễn Văn Cừ") and has_unit(doc, "Huyện ủy Nguyễn Văn Cừ")


def test_deputy_head_of_a_police_station_and_former_posts() -> None:
    doc = read(
        "Thượng tá Trần Văn Chiến, Phó Trưởng Công an huyện Bình Chánh báo cáo. Ông Phan Văn Út, nguyên Phó "
        "Chủ tịch UBND huyện, dự lễ."
    )
    leaders = _by_name(doc)
    assert leaders["Trần Văn Chiến"].title == "Phó Trưởng Công an huyện Bình Chánh"
    assert leaders["Phan Văn Út"].title == "nguyên Phó Chủ tịch UBND huyện"
    assert has_unit(doc, "Công an huyện Bình Chánh")


def test_a_name_after_a_body_closed_by_a_bare_place_word_is_a_person() -> None:
    doc = read("Phát biểu tại lễ, Phó Trưởng ban Dân tộc thành phố Đào Thị Mỹ Hạnh đề nghị các xã chủ động.")
    assert _by_name(doc)["Đào Thị Mỹ Hạnh"].title == "Phó Trưởng ban Dân tộc thành phố"
    assert not has_unit(doc, "thành phố Đào Thị Mỹ Hạnh")


def test_ethnic_minority_surnames_and_forest_ranger_posts() -> None:
    doc = read(
        "Tại hội nghị, Phó Giám đốc Công an tỉnh Hà Giang Sùng Mí Páo phát biểu. Ông Thào Seo Dình – "
        "Hạt trưởng Hạt Kiểm lâm huyện Mèo Vạc, Cụm trưởng, chủ trì."
    )
    leaders = _by_name(doc)
    assert leaders["Sùng Mí Páo"].title == "Phó Giám đốc Công an tỉnh Hà Giang"
    assert leaders["Thào Seo Dình"].title == "Hạt trưởng Hạt Kiểm lâm huyện Mèo Vạc"
    assert has_unit(doc, "Hạt Kiểm lâm huyện Mèo Vạc")


def test_post_then_comma_then_rank_and_name() -> None:
    doc = read(
        "Giám đốc Công an tỉnh Yên Bái, Thiếu tướng Hứa Văn Định nhấn mạnh yêu cầu. Phát biểu tại hội nghị, "
        "Chính ủy BĐBP tỉnh Cà Mau, Đại tá Lý Văn Tám đề nghị phối hợp. Dự có ông Lê Văn An, Giám đốc Sở Tư "
        "pháp, Đại tá Trần Văn Bình cùng dự."
    )
    leaders = _by_name(doc)
    assert leaders["Hứa Văn Định"].title == "Giám đốc Công an tỉnh Yên Bái"
    assert leaders["Lý Văn Tám"].title == "Chính ủy BĐBP tỉnh Cà Mau"
    assert leaders["Lê Văn An"].title == "Giám đốc Sở Tư pháp"
    assert "Trần Văn Bình" not in leaders  # the posts before his rank are Lê Văn An's


def test_abbreviated_degree_with_a_dot_and_a_long_minority_name() -> None:
    doc = read("ThS. Kpăhđrênh Thị Lan, Hiệu trưởng Trường Cao đẳng Nghề Ia Grai, phát biểu.")
    (lan,) = doc.leaders
    assert lan.name == "Kpăhđrênh Thị Lan" and lan.honorific == "ThS"
    assert lan.title == "Hiệu trưởng Trường Cao đẳng Nghề Ia Grai"


def test_a_speaker_named_only_in_a_heading_in_capitals() -> None:
    doc = read(
        "BÀI PHÁT BIỂU CỦA ĐỒNG CHÍ TRỊNH VĂN KHẢI, PHÓ CHỦ TỊCH UBND TỈNH BÌNH THUẬN, CỤM TRƯỞNG\n"
        "Kính thưa các đồng chí! Hôm nay, tỉnh Bình Thuận đăng cai hội nghị của Cụm thi đua các tỉnh "
        "Nam Trung Bộ.\n"
        "TIN MỚI NHẤT CỦA CỔNG THÔNG TIN"
    )
    (khai,) = doc.leaders
    assert khai.name == "Trịnh Văn Khải"
    assert fold(khai.title or "") == fold("Phó Chủ tịch UBND tỉnh Bình Thuận")
    assert has_unit(doc, "UBND tỉnh Bình Thuận")


def test_military_staff_posts_and_armed_forces_of_a_province() -> None:
    doc = read(
        "LLVT tỉnh Điện Biên tổng kết công tác năm\n\nBáo cáo do Thượng tá Lò Văn Pọm, Phó Chủ nhiệm Chính "
        "trị Bộ Chỉ huy Quân sự tỉnh trình bày. Trung tá Quàng Văn Inh, Phó Tham mưu trưởng Bộ CHQS tỉnh dự."
    )
    leaders = _by_name(doc)
    assert leaders["Lò Văn Pọm"].title == "Phó Chủ nhiệm Chính trị Bộ Chỉ huy Quân sự tỉnh"
    assert leaders["Quàng Văn Inh"].title == "Phó Tham mưu trưởng Bộ CHQS tỉnh"
    assert not has_unit(doc, "tỉnh Điện Biên")  # the province's armed forces, a group, not a body


def test_a_position_aside_in_a_caption_does_not_cut_the_post() -> None:
    doc = read("Ông Nguyễn Văn Tám (bìa trái), Giám đốc Công ty TNHH Xây dựng Thành Đạt, nhận Cờ thi đua.")
    assert _by_name(doc)["Nguyễn Văn Tám"].title == "Giám đốc Công ty TNHH Xây dựng Thành Đạt"


def test_abbreviated_posts_are_spelled_out_in_titles() -> None:
    doc = read(
        "Đ/c Trần Văn Mười, PCT UBND huyện, Chủ tịch HĐ TĐKT huyện dự và phát biểu. Bà Lê Thị Hoa, PGĐ Sở "
        "Y tế báo cáo."
    )
    leaders = _by_name(doc)
    assert leaders["Trần Văn Mười"].title == "Phó Chủ tịch UBND huyện"  # the council chair is secondary
    assert leaders["Lê Thị Hoa"].title == "Phó Giám đốc Sở Y tế"
    assert has_unit(doc, "HĐ TĐKT huyện")
