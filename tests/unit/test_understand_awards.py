"""Award counts in shapes met on unseen text: counted nouns, named groups before the verb, several
units voted leaders, and one form given to different units in separate lines. Sentences invented."""

from __future__ import annotations

from thidua.understand.extract import understand


def _awards(text: str) -> list[tuple[str, int, str | None]]:
    return sorted((a.award, a.count, a.recipient) for a in understand(text).awards)


def test_grassroots_trade_unions_are_counted_collectives() -> None:
    text = ("Ngày 3/4/2025, Cụm thi đua số 5 ký giao ước. Dịp này, LĐLĐ huyện Đồi Cát trao Giấy khen cho "
            "05 công đoàn cơ sở và 09 đoàn viên có thành tích xuất sắc.")
    assert _awards(text) == [("giay_khen", 5, "tap_the"), ("giay_khen", 9, "ca_nhan")]


def test_a_counted_group_named_before_the_passive_verb() -> None:
    text = ("Ngày 8/1/2025, Cụm thi đua số 2 tổng kết năm 2024. Dịp này, hai xã Nậm Cút và Bến Sỏi được "
            "Chủ tịch UBND huyện tặng Giấy khen vì thành tích xây dựng nông thôn mới.")
    assert _awards(text) == [("giay_khen", 2, "tap_the")]
    text = ("Ngày 8/1/2025, Khối thi đua các huyện vùng cao tổng kết năm 2024. Ba huyện Đồi Cát, Nậm Cút, "
            "Bến Sỏi được đề nghị tặng Bằng khen.")
    assert _awards(text) == [("bang_khen_bo_tinh", 3, "tap_the")]


def test_several_units_voted_leaders_each_get_the_flag_proposed() -> None:
    text = ("Ngày 20/12/2024, Khối thi đua số 6 họp tổng kết. Khối thống nhất suy tôn Hội Nông dân tỉnh và "
            "Hội Cựu chiến binh tỉnh là hai đơn vị dẫn đầu, đề nghị UBND tỉnh tặng Cờ thi đua.")
    assert _awards(text) == [("co_thi_dua_bo_tinh", 2, "tap_the")]


def test_one_flag_per_bloc_in_separate_lines_is_two_awards() -> None:
    text = (
        "Ngày 3/1/2025, Hội đồng thi đua tỉnh họp bình xét năm 2024.\n"
        "1. Khối thi đua số I\n"
        "- Đơn vị dẫn đầu, đề nghị tặng Cờ thi đua của UBND tỉnh: Sở Công Thương.\n"
        "2. Khối thi đua số II\n"
        "- Đơn vị dẫn đầu, đề nghị tặng Cờ thi đua của UBND tỉnh: Sở Tư pháp.\n"
    )
    assert _awards(text) == [("co_thi_dua_bo_tinh", 1, "tap_the"), ("co_thi_dua_bo_tinh", 1, "tap_the")]


def test_the_same_flag_restated_for_the_same_unit_is_one_award() -> None:
    text = (
        "Xã Nậm Cút đón nhận Cờ thi đua của Chính phủ\n"
        "Sáng 5/5/2025, UBND xã Nậm Cút tổ chức lễ đón nhận Cờ thi đua của Chính phủ. Phó Chủ tịch UBND tỉnh "
        "trao Cờ thi đua của Chính phủ cho Đảng bộ, chính quyền và nhân dân xã Nậm Cút."
    )
    assert _awards(text) == [("co_thi_dua_chinh_phu", 1, "tap_the")]


def test_a_past_period_tally_after_a_semicolon_is_background() -> None:
    text = (
        "Ngày 10/1/2025, Khối thi đua các doanh nghiệp tỉnh Đồi Mai tổng kết năm 2024. Ông Lò Văn Sáng cho "
        "biết năm 2024 doanh thu tăng 9%; trong 5 năm qua, đơn vị đã có 64 tập thể được tặng Giấy khen. "
        "Dịp này, Khối trao Giấy khen cho 3 tập thể."
    )
    assert [(a.award, a.count) for a in understand(text).awards] == [("giay_khen", 3)]
