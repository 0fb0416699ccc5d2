"""Dates: find every written date, then choose the publication and event dates.

`find_dates` reads every date with `dategrammar.scan_dates` and gives each a
role from its surroundings:

- ``published``: a page header date ("Ngày đăng: 17/05/2011", "14/03/2020 - 21:48",
  "07:52, 19/04/2022", a line holding only "(25/01/2024)");
- ``reference``: the date of a cited document ("Chỉ thị số 05/CT-UBND ngày 20/02/2024");
- ``commemorated``: an anniversary span ("(2/9/1945 – 2/9/2025)") or an old date;
- ``range_start`` / ``range_end``: "từ ngày … đến ngày …", the span of a movement;
- ``event``: any other date with a day; ``other``: month-only dates.

`choose_published` and `choose_event_date` then pick one of each. A date
written without a year takes it from the publication date, else from the
campaign years (a review of 2024 and a pact for 2025 held in January is in 2025).
"""

from __future__ import annotations

import datetime as dt
import re

from thidua.understand.dategrammar import TIME, RawDate, scan_dates
from thidua.understand.document import DateFact, DateMention, Document
from thidua.understand.pipeline import step
from thidua.understand.spans import clause_bounds, evidence, in_url, sentence_bounds
from thidua.understand.years import reference_year

_I = re.IGNORECASE

_LABEL = re.compile(
    r"(?:ngày\s+đăng|đăng\s+ngày|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc)?|ngày\s+xuất\s+bản|xuất\s+bản"
    r"|đăng\s+lúc|thời\s+gian\s+đăng|ngày\s+phát\s+hành|ngày\s+gửi|posted|published|updated)"
    r"\s*:?\s*(?:lúc\s+)?(?:" + TIME + r"\s*[,|\-–]?\s*)?"
    r"(?:(?:thứ\s+\S+|chủ\s+nhật)\s*[,\-–]?\s*)?(?:ngày\s+)?$",
    _I,
)
# A page's timestamp is a clock time ("07:52, 19/04/2022", "14/03/2020 - 21:48") right beside the date.
_CLOCK = (
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*(?:AM|PM|SA|CH))?"
    r"(?:\s*\(?(?:GMT|UTC)?\s*\+\s*0?7(?::?00)?\)?|Z)?"
)
_TIME_BEFORE = re.compile(r"(?<!lúc )(?<!vào )" + _CLOCK + r"\s*[,|\-–]?\s*$", _I)
# "…, 10:15", "… (14:22)", and the ISO "2023-12-22T10:15:00+07:00" of page metadata.
_TIME_AFTER = re.compile(r"^(?:\s*[,|\-–]?\s*\(?\s*|T)" + _CLOCK, _I)
# Any time form, for short header lines ("Cập nhật 9h30 ngày 15/3/2023").
_ANY_TIME_BEFORE = re.compile(TIME + r"\s*[,|\-–]?\s*(?:ngày\s+)?$", _I)
_ANY_TIME_AFTER = re.compile(r"^\s*[,|\-–]?\s*(?:lúc\s+)?" + TIME, _I)
# What a header line may hold besides the date: bullets, brackets, weekday, dashes.
_HEADER_NOISE = re.compile(
    r"[\s•*·|()\[\]\-–,:]+|\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|ngày|cn)\b", _I
)
_REFERENCE_BEFORE = re.compile(
    r"(?:số\s*)?\d+[\w.]*(?:/\d{4})?[/\-][A-ZĐ][\wĐđ./\-]*\s*,?\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?:ký\s+|ban\s+hành\s+)?(?:ngày|vào\s+ngày)\s*$"
)
# "chào mừng ngày 30/4", "kỷ niệm … (19/8/1945 …": a day celebrated, not the meeting's day.
_CELEBRATED_BEFORE = re.compile(
    r"\b(?:chào\s+mừng|kỷ\s+niệm|kỉ\s+niệm|hướng\s+tới|nhân\s+dịp|mừng)\b[^.;:]{0,40}$", _I
)
_RANGE_FROM = re.compile(r"\btừ\s+(?:ngày\s+)?$", _I)
_RANGE_TO = re.compile(r"^\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?$", _I)
_SPAN_JOIN = re.compile(r"^\s*[-–—]\s*$")
_FUTURE = re.compile(
    r"\b(?:sẽ|dự\s+kiến|dự\s+định|chuẩn\s+bị\s+tổ\s+chức|tiến\s+tới|kế\s+hoạch\s+tổ\s+chức)\b", _I
)
_EVENT_WORDS = re.compile(
    r"\b(?:tổ\s+chức|diễn\s+ra|hội\s+nghị|lễ|đại\s+hội|họp|ký|kí|phát\s+động|trao|tặng|ban\s+hành"
    r"|tổng\s+kết|sơ\s+kết|khai\s+mạc|tiến\s+hành|chủ\s+trì)\b",
    _I,
)
_TIME_OF_DAY = re.compile(r"^(?:sáng|chiều|tối|trưa|đêm|rạng)", _I)
_LEAD = re.compile(r"^[\s\"“(]*(?:\([^)]{0,40}\)\s*[-–]?\s*)?(?:[\w.]{1,12}\s*[-–]\s*)?$")


