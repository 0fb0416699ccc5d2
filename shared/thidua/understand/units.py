"""Units: the organisations that take part in the reported event.

`find_units` reads every organisation name (`orgs.scan`) and keeps those that
act: hosts, attendees, awardees, list members, venues. It leaves out what a
sentence only mentions in passing: the issuer of a cited document ("Chỉ thị
… của UBND tỉnh"), the body in an award's name ("Cờ thi đua của Chính phủ"),
the authority that will decide ("đề nghị VKSND tối cao xem xét"), the parent
written after a bloc's name, bodies a post is held in (the leaders step adds
those of offices, never of plain memberships), generic groups ("các sở, ban,
ngành", "13 phường, xã") and the publisher. Places ("tỉnh Quảng Ngãi") are
units only where they act: as the subject of the event, an awardee, a
province whose leaders attend.

It also sets `doc.locality`, the province or city the document is about, so
that "UBND TP" and "Công an tỉnh" get that place in their ids.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from thidua.understand.blocgrammar import bloc_mentions
from thidua.understand.document import Document, Evidence, UnitFact
from thidua.understand.entities import search_key, unit_key
from thidua.understand.layout import LIST_LINE, silent_lines
from thidua.understand.locality import find_locality, is_province
from thidua.understand.orgnames import phrases
from thidua.understand.orgs import scan
from thidua.understand.people import people_in
from thidua.understand.pipeline import step
from thidua.understand.text import fold, lines_with_offsets
from thidua.understand.titles import match_membership, match_office
from thidua.understand.tokens import Segment, segments
from thidua.understand.words import Org, Words, match_head

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
        # the post may run into the body's name ("của Tổng Thanh tra Chính phủ")
        if tokens[k].low == "của" and match_office(w.low(k + 1, back + 2)):
            return k
    return None


def background(w: Words, org: Org) -> str | None:
    """Why an organisation mention is not a unit of the event (None when it may be one)."""
    tokens = w.tokens
    if fold(org.name) in NEVER_UNITS:
        return "never"
    before = _window(w, org.i, 12)
    # The committee organising an event ("Ban Tổ chức Đại hội …") is part of it, whatever it issues.
    cua = None if _organises_an_event(org) else _before_cua(w, org)
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
    if "trách nhiệm trước" in " ".join(before[-8:]):
        return "answered to"
    if org.i > 0 and tokens[org.i - 1].low in ("khối", "cụm"):
        return "bloc name"  # "khối chi cục Thuế tỉnh …"
    if org.kind in ("gov", "council", "party") and _gives_award(w, org):
        return "awarder"  # "UBND tỉnh tặng Cờ thi đua cho …"
    if org.i > 0 and tokens[org.i - 1].low == "được" and w.low(org.j, 1) in (["tặng"], ["trao"], ["khen"]):
        return "awarder"  # "2 tập thể được Bộ Y tế tặng Bằng khen"
    if _issues(w, org):
        return "issuer"  # "UBND tỉnh vừa ban hành Quyết định …"
    if org.i == 0 and org.j + 1 < len(tokens) and tokens[org.j].text == ":" and (
            tokens[org.j + 1].low in ("khối", "cụm") or match_head(w, org.j + 1)):
        return "label"  # "UBND Quận 5: Cụm thi đua số 2 ký kết …" labels a headline with its own subject
    if "tham mưu" in " ".join(before) and org.i > 0 and tokens[org.i - 1].low in ("với", "cho"):
        return "advised"
    if org.i > 0 and tokens[org.i - 1].low in ("nghị", "trình", "để") and _decides_after(w, org):
        return "decides"
    if org.i > 1 and w.low(org.i - 2, 2) in (["đề", "nghị"], ["kiến", "nghị"]) and _asked_to_act(w, org):
        return "asked"  # "đề nghị UBND huyện tổ chức kiểm tra chéo …": a request for later, not a part taken
    if org.i > 1 and tokens[org.i - 1].low == "bàn" and tokens[org.i - 2].low == "địa":
        return "area"
    if _in_quotes(w, org.i):
        return "quoted"
    return None


def _organises_an_event(org: Org) -> bool:
    words = fold(org.name).split()
    return words[:3] == ["ban", "to", "chuc"] and len(words) > 4 and words[3] in ("dai", "hoi", "le", "cuoc")


def _issues(w: Words, org: Org) -> bool:
    after = w.low(org.j, 4)
    while after and after[0] in _SUBJECT_FILLERS:
        after = after[1:]
    return after[:2] == ["ban", "hành"] or after[:3] == ["ký", "ban", "hành"]


def _gives_award(w: Words, org: Org) -> bool:
    after = w.low(org.j, 5)
    while after and after[0] in _SUBJECT_FILLERS:
        after = after[1:]
    if not after or after[0] not in ("tặng", "trao"):
        return False
    return any(x in _AWARD_WORDS for x in after[1:4])


def _asked_to_act(w: Words, org: Org) -> bool:
    """The body asked for is followed by what it should do (a verb in lower case), not by a list."""
    k = org.j
    while k < len(w.tokens) and w.tokens[k].low in (*_SUBJECT_FILLERS, "sớm", "tiếp", "tục"):
        k += 1
    return k < len(w.tokens) and w.tokens[k].is_word and not w.tokens[k].cap and w.tokens[k].low != "và"


def _decides_after(w: Words, org: Org) -> bool:
    after = w.low(org.j, 4)
    return any(tuple(after[n : n + 2]) in _DECIDE_AFTER or tuple(after[n : n + 1]) in _DECIDE_AFTER
               for n in range(len(after)))


def _in_quotes(w: Words, i: int) -> bool:
    """Inside a quoted movement or slogan ("“Hải quan Việt Nam chuyên nghiệp …”")."""
    opened = 0
    straight = False
    for t in w.tokens[:i]:
        if t.text == "“":
            opened += 1
        elif t.text == "”":
            opened = max(0, opened - 1)
        elif t.text == '"':
            straight = not straight
    return opened > 0 or straight


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
    if "cho" in _window(w, org.i, 10) and any(t.low in _AWARD_WORDS for t in tokens[: org.i]):
        return "awardee"
    return None


_PUBLISHER = re.compile(
    r"cơ quan chủ quản|bản quyền|chịu trách nhiệm (?:nội dung|xuất bản)|trang thông tin điện tử"
    r"|cổng thông tin"
    r"|website|giấy phép|tổng biên tập:|địa chỉ:|điện thoại:|email:|ghi rõ nguồn"
    r"|đăng ngày|ngày đăng|đăng lúc|cập nhật lúc|cập nhật ngày|ngày cập nhật|lượt xem",
    re.IGNORECASE,
)


_CREDIT = re.compile(
    r"^\(?\s*(?:tác giả|người viết|nguồn|tin|bài|ảnh|tin và ảnh|tin,? ảnh|bài,? ảnh|video|clip)\s*[:–-]",
    re.IGNORECASE,
)


def _is_masthead(seg: Segment) -> bool:
    """A page's masthead or footer line (owner, licence, contact) or a credit line ("Tác giả: …")."""
    return bool(_PUBLISHER.search(seg.text) or _CREDIT.match(seg.text))


