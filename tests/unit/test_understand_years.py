"""Campaign years on unseen text: a date spelled out in words is a date, not a campaign year.

All text is invented."""

from __future__ import annotations

from thidua.understand.extract import understand


def _years(text: str) -> list[int]:
    return [y.year for y in understand(text).campaign_years]


def test_the_year_of_a_spelled_out_event_date_is_not_a_campaign_year() -> None:
    text = (
        "Ngày 14 tháng 01 năm 2025, Cụm thi đua số 3 Hội Nông dân tỉnh Đồi Mai tổ chức hội nghị tổng kết "
        "công tác thi đua năm 2024."
    )
    assert _years(text) == [2024]


def test_a_next_year_direction_still_counts() -> None:
    text = (
        "Ngày 14 tháng 01 năm 2025, Cụm thi đua số 3 tổng kết công tác thi đua năm 2024 và ký kết giao ước "
        "thi đua năm 2025."
    )
    assert _years(text) == [2024, 2025]
