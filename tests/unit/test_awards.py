"""Awards: form ids, counts in Vietnamese numerals, recipients, proposals, background left out."""

from __future__ import annotations

import pytest

from thidua.understand.awards import classify, find_awards
from thidua.understand.document import Document
from thidua.understand.extract import understand
from thidua.understand.numbers import parse_count
from thidua.understand.pipeline import Pipeline
from thidua.understand.sentences import split_sentences


def _awards(text: str) -> list[tuple[str, int, str | None]]:
    return [(a.award, a.count, a.recipient) for a in understand(text).awards]


@pytest.mark.parametrize(
    ("token", "value"),
    [("01", 1), ("08", 8), ("1.200", 1200), ("hai", 2), ("mười lăm", 15), ("hai mươi mốt", 21), ("5/7", 5)],
)
def test_vietnamese_counts(token: str, value: int) -> None:
    assert parse_count(token) == value


@pytest.mark.parametrize(
    ("head", "tail", "before", "expected"),
    [
        ("Cờ thi đua", " xuất sắc của Chính phủ", "", "co_thi_dua_chinh_phu"),
        ("Cờ thi đua", " của UBND tỉnh", "", "co_thi_dua_bo_tinh"),
        ("Cờ thi đua", "", "Thủ tướng Chính phủ đã tặng ", "co_thi_dua_chinh_phu"),
        ("Bằng khen", " của Thủ tướng Chính phủ", "", "bang_khen_thu_tuong"),
        ("Bằng khen", " của Bộ trưởng Bộ Tài chính", "", "bang_khen_bo_tinh"),
        ("Giấy khen", " của Chủ tịch UBND huyện", "", "giay_khen"),
        ("Huân chương", " Lao động hạng Ba", "", "huan_chuong"),
        ("Kỷ niệm chương", " Vì sự nghiệp giáo dục", "", "ky_niem_chuong"),
        ("Chiến sĩ thi đua", " cấp tỉnh", "", "chien_si_thi_dua"),
        ("Tập thể lao động xuất sắc", "", "", "tap_the_lao_dong_xuat_sac"),
        ("Đơn vị Quyết thắng", "", "", "tap_the_lao_dong_xuat_sac"),
        ("Lao động tiên tiến", "", "", "lao_dong_tien_tien"),
    ],
)
def test_award_forms_map_to_the_law_ids(head: str, tail: str, before: str, expected: str) -> None:
    assert classify(head, tail, before) == expected


def test_collectives_and_individuals_are_two_entries() -> None:
    text = "Dịp này, Chủ tịch UBND xã đã tặng Giấy khen cho 12 tập thể và 05 cá nhân có thành tích xuất sắc"
    assert _awards(text) == [("giay_khen", 12, "tap_the"), ("giay_khen", 5, "ca_nhan")]


def test_unit_counts_as_collective_and_mixed_group_has_no_recipient() -> None:
    text = (
        "Hội nghị trao Cờ thi đua của UBND tỉnh cho 3 đơn vị; "
        "trao Bằng khen của Thủ tướng Chính phủ cho 7 tập thể và cá nhân."
    )
    assert _awards(text) == [("co_thi_dua_bo_tinh", 3, "tap_the"), ("bang_khen_thu_tuong", 7, None)]


def test_spelled_and_thousands_counts() -> None:
    text = "Tại lễ tổng kết, Bộ trưởng trao Kỷ niệm chương cho hai cá nhân và Bằng khen cho 1.250 hội viên"
    assert _awards(text) == [("ky_niem_chuong", 2, "ca_nhan"), ("bang_khen_bo_tinh", 1250, "ca_nhan")]


def test_proposal_with_count_before_the_award() -> None:
    doc = understand(
        "Các đơn vị thống nhất đề nghị 02 đơn vị được nhận Cờ thi đua của Chính phủ; "
        "04 đơn vị được nhận Bằng khen của Chủ tịch UBND tỉnh."
    )
    assert [(a.award, a.count, a.recipient, a.status) for a in doc.awards] == [
        ("co_thi_dua_chinh_phu", 2, "tap_the", "proposed"),
        ("bang_khen_bo_tinh", 4, "tap_the", "proposed"),
    ]


def test_colon_lists() -> None:
    text = "Kết quả bình xét: Cờ thi đua của UBND tỉnh: 15 tập thể; Chiến sĩ thi đua cấp tỉnh: 9 cá nhân"
    assert _awards(text) == [("co_thi_dua_bo_tinh", 15, "tap_the"), ("chien_si_thi_dua", 9, "ca_nhan")]