def _line_of(text: str, start: int, end: int) -> tuple[str, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:start], text[end:line_end]


# The place-and-date line of an official document ("Vị Thanh, ngày 12 tháng 12 năm 2023"):
# a capitalised place name, a comma, the date, nothing after it on the line. A speech or a
# statement puts it in brackets under its heading ("(Đông Hà, ngày 9/1/2024)").
_DATELINE_BEFORE = re.compile(r"^\s*(?P<open>\(\s*)?[A-ZĐ][^\d,;:()\n]{1,40},\s*(?:ngày\s+)?$")
# Header columns laid side by side in a text dump: "Số: 12/BB-CTĐ        Hòa An, ngày …" (the
# gap may have been collapsed to one space, so the number column is also recognised by its shape).
_COLUMN_GAP = re.compile(r"\s{3,}|\t")
_NUMBER_COLUMN = re.compile(r"^\s*(?:số|so)\s*:?\s*\d+\S*\s+", re.IGNORECASE)


def _dateline(before: str, after: str) -> re.Match[str] | None:
    """The place-and-date line a date ends, when it is one (the last header column of its line)."""
    column = _NUMBER_COLUMN.sub("", _COLUMN_GAP.split(before)[-1], count=1)
    dateline = _DATELINE_BEFORE.match(column)
    if dateline is None or after.strip() != (")" if dateline.group("open") else ""):
        return None
    return dateline


def _header_strength(text: str, r: RawDate, index: int) -> float:
    """How surely a full date is the page's publication header (0 when it is not one)."""
    if r.year is None or r.day is None:
        return 0.0
    before, after = _line_of(text, r.start, r.end)
    if _LABEL.search(before):
        return 0.95
    if _dateline(before, after) and index < 3000:
        return 0.9
    cue_free = r.cue is None or r.form != "cued"
    if cue_free and (_TIME_BEFORE.search(before) or _TIME_AFTER.match(after)) and index < 4000:
        return 0.85
    short_line = len(before.strip()) + len(after.strip()) <= 30
    if short_line and (_ANY_TIME_BEFORE.search(before) or _ANY_TIME_AFTER.match(after)) and index < 4000:
        return 0.8
    rest = _HEADER_NOISE.sub("", before + after)
    rest = re.sub(r"^(?:-+)$", "", rest)
    if not rest and r.start < 2500:
        return 0.75
    if before.strip() == "(" and after.lstrip().startswith(")") and r.start < 300:
        return 0.7  # "(10-12-2024) Ngày 9/12 vừa qua, …": a brief opening on its posting date
    return 0.0


# "theo Quyết định ngày 10/3/2023 của UBND tỉnh": a document's date even without its number
# ("Sở Kế hoạch và Đầu tư … ngày …" names an agency, not a plan).
_DOCUMENT_DATE_BEFORE = re.compile(
    r"\b(?:chỉ\s+thị|kế\s+hoạch(?!\s+và\s+đầu\s+tư)|quyết\s+định|công\s+văn|thông\s+báo|nghị\s+quyết|nghị\s+định|thông\s+tư"
    r"|tờ\s+trình|hướng\s+dẫn|văn\s+bản|kết\s+luận)\b[^.;,]{0,40}?\b(?:ký\s+|ban\s+hành\s+)?ngày\s*$",
    _I,
)


_LEADING_DAY_CUE = re.compile(r"(?:vào\s+)?ngày\s*", _I)


def _is_reference(text: str, r: RawDate) -> bool:
    # "… số 2150/QĐ-UBND ngày 15 tháng 9 năm 2023": the date's own "ngày" belongs to the citation.
    lead = _LEADING_DAY_CUE.match(text, r.start, r.end)
    before = text[max(0, r.start - 90) : lead.end() if lead else r.start]
    return bool(_REFERENCE_BEFORE.search(before) or _DOCUMENT_DATE_BEFORE.search(before))


