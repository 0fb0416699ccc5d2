"""Event types: what happens at the reported event, not what is planned, habitual or background."""

from __future__ import annotations

import pytest

from thidua.understand.extract import understand


def _types(text: str) -> set[str]:
    return {f.type for f in understand(text).event_types}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sáng 12/1, Khối thi đua các sở tổ chức hội nghị tổng kết công tác thi đua năm 2023 "
            "và ký kết giao ước thi đua năm 2024.",
            {"tong_ket", "ky_ket_giao_uoc"},
        ),
        (
            "Ngày 15/7, Cụm thi đua số 3 tổ chức sơ kết công tác thi đua 6 tháng đầu năm.",
            {"so_ket"},
        ),
        ("UBND huyện vừa phát động phong trào thi đua chuyển đổi số năm 2024.", {"phat_dong"}),
        (
            "Tại hội nghị, các đơn vị đã bỏ phiếu suy tôn 2 đơn vị dẫn đầu đề nghị tặng Cờ thi đua.",
            {"binh_xet"},
        ),
        (
            "Dịp này, Chủ tịch UBND huyện đã trao Giấy khen cho 12 tập thể và 20 cá nhân.",
            {"trao_khen_thuong"},
        ),
        (
            "Sáng 3/5, Hội Nông dân tỉnh tổ chức hội nghị tuyên dương nông dân điển hình.",
            {"trao_khen_thuong"},
        ),
    ],
)
def test_each_type_is_read_from_its_trigger(text: str, expected: set[str]) -> None:
    assert _types(text) == expected


def test_a_signing_announced_for_later_does_not_count() -> None:
    text = (
        "Ngày 8/3/2023, các đơn vị góp ý dự thảo quy chế. "
        "Ngày 15/3/2023 các đơn vị sẽ ký kết giao ước thi đua."
    )
    assert _types(text) == set()


def test_plans_rules_and_passive_background_are_not_events() -> None:
    text = (
        "Hội nghị thống nhất kế hoạch phát động các phong trào thi đua; "
        "các phong trào do Trung ương phát động được triển khai. "
        "Quy định về tổ chức hoạt động và bình xét thi đua được thông qua."
    )
    assert _types(text) == set()


def test_habitual_duties_do_not_count() -> None:
    text = "Hằng năm, cụm trưởng tổ chức phát động thi đua; sơ kết, tổng kết phong trào của cụm."
    assert _types(text) == set()


def test_proposal_is_evaluation_not_handing_over() -> None:
    text = (
        "Hội nghị thống nhất đề nghị 02 đơn vị được nhận Cờ thi đua của UBND tỉnh; "
        "04 đơn vị được nhận Bằng khen."
    )
    assert _types(text) == {"binh_xet"}


def test_last_years_results_are_not_an_award_ceremony() -> None:
    text = (
        "Ngày 20/2/2024, các phường ký kết giao ước thi đua năm 2024. "
        "Năm 2023, cụm có 2 tập thể được tặng Bằng khen của UBND thành phố."
    )
    assert _types(text) == {"ky_ket_giao_uoc"}


def test_illustrative_caption_is_ignored() -> None:
    text = "Lãnh đạo Bộ trao Cờ thi đua cho các đơn vị tại một hội nghị năm trước. (Ảnh minh họa)"
    assert "trao_khen_thuong" not in _types(text)


def test_emulation_congress_held_is_a_review_and_a_future_one_is_not() -> None:
    held = (
        "Sáng 10-10, tỉnh tổ chức Đại hội Thi đua yêu nước lần thứ VI. "
        "Phát biểu tại Đại hội, Chủ tịch tỉnh nhấn mạnh."
    )
    future = (
        "Đại hội thi đua yêu nước của huyện sẽ được tổ chức vào tháng 9/2025; "
        "đại biểu phải là điển hình tiên tiến."
    )
    assert _types(held) == {"tong_ket"}
    assert _types(future) == set()


def test_preparing_for_a_review_conference_is_not_the_review() -> None:
    text = (
        "Cuộc họp rà soát nội dung chuẩn bị cho hội nghị tổng kết "
        "và thông qua kết quả chấm điểm, xếp hạng."
    )
    assert _types(text) == {"binh_xet"}


def test_a_target_is_not_an_event() -> None:
    text = "Năm 2025, huyện phấn đấu có 100% cơ quan, đơn vị ký kết giao ước thi đua."
    assert _types(text) == set()


def test_council_meeting_to_consider_awards_is_evaluation() -> None:
    text = "Chiều 20/12, Hội đồng Thi đua - Khen thưởng huyện họp xét tặng danh hiệu thi đua năm 2023."
    assert _types(text) == {"binh_xet"}


def test_a_review_asked_for_or_planned_is_not_held() -> None:
    asked = (
        "Chiều 4/3, Cụm thi đua số 6 ký kết giao ước thi đua năm 2024. Lãnh đạo Ban Thi đua đề nghị "
        "các đơn vị tổ chức sơ kết 6 tháng vào tháng 7/2024 và tổng kết công tác thi đua cuối năm."
    )
    assert _types(asked) == {"ky_ket_giao_uoc"}
    planned = "Các sở góp ý dự thảo Kế hoạch tổ chức Hội nghị tổng kết năm 2021 của Cụm."
    assert _types(planned) == set()


def test_a_place_named_can_does_not_make_a_review_a_recommendation() -> None:
    text = "Sáng 4/7, Khối thi đua các phòng thuộc UBND huyện Cần Đước tổ chức hội nghị sơ kết 6 tháng."
    assert _types(text) == {"so_ket"}


def test_a_tally_of_the_years_drives_is_not_a_launch() -> None:
    text = (
        "Năm 2022, Khối đã phát động 4 đợt thi đua cao điểm chào mừng các ngày lễ lớn. "
        "Hội nghị đã bình xét, đề nghị tặng Cờ thi đua cho Sở Xây dựng."
    )
    assert _types(text) == {"binh_xet"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sáng 10/10, Khối thi đua số 2 ký kết bổ sung giao ước thi đua năm 2023.", {"ky_ket_giao_uoc"}),
        ("Sáng 16/12, Cụm thi đua các xã họp đánh giá, chấm điểm thi đua năm 2023.", {"binh_xet"}),
        ("Ngày 3/1, các đơn vị trong Khối đã bình bầu đơn vị dẫn đầu năm 2023.", {"binh_xet"}),
        ("Hội nghị thống nhất các tiêu chí chấm điểm thi đua học kỳ II.", set()),
    ],
)
def test_more_ways_of_signing_and_scoring(text: str, expected: set[str]) -> None:
    assert _types(text) == expected


def test_an_agency_named_for_planning_does_not_make_its_review_a_plan() -> None:
    text = "Ngày 20/12/2024, Sở Kế hoạch và Đầu tư đã họp tổng kết công tác thi đua năm 2024."
    assert _types(text) == {"tong_ket"}
    # A real plan still blocks: a review that is only the subject of a plan is not held.
    assert "tong_ket" not in _types("Sở ban hành Kế hoạch tổ chức tổng kết công tác thi đua năm 2024.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các trường đã ký cam kết hưởng ứng phong trào thi đua năm học mới.", {"ky_ket_giao_uoc"}),
        ("Lãnh đạo các phòng ký cam kết thực hiện thi đua chuyên đề năm 2024.", {"ky_ket_giao_uoc"}),
        ("Các hộ kinh doanh ký cam kết không kinh doanh hàng giả.", set()),
    ],
)
def test_a_pledge_counts_only_when_it_is_to_the_emulation_movement(text: str, expected: set[str]) -> None:
    assert _types(text) == expected