def test_named_units_count_one_each_and_a_named_person_is_an_individual() -> None:
    text = (
        "Hội nghị công bố quyết định tặng Cờ thi đua của Chính phủ "
        "cho Sở Xây dựng và Công an huyện Bình Minh; "
        "tặng Huân chương Lao động hạng Ba cho ông Lê Văn Tâm, nguyên Giám đốc Sở Xây dựng."
    )
    assert _awards(text) == [("co_thi_dua_chinh_phu", 2, "tap_the"), ("huan_chuong", 1, "ca_nhan")]


def test_the_people_of_a_place_are_one_collective() -> None:
    text = (
        "Phó Chủ tịch nước trao Huân chương Lao động hạng Nhì "
        "cho Đảng bộ, chính quyền và nhân dân huyện Tân Lập."
    )
    assert _awards(text) == [("huan_chuong", 1, "tap_the")]


def test_named_unit_as_subject_of_two_awards() -> None:
    text = (
        "Tại hội nghị, Công ty CP Cấp nước Sông Mây đã vinh dự đón nhận "
        "Cờ thi đua của Chính phủ và Cờ thi đua của Bộ Xây dựng."
    )
    assert _awards(text) == [("co_thi_dua_chinh_phu", 1, "tap_the"), ("co_thi_dua_bo_tinh", 1, "tap_the")]


def test_honours_without_a_form_are_other() -> None:
    text = "Tại buổi lễ, Ban Thường vụ Huyện ủy tuyên dương 18 tập thể và 25 cá nhân điển hình."
    assert _awards(text) == [("other", 18, "tap_the"), ("other", 25, "ca_nhan")]


def test_background_totals_and_one_of_the_group_are_left_out() -> None:
    text = (
        "Trong 5 năm qua, toàn tỉnh có 1.200 tập thể được tặng Cờ thi đua. "
        "Năm 2023, cụm có 3 tập thể được tặng Bằng khen của UBND tỉnh. "
        "Là một trong 40 tập thể dẫn đầu, Trường THCS Hòa An vinh dự nhận Cờ thi đua của UBND tỉnh."
    )
    assert _awards(text) == []


def test_voted_figures_replace_the_draft_report() -> None:
    text = (
        "Hội đồng nghe báo cáo dự kiến đề nghị tặng Cờ thi đua của UBND tỉnh cho 30 đơn vị. "
        "Qua bỏ phiếu, Hội đồng thống nhất đề nghị tặng Cờ thi đua của UBND tỉnh cho 26 đơn vị."
    )
    assert _awards(text) == [("co_thi_dua_bo_tinh", 26, "tap_the")]


def test_caption_repeating_the_body_counts_once() -> None:
    text = (
        "Chủ tịch tỉnh trao Huân chương Lao động hạng Ba cho 4 cá nhân. Ảnh: Minh Anh\n"
        "Tại đại hội, Chủ tịch tỉnh đã trao Huân chương Lao động hạng Ba cho 4 cá nhân."
    )
    assert _awards(text) == [("huan_chuong", 4, "ca_nhan")]


def test_sports_chess_is_not_an_award_and_works_without_units() -> None:
    text = "Hội thao có môn cờ vua, cờ tướng; đội tỉnh nhận cờ vua lưu niệm."
    doc = Pipeline([split_sentences])(Document(text=text))
    find_awards.run(doc)
    assert doc.awards == []


def test_number_of_awards_before_the_form() -> None:
    text = (
        "Tại buổi lễ, UBND huyện trao tặng 15 Bằng khen của Chủ tịch UBND tỉnh cho các tập thể "
        "và 20 Giấy khen cho các cá nhân."
    )
    assert _awards(text) == [("bang_khen_bo_tinh", 15, "tap_the"), ("giay_khen", 20, "ca_nhan")]


def test_counted_list_before_a_passive_award_and_passive_named_recipient() -> None:
    text = (
        "Tại hội nghị, 17 tập thể và 23 cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh; "
        "Cờ thi đua của Bộ Công an được trao cho Phòng Cảnh sát hình sự."
    )
    assert _awards(text) == [
        ("bang_khen_bo_tinh", 17, "tap_the"),
        ("bang_khen_bo_tinh", 23, "ca_nhan"),
        ("co_thi_dua_bo_tinh", 1, "tap_the"),
    ]


