"""Cited documents: directives, plans, decisions… with their number and date.

"Chỉ thị số 05/CT-UBND ngày 20/02/2024", "Kế hoạch số 386/KH-KTĐIV",
"Kết luận 27-KL/TW", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023". A number
in the official shape (digits, then "/" or "-" and an upper-case code) is a
reference even without the document type before it ("theo số 12/QĐ-UBND").
The date is the one written right after the number ("… ngày 20/02/2024"), or
the date that opens a sentence saying the document was issued
("Ngày 28/12/2022, Chủ tịch UBND tỉnh ban hành Quyết định số 2745/QĐ-UBND").
The number in the header of an official document ("Số: 14/TB-UBND" on its own
line above the title) is that document's own, not a citation.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from thidua.understand.dategrammar import RawDate, scan_dates
from thidua.understand.document import Document, ReferenceFact
from thidua.understand.pipeline import step
from thidua.understand.spans import evidence, in_url, sentence_bounds

_KINDS = (
    "chỉ thị", "kế hoạch", "kết luận", "quyết định", "công văn", "nghị định", "nghị quyết", "thông tư",
    "thông báo", "tờ trình", "hướng dẫn", "báo cáo", "quy định", "quy chế", "công điện", "thông tri",
    "văn bản", "điều lệ", "chương trình", "đề án", "thông tư liên tịch", "nghị quyết liên tịch",
)
_KIND = "|".join(sorted((k.replace(" ", r"\s+") for k in _KINDS), key=len, reverse=True))
# Number: "05/CT-UBND", "27-KL/TW", "98/2023/NĐ-CP", "386/KH-KTĐIV", "11/HĐTĐKT-VP".
_CODE = r"[A-ZĐ][A-ZĐ0-9]*(?:[a-zđ]{0,3}[A-ZĐ0-9]+)*"
_NUMBER = rf"\d{{1,5}}[a-z]?(?:/\d{{4}})?(?:\s?[/\-]\s?{_CODE})+"
_TYPED = re.compile(
    rf"(?P<kind>\b(?:{_KIND}))\s+(?:(?:số|so)\s*:?\s*)?(?P<num>{_NUMBER})(?![\w/])", re.IGNORECASE
)
_BARE = re.compile(
    rf"(?<![\w/.\-])(?P<num>\d{{1,5}}(?:/\d{{4}})?/{_CODE}(?:-{_CODE})+|\d{{1,5}}-{_CODE}/{_CODE})(?![\w/])"
)
# "Luật Thi đua, khen thưởng số 06/2022/QH15", "Pháp lệnh số 01/2012/UBTVQH13": number/year/code.
_NUMBERED = re.compile(
    r"\b(?:số|so)\s*:?\s*(?P<num>\d{1,5}/(?:19|20)\d{2}/[A-ZĐ][A-ZĐ]+\d{0,3})(?![\w/\-])"
)
_ISSUED = re.compile(r"\b(?:ban\s+hành|ký|kí|phê\s+duyệt)\b", re.IGNORECASE)
# The header line "Số: 14/TB-UBND" (alone, or beside the other header column after a wide gap).
_OWN_NUMBER_BEFORE = re.compile(r"(?:^|\s{3,})(?:số|so)\s*:?\s*$", re.IGNORECASE)
_HEADER_SPAN = 1500


def _own_number(text: str, start: int) -> bool:
    """Whether the number at `start` is the document's own, written in its header."""
    if start > _HEADER_SPAN:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_OWN_NUMBER_BEFORE.search(text[line_start:start]))


def _clean_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw).strip("-/")


_BETWEEN = re.compile(r"\s*,?\s*(?:\([^)]{0,40}\)\s*)?(?:ký\s+|ban\s+hành\s+)?(?:ngày\s*)?", re.IGNORECASE)


def _full(r: RawDate) -> dt.date | None:
    if r.year is None or r.month is None or r.day is None:
        return None
    try:
        return dt.date(r.year, r.month, r.day)
    except ValueError:
        return None


def _dates_of(doc: Document) -> list[RawDate]:
    """The document's dates: those `find_dates` read when it ran, else a fresh scan."""
    if "find_dates" not in doc.done:
        return scan_dates(doc.text)
    return [
        RawDate(m.evidence.start, m.evidence.end, m.day, m.month, m.year, None, "numeric") for m in doc.dates
    ]


def _between(found: list[RawDate], starts: list[int], lo: int, hi: int) -> list[RawDate]:
    return found[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]


def _date_after(text: str, found: list[RawDate], starts: list[int], end: int) -> dt.date | None:
    for r in _between(found, starts, end, end + 40):
        if _full(r) and _BETWEEN.fullmatch(text[end : r.start]):
            return _full(r)
    return None


def _date_issued_before(text: str, found: list[RawDate], starts: list[int], start: int) -> dt.date | None:
    left, _ = sentence_bounds(text, start)
    for r in _between(found, starts, left, start - 1):
        if _full(r) and _ISSUED.search(text[r.end : start]):
            return _full(r)
    return None


@step(needs=("sentences",), adds=("references",))
def find_references(doc: Document) -> None:
    """Every cited document number, with its type and date when the text gives them."""
    text = doc.text
    facts: list[ReferenceFact] = []
    seen: set[tuple[int, int]] = set()
    matches: list[tuple[int, int, str, str | None, float]] = []
    for m in _TYPED.finditer(text):
        typed = " ".join(m.group("kind").lower().split())
        matches.append((m.start("num"), m.end("num"), m.group("num"), typed, 0.9))
    for m in _BARE.finditer(text):
        matches.append((m.start("num"), m.end("num"), m.group("num"), None, 0.7))
    for m in _NUMBERED.finditer(text):
        matches.append((m.start("num"), m.end("num"), m.group("num"), None, 0.7))
    found = _dates_of(doc) if matches else []
    starts = [r.start for r in found]
    # the document's own number, written again further down ("Kèm theo Quyết định số …" over an annex)
    own = {_clean_number(raw) for start, _, raw, _, _ in matches if _own_number(text, start)}
    for start, end, raw, kind, confidence in sorted(matches, key=lambda t: (t[0], -t[4])):
        if in_url(text, start) or any(a <= start < b for a, b in seen):
            continue
        seen.add((start, end))
        if _own_number(text, start) or _clean_number(raw) in own:
            continue
        date = _date_after(text, found, starts, end) or _date_issued_before(text, found, starts, start)
        facts.append(
            ReferenceFact(number=_clean_number(raw), kind=kind, date=date,
                          evidence=evidence(doc, start, end), confidence=confidence)
        )
    doc.references = facts