@step(needs=("sentences",), adds=("dates",))
def find_dates(doc: Document) -> None:
    """Every date of the text, with its parts, its role and its evidence."""
    text = doc.text
    raws = [r for r in scan_dates(text) if not in_url(text, r.start)]
    roles: list[str] = []
    confidences: list[float] = []
    for r in raws:
        strength = _header_strength(text, r, r.start)
        if strength:
            roles.append("published")
            confidences.append(strength)
        elif _is_reference(text, r):
            roles.append("reference")
            confidences.append(0.9)
        elif r.day is None:
            roles.append("other")
            confidences.append(0.6)
        elif _CELEBRATED_BEFORE.search(text[max(0, r.start - 60) : r.start]) and not _EVENT_WORDS.search(
            text[max(0, r.start - 60) : r.start].rsplit(",", 1)[-1]
        ):
            roles.append("commemorated")
            confidences.append(0.6)
        else:
            roles.append("event")
            confidences.append(0.5)
    # Spans: "(11/6/1948 – 11/6/2018)" is an anniversary; "từ ngày A đến ngày B" a duration.
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        between = text[a.end : b.start]
        if a.year and b.year and _SPAN_JOIN.match(between):
            opened = text.rfind("(", max(0, a.start - 3), a.start) >= 0
            if opened or b.year - a.year >= 5:
                roles[i] = roles[i + 1] = "commemorated"
                confidences[i] = confidences[i + 1] = 0.8
                continue
        if _RANGE_TO.match(between) and _RANGE_FROM.search(text[max(0, a.start - 12) : a.start]):
            roles[i], roles[i + 1] = "range_start", "range_end"
            confidences[i] = confidences[i + 1] = 0.7
    doc.dates = [
        DateMention(
            year=r.year, month=r.month, day=r.day, role=role,  # type: ignore[arg-type]
            evidence=evidence(doc, r.start, r.end), confidence=conf,
        )
        for r, role, conf in zip(raws, roles, confidences, strict=True)
    ]
    # The second day of "ngày 12 và 13 tháng 9" is kept as the end of the event's span.
    for r in raws:
        if r.day2 is not None:
            doc.dates.append(
                DateMention(year=r.year, month=r.month, day=r.day2, role="range_end",
                            evidence=evidence(doc, r.start, r.end), confidence=0.5)
            )
    doc.dates.sort(key=lambda m: m.evidence.start)


@step(needs=("dates",), adds=("published",))
def choose_published(doc: Document) -> None:
    """The publication date: a labelled header, else the reader's hint, else a timestamp or date line."""
    headers = [m for m in doc.dates if m.role == "published" and m.as_date() is not None]
    labelled = [m for m in headers if m.confidence >= 0.95]
    if labelled:
        best = labelled[0]
    elif doc.published_hint is not None:
        ev = evidence(doc, 0, 0)
        doc.published = DateFact(value=doc.published_hint, evidence=ev, confidence=0.9)
        return
    elif headers:
        best = max(headers, key=lambda m: (m.confidence, -m.evidence.start))
    else:
        closed = _closed_same_day(doc)
        if closed is None:
            doc.published = None
            return
        best = closed
    value = best.as_date()
    assert value is not None
    doc.published = DateFact(value=value, evidence=best.evidence, confidence=best.confidence)