def test_headline_total_restating_the_split_counts_once() -> None:
    text = (
        "Phường Tân An: Trao 60 Giấy khen cho tập thể, cá nhân tiêu biểu\n"
        "Dịp này, Chủ tịch UBND phường đã tặng Giấy khen cho 25 tập thể và 35 cá nhân."
    )
    assert _awards(text) == [("giay_khen", 25, "tap_the"), ("giay_khen", 35, "ca_nhan")]


def test_giver_as_subject_is_not_the_awardee_and_earlier_awards_are_background() -> None:
    text = (
        "Hội nghị đề nghị UBND tỉnh tặng Bằng khen cho 2 huyện. "
        "Trước đó, UBND tỉnh đã tặng Cờ thi đua cho 3 xã của huyện."
    )
    assert _awards(text) == [("bang_khen_bo_tinh", 2, "tap_the")]


def test_units_found_by_other_steps_help_name_recipients() -> None:
    from thidua.understand.document import Evidence, UnitFact

    text = "Dịp này, UBND tỉnh trao Cờ thi đua cho Sagoland và Sở Công Thương."
    doc = Pipeline([split_sentences])(Document(text=text))
    find_awards.run(doc)
    assert [(a.award, a.count) for a in doc.awards] == []  # "Sagoland" alone is not known to be a unit
    unit = UnitFact(
        name="Sagoland", key="sagoland", locality=None, evidence=Evidence(text, 0, 1), confidence=0.9
    )
    doc.units = [unit]
    find_awards.run(doc)
    assert [(a.award, a.count, a.recipient) for a in doc.awards] == [("co_thi_dua_bo_tinh", 2, "tap_the")]


def test_abbreviated_and_lower_case_place_recipients_count_one_each() -> None:
    assert _awards("Dịp này, UBND tỉnh trao Cờ thi đua cho THACO và Sở Công Thương.") == [
        ("co_thi_dua_bo_tinh", 2, "tap_the")
    ]
    assert _awards("UBND huyện tặng Giấy khen cho CBCNV và HSSV tiêu biểu.") == []  # groups of people
    text = (
        "Hội nghị đề nghị tặng danh hiệu “Đơn vị Quyết thắng” cho BĐBP tỉnh Cà Ná và BĐBP tỉnh Hòn Đất; "
        "đề nghị tặng Bằng khen của UBND tỉnh cho xã Phước Lộc và thị trấn Tân Sơn."
    )
    assert _awards(text) == [("tap_the_lao_dong_xuat_sac", 2, "tap_the"), ("bang_khen_bo_tinh", 2, "tap_the")]


def test_the_unit_voted_leader_receives_the_flag_asked_for() -> None:
    text = (
        "Các đơn vị đã bình xét, thống nhất suy tôn Công an tỉnh Đông Sơn là đơn vị dẫn đầu, đề nghị "
        "Bộ trưởng Bộ Công an tặng Cờ thi đua. Theo kết quả, xã Tam Hiệp được Cụm suy tôn dẫn đầu, "
        "đề nghị UBND huyện tặng Giấy khen."
    )
    assert _awards(text) == [("co_thi_dua_bo_tinh", 1, "tap_the"), ("giay_khen", 1, "tap_the")]


def test_subjects_proposed_for_an_award_or_recognised_as_reaching_a_title() -> None:
    text = (
        "TAND tỉnh Bắc Sơn được đề nghị Chánh án TAND tối cao tặng Cờ thi đua; xã Hòa An và xã Hòa Lợi "
        "được đề nghị công nhận danh hiệu “Tập thể lao động tiên tiến”. Hiệu trưởng công bố quyết định "
        "công nhận Trường đạt danh hiệu “Tập thể lao động xuất sắc”."
    )
    assert _awards(text) == [
        ("co_thi_dua_bo_tinh", 1, "tap_the"),
        ("lao_dong_tien_tien", 2, "tap_the"),
        ("tap_the_lao_dong_xuat_sac", 1, "tap_the"),
    ]


def test_a_quoted_award_name_does_not_hide_its_recipients() -> None:
    text = "Dịp này, Hội trao Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Hội” cho 17 cá nhân."
    assert _awards(text) == [("ky_niem_chuong", 17, "ca_nhan")]


