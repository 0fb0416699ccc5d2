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
