"""The grammar of dates as Vietnamese articles and minutes write them.

Forms read (case-insensitive), granularity kept as written:

- day, month and year: "14/3/2024", "27-4-2020", "15.3.2023", "ngày 15 tháng 3 năm 2023",
  "18 Tháng Năm 2023", "ngày 17 tháng 02 năm 2022";
- day and month, no year, only after a cue word so that counts such as
  "5/7 đơn vị" are not read as dates: "Sáng ngày 05/03", "Chiều 28 - 11",
  "Chiều này 17.3", "Ngày 19-7", "ngày 16.10", "Ngày 12 và 13 tháng 9", "Chiều qua (14/7)";
- month and year, no day: "tháng 12/2022", "tháng 3 năm 2023".

`scan_dates` returns every match with its span and the cue before it;
deciding what a date is for (publication, event, cited document,
anniversary) is left to `dates.py`, which sees the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_MONTH_WORD = r"(?:mười\s+một|mười\s+hai|giêng|chạp|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)"
# Old years are read too so that an anniversary span "(19/5/1890 - 19/5/2015)" is seen whole.
_YEAR = r"(?:18|19|20)\d{2}"
_D = r"\d{1,2}"
# Separators of numeric dates; a dot only without spaces ("15.3"), "/" and "-" also with spaces ("30 - 11").
_SEP = r"(?:\s*[/\-–]\s*|\.)"
_LEFT = r"(?<![\d/.,])(?<!\d[/.])"
_RIGHT = r"(?![\d])(?!\s*[/]\s*\d)(?!\.\d)"

# Time-of-day and day cues that make a bare day/month a date.
CUE = (
    r"(?:(?:(?:sáng|chiều|tối|trưa|đêm|rạng\s+sáng)(?:\s+(?:nay|này|qua|hôm\s+qua|mai))?"
    r"(?:\s+(?:ngày|hôm))?)|(?:vào\s+)?ngày|hôm(?:\s+nay|\s+qua)?)"
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|cn)"

_FULL_NUMERIC = re.compile(
    rf"{_LEFT}(?P<d>{_D}){_SEP}(?P<m>{_D}){_SEP}(?P<y>{_YEAR}){_RIGHT}", re.IGNORECASE
)
_ISO = re.compile(rf"(?<![\d/])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d])")
_CUED_DAY_MONTH = re.compile(
    rf"(?P<cue>\b{CUE})\s*,?\s*\(?\s*(?:{_WEEKDAY}\s*,?\s*\(?\s*)?(?P<d>{_D}){_SEP}(?P<m>{_D}){_RIGHT}(?!{_SEP}\d)",
    re.IGNORECASE,
)
_TEXT_DATE = re.compile(
    rf"(?:(?P<cue>\b{CUE})\s+)?(?P<d>{_D})(?:\s*(?:và|,|đến|-|–)\s*(?P<d2>{_D}))?\s+tháng\s+"
    rf"(?P<m>\d{{1,2}}|{_MONTH_WORD})(?![\w])(?:\s*(?:năm|,|/)?\s*(?P<y>{_YEAR}))?(?!\d)",
    re.IGNORECASE,
)
# Two days and one month: "ngày 10 và 11/5", "ngày 10 - 11/5/2022", "Trong 2 ngày (21-22/12)".
_DAY_PAIR = re.compile(
    rf"(?P<cue>\b{CUE})\s*\(?\s*(?P<d>{_D})\s*(?:và|,|-|–|đến)\s*(?P<d2>{_D})\s*[/.\-]\s*(?P<m>{_D})"
    rf"(?:\s*[/.\-]\s*(?P<y>{_YEAR}))?(?![\d])",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(
    rf"\btháng\s+(?P<m>\d{{1,2}}|{_MONTH_WORD})\s*(?:/|-|năm|,)\s*(?P<y>{_YEAR})(?!\d)", re.IGNORECASE
)

TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:AM|PM|SA|CH|GMT\+?7?))?"


@dataclass(frozen=True)
class RawDate:
    """One written date: its span in the text, the parts the text gives, the cue before it."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    cue: str | None
    form: str  # "numeric", "text", "cued", "month"
    day2: int | None = None  # second day of "ngày 12 và 13 tháng 9"

    @property
    def has_year(self) -> bool:
        return self.year is not None


def _month(value: str) -> int | None:
    value = " ".join(value.lower().split())
    if value.isdigit():
        return int(value)
    return _MONTH_WORDS.get(value)


