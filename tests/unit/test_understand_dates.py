"""Dates in brief-style openings (invented sentences)."""

from __future__ import annotations

import datetime as dt

from thidua.understand.extract import understand


def test_a_bracketed_date_opening_a_brief_is_its_posting_date() -> None:
    doc = understand(
        "(10-12-2024) Ngày 9/12 vừa qua, Cụm thi đua số 4 tổ chức hội nghị bình xét thi đua năm 2024."
    )
    assert doc.published is not None and doc.published.value == dt.date(2024, 12, 10)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2024, 12, 9)


def test_a_bracketed_date_later_in_the_text_is_not_the_posting_date() -> None:
    body = "Khối thi đua số 2 họp bình xét thi đua năm 2024 tại hội trường của đơn vị Khối trưởng. " * 5
    doc = understand(body + "(10-12-2024) Hội nghị thống nhất đề nghị khen thưởng.")
    assert doc.published is None


def test_minutes_closed_the_same_day_are_dated_by_their_time_line() -> None:
    text = (
        "BIÊN BẢN\nHọp Cụm thi đua số 2 huyện Đồi Cát\n"
        "Thời gian: 14 giờ, ngày 03 tháng 7 năm 2025.\n"
        "Nội dung: sơ kết phong trào thi đua 6 tháng đầu năm 2025.\n"
        "Biên bản lập xong lúc 16 giờ cùng ngày.\n"
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2025, 7, 3)
    # without the closing line nothing says when the minutes were written
    assert understand(text.replace("Biên bản lập xong lúc 16 giờ cùng ngày.\n", "")).published is None
