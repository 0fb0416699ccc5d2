"""Units: the organisations that take part in the reported event.

`find_units` reads every organisation name (`orgs.scan`) and keeps those that
act: hosts, attendees, awardees, list members, venues. It leaves out what a
sentence only mentions in passing: the issuer of a cited document ("Chỉ thị
… của UBND tỉnh"), the body in an award's name ("Cờ thi đua của Chính phủ"),
the authority that will decide ("đề nghị VKSND tối cao xem xét"), the parent
written after a bloc's name, bodies a post is held in (the leaders step adds
those of offices, never of plain memberships), generic groups ("các sở, ban,
ngành", "13 phường, xã") and the publisher. Places ("tỉnh Quảng Trị") are
units only where they act: as the subject of the event, an awardee, a
province whose leaders attend.

It also sets `doc.locality`, the province or city the document is about, so
that "UBND TP" and "Công an tỉnh" get that place in their ids.
"""

from __future__ import annotations

from thidua.understand.blocgrammar import bloc_mentions
from thidua.understand.document import Document, Evidence, UnitFact
from thidua.understand.entities import unit_key
from thidua.understand.locality import find_locality
from thidua.understand.orgnames import phrases
from thidua.understand.orgs import Org, Words, scan
from thidua.understand.people import people_in
from thidua.understand.pipeline import step
from thidua.understand.text import fold
from thidua.understand.titles import match_membership, match_office
from thidua.understand.tokens import Segment, segments

# Bodies that issue, grant or lead from above; named, they are background, never a unit of an event.
NEVER_UNITS = frozenset(
    fold(n) for n in ("Bộ Chính trị", "Ban Bí thư", "Chính phủ", "Quốc hội", "Trung ương", "Nhà nước",
                      "Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng")
)
_AWARD_WORDS = frozenset(["cờ", "khen", "huân", "huy", "chương", "danh", "hiệu", "chiến"])
_DOCUMENT_PHRASES = frozenset(
    tuple(p.split()) for p in phrases(
        """
        chỉ thị|kế hoạch|quyết định|nghị quyết|công văn|thông báo|kết luận|thông tư|nghị định|
        hướng dẫn|tờ trình|văn bản|điều lệ|quy chế|quy định|chương trình|luật
        """
    )
)
# Before "của X": X acts (attends, reports, proposes); otherwise "của X" is background.
_ACTOR_BEFORE_CUA = frozenset(["dự", "chứng", "chủ", "phối", "đại", "báo", "đề", "ý", "phát", "tham"])
_DECIDE_AFTER = frozenset(
    tuple(p.split()) for p in phrases(
        """
        xem xét|công nhận|khen tặng|tặng|quyết định|phê duyệt|khen thưởng|trình
        """
    )
)
_EVENT_VERBS = frozenset(
    tuple(p.split()) for p in phrases(
        """
        tổ chức|phát động|ký|kí|ký kết|tổng kết|sơ kết|trao|tặng|đăng ký|triển khai|nhận|được|
        hoàn thành|dẫn đầu|đạt|vinh dự|long trọng|có thành tích
        """
    )
)
_SUBJECT_FILLERS = frozenset(["đã", "vừa", "đang", "cũng", "mới", "luôn"])


def _window(w: Words, i: int, n: int) -> list[str]:
    return [t.low for t in w.tokens[max(0, i - n) : i]]


def _before_cua(w: Words, org: Org) -> int | None:
    """The index of a "của" written right before an organisation (a post may sit in between)."""
    tokens = w.tokens
    k = org.i - 1
    if k >= 0 and tokens[k].low == "của":
        return k
    # "Bằng khen của Chủ tịch UBND tỉnh"
    for back in range(2, 6):
        k = org.i - back
        if k < 0:
            break
        if tokens[k].low == "của" and match_office(w.low(k + 1, back)):
            return k
    return None


def background(w: Words, org: Org) -> str | None:
    """Why an organisation mention is not a unit of the event (None when it may be one)."""
    tokens = w.tokens
    if fold(org.name) in NEVER_UNITS:
        return "never"
    before = _window(w, org.i, 12)
    cua = _before_cua(w, org)
    if cua is not None:
        near = w.low(max(0, cua - 6), min(6, cua))
        if any(x in _AWARD_WORDS for x in near):
            return "award name"
        clause = []
        for t in reversed(tokens[max(0, cua - 16) : cua]):
            if t.low in (",", ";", "."):
                break
            clause.append(t.low)
        clause.reverse()
        if any(tuple(clause[n : n + 2]) in _DOCUMENT_PHRASES or tuple(clause[n : n + 1]) in _DOCUMENT_PHRASES
               for n in range(len(clause))):
            return "document issuer"
        if not any(x in _ACTOR_BEFORE_CUA for x in w.low(max(0, cua - 4), min(4, cua))):
            return "possessive"
    if (org.i > 0 and tokens[org.i - 1].low in ("trước", "thành")) or "thành lập" in " ".join(before[-3:]):
        return "commemorated"  # "chịu trách nhiệm trước …", "Ngày thành lập …"
    if "tham mưu" in " ".join(before) and org.i > 0 and tokens[org.i - 1].low in ("với", "cho"):
        return "advised"
    if org.i > 0 and tokens[org.i - 1].low in ("nghị", "trình", "để") and _decides_after(w, org):
        return "decides"
    if org.i > 1 and tokens[org.i - 1].low == "bàn" and tokens[org.i - 2].low == "địa":
        return "area"
    if _in_quotes(w, org.i):
        return "quoted"
    return None