def _is_byline(seg: Segment, org: Org) -> bool:
    """A line that holds nothing but a body's name (a signature or a source), not a list item, or an
    author's name with the body in brackets ("Lê Hà (Văn phòng UBND huyện)")."""
    words = [t for t in seg.tokens if t.is_word]
    inside = [t for t in words if org.start <= t.start < org.end]
    if len(words) != len(inside):
        return _is_author_line(seg, org)
    first, last = seg.tokens[0], seg.tokens[-1]
    listed = first.text in ("-", "–", "+", "•", "*", "·") or first.is_num or last.text in (";", ",")
    return not listed


def _is_author_line(seg: Segment, org: Org) -> bool:
    """ "Lê Hà (Văn phòng UBND huyện)", "Thu Trang - Trung tâm Thông tin tỉnh": a line of one to four
    capitalised words, then the body in brackets or after a dash."""
    tokens = seg.tokens
    if len(tokens) < 3:
        return False
    bracket = tokens[-1].text == ")"
    marks = ("(",) if bracket else ("-", "–", "/")
    opening = next((n for n, t in enumerate(tokens) if t.text in marks), None)
    if opening is None or not 1 <= opening <= 4 or not all(t.is_word and t.cap for t in tokens[:opening]):
        return False
    inside = [t for t in tokens[opening + 1 : len(tokens) - 1 if bracket else None] if t.is_word]
    return bool(inside) and all(org.start <= t.start < org.end for t in inside)


