"""Dates: the grammar of written dates, their roles, the publication and event dates."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.understand.dategrammar import scan_dates
from thidua.understand.extract import understand


def _parts(text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(r.day, r.month, r.year) for r in scan_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 7/4/2022, Cụm thi đua số 6 họp.", [(7, 4, 2022)]),
        ("Sáng ngày 05/06, Khối thi đua tổ chức hội nghị.", [(5, 6, None)]),
        ("Chiều 21 - 12, các đơn vị ký giao ước.", [(21, 12, None)]),
        ("Chiều này 9.8, tại hội trường tỉnh.", [(9, 8, None)]),
        ("Cập nhật 3 Tháng Tư 2021 lúc 9:00.", [(3, 4, 2021)]),
        ("ngày 8 tháng 11 năm 2020 tại xã Hòa Bình", [(8, 11, 2020)]),
        ("dự kiến tổ chức vào tháng 9/2024", [(None, 9, 2024)]),
        ("kết quả tháng 6 năm 2019 được công bố", [(None, 6, 2019)]),
        ("Tối 2-3-2018 diễn ra lễ trao cờ.", [(2, 3, 2018)]),
    ],
)
def test_grammar_reads_each_form_with_its_granularity(text: str, expected: list[tuple]) -> None:
    assert _parts(text) == expected


def test_counts_and_document_numbers_are_not_dates() -> None:
    text = "Có 7/9 đơn vị đạt chỉ tiêu; 3/3 xã về đích; thực hiện Quyết định số 12/QĐ-UBND."
    assert scan_dates(text) == []


def test_two_day_event_keeps_the_first_day_and_the_second() -> None:
    (r,) = scan_dates("Ngày 3 và 4 tháng 10 vừa qua, hội thao diễn ra sôi nổi.")
    assert (r.day, r.day2, r.month, r.year) == (3, 4, 10, None)


def test_header_timestamp_is_published_and_yearless_event_takes_its_year() -> None:
    text = (
        "Cụm thi đua số 4 ký kết giao ước thi đua\n"
        "09:15, 12/03/2022\n"
        "Chiều 10/3, Cụm thi đua số 4 tổ chức hội nghị ký kết giao ước thi đua năm 2022."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2022, 3, 12)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 3, 10)
    assert doc.text[doc.event_date.evidence.start : doc.event_date.evidence.end] == "Chiều 10/3"


def test_labelled_posting_date_wins_over_the_site_clock() -> None:
    text = (
        "Chủ nhật, ngày 14/07/2024\n"
        "Hội nghị sơ kết thi đua 6 tháng đầu năm\n"
        "Ngày đăng: 02/07/2019 10:20\n"
        "Sáng 1/7, Khối thi đua các huyện tổ chức sơ kết công tác thi đua 6 tháng đầu năm 2019."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2019, 7, 2)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2019, 7, 1)


def test_event_late_in_the_year_before_publication_takes_the_previous_year() -> None:
    text = "(03/01/2021)\nChiều 29-12, Khối thi đua các doanh nghiệp tổng kết công tác thi đua năm 2020."
    doc = understand(text)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2020, 12, 29)


def test_cited_document_dates_and_anniversaries_are_not_the_event() -> None:
    text = (
        "Thực hiện Kế hoạch số 25/KH-UBND ngày 10/01/2022 của UBND tỉnh, chào mừng kỷ niệm "
        "45 năm Ngày thành lập tỉnh (01/7/1977 – 01/7/2022), ngày 18/02/2022 Khối thi đua "
        "các sở tổ chức ký kết giao ước thi đua năm 2022."
    )
    doc = understand(text)
    roles = {(m.day, m.month, m.year): m.role for m in doc.dates}
    assert roles[(10, 1, 2022)] == "reference"
    assert roles[(1, 7, 1977)] == roles[(1, 7, 2022)] == "commemorated"
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 2, 18)


def test_a_movement_duration_is_a_range_and_gives_no_event_date() -> None:
    text = "Phong trào thi đua được triển khai từ ngày 01/3/2023 đến ngày 30/11/2023 trên toàn huyện."
    doc = understand(text)
    assert [m.role for m in doc.dates] == ["range_start", "range_end"]
    assert doc.event_date is None


def test_a_yearless_date_with_no_year_anywhere_gives_no_event_date() -> None:
    doc = understand("Ngày 14-9, Khối thi đua các trường tổ chức sơ kết 6 tháng đầu năm.")
    assert doc.event_date is None


def test_yearless_date_takes_the_year_of_a_january_meeting_after_a_review() -> None:
    text = (
        "Chiều 16/1, Khối thi đua các ban Đảng tổ chức hội nghị tổng kết công tác thi đua năm 2023 "
        "và ký kết giao ước thi đua năm 2024."
    )
    doc = understand(text)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2024, 1, 16)


def test_planned_signing_is_not_the_event() -> None:
    text = (
        "Ngày 5/4/2022, các đơn vị trong Khối góp ý dự thảo quy chế. "
        "Ngày 12/4/2022 các đơn vị sẽ ký kết giao ước thi đua."
    )
    doc = understand(text)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 4, 5)


def test_dates_inside_web_addresses_are_ignored() -> None:
    doc = understand("URL: https://example.vn/tin/12-05-2020/hoi-nghi\nKhối thi đua họp bàn kế hoạch.")
    assert doc.dates == []
    assert doc.published is None


def test_day_in_brackets_after_a_cue() -> None:
    text = "Chiều qua (21/9), Cụm thi đua các huyện miền núi tổ chức sơ kết công tác thi đua năm 2022."
    doc = understand(text)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 9, 21)


def test_a_celebrated_day_is_not_the_event_date() -> None:
    text = "Các đơn vị thi đua lập thành tích chào mừng ngày 2/9 và kỷ niệm ngày 19/8 trong năm 2021."
    doc = understand(text)
    assert {m.role for m in doc.dates} == {"commemorated"}
    assert doc.event_date is None


def test_two_days_one_month_and_weekday_in_brackets() -> None:
    (pair,) = scan_dates("Trong 2 ngày 10 và 11/5, Cụm thi đua tổ chức hội thao.")
    assert (pair.day, pair.day2, pair.month) == (10, 11, 5)
    (weekday,) = scan_dates("Sáng thứ Bảy (16/9), các trường ký kết giao ước.")
    assert (weekday.day, weekday.month) == (16, 9)


def test_school_year_gives_autumn_dates_its_first_year() -> None:
    text = "Sáng thứ Bảy (16/9), 12 trường trong Khối thi đua số 3 ký giao ước thi đua năm học 2023 - 2024."
    doc = understand(text)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2023, 9, 16)


def test_date_of_an_unnumbered_document_is_a_reference() -> None:
    text = "Theo Quyết định ngày 10/3/2023 của UBND tỉnh, Khối thi đua được kiện toàn."
    doc = understand(text)
    assert [m.role for m in doc.dates] == ["reference"]
    assert doc.event_date is None


def test_a_meeting_time_in_the_body_is_not_a_page_timestamp() -> None:
    text = "14h00, ngày 15/3/2023, tại hội trường UBND huyện, Khối thi đua tổ chức ký kết giao ước thi đua."
    doc = understand(text)
    assert doc.published is None
    assert doc.event_date is not None and doc.event_date.value == dt.date(2023, 3, 15)


def test_place_and_date_line_of_minutes_is_its_signing_date() -> None:
    text = (
        "KHỐI THI ĐUA CÁC CƠ QUAN KINH TẾ\n"
        "Long Xuyên Mới, ngày 08 tháng 12 năm 2022\n"
        "BIÊN BẢN\n"
        "Hôm nay, vào lúc 8 giờ 30 phút, ngày 08 tháng 12 năm 2022, Khối thi đua họp bình xét."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2022, 12, 8)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 12, 8)


def test_a_bracketed_clock_time_after_the_date_marks_the_page_header() -> None:
    text = "Ngày 11/03/2021 (15:40)\nChiều 9/3, Khối thi đua các doanh nghiệp ký kết giao ước thi đua."
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2021, 3, 11)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2021, 3, 9)


def test_capitalised_month_name_without_a_year_is_a_date() -> None:
    assert _parts("Ngày 14 tháng Mười, tại huyện Mường Tè, Cụm thi đua họp.") == [(14, 10, None)]
    assert _parts("Sáng ngày 3 tháng tư, các đơn vị ký giao ước.") == [(3, 4, None)]
    assert _parts("trong ngày 5 tháng năm nay") == []  # "năm" here is "year"


def test_an_anniversary_span_from_the_nineteenth_century_is_commemorated() -> None:
    text = (
        "Cập nhật: 12/05/2020\n"
        "Ngày 11 tháng Năm, Khối thi đua các trường sơ kết thi đua chào mừng 130 năm Ngày sinh "
        "Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2020)."
    )
    doc = understand(text)
    assert {m.role for m in doc.dates if m.year in (1890, 2020) and m.month == 5 and m.day == 19} == {
        "commemorated"
    }
    assert doc.event_date is not None and doc.event_date.value == dt.date(2020, 5, 11)


def test_news_of_a_conferring_decision_is_dated_by_the_decision() -> None:
    text = (
        "UBND tỉnh vừa ban hành Quyết định số 1789/QĐ-UBND ngày 20 tháng 8 năm 2021 tặng Cờ thi đua "
        "cho 12 tập thể dẫn đầu các khối thi đua năm 2020."
    )
    doc = understand(text)
    assert [m.role for m in doc.dates] == ["reference"]
    assert doc.event_date is not None and doc.event_date.value == dt.date(2021, 8, 20)
    cited = "Thực hiện Quyết định số 1789/QĐ-UBND ngày 20/8/2021 của UBND tỉnh, các khối rà soát tiêu chí."
    assert understand(cited).event_date is None


@pytest.mark.parametrize(
    "header",
    ["2022-06-03T08:40:00+07:00", "2022-06-03 08:40:00", "03/06/2022 08:40 GMT+7", "2022-06-03T01:40:00Z"],
)
def test_machine_timestamps_of_page_metadata_are_the_publication_date(header: str) -> None:
    doc = understand(f"Tin tức\n{header}\nChiều 2/6, Cụm thi đua số 2 sơ kết công tác thi đua 6 tháng.")
    assert doc.published is not None and doc.published.value == dt.date(2022, 6, 3)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2022, 6, 2)


def test_a_bracketed_pair_of_days_is_the_event() -> None:
    doc = understand("Ngày đăng: 23/12/2023\nTrong 2 ngày (21-22/12), Khối thi đua kiểm tra chéo năm 2023.")
    assert doc.event_date is not None and doc.event_date.value == dt.date(2023, 12, 21)


def test_a_bracketed_place_and_date_line_under_a_speech_heading_dates_it() -> None:
    text = (
        "PHÁT BIỂU CỦA ĐỒNG CHÍ CHỦ TỊCH UBND HUYỆN TẠI HỘI NGHỊ GIAO ƯỚC THI ĐUA\n"
        "(Long Xuyên, ngày 8/3/2025)\n\n"
        "Kính thưa các đồng chí! Năm 2025, các xã trong Cụm cần đẩy mạnh cải cách hành chính."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2025, 3, 8)
    # No other day is written: the speech's own date line is the day it was given.
    assert doc.event_date is not None and doc.event_date.value == dt.date(2025, 3, 8)


def test_a_date_line_does_not_replace_a_written_event_day() -> None:
    text = (
        "Hòa An, ngày 20 tháng 11 năm 2024\n\nBIÊN BẢN\n"
        "Ngày 18/11/2024, Cụm thi đua số 5 họp bình xét thi đua năm 2024."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2024, 11, 20)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2024, 11, 18)


def test_a_page_timestamp_alone_is_not_the_event_day() -> None:
    doc = understand("05/04/2024 09:30\n\nKhối thi đua các sở vừa ký kết giao ước thi đua năm 2024.")
    assert doc.published is not None and doc.published.value == dt.date(2024, 4, 5)
    assert doc.event_date is None


def test_the_planning_ministrys_name_is_not_a_cited_plan() -> None:
    text = "Sáng 14/6/2024, Sở Kế hoạch và Đầu tư ngày càng chủ động; Sở tổ chức hội nghị sơ kết."
    doc = understand(text)
    assert [m.role for m in doc.dates] == ["event"]
    text = "Ngày 3/5/2024, Sở Kế hoạch và Đầu tư ngày 3/5 họp."
    assert all(m.role != "reference" for m in understand(text).dates)


def test_a_date_line_sharing_its_line_with_the_document_number_is_the_publication_date() -> None:
    text = (
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN\n"
        "Số: 12/BB-HĐ                    Hòa An, ngày 3 tháng 12 năm 2024\n\n"
        "BIÊN BẢN\nThời gian: 8 giờ 00, ngày 2/12/2024. Hội đồng họp xét khen thưởng năm 2024."
    )
    doc = understand(text)
    assert doc.published is not None and doc.published.value == dt.date(2024, 12, 3)
    assert doc.event_date is not None and doc.event_date.value == dt.date(2024, 12, 2)
