"""Check what callers send before it reaches the index.

Free-text filters (unit, bloc, leader, locality, typeahead) are bounded in
length and limited to the characters names are written with; anything that
looks like query syntax (quotes, semicolons, braces, comment markers, ``..``)
is refused with :class:`InvalidFilter` rather than passed on. Values are used
only as key prefixes, never spliced into an expression, so this is a clear
message for the caller more than a defence.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, fields, replace

from thidua.query.errors import InvalidFilter
from thidua.query.labels import award_id, event_type_id

MAX_TEXT = 120
MIN_YEAR = 1945
MAX_YEAR = 2100
MAX_PAGE_SIZE = 100

# Letters (any script, with marks), digits, spaces and the punctuation names use.
_ALLOWED = re.compile(r"^[\w\s.,:/()&\-–]+$")
_SUSPICIOUS = re.compile(r"--|\.\.|/\*|\*/|\b(?:select|union|drop|insert|delete|update)\b\s", re.IGNORECASE)


def check_text(name: str, value: str | None, *, max_len: int = MAX_TEXT) -> str | None:
    """A cleaned free-text filter value, None when empty; InvalidFilter when unacceptable."""
    if value is None:
        return None
    if len(value) > max_len:
        raise InvalidFilter(name, f"quá dài ({len(value)} ký tự, tối đa {max_len})")
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise InvalidFilter(name, "chứa ký tự điều khiển")
    if not _ALLOWED.match(text) or _SUSPICIOUS.search(text):
        raise InvalidFilter(name, "chứa ký tự không được phép (chỉ chữ, số, khoảng trắng và . , - / ( ) &)")
    return " ".join(text.split())


def check_year(name: str, value: int | str | None) -> int | None:
    """A year in [MIN_YEAR, MAX_YEAR]."""
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidFilter(name, f"'{value}' không phải là năm") from exc
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidFilter(name, f"năm phải trong khoảng {MIN_YEAR}-{MAX_YEAR}")
    return year


def check_date(name: str, value: dt.date | str | None) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) within the accepted years."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidFilter(name, f"'{value}' không phải ngày dạng YYYY-MM-DD") from exc
    check_year(name, day.year)
    return day


def check_event_type(value: str | None) -> str | None:
    text = check_text("event_type", value)
    if text is None:
        return None
    found = event_type_id(text)
    if found is None:
        raise InvalidFilter("event_type", f"loại sự kiện '{text}' không có")
    return found


def check_award(value: str | None) -> str | None:
    text = check_text("award", value)
    if text is None:
        return None
    found = award_id(text)
    if found is None:
        raise InvalidFilter("award", f"hình thức khen thưởng '{text}' không có")
    return found


@dataclass(frozen=True)
class SearchFilters:
    """Search filters. Entity fields hold typed names until resolved, then canonical ids."""

    unit: str | None = None
    bloc: str | None = None
    leader: str | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = None
    award: str | None = None
    locality: str | None = None

    def as_params(self) -> dict[str, str | int | None]:
        """Plain values, for cursor scopes, echoes and URLs."""
        out: dict[str, str | int | None] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
        return out

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def with_entities(self, ids: dict[str, str]) -> SearchFilters:
        """The same filters with unit/bloc/leader replaced by resolved ids."""
        return replace(
            self,
            unit=ids.get("unit", self.unit),
            bloc=ids.get("bloc", self.bloc),
            leader=ids.get("leader", self.leader),
        )


def check_filters(
    *,
    unit: str | None = None,
    bloc: str | None = None,
    leader: str | None = None,
    year: int | str | None = None,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
    event_type: str | None = None,
    award: str | None = None,
    locality: str | None = None,
) -> SearchFilters:
    """Validate raw filter values (from the API or the CLI) into SearchFilters."""
    start = check_date("date_from", date_from)
    end = check_date("date_to", date_to)
    if start and end and start > end:
        raise InvalidFilter("date_from", "ngày bắt đầu sau ngày kết thúc")
    return SearchFilters(
        unit=check_text("unit", unit),
        bloc=check_text("bloc", bloc),
        leader=check_text("leader", leader),
        year=check_year("year", year),
        date_from=start,
        date_to=end,
        event_type=check_event_type(event_type),
        award=check_award(award),
        locality=check_text("locality", locality),
    )


def check_page_size(value: int | None, default: int = 20) -> int:
    if value is None:
        return default
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidFilter("limit", f"phải trong khoảng 1-{MAX_PAGE_SIZE}")
    return value