def _media_acts(w: Words, org: Org) -> bool:
    tokens = w.tokens
    before = _window(w, org.i, 3)
    if "tại" in before:
        return True
    prev = tokens[org.i - 1].low if org.i > 0 else ""
    nxt = tokens[org.j].low if org.j < len(tokens) else ""
    return prev in (";", ",", "và") and nxt in (";", ",", ".", "và")


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


_HEADLINE_END = re.compile(r"[.;:!?…,)\]”\"]\s*$")


def headline_runs(text: str) -> list[tuple[int, int]]:
    """Spans of runs of two or more headline-like lines: other articles' titles in a sidebar or a
    "related" box inside the page ("… huyện X: Đơn vị xuất sắc trong phong trào thi đua").

    A headline-like line has five to forty words, no closing punctuation, no list bullet, no table bar
    and is not in capitals; a run of them with at least two of eight words or more, after the article's
    text has begun (a letterhead or the title block is not a sidebar), is not the article's own text.
    A run announced by a colon on the line before is a list, not headlines.
    """
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, int]] = []  # start, end, words
    previous = ""
    body_started = False  # a sidebar sits inside the page, after the article's text has begun

    def close() -> None:
        if len(run) >= 2 and sum(1 for _, _, n in run if n >= 8) >= 2:
            out.extend((a, b) for a, b, _ in run)

    for start, line in lines_with_offsets(text):
        end = start + len(line)
        stripped = line.strip()
        words = len(stripped.split())
        headline = (body_started and 5 <= words <= 40 and not _HEADLINE_END.search(stripped)
                    and "|" not in stripped and not LIST_LINE.match(stripped) and not stripped.isupper()
                    and (stripped[:1].isupper() or stripped[:1].isdigit()))
        body_started = body_started or (words >= 15 and stripped.endswith("."))
        if headline and not (not run and previous.endswith(":")):
            run.append((start, end, words))
        else:
            close()
            run = []
        if stripped:
            previous = stripped
    close()
    return out


def _opens_item(w: Words, org: Org) -> bool:
    """The body is the subject that opens a list item (after its number or bullet)."""
    return all(not t.is_word or t.is_num for t in w.tokens[: org.i])


def _inside(seg: Segment, spans: list[tuple[int, int]]) -> bool:
    return any(a <= seg.start and seg.end <= b for a, b in spans)


@step(needs=("sentences",), adds=("units", "locality"))
def find_units(doc: Document) -> None:
    """Organisations acting in the event, with their role, evidence and confidence."""
    doc.locality = find_locality(doc.text)
    units: list[UnitFact] = []
    acts: dict[tuple[str, str], list[str]] = {}  # (place, verb) → kinds of the bodies doing it
    sidebar = headline_runs(doc.text)
    silent, requests = silent_lines(doc.text)
    for seg in segments(doc.text):
        orgs = scan(seg)
        if not orgs:
            continue
        if _is_masthead(seg) or _inside(seg, sidebar) or _inside(seg, silent):
            continue
        request = _inside(seg, requests)
        w = Words.of(seg)
        skip = _post_spans(seg) | _parent_spans(seg) | _bloc_spans(seg)
        previous: Org | None = None
        previous_out = False
        for org in orgs:
            # A list shares the fate of its first item ("của Tỉnh ủy, HĐND, UBND tỉnh").
            listed = previous is not None and _adjacent(w, previous, org)
            out = listed and previous_out
            glued = previous
            previous = org
            previous_out = out
            if out or org.generic or org.i in skip or _is_byline(seg, org):
                continue
            if glued is not None and glued.j == org.i and org.kind == "gov" and glued.kind == "agency":
                continue  # "Ban Tiếp công dân Ủy ban nhân dân tỉnh X": the parent of the Ban
            if _post_before(w, org):
                continue
            if request and _opens_item(w, org):
                previous_out = True
                continue
            if background(w, org) is not None:
                previous_out = True
                continue
            if org.kind == "place":
                if _bloc_locality(w, seg, org):
                    continue
                role = _acts_as_place(w, org)
                if role is None:
                    continue
                units.append(unit_fact(doc, seg, org, role, 0.6))
                _note_act(acts, w, org, "place")
                continue
            if org.kind == "media" and not _media_acts(w, org):
                continue
            role = _role(w, org)
            if role == "actor" and _NARRATIVE.match(seg.text):
                role = "narrative"  # acting in the account of the past year, not at the event
            units.append(unit_fact(doc, seg, org, role, 0.75 if org.shared else 0.7))
            if org.kind == "gov":
                _note_act(acts, w, org, "gov")
    doc.units = [u for u in units if not _said_of_its_committee(u, acts)]