def _decides_after(w: Words, org: Org) -> bool:
    after = w.low(org.j, 4)
    return any(tuple(after[n : n + 2]) in _DECIDE_AFTER or tuple(after[n : n + 1]) in _DECIDE_AFTER
               for n in range(len(after)))


def _in_quotes(w: Words, i: int) -> bool:
    opened = 0
    for t in w.tokens[:i]:
        if t.text == "“":
            opened += 1
        elif t.text == "”":
            opened = max(0, opened - 1)
    return opened > 0


def _post_before(w: Words, org: Org) -> bool:
    """An office or membership written right before the body ("Chủ tịch UBND tỉnh", "Ủy viên BTV Tỉnh ủy")."""
    for back in range(1, 6):
        k = org.i - back
        if k < 0:
            break
        words = w.low(k, back)
        if match_office(words) == back or match_membership(words) == back:
            return True
    return False


def _acts_as_place(w: Words, org: Org) -> str | None:
    """The role of a place that acts in the event, or None."""
    tokens = w.tokens
    before = _window(w, org.i, 3)
    if before[-1:] in (["tại"], ["ở"], ["của"]) or before[-2:] == ["địa", "bàn"]:
        return None
    if " ".join(before[-2:]) in ("lãnh đạo", "đại diện", "về phía") or before[-1:] == ["phía"]:
        return "attendee"
    k = org.j
    while k < len(tokens) and tokens[k].low in _SUBJECT_FILLERS:
        k += 1
    after = w.low(k, 3)
    if any(tuple(after[:n]) in _EVENT_VERBS for n in (1, 2, 3)):
        return "actor"
    if "cho" in _window(w, org.i, 6) and any(t.low in _AWARD_WORDS for t in tokens[: org.i]):
        return "awardee"
    return None


def _is_byline(seg: Segment, org: Org) -> bool:
    """A line that holds nothing but a body's name (a signature or a source)."""
    words = [t for t in seg.tokens if t.is_word]
    inside = [t for t in words if org.start <= t.start < org.end]
    return len(words) == len(inside)


def _media_acts(w: Words, org: Org) -> bool:
    tokens = w.tokens
    before = _window(w, org.i, 3)
    if "tại" in before:
        return True
    prev = tokens[org.i - 1].low if org.i > 0 else ""
    nxt = tokens[org.j].low if org.j < len(tokens) else ""
    return prev in (";", ",") and nxt in (";", ",", ".")


def _role(w: Words, org: Org) -> str:
    before = _window(w, org.i, 4)
    if "tại" in before:
        return "host"
    if any(x in before for x in ("dự", "có", "tham", "đại", "cùng")):
        return "attendee"
    if "cho" in before:
        return "awardee"
    return "actor"


def _post_spans(seg: Segment) -> set[int]:
    """Token indices of bodies named inside a person's posts (the leaders step decides about them)."""
    out: set[int] = set()
    for person in people_in(seg):
        for post in person.posts:
            if post.org is not None:
                out.update(range(post.org.i, post.org.j))
    return out


def _parent_spans(seg: Segment) -> set[int]:
    out: set[int] = set()
    for mention in bloc_mentions(seg):
        if mention.parent is not None:
            out.update(range(mention.parent.i, mention.parent.j))
    return out


def unit_fact(doc: Document, seg: Segment, org: Org, role: str, confidence: float) -> UnitFact:
    return UnitFact(
        name=org.name,
        key=unit_key(org.name, doc.locality),
        locality=doc.locality,
        evidence=Evidence(sentence=seg.text, start=org.start, end=org.end),
        confidence=confidence,
        roles=[role],
    )


@step(needs=("sentences",), adds=("units", "locality"))
def find_units(doc: Document) -> None:
    """Organisations acting in the event, with their role, evidence and confidence."""
    doc.locality = find_locality(doc.text)
    units: list[UnitFact] = []
    for seg in segments(doc.text):
        orgs = scan(seg)
        if not orgs:
            continue
        w = Words(seg)
        skip = _post_spans(seg) | _parent_spans(seg)
        for org in orgs:
            if org.generic or org.i in skip or _is_byline(seg, org):
                continue
            if _post_before(w, org) or background(w, org) is not None:
                continue
            if org.kind == "place":
                role = _acts_as_place(w, org)
                if role is None:
                    continue
                units.append(unit_fact(doc, seg, org, role, 0.6))
                continue
            if org.kind == "media" and not _media_acts(w, org):
                continue
            units.append(unit_fact(doc, seg, org, _role(w, org), 0.75 if org.shared else 0.7))
    doc.units = units
