"""Campaign years: the emulation years the reported activity is about.

Read from "năm 2023" (and "thi đua 2021") mentions and from stated periods of
the emulation activity: "giai đoạn 2016-2020", "năm học 2022-2023", an
emulation congress "(2025-2030)" or "nhiệm kỳ 2021-2025". A period counts
only when the words before it are about emulation, so the term of a council
or Party congress ("HĐND các cấp nhiệm kỳ 2021-2026"), a programme's span
("Chương trình … giai đoạn 2021-2030") and the span inside a quoted movement
name do not. Single years far from the document's own year (an index of two
years before, a goal "vào năm 2030", the years of a law) are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from thidua.understand.document import Document, YearFact
from thidua.understand.pipeline import step
from thidua.understand.spans import clause_bounds, evidence, in_url

_I = re.IGNORECASE
_Y = r"(?:19|20)\d{2}"

_PERIOD = re.compile(
    rf"(?P<lead>(?:giai\s+đoạn|năm\s+học|nhiệm\s+kỳ|niên\s+khóa|thời\s+kỳ)(?:\s+từ)?(?:\s+năm)?\s*|\(\s*"
    rf"(?:giai\s+đoạn\s+|nhiệm\s+kỳ\s+)?|,\s*)?(?<![\d/.\-])(?P<a>{_Y})\s*[-–—]\s*(?:năm\s+)?(?P<b>{_Y})(?![\d/])",
    _I,
)
_YEAR = re.compile(
    rf"\b(?:năm|nam)\s+(?P<y>{_Y})(?![\d/])(?:\s*(?:và|,)\s*(?P<c>{_Y})\b)?"
    rf"|(?:thi\s+đua|khen\s+thưởng|giao\s+ước|phương\s+hướng(?:,?\s+nhiệm\s+vụ)?)\s+(?P<b>{_Y})\b",
    _I,
)

_EMULATION = re.compile(
    r"thi\s+đua|điển\s+hình|khen\s+thưởng|tuyên\s+dương|\bĐH\b|quyết\s+thắng|giao\s+ước"
    r"|(?:huân\s+chương|bằng\s+khen|giấy\s+khen)[^.;]{0,80}\bthành\s+tích",
    _I,
)
# Bodies and documents whose spans are not emulation periods.
_NOT_EMULATION = re.compile(
    r"đảng\s+bộ|hđnd|hội\s+đồng\s+nhân\s+dân|quốc\s+hội|chương\s+trình|đề\s+án|chiến\s+lược|quy\s+hoạch"
    r"|nghị\s+quyết|chỉ\s+thị|kết\s+luận|luật|kỷ\s+niệm|thành\s+lập|ban\s+chấp\s+hành|bch|cấp\s+ủy"
    # the congress of an organisation ("Đại hội đại biểu Phụ nữ tỉnh lần thứ XII, nhiệm kỳ 2025 - 2030")
    r"|đại\s+hội\s+(?:đại\s+biểu|đảng|đoàn|công\s+đoàn|hội|phụ\s+nữ|mặt\s+trận|cựu|nông\s+dân|thanh\s+niên"
    r"|hội\s+viên|chi\s+bộ)",
    _I,
)
_EXCLUDED_BEFORE = re.compile(
    r"(?:\b(?:vào|đến|tới|trước|từ|sau|tầm\s+nhìn(?:\s+đến)?|so\s+với(?:\s+cùng\s+kỳ)?|cùng\s+kỳ)\s+$)"
    r"|(?:\btết\b[^.;,]{0,30}$)"
    r"|(?:sửa\s+đổi,?\s+bổ\s+sung\s+(?:năm\s+\d{4}\s+và\s+)?$)",
    _I,
)
# The year of a law ("Luật Thi đua, khen thưởng năm 2003"): law names are capitalised.
_LAW_BEFORE = re.compile(r"\bLuật\s+[^.;]{0,80}$")


_EMULATION_CONGRESS = re.compile(r"\b(?:đại\s+hội|ĐH)\s+thi\s+đua", _I)

# "tổng kết 5 năm (2019 - 2023) thực hiện phong trào thi đua …": the movement follows the span.
_REVIEW_SPAN_BEFORE = re.compile(r"(?:tổng\s+kết|sơ\s+kết)\s+\d+\s+năm\s*\(?\s*$|\d+\s+năm\s*\(\s*$", _I)
_EMULATION_AFTER = re.compile(
    r"\s*\)?\s*,?\s*(?:thực\s+hiện\s+|triển\s+khai\s+)?(?:các\s+)?"
    r"(?:phong\s+trào\s+thi\s+đua|công\s+tác\s+thi\s+đua)",
    _I,
)


@dataclass(frozen=True)
class Period:
    start_year: int
    end_year: int
    start: int
    end: int
    school: bool = False  # a school year runs from September to May


def _inside_quotes(text: str, left: int, pos: int) -> bool:
    chunk = text[left:pos]
    return chunk.count("“") > chunk.count("”") or chunk.count('"') % 2 == 1


# "hưởng ứng phong trào thi đua “…” giai đoạn 2021 - 2025": the span right after a quoted
# movement name is part of that name. When the clause reviews the movement ("tổng kết phong
# trào thi đua “…” giai đoạn 2016-2020") the span is the period under review and counts.
_MOVEMENT_NAME_BEFORE = re.compile(
    r"\b(?:phong\s+trào|cuộc\s+vận\s+động)\b[^“”\"]{0,40}[“\"][^“”\"]{1,160}[”\"]\s*"
    r"(?:giai\s+đoạn|thời\s+kỳ)?\s*(?:từ\s+)?(?:năm\s+)?$",
    _I,
)
_REVIEWS = re.compile(r"\b(?:tổng\s+kết|sơ\s+kết|đại\s+hội|ĐH)\b", _I)


def _movement_span(text: str, left: int, pos: int) -> bool:
    """Whether the period at `pos` only completes the name of a quoted movement."""
    before = text[left:pos]
    name = _MOVEMENT_NAME_BEFORE.search(before)
    return name is not None and not _REVIEWS.search(before[: name.start()])


def stated_periods(text: str) -> list[Period]:
    """Periods of emulation activity the text states (not terms of councils, not programme spans)."""
    out: list[Period] = []
    unclaimed: list[Period] = []
    for m in _PERIOD.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not 1 <= b - a <= 10 or in_url(text, m.start("a")):
            continue
        lead = (m.group("lead") or "").lower()
        left, _ = clause_bounds(text, m.start())
        window_start = max(left, m.start() - 200)
        before = text[window_start : m.start("a")]
        if _inside_quotes(text, left, m.start("a")) or _movement_span(text, left, m.start("a")):
            continue
        if "năm học" in lead or "niên khóa" in lead:
            out.append(Period(a, b, m.start("a"), m.end("b"), school=True))
            continue
        emulation = [e.end() for e in _EMULATION.finditer(before)]
        blockers = [e.end() for e in _NOT_EMULATION.finditer(before)]
        stated_before = bool(emulation) and (not blockers or max(emulation) > max(blockers))
        stated_after = bool(_REVIEW_SPAN_BEFORE.search(before) and _EMULATION_AFTER.match(text, m.end("b")))
        if stated_before or stated_after:
            out.append(Period(a, b, m.start("a"), m.end("b")))
        elif not blockers:
            unclaimed.append(Period(a, b, m.start("a"), m.end("b")))
    # At an emulation congress for 2020-2025, a bare "Giai đoạn 2015 - 2020, …" is the period it reviews.
    if unclaimed and out and _EMULATION_CONGRESS.search(text):
        starts = {p.start_year for p in out if not p.school}
        out.extend(p for p in unclaimed if p.end_year in starts)
        out.sort(key=lambda p: p.start)
    return out


def _anchor(doc: Document, counts: Counter[int]) -> int | None:
    dated = [m for m in doc.dates if m.role == "event" and m.year is not None and m.day is not None]
    if dated:
        return dated[0].year
    if doc.published is not None:
        return doc.published.value.year
    if counts:
        top = max(counts.values())
        return max(y for y, c in counts.items() if c == top)
    return None


@step(needs=("sentences", "dates", "published"), adds=("campaign_years",))
def find_campaign_years(doc: Document) -> None:
    """Years of the emulation activity, each with the mention it came from."""
    text = doc.text
    facts: dict[int, YearFact] = {}
    taken: list[tuple[int, int]] = []
    for p in stated_periods(text):
        taken.append((p.start, p.end))
        ev = evidence(doc, p.start, p.end)
        for year in range(p.start_year, p.end_year + 1):
            facts.setdefault(year, YearFact(year=year, evidence=ev, confidence=0.8))
    singles: list[tuple[int, int, int]] = []
    # "Quyết định số 12/QĐ-UBND ngày 15 tháng 9 năm 2023": the year of a cited document's date,
    # of an anniversary or of the page header is not the activity's.
    not_activity = [
        (d.evidence.start, d.evidence.end)
        for d in doc.dates
        if d.role in ("reference", "commemorated", "published")
    ]
    for m in _YEAR.finditer(text):
        group = "y" if m.group("y") else "b"
        start, end = m.start(group), m.end(group)
        if in_url(text, start) or any(a <= start < b for a, b in taken):
            continue
        if any(a <= start < b for a, b in not_activity):
            continue
        before = text[max(0, m.start() - 90) : m.start()]
        if _EXCLUDED_BEFORE.search(before) or _LAW_BEFORE.search(before):
            continue
        if group == "y" and _SPELLED_DATE_BEFORE.search(before):
            continue  # "Ngày 11 tháng 01 năm 2024" is a date, as "11/01/2024" is: its year is no campaign
        left, _ = clause_bounds(text, m.start())
        if _NOT_EMULATION_YEAR.search(text[max(left, m.start() - 60) : m.start()]):
            continue
        singles.append((int(m.group(group)), m.start(), end))
        if m.group("c"):  # "năm 2023 và 2024"
            singles.append((int(m.group("c")), m.start("c"), m.end("c")))
    counts = Counter(y for y, _, _ in singles)
    anchor = _anchor(doc, counts)
    for year, start, end in singles:
        if anchor is not None and abs(year - anchor) > 1:
            continue
        facts.setdefault(year, YearFact(year=year, evidence=evidence(doc, start, end), confidence=0.7))
    launch = _launch_year(doc)
    if launch is not None:
        facts.setdefault(launch.year, launch)
    doc.campaign_years = sorted(facts.values(), key=lambda f: f.year)


_SPELLED_DATE_BEFORE = re.compile(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*$", _I)

# A year qualifying something that is not the emulation activity.
_NOT_EMULATION_YEAR = re.compile(
    r"(?:kỷ\s+niệm|thành\s+lập|chỉ\s+số)[^,.;]{0,50}$", _I
)
_LAUNCH = re.compile(r"phát\s+động\s+(?:đợt|phong\s+trào|thi\s+đua)", _I)


def _launch_year(doc: Document) -> YearFact | None:
    """A launch ("phát động đợt thi đua") dated in full gives its year: the drive runs in it."""
    for m in doc.dates:
        if m.role != "event" or m.day is None:
            continue
        # "Sáng 12/4, … phát động đợt thi đua" on a page dated 13/04/2024 is a 2024 launch.
        year = m.year if m.year is not None else _published_year(doc, m.month)
        if year is None:
            continue
        left, right = clause_bounds(doc.text, m.evidence.start)
        if _LAUNCH.search(doc.text[left:right]):
            return YearFact(year=year, evidence=m.evidence, confidence=0.5)
    return None


def _published_year(doc: Document, month: int | None) -> int | None:
    """A yearless date's year from the publication date (December on a January page is last year)."""
    if doc.published is None or month is None:
        return None
    pub = doc.published.value
    return pub.year - 1 if month > pub.month + 1 else pub.year


def reference_year(doc: Document, month: int) -> int | None:
    """The year a date written without one most likely has, from the campaign years.

    A stated period points at its end (a congress after 2020-2025 meets in 2025), a school
    year at its autumn or its spring; a review of Y with a pact for Y+1 meets late in Y or
    early in Y+1.
    """
    periods = stated_periods(doc.text)
    if periods:
        return min((p.start_year if month >= 8 else p.end_year) if p.school else p.end_year for p in periods)
    years = sorted({y.year for y in doc.campaign_years})
    if not years:
        return None
    if len(years) == 1:
        return years[0]
    first, last = years[-2], years[-1]
    if last - first == 1:
        return first if month >= 7 else last
    return last
