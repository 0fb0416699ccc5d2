"""Awards given, proposed or voted at the reported event: form, count, recipient, status.

Forms follow the Law on Emulation and Commendation (see `AWARD_IDS`). The
count and recipient are read in the shapes the texts use:

- "tặng Giấy khen cho 12 tập thể và 07 cá nhân" → two entries;
- "trao Cờ thi đua của Chính phủ đến 9 tập thể", "… cho 25 tập thể và cá nhân" (recipient unknown);
- "03 đơn vị được nhận Cờ thi đua của Chính phủ", "5/7 đơn vị được bình chọn danh hiệu Đơn vị Tiên tiến";
- "Cờ thi đua của UBND tỉnh: 18 tập thể; Chiến sĩ thi đua cấp tỉnh: 27 cá nhân";
- named recipients count one each: "cho Ban Tổ chức Tỉnh ủy và Sở Nội vụ" → 2, "cho ông Trần Văn A" → 1
  individual, "Công ty X đã vinh dự nhận Cờ thi đua …" → 1;
- honours with no form: "tuyên dương 16 tập thể", "vinh danh 75 điển hình" → ``other``.

Background is left out: last year's or a period's results ("Năm 2022, cụm có 2 tập thể được
tặng cờ", "Trong 5 năm qua, …"), "one of the N" sentences, criteria, illustrations, and the
figures of a report that the meeting then voted on ("nghe báo cáo … cho 30 đơn vị" when the
vote gives 26).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.understand.awardcounts import (
    GROUP_NOUN,
    HONOUR,
    JOIN,
    PRE_COUNT,
    RIGHT_START,
    counted_list,
    leader_before,
    left_counts,
    named_after,
    recipient_of,
    subject_before,
)
from thidua.understand.awardforms import (
    AWARD_HEAD,
    AWARD_IDS,
    DRAFT,
    QUOTED_NAME,
    TAIL_END,
    award_status,
    classify,
    form_rank,
    opens_quote,
    rest_of_line,
    skip_sentence,
)
from thidua.understand.document import AwardFact, AwardStatus, Document, Recipient
from thidua.understand.numbers import parse_count
from thidua.understand.pipeline import step
from thidua.understand.spans import clause_bounds, evidence, in_url, sentence_bounds
from thidua.understand.text import fold

__all__ = ["AWARD_IDS", "classify", "find_awards"]

_I = re.IGNORECASE



@dataclass
class _Found:
    award: str
    count: int
    recipient: Recipient | None
    start: int
    end: int
    sentence: tuple[int, int]
    rank: str
    status: AwardStatus
    names: list[str]
    count_at: int = -1  # where a count written before the form starts ("86 tập thể được nhận …")


def _background_part(text: str, s_left: int, start: int) -> bool:
    """The part of a sentence after its last semicolon opens on a past period ("…; trong 5 năm qua, đơn
    vị đã có 87 tập thể được tặng Giấy khen"): a tally of that period, not an award of the event."""
    cut = text.rfind(";", s_left, start)
    return cut >= 0 and skip_sentence(text[cut + 1 : start], "")


def _find(text: str, known: frozenset[str] = frozenset()) -> list[_Found]:
    found: list[_Found] = []
    heads = [m for m in AWARD_HEAD.finditer(text) if not in_url(text, m.start())]
    # Awards joined by "và" share recipients: those that follow ("Cờ … và Bằng khen …: 5 tập thể")
    # or those found for the first ("Công ty X đã nhận Cờ … và Cờ … trao tặng").
    pending: list[tuple[str, str, int]] = []
    carried: tuple[list[tuple[int, Recipient | None]], list[str], int] | None = None
    for index, m in enumerate(heads):
        s_left, s_right = sentence_bounds(text, m.start(), m.end())
        c_left, c_right = clause_bounds(text, m.start(), m.end())
        sentence = text[s_left:s_right]
        if skip_sentence(sentence, rest_of_line(text, s_right)) or _background_part(text, s_left, m.start()):
            pending, carried = [], None
            continue
        # The award's own name in quotes ("Kỷ niệm chương “Vì sự nghiệp …” cho 25 cá nhân") is its tail.
        tail_from = m.end()
        after_head = tail_from + len(text[tail_from:c_right]) - len(text[tail_from:c_right].lstrip(" "))
        if after_head < c_right and opens_quote(text, s_left, after_head):
            quoted = QUOTED_NAME.match(text, after_head)
            tail_from = quoted.end() if quoted else tail_from
        tail_limit = min(c_right, tail_from + 90)
        tail_stop = TAIL_END.search(text, tail_from, tail_limit)
        tail_end = tail_stop.start() if tail_stop else tail_limit
        tail = text[m.end() : tail_end]
        before = text[c_left : m.start()]
        award = classify(m.group("head"), tail, text[s_left : m.start()])
        rank = form_rank(m.group("head"), tail)
        status = award_status(text[s_left : m.start()])
        next_start = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        joined = bool(re.fullmatch(r"\s*(?:và|,)\s*", text[tail_end:next_start])) and next_start < c_right
        limit = min(c_right, next_start) if next_start > tail_end else c_right
        entries: list[tuple[int, Recipient | None]] = []
        names: list[str] = []
        end = tail_end
        right = RIGHT_START.match(text[tail_end:limit])
        pre = PRE_COUNT.search(before)
        pre_n = parse_count(pre.group("n")) if pre else None
        if pre_n is not None:
            group_noun = GROUP_NOUN.match(text[tail_end + right.end() : limit]) if right else None
            entries = [(pre_n, recipient_of(group_noun.group("noun")) if group_noun else None)]
        elif right:
            pos = tail_end + right.end()
            entries, end = counted_list(text, pos, limit)
            if not entries and not re.search(r"\bgồm\b", tail, _I):
                # A list after "gồm:" spells out a group already counted.
                named, end = named_after(text, pos, limit, known)
                names = [n for n, _ in named]
                if named and all(r == "tap_the" for _, r in named):
                    entries = [(len(named), "tap_the")]  # "cho A và B": one entry counting 2 units
                else:
                    entries = [(1, r) for _, r in named]
        count_at = -1
        if not entries:
            entries, at = left_counts(before)
            count_at = c_left + at if entries else -1
        if not entries:
            subjects = subject_before(before, known) or leader_before(before, known)
            if subjects:
                entries, names = [(len(subjects), "tap_the")], subjects
        if not entries and carried is not None:
            entries, names, count_at = carried
        if not entries:
            if joined:
                pending.append((award, rank, m.start()))
            else:
                pending = []
            carried = None
            continue
        group = {(award, rank): m.start()}
        for award_id, award_rank, start in pending:
            group.setdefault((award_id, award_rank), start)
        for (award_id, award_rank), start in group.items():
            for count, recipient in entries:
                found.append(_Found(award_id, count, recipient, start, end, (s_left, s_right), award_rank,
                                    status, names, count_at))
        pending = []
        carried = (entries, names, count_at) if joined and not right else None
    for m in HONOUR.finditer(text):
        if in_url(text, m.start()):
            continue
        s_left, s_right = sentence_bounds(text, m.start(), m.end())
        if skip_sentence(text[s_left:s_right], rest_of_line(text, s_right)):
            continue
        if AWARD_HEAD.match(text, m.end() + 1):
            continue
        n = parse_count(m.group("n"))
        if n is not None:
            span = (s_left, s_right)
            found.append(_Found("other", n, recipient_of(m.group("noun")), m.start(), m.end(), span,
                                "other", "granted", []))
            j = JOIN.match(text, m.end())
            if j:
                more, _ = counted_list(text, j.end(), s_right)
                for count, recipient in more:
                    found.append(_Found("other", count, recipient, m.start(), m.end(), (s_left, s_right),
                                        "other", "granted", []))
    return found


def _resolve(found: list[_Found]) -> list[_Found]:
    """Drop repeats: a caption or headline that restates an award of the body."""
    # "86 tập thể được nhận cờ thi đua và bằng khen": one count before two forms is their joint total.
    forms_by_count: dict[int, set[str]] = {}
    for f in found:
        if f.count_at >= 0:
            forms_by_count.setdefault(f.count_at, set()).add(f.award)
    found = [f for f in found if f.count_at < 0 or len(forms_by_count[f.count_at]) == 1]
    counted: dict[tuple[str, str], list[tuple[int, AwardStatus]]] = {}
    for f in found:
        if not f.names:
            counted.setdefault((f.award, f.rank), []).append((f.count, f.status))
    # A headline total restating the body's split ("Trao 120 Giấy khen" = 45 tập thể + 75 cá nhân).
    totals: dict[tuple[str, str], list[_Found]] = {}
    for f in found:
        totals.setdefault((f.award, f.rank), []).append(f)
    restated = set()
    for group in totals.values():
        for f in group:
            others = [g for g in group if g is not f and g.sentence != f.sentence]
            one_sentence = len({g.sentence for g in others}) == 1
            if len(others) >= 2 and one_sentence and sum(g.count for g in others) == f.count:
                restated.add(id(f))
    found = [f for f in found if id(f) not in restated]
    out: list[_Found] = []
    seen: set[tuple[str, int, str | None, str, tuple[int, int]]] = set()
    keys_by_sentence: dict[tuple[str, int, str | None, str], tuple[tuple[int, int], list[str]]] = {}
    for f in found:
        if f.names and _among_counted(f, counted.get((f.award, f.rank), [])):
            continue  # a named awardee among the N of the same award
        key = (f.award, f.count, f.recipient, f.rank)
        first, first_names = keys_by_sentence.setdefault(key, (f.sentence, f.names))
        if first != f.sentence and not _other_awardees(first_names, f.names):
            continue  # the same award repeated in a caption and the body
        if f.names and any(
            g.names and g.sentence != f.sentence and _same_award(g, f)
            and not _other_awardees(g.names, f.names)
            for g in out
        ):
            continue  # "trao Huân chương cho thị xã X" restating "Huân chương … hạng Ba cho … thị xã X"
        full = (*key, f.sentence)
        if full in seen and f.names:
            continue
        seen.add(full)
        out.append(f)
    return out


def _other_awardees(a: list[str], b: list[str]) -> bool:
    """Two awards of the same form naming different units ("Cờ … : Sở A." and, for the next bloc,
    "Cờ … : Sở B.") are two awards, not one repeated."""
    if not a or not b:
        return False
    return not any(_same_unit(x, y) for x in a for y in b)


def _same_unit(a: str, b: str) -> bool:
    """Loosely the same awardee ("xã X" and "Nhân dân và cán bộ xã X"): most words of the shorter
    name are in the longer."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    small = min(len(wa), len(wb))
    return small > 0 and len(wa & wb) >= 0.6 * small


def _among_counted(f: _Found, counted: list[tuple[int, AwardStatus]]) -> bool:
    """Whether a named award is one of a larger counted group of the same award and status.

    A flag proposed for one named unit is not among the N handed over at the same meeting.
    """
    return any(
        count > f.count and (status == f.status or "unknown" in (status, f.status))
        for count, status in counted
    )


def _same_award(a: _Found, b: _Found) -> bool:
    """Same form, count and recipient, one naming its class and the other not (or both the same)."""
    if (a.award, a.count, a.recipient) != (b.award, b.count, b.recipient):
        return False
    return a.rank.startswith(b.rank) or b.rank.startswith(a.rank)


@step(needs=("sentences", "units"), adds=("awards",))
def find_awards(doc: Document) -> None:
    """Award entries of the event, each with its evidence; works with or without `doc.units`."""
    text = doc.text
    known = frozenset(fold(u.name) for u in doc.units if len(fold(u.name)) >= 3)
    found = _find(text, known)
    # A report's draft figures give way to the figures the meeting then voted.
    draft = [bool(DRAFT.search(text[f.sentence[0] : f.start])) for f in found]
    final_awards = {(f.award, f.recipient) for f, d in zip(found, draft, strict=True) if not d}
    kept = [
        f for f, d in zip(found, draft, strict=True) if not d or (f.award, f.recipient) not in final_awards
    ]
    facts = []
    for f in _resolve(kept):
        facts.append(
            AwardFact(
                award=f.award, count=f.count, recipient=f.recipient, evidence=evidence(doc, f.start, f.end),
                confidence=0.75 if f.status != "unknown" else 0.6, status=f.status, recipients=f.names,
            )
        )
    doc.awards = facts
