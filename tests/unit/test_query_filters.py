"""Filter checks: names people type pass, query syntax and out-of-range values are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.query.errors import InvalidFilter
from thidua.query.filters import check_filters, check_page_size, check_text
from thidua.query.labels import AWARD_LABELS, EVENT_LABELS, award_id, event_type_id
from thidua.understand.record import AWARD_TYPES, EVENT_TYPES


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nội vụ",
        "so noi vu",
        "UBND TP. Hồ Chí Minh",
        "Khối thi đua VIII",
        "Sở Lao động - Thương binh và Xã hội",
        "unit:so-noi-vu",
        "Công an tỉnh (Phòng PX03)",
        "Ủy ban nhân dân quận 1",
        "Trường ĐH Sư phạm & Kỹ thuật",
    ],
)
def test_names_people_type_pass(text: str) -> None:
    assert check_text("unit", text) == " ".join(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "' OR 1=1 --",
        'x"; DROP TABLE thidua; --',
        "<script>alert(1)</script>",
        '{"$gt": ""}',
        "../../etc/passwd",
        "so noi vu; select * from t",
        "a\x00b",
        "${jndi:ldap://x}",
        "so noi vu /* c */",
    ],
)
def test_injection_looking_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidFilter):
        check_text("unit", text)


def test_long_text_is_refused() -> None:
    with pytest.raises(InvalidFilter, match="quá dài"):
        check_text("unit", "a" * 10_000)


def test_blank_is_no_filter() -> None:
    assert check_text("unit", "   ") is None
    assert check_filters(unit="", year="").is_empty()


@pytest.mark.parametrize("year", ["abc", "20x3", 1800, 2500, "-1"])
def test_bad_years_are_refused(year: object) -> None:
    with pytest.raises(InvalidFilter):
        check_filters(year=year)  # type: ignore[arg-type]


def test_dates() -> None:
    f = check_filters(date_from="2023-01-01", date_to="2023-06-30")
    assert (f.date_from, f.date_to) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    with pytest.raises(InvalidFilter):
        check_filters(date_from="2023-13-01")
    with pytest.raises(InvalidFilter):
        check_filters(date_from="2023-06-01", date_to="2023-01-01")


def test_event_and_award_accept_ids_and_labels() -> None:
    assert check_filters(event_type="Tổng kết").event_type == "tong_ket"
    assert check_filters(event_type="tong ket").event_type == "tong_ket"
    assert check_filters(award="Giấy khen").award == "giay_khen"
    assert check_filters(award="co_thi_dua_chinh_phu").award == "co_thi_dua_chinh_phu"
    with pytest.raises(InvalidFilter):
        check_filters(event_type="party")
    with pytest.raises(InvalidFilter):
        check_filters(award="huy chuong vang")


def test_labels_cover_every_id() -> None:
    assert set(EVENT_LABELS) == set(EVENT_TYPES)
    assert set(AWARD_LABELS) == set(AWARD_TYPES)
    assert all(event_type_id(label) == key for key, label in EVENT_LABELS.items())
    assert all(award_id(label) == key for key, label in AWARD_LABELS.items())


def test_page_size_bounds() -> None:
    assert check_page_size(None) == 20
    for bad in (0, 101, -5):
        with pytest.raises(InvalidFilter):
            check_page_size(bad)