# A sentence that opens on a past period tells what happened then, not at the reported event.
_NARRATIVE = re.compile(
    r"^\W*(?:trong\s+)?(?:năm\s+qua|năm\s+20\d\d|năm\s+học\s+20\d\d\s*[-–]\s*20\d\d|những\s+năm\s+qua"
    r"|thời\s+gian\s+qua|nhiệm\s+kỳ\s+qua|(?:\d+|sáu|chín)\s+tháng\s+đầu\s+năm|giai\s+đoạn\s+20\d\d\s*[-–]\s*20\d\d"
    r"|qua\s+\d+\s+năm)\s*(?:,|vừa\s+qua|qua)",
    re.IGNORECASE,
)


def _adjacent(w: Words, a: Org, b: Org) -> bool:
    between = [t.low for t in w.tokens[a.j : b.i]]
    return between in ([","], ["và"], [",", "và"], [";"]) and a.j <= b.i


def _bloc_locality(w: Words, seg: Segment, org: Org) -> bool:
    """A place written as part of a bloc's name ("Cụm thi đua các doanh nghiệp ngành xây dựng tỉnh X
    tổ chức …", "Cụm thi đua số 2 huyện Y sơ kết …"): where the bloc is, not a unit acting."""
    for m in bloc_mentions(seg):
        if m.backref or not m.j <= org.i <= m.j + 3:
            continue
        between = w.tokens[m.j : org.i]
        if all(t.is_word and not t.cap for t in between):
            return True
    return False


def _bloc_spans(seg: Segment) -> set[int]:
    """Words inside a bloc's descriptive name ("khối Mặt trận Tổ quốc và các tổ chức …")."""
    return {k for m in bloc_mentions(seg) if m.words for k in range(m.i, m.j)}


def _note_act(acts: dict[tuple[str, str], list[str]], w: Words, org: Org, kind: str) -> None:
    if org.place is None or org.place.name is None:
        return
    k = org.j
    while k < len(w.tokens) and w.tokens[k].low in _SUBJECT_FILLERS:
        k += 1
    verb = " ".join(w.low(k, 2))
    key = (fold(f"{org.place.level} {org.place.name}"), verb)
    acts.setdefault(key, []).append(kind)
    acts.setdefault((key[0], ""), []).append(f"{kind}:{verb}")


def _said_of_its_committee(unit: UnitFact, acts: dict[tuple[str, str], list[str]]) -> bool:
    """ "Quận 5 phát động …" beside "UBND Quận 5 vừa phát động …": one actor, the committee.

    A province hosting its own congress ("tỉnh X tổ chức Đại hội") stays when no body of it acts.
    """
    if unit.roles != ["actor"]:
        return False
    place = fold(unit.name)
    return any(v.startswith("gov:") for v in acts.get((place, ""), []))


_PLACE_BEFORE_PROVINCE = re.compile(r"\b(?:tinh|thanh pho) (?=(\w+ \w+)\b)")


def _merge_key(name: str, locality: str | None) -> str:
    """A unit's key for merging: place-relative names get the document's place; "tỉnh X" and "X" meet."""
    key = _FRONT.sub("mat tran to quoc", unit_key(name, locality))
    return _PLACE_BEFORE_PROVINCE.sub(lambda m: "" if is_province(m.group(1)) else m.group(0), key)