def test_the_people_of_a_place_with_its_address_is_one_awardee() -> None:
    text = (
        "Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho Đảng bộ, chính quyền và Nhân dân "
        "xã Long Điền, huyện Hòa Vang, tỉnh Bắc Sơn vì thành tích xuất sắc."
    )
    assert _awards(text) == [("co_thi_dua_chinh_phu", 1, "tap_the")]
    addressed = "UBND tỉnh tặng Bằng khen cho Sở Công Thương và Trạm Y tế xã Long Điền, huyện Hòa Vang."
    assert _awards(addressed) == [("bang_khen_bo_tinh", 2, "tap_the")]


def test_the_giver_named_in_one_mention_does_not_make_a_second_medal() -> None:
    text = (
        "Sáng 3/11, Công ty Cổ phần Thủy sản Bến Lức đón nhận Huân chương Lao động hạng Nhì "
        "của Chủ tịch nước. "
        "Thừa ủy quyền, Phó Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Nhì cho Công ty."
    )
    assert _awards(text) == [("huan_chuong", 1, "tap_the")]


def test_a_caption_naming_the_medal_without_its_class_restates_the_body() -> None:
    text = (
        "Thừa ủy quyền, Phó Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì cho Nhân dân và cán bộ "
        "huyện Tân Lạc.\nPhó Bí thư Tỉnh ủy trao Huân chương cho huyện Tân Lạc. Ảnh: Minh Hà"
    )
    assert _awards(text) == [("huan_chuong", 1, "tap_the")]
    two = (
        "Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho Sở Y tế. "
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba cho Sở Tài chính."
    )
    assert _awards(two) == [("huan_chuong", 1, "tap_the"), ("huan_chuong", 1, "tap_the")]


def test_a_counted_subject_receiving_an_award_and_a_joint_total_over_two_forms() -> None:
    assert _awards("Tại buổi lễ, 2 tập thể vinh dự đón nhận Cờ thi đua của Chính phủ.") == [
        ("co_thi_dua_chinh_phu", 2, "tap_the")
    ]
    text = (
        "86 tập thể được nhận cờ thi đua và bằng khen của Chủ tịch UBND tỉnh\n"
        "Hội đồng thống nhất đề nghị tặng Cờ thi đua cho 31 tập thể, Bằng khen cho 55 tập thể."
    )
    assert _awards(text) == [("co_thi_dua_bo_tinh", 31, "tap_the"), ("bang_khen_bo_tinh", 55, "tap_the")]


def test_a_counted_group_named_in_apposition_keeps_the_next_count() -> None:
    text = (
        "Tại lễ, lãnh đạo tỉnh trao Huân chương Lao động hạng Nhì cho 1 tập thể là Hợp tác xã "
        "Thành Công và 3 cá nhân."
    )
    assert _awards(text) == [("huan_chuong", 1, "tap_the"), ("huan_chuong", 3, "ca_nhan")]
    text = "Dịp này, Sở trao Giấy khen cho 2 đơn vị (Trạm Y tế xã A và Trạm Y tế xã B) và 6 cá nhân."
    assert _awards(text) == [("giay_khen", 2, "tap_the"), ("giay_khen", 6, "ca_nhan")]


def test_all_of_the_n_units_is_a_count() -> None:
    text = "Hội nghị đề nghị công nhận danh hiệu Tập thể lao động xuất sắc cho cả 4 đơn vị trong Khối."
    assert _awards(text) == [("tap_the_lao_dong_xuat_sac", 4, "tap_the")]


def test_a_named_proposal_is_not_one_of_the_awards_handed_over() -> None:
    text = (
        "Khối thống nhất đề nghị Bộ trưởng tặng Bằng khen cho Cục Thống kê tỉnh. "
        "Dịp này, Thứ trưởng trao Bằng khen của Bộ trưởng cho 4 tập thể và 9 cá nhân."
    )
    assert sorted(_awards(text)) == [
        ("bang_khen_bo_tinh", 1, "tap_the"),
        ("bang_khen_bo_tinh", 4, "tap_the"),
        ("bang_khen_bo_tinh", 9, "ca_nhan"),
    ]
    # A named awardee among the handed-over group of the same award is not counted twice.
    text = (
        "Lãnh đạo tỉnh trao Bằng khen cho 4 tập thể. "
        "Sở Xây dựng vinh dự nhận Bằng khen của Chủ tịch UBND tỉnh."
    )
    assert _awards(text) == [("bang_khen_bo_tinh", 4, "tap_the")]
