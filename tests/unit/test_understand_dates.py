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