def _month_name(word: str, cue: str | None) -> bool:
    """Whether a month word with no year is surely a month: capitalised ("20 tháng Năm"), or,
    after a cue, any month word but "năm" and "một", which also mean "year" and "one"."""
    if word[:1].isupper():
        return True
    return cue is not None and " ".join(word.lower().split()) not in ("năm", "một")


def _valid(day: int | None, month: int | None, year: int | None) -> bool:
    if month is None or not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    return year is None or 1800 <= year <= 2100


def _cue(value: str | None) -> str | None:
    return " ".join(value.lower().split()) if value else None


def scan_dates(text: str) -> list[RawDate]:
    """Every date written in the text, longest match first where forms overlap."""
    found: list[RawDate] = []
    for m in _TEXT_DATE.finditer(text):
        day, month = int(m.group("d")), _month(m.group("m"))
        year = int(m.group("y")) if m.group("y") else None
        # Without a cue and without a year, "6 tháng 3" is too weak to be a date.
        if m.group("cue") is None and year is None:
            continue
        if m.group("m").isalpha() and year is None and not _month_name(m.group("m"), m.group("cue")):
            continue  # "ngày 5 tháng năm" without a year is a phrase, not a date
        day2 = int(m.group("d2")) if m.group("d2") else None
        if _valid(day, month, year) and (day2 is None or 1 <= day2 <= 31):
            found.append(RawDate(m.start(), m.end(), day, month, year, _cue(m.group("cue")), "text", day2))
    for m in _DAY_PAIR.finditer(text):
        day, day2, month = int(m.group("d")), int(m.group("d2")), int(m.group("m"))
        year = int(m.group("y")) if m.group("y") else None
        if _valid(day, month, year) and day < day2 <= 31:
            found.append(RawDate(m.start(), m.end(), day, month, year, _cue(m.group("cue")), "cued", day2))
    for m in _FULL_NUMERIC.finditer(text):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if _valid(day, month, year):
            found.append(RawDate(m.start(), m.end(), day, month, year, None, "numeric"))
    for m in _ISO.finditer(text):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if _valid(day, month, year):
            found.append(RawDate(m.start(), m.end(), day, month, year, None, "numeric"))
    for m in _CUED_DAY_MONTH.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        if _valid(day, month, None):
            found.append(RawDate(m.start(), m.end(), day, month, None, _cue(m.group("cue")), "cued"))
    for m in _MONTH_YEAR.finditer(text):
        month, year = _month(m.group("m")), int(m.group("y"))
        if _valid(None, month, year):
            found.append(RawDate(m.start(), m.end(), None, month, year, None, "month"))
    out = []
    for r in _drop_overlaps(found):
        if r.cue is None:
            cue = cue_before(text, r.start)
            if cue:
                r = RawDate(r.start, r.end, r.day, r.month, r.year, cue, r.form, r.day2)
        out.append(r)
    return out


def _drop_overlaps(found: list[RawDate]) -> list[RawDate]:
    # Prefer the match that gives more parts, then the longer one; overlapping matches
    # come in small clusters, so the choice is made cluster by cluster.
    def rank(r: RawDate) -> tuple[int, int]:
        parts = sum(v is not None for v in (r.day, r.month, r.year))
        return (parts, r.end - r.start)

    kept: list[RawDate] = []
    cluster: list[RawDate] = []
    cluster_end = -1
    for r in [*sorted(found, key=lambda r: r.start), None]:
        if r is not None and r.start < cluster_end:
            cluster.append(r)
            cluster_end = max(cluster_end, r.end)
            continue
        chosen: list[RawDate] = []
        for c in sorted(cluster, key=rank, reverse=True):
            if all(c.end <= k.start or c.start >= k.end for k in chosen):
                chosen.append(c)
        kept.extend(chosen)
        if r is not None:
            cluster, cluster_end = [r], r.end
    return sorted(kept, key=lambda r: r.start)


_CUE_BEFORE = re.compile(rf"(?P<cue>\b{CUE})\s*,?\s*(?:{_WEEKDAY}\s*,?\s*)?$", re.IGNORECASE)


def cue_before(text: str, start: int) -> str | None:
    """The cue word ("sáng", "chiều ngày", "ngày") right before an offset, if any."""
    m = _CUE_BEFORE.search(text[max(0, start - 30) : start])
    return _cue(m.group("cue")) if m else None
