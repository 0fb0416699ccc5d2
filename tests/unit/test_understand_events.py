"""Event types: a deadline set for later and an award handed over "on this occasion" (invented text)."""

from __future__ import annotations

from thidua.understand.extract import understand


def _types(text: str) -> set[str]:
    return {f.type for f in understand(text).event_types}


def test_a_review_with_a_deadline_is_planned_not_held() -> None:
    text = ("Chiều 16/1, Khối thi đua các trường cao đẳng sơ kết học kỳ I. Hội nghị thống nhất kiểm tra chéo "
            "trong tháng 5 và tổng kết năm học trước ngày 30/6.")
    assert _types(text) == {"so_ket"}


def test_an_award_given_on_this_occasion_is_handed_over_at_the_event() -> None:
    text = ("Ngày 8/1/2025, Cụm thi đua số 2 tổng kết công tác năm 2024. Dịp này, hai xã Nậm Cút và Bến Sỏi "
            "được Chủ tịch UBND huyện tặng Giấy khen.")
    assert _types(text) == {"tong_ket", "trao_khen_thuong"}


def test_an_award_received_earlier_is_still_a_result() -> None:
    text = ("Ngày 8/1/2025, Cụm thi đua số 2 tổng kết công tác năm 2024. Năm qua, xã Nậm Cút được Chủ tịch "
            "UBND huyện tặng Giấy khen.")
    assert "trao_khen_thuong" not in _types(text)


def test_a_reports_directions_and_proposals_are_not_held_but_proposing_is_binh_xet() -> None:
    text = (
        "BÁO CÁO TỔNG KẾT\n"
        "Công tác thi đua năm 2024 của Khối thi đua các sở nông nghiệp tỉnh Đồi Mai\n"
        "I. KẾT QUẢ NĂM 2024\n"
        "Các đơn vị hoàn thành chỉ tiêu được giao.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n"
        "1. Tổ chức ký kết giao ước thi đua năm 2025 trong quý I.\n"
        "2. Phát động phong trào chuyển đổi số.\n"
        "III. KIẾN NGHỊ\n"
        "Khối đề nghị:\n"
        "1. Chủ tịch UBND tỉnh tặng Cờ thi đua cho Sở Nông nghiệp.\n"
    )
    assert _types(text) == {"tong_ket", "binh_xet"}


def test_a_pact_signed_earlier_in_the_quarter_is_background() -> None:
    text = (
        "Chiều 3/4, Hội đồng Thi đua - Khen thưởng tỉnh Đồi Mai giao ban quý I. Sở Tư pháp báo cáo: "
        "trong quý I, Khối đã ký giao ước thi đua và triển khai chuyên đề cải cách tư pháp."
    )
    assert "ky_ket_giao_uoc" not in _types(text)


def test_a_meeting_that_met_to_review_is_a_review() -> None:
    text = "Ngày 16/12/2024, Cụm thi đua số 5 đã họp tổng kết, chấm điểm và bình xét thi đua tại xã Khe Rêu."
    assert _types(text) == {"tong_ket", "binh_xet"}


def test_scoring_then_evaluating_and_a_passive_proposal_on_this_occasion_are_binh_xet() -> None:
    text = "Ngày 9/7/2024, Khối sơ kết 6 tháng. Các đơn vị đã chấm điểm, đánh giá kết quả thi đua 6 tháng."
    assert _types(text) == {"so_ket", "binh_xet"}
    text = (
        "Chiều 13/2, Cụm thi đua số 5 ký kết giao ước thi đua năm 2025. Dịp này, Công an huyện Khe Rêu "
        "được đề nghị Bộ trưởng Bộ Công an tặng Cờ thi đua."
    )
    assert _types(text) == {"ky_ket_giao_uoc", "binh_xet"}
