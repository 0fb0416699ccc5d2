"""Campaign years: stated years and periods of the emulation activity, not every year mentioned."""

from __future__ import annotations

from thidua.understand.extract import understand


def _years(text: str) -> list[int]:
    return [y.year for y in understand(text).campaign_years]


def test_review_of_one_year_and_pact_for_the_next_give_both() -> None:
    text = "Khối thi đua số 2 tổng kết công tác thi đua năm 2021 và ký kết giao ước thi đua năm 2022."
    assert _years(text) == [2021, 2022]


def test_emulation_period_expands_to_every_year() -> None:
    text = "Hội nghị biểu dương điển hình tiên tiến trong phong trào thi đua giai đoạn 2016 - 2020."
    assert _years(text) == [2016, 2017, 2018, 2019, 2020]


def test_school_year_expands() -> None:
    assert _years("Cụm thi đua các trường tổng kết năm học 2019-2020.") == [2019, 2020]


def test_congress_term_counts_but_council_term_does_not() -> None:
    text = (
        "Đại hội thi đua yêu nước huyện lần thứ IV (2020-2025) đã khai mạc. "
        "Đại hội chào mừng kỳ họp HĐND huyện nhiệm kỳ 2021-2026."
    )
    assert _years(text) == [2020, 2021, 2022, 2023, 2024, 2025]


def test_programme_span_and_quoted_movement_name_are_not_periods() -> None:
    text = (
        "Ngày 9/5/2023, Khối thi đua ký kết giao ước thi đua năm 2023, gắn với Chương trình chuyển đổi số "
        "giai đoạn 2021-2030 và phong trào “Cả nước thi đua xây dựng xã hội học tập giai đoạn 2023-2030”."
    )
    assert _years(text) == [2023]


def test_anniversary_law_goal_and_distant_years_are_left_out() -> None:
    text = (
        "Ngày 20/3/2024, Cụm thi đua phát động thi đua năm 2024, chào mừng kỷ niệm 70 năm "
        "(1954 - 2024), theo Luật Thi đua, khen thưởng năm 2022; phấn đấu đến năm 2030 trở thành "
        "đơn vị dẫn đầu; Chỉ số hài lòng năm 2021 đạt cao."
    )
    assert _years(text) == [2024]


def test_a_dated_launch_with_no_stated_year_gives_its_year() -> None:
    text = "Ngày 2/9/2021, Bộ Chỉ huy Quân sự tỉnh phát động đợt thi đua cao điểm chào mừng ngày truyền thống"
    assert _years(text) == [2021]


def test_cited_directive_year_is_not_a_campaign_year() -> None:
    text = "Thực hiện Chỉ thị số 05/CT-UBND ngày 12/2/2019, ngày 20/4/2023 Khối thi đua ký giao ước năm 2023."
    assert _years(text) == [2023]


def test_the_year_of_a_dated_launch_joins_the_stated_year() -> None:
    text = (
        "Ngày 10/3/2022, Công an huyện phát động đợt thi đua cao điểm; trao Giấy khen cho 5 tập thể "
        "có thành tích trong phong trào thi đua năm 2021."
    )
    assert _years(text) == [2021, 2022]


def test_second_year_written_bare() -> None:
    assert _years("Hội nghị tổng kết công tác năm 2020 và phương hướng 2021.") == [2020, 2021]
    assert _years("Khối thi đua tổng kết thi đua năm 2022 và 2023.") == [2022, 2023]


def test_comparison_years_and_holiday_years_are_left_out() -> None:
    text = (
        "Ngày 5/1/2024, Khối thi đua tổng kết công tác thi đua năm 2023; "
        "thu ngân sách tăng 8% so với năm 2022, chăm lo Tết Nguyên đán Giáp Thìn năm 2024 cho người lao động."
    )
    assert _years(text) == [2023]


def test_review_span_followed_by_the_movement_counts_but_a_directive_span_does_not() -> None:
    movement = "Ngày 20/12/2023, huyện tổng kết 5 năm (2019 - 2023) thực hiện phong trào thi đua “Dân vận”."
    directive = "Ngày 18/9/2024, tỉnh tổng kết 15 năm thực hiện Chỉ thị số 27-CT/TU (2009-2024) về thi đua."
    assert _years(movement) == [2019, 2020, 2021, 2022, 2023]
    assert _years(directive) == []


def test_honoured_achievement_period_counts_but_an_anniversary_span_does_not() -> None:
    text = (
        "Tối 2/11, Công ty kỷ niệm 30 năm thành lập (1993 - 2023) và đón nhận Huân chương Lao động hạng Ba "
        "vì đã có thành tích xuất sắc trong công tác giai đoạn 2016 - 2020."
    )
    assert _years(text) == [2016, 2017, 2018, 2019, 2020]


def test_term_of_a_mass_organisation_congress_is_not_an_emulation_period() -> None:
    text = (
        "Hội Cựu chiến binh tỉnh phát động đợt thi đua chào mừng Đại hội đại biểu Hội Cựu chiến binh tỉnh "
        "lần thứ VIII, nhiệm kỳ 2022 - 2027."
    )
    assert _years(text) == []


def test_a_yearless_launch_takes_its_year_from_the_page_date() -> None:
    text = (
        "Ngày đăng: 06/05/2023\n"
        "Sáng 5/5, Hội Nông dân huyện tổ chức lễ phát động đợt thi đua chào mừng Đại hội Hội Nông dân."
    )
    assert _years(text) == [2023]


def test_the_year_of_a_cited_documents_date_is_not_a_campaign_year() -> None:
    text = (
        "UBND tỉnh vừa ban hành Quyết định số 1789/QĐ-UBND ngày 20 tháng 8 năm 2021 tặng Cờ thi đua "
        "cho 12 tập thể dẫn đầu các khối thi đua năm 2020."
    )
    assert _years(text) == [2020]


def test_a_bare_period_ending_where_the_congress_period_starts_is_the_reviewed_one() -> None:
    text = (
        "Sáng 5/8, huyện Đầm Dơi tổ chức Đại hội Thi đua yêu nước lần thứ V (2020 - 2025). "
        "Giai đoạn 2015 - 2020, huyện có 10 tập thể được tặng Bằng khen."
    )
    assert _years(text) == list(range(2015, 2026))
    no_congress = (
        "Sáng 5/8, huyện Đầm Dơi phát động phong trào thi đua giai đoạn 2020 - 2025. "
        "Giai đoạn 2015 - 2020, huyện có 10 tập thể được tặng Bằng khen."
    )
    assert _years(no_congress) == list(range(2020, 2026))


def test_the_span_after_a_quoted_movement_name_belongs_to_the_name() -> None:
    text = (
        "Sáng 9/7/2024, Khối thi đua các hội sơ kết 6 tháng đầu năm 2024. Các hội hưởng ứng phong "
        "trào thi đua “Chung tay xây dựng nông thôn mới” giai đoạn 2021 - 2025 và vận động quỹ khuyến học."
    )
    assert _years(text) == [2024]


def test_a_reviewed_movement_keeps_its_span() -> None:
    text = (
        "Ngày 12/10/2020, huyện tổ chức hội nghị tổng kết phong trào thi đua “Dân vận khéo” "
        "giai đoạn 2016 - 2020."
    )
    assert _years(text) == [2016, 2017, 2018, 2019, 2020]