# "MTTQ huyện", "Mặt trận Tổ quốc huyện" and "Ủy ban MTTQ Việt Nam huyện": one body, the Front's committee.
_FRONT = re.compile(r"^(?:uy ban )?mat tran to quoc(?: viet nam)?\b")


_PLACE_PREFIXES = ("huyen ", "quan ", "thi xa ", "thi tran ", "xa ", "phuong ", "tinh ", "thanh pho ")
_PLACE_KEY_WORDS = frozenset({"tinh", "thanh", "tp", "quan", "huyen", "phuong", "xa", "thi"})


def _names_a_place_or_body(rest: str, longer_name: str, locality: str | None) -> bool:
    """Whether a fuller name adds a place or a parent body ("tỉnh X", "Châu Thành", "Bộ CHQS")."""
    words = rest.split()
    if words[0] in _PLACE_KEY_WORDS or is_province(rest) or (locality and rest == search_key(locality)):
        return True
    tail = longer_name.split()[-len(words) :]
    # "Đảng ủy Khối" in "Đảng ủy Khối Doanh nghiệp tỉnh": the fuller name goes on with a capital
    return fold(" ".join(tail)).split() == words and tail[0][:1].isupper()


@step(needs=("units", "leaders", "blocs"), adds=("units",))
def merge_units(doc: Document) -> None:
    """One unit per body: a name that a fuller one of the same body extends goes into it.

    "Tỉnh ủy" joins "Tỉnh ủy Bến Tre" in a Bến Tre article, "Ban Dân vận Quận ủy" joins "Ban Dân vận
    Quận ủy Châu Thành", "Ban Chấp hành LĐLĐ quận X" joins "LĐLĐ quận X"; roles are pooled.
    """
    keyed = [(_merge_key(u.name, doc.locality), u) for u in doc.units]
    keys = {k for k, _ in keyed}
    names = {k: u.name for k, u in reversed(keyed)}
    plain = {k: _merge_key(names[k], None) for k in keys}  # without the document's place, for prefixes
    by_plain = sorted((p, k) for k, p in plain.items())
    kept: dict[str, UnitFact] = {}
    for key, unit in keyed:
        target = key
        mine = _merge_key(unit.name, None)
        # the keys whose plain form extends mine by whole words: a range of the sorted list
        at = bisect_left(by_plain, (mine + " ", ""))
        extending = []
        while at < len(by_plain) and by_plain[at][0].startswith(mine + " "):
            extending.append(by_plain[at][1])
            at += 1
        longer = [k for k in extending if k != key
                  and _names_a_place_or_body(plain[k][len(mine) + 1 :], names[k], doc.locality)]
        if longer:
            target = min(longer, key=len)
        else:
            # "Ban Chấp hành X", "Thường trực X": the standing bodies of X stand for X
            for prefix in ("ban chap hanh ", "thuong truc "):
                if key.startswith(prefix) and key[len(prefix) :] in keys:
                    target = key[len(prefix) :]
            for alias in ("bo chi huy ", "truong ", *_PLACE_PREFIXES):
                if alias + key in keys:
                    # "BĐBP tỉnh X" = "Bộ Chỉ huy BĐBP tỉnh X", "Đại học X" = its Trường, "X" = "huyện X"
                    target = alias + key
                    break
        if target in kept:
            have = kept[target]
            have.roles = sorted(set(have.roles) | set(unit.roles))
            if target == key and len(unit.name) > len(have.name):
                have.name = unit.name
            continue
        if target != key:
            # the fuller name comes later in the list: hold this unit's roles under that key
            kept[target] = UnitFact(
                name=next(u.name for k, u in keyed if k == target), key=unit.key, locality=unit.locality,
                evidence=unit.evidence, confidence=unit.confidence, roles=list(unit.roles),
            )
            continue
        kept[target] = unit
    # bodies named only in the account of the past year ("Năm 2023, Sở X đã phối hợp …") take no part
    doc.units = [u for u in kept.values() if set(u.roles) != {"narrative"}]