# Minutes drawn up on the day they record ("Biên bản lập xong lúc 11 giờ cùng ngày"), with no date line.
_SAME_DAY = re.compile(
    r"\b(?:biên\s+bản|cuộc\s+họp|hội\s+nghị)\s+(?:được\s+)?(?:kết\s+thúc|lập\s+xong|hoàn\s+thành)[^.\n]{0,40}"
    r"\bcùng\s+ngày\b",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(r"^\W*thời\s+gian\s*:", re.IGNORECASE)


def _closed_same_day(doc: Document) -> DateMention | None:
    """The meeting's full date on its "Thời gian:" line, for minutes closed "cùng ngày": their date."""
    if not _SAME_DAY.search(doc.text):
        return None
    for m in doc.dates:
        if m.as_date() is None or m.year is None:
            continue
        line_start = doc.text.rfind("\n", 0, m.evidence.start) + 1
        if _TIME_LINE.match(doc.text[line_start : m.evidence.start]):
            return m
    return None


def resolve_year(doc: Document, month: int, day: int) -> tuple[int, float] | None:
    """The year of a date written without one, with a confidence; None when nothing tells it."""
    if doc.published is not None:
        pub = doc.published.value
        year = pub.year
        try:
            if dt.date(year, month, day) > pub + dt.timedelta(days=31):
                year -= 1
        except ValueError:
            return None
        return year, 0.85
    guess = reference_year(doc, month)
    return (guess, 0.7) if guess is not None else None


def _anchor_year(doc: Document) -> int | None:
    if doc.published is not None:
        return doc.published.value.year
    return reference_year(doc, 6)


def _event_score(doc: Document, m: DateMention) -> float:
    text = doc.text
    left, right = sentence_bounds(text, m.evidence.start, m.evidence.end)
    c_left, c_right = clause_bounds(text, m.evidence.start, m.evidence.end)
    sentence = text[left:right]
    clause = text[c_left:c_right]
    lead = text[left : m.evidence.start]
    score = 0.0
    written = text[m.evidence.start : m.evidence.end].lower()
    if _TIME_OF_DAY.match(written):
        score += 2.0
    if _LEAD.match(lead):
        score += 1.5  # the date opens its sentence: "Ngày 14/3/2024, Cụm thi đua số 6 …"
    if _EVENT_WORDS.search(sentence):
        score += 1.0
    if _FUTURE.search(clause):
        score -= 4.0
    return score


@step(needs=("dates", "published", "campaign_years"), adds=("event_date",))
def choose_event_date(doc: Document) -> None:
    """The main event's date: the best-placed day that is not a header, citation or anniversary."""
    anchor = _anchor_year(doc)
    best: tuple[float, int, dt.date, DateMention, float] | None = None
    for m in doc.dates:
        if m.role not in ("event", "range_end") or m.day is None or m.month is None:
            continue
        if m.role == "range_end":
            continue
        confidence = 0.8
        year = m.year
        if year is None:
            resolved = resolve_year(doc, m.month, m.day)
            if resolved is None:
                continue
            year, confidence = resolved
        try:
            value = dt.date(year, m.month, m.day)
        except ValueError:
            continue
        score = _event_score(doc, m)
        if anchor is not None and year < anchor - 2:
            score -= 5.0  # an old date in a recent article is history, not the event
        if doc.published is not None and value > doc.published.value + dt.timedelta(days=1):
            score -= 3.0  # announced for later
        key = (score, -m.evidence.start)
        if best is None or key > (best[0], best[1]):
            best = (score, -m.evidence.start, value, m, confidence)
    if best is None or best[0] < -2.0:
        doc.event_date = _conferring_decision_date(doc) or _dateline_date(doc)
        return
    _, _, value, mention, confidence = best
    doc.event_date = DateFact(value=value, evidence=mention.evidence, confidence=confidence)


def _dateline_date(doc: Document) -> DateFact | None:
    """With no other day written, a speech's or a record's place-and-date line is its event's day
    ("(Đông Hà, ngày 9/1/2024)" under the heading of a speech given that day)."""
    published = doc.published
    if published is None or published.evidence.end <= published.evidence.start:
        return None
    before, after = _line_of(doc.text, published.evidence.start, published.evidence.end)
    if _dateline(before, after) is None:
        return None
    return DateFact(value=published.value, evidence=published.evidence, confidence=0.55)


# "UBND tỉnh vừa ban hành Quyết định số 2150/QĐ-UBND ngày 15/9/2023 tặng Cờ thi đua …": when the
# news is the decision itself, its date is the event's.
_ISSUED_BEFORE = re.compile(r"\b(?:vừa|đã)\s+(?:ban\s+hành|ký|kí)\b[^.;]{0,80}$", _I)
_CONFERS_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:tặng|trao\s+tặng|khen\s+tặng|công\s+nhận|phong\s+tặng|truy\s+tặng)\b", _I
)


def _conferring_decision_date(doc: Document) -> DateFact | None:
    for m in doc.dates:
        value = m.as_date()
        if m.role != "reference" or value is None:
            continue
        start, end = m.evidence.start, m.evidence.end
        if _ISSUED_BEFORE.search(doc.text[max(0, start - 120) : start]) and _CONFERS_AFTER.match(
            doc.text[end : end + 80]
        ):
            return DateFact(value=value, evidence=m.evidence, confidence=0.6)
    return None
