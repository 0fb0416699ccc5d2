"""Member lists: after "gồm", "có N đơn vị:", "có 5 huyện là …", on bulleted lines under a list or
a numbered heading naming the bloc, in rows of a table of units, with bloc roles in brackets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from thidua.understand import orgnames as lex
from thidua.understand.blocgrammar import BlocMention, bloc_mentions, roman_value
from thidua.understand.blocmodel import Bloc, Member, Role, add_member, last_named, nearest_bloc, place_level
from thidua.understand.blocroles import org_roles
from thidua.understand.document import Document
from thidua.understand.numbers import NUMBER_WORDS, parse_count
from thidua.understand.orgnames import phrases, words
from thidua.understand.orgs import scan
from thidua.understand.people import people_in
from thidua.understand.text import fold, lines_with_offsets
from thidua.understand.titles import match_bloc_role
from thidua.understand.tokens import Segment, segments
from thidua.understand.words import CLAUSE_WORDS, Org, Words, is_post_start, match_head, person_at

_FILLERS = frozenset(words(
    """
    có các gồm là bao : đơn vị cơ quan địa phương thành viên hiện nay sau như
    """
))


_KIND_NOUNS = frozenset({"trường", "bệnh"})


# Nouns a member list may announce ("gồm 6 doanh nghiệp:"); "gồm 4 nội dung:" is no member list.
_UNIT_KINDS = frozenset(
    words("doanh nghiệp công ty tập thể cục chi tổng sở ban ngành đội phòng hội viện trung tâm bệnh")
)


_EVENT_WORDS = frozenset(
    tuple(p.split()) for p in phrases(
        "tổng kết|sơ kết|ký kết|phát động|triển khai|tổ chức|hội nghị|ra quân"
    )
)


# Verbs that open a line of votes, not a name: only as written, second word in lower case
# ("Đề nghị UBND tỉnh tặng …"; "Thống Nhất" is a district).
_VOTE_VERBS = frozenset(
    tuple(p.split()) for p in phrases("đề nghị|đề xuất|bỏ phiếu|suy tôn|bình xét|biểu quyết|thống nhất")
)


# Words between a bloc's name and a colon that announce something other than its members
# ("Cụm thống nhất bỏ phiếu:", "Khối đề nghị khen thưởng:", "kết quả chấm điểm:").
_NOT_LIST_CUES = frozenset(
    tuple(p.split()) for p in phrases(
        "thống nhất|bỏ phiếu|đề nghị|biểu quyết|bình xét|suy tôn|kết quả|xếp loại|xếp hạng|nội dung|"
        "chỉ tiêu|phương hướng|nhiệm vụ|kiến nghị|giải pháp|khen thưởng|chương trình"
    )
)


# Column titles of a table whose rows are units ("STT | Đơn vị | Điểm | Xếp thứ").
_UNIT_COLUMNS = frozenset({"don vi", "ten don vi", "co quan", "ten co quan", "don vi thanh vien"})


def _bare_item(w: Words, k: int) -> int:
    """A bare name in a member list ("Tam Nông", "VINACAM", "THPT Lê Lợi 2", "Mầm non Sao Mai"):
    its length, 0 when there is none. Words run whole ("Mầm non"), each opening with a capital."""
    tokens = w.tokens
    if k >= len(tokens) or k in w.shouted:
        return 0
    n = 0
    while k + n < len(tokens) and n < 6:
        tok = tokens[k + n]
        if not (tok.is_word and tok.cap):
            break
        if tok.low in CLAUSE_WORDS or is_post_start(w, k + n) or match_head(w, k + n):
            break
        n = max(n + 1, w.word_end(k + n) - k)
    if n and tuple(w.low(k, 2)) in _EVENT_WORDS:
        return 0  # "… các tỉnh: Tổng kết phong trào …": a headline goes on, no member
    if tuple(w.low(k, 2)) in _VOTE_VERBS and not tokens[k + 1].cap:
        return 0  # "- Đề nghị UBND tỉnh tặng Cờ thi đua …"
    if n and k + n < len(tokens) and tokens[k + n].is_num and len(tokens[k + n].text) <= 2:
        n += 1  # "THPT Lê Lợi 2"
    if n and person_at(w, k):
        return 0
    if n and k + n < len(tokens) and tokens[k + n].text == ":":
        return 0  # "3. Thư ký: …": a label, not a name
    return n


def _list_start(w: Words, mention_end: int, mention_start: int) -> int | None:
    """Where a member list begins after a bloc's name ("gồm 6 đơn vị: …", "có 9 đơn vị: …", "gồm có",
    "bảy cơ quan thành viên của Khối là …")."""
    tokens = w.tokens
    k = mention_end
    members_before = "thành viên" in " ".join(w.low(max(0, mention_start - 4), 4))
    if k < len(tokens) and tokens[k].low == "là" and members_before:
        return k + 1
    limit = min(len(tokens), mention_end + 10)
    while k < limit:
        low = tokens[k].low
        if low == "lập" and k > 0 and tokens[k - 1].low == "thành":
            # "Cụm … được thành lập theo Quyết định số … của UBND huyện X, gồm …": the founding clause
            limit = min(len(tokens), k + 30)
        if low == ":" and any(tuple(w.low(m, 2)) in _NOT_LIST_CUES for m in range(mention_end, k)):
            return None
        if low == "gồm" or low == ":":
            return k + 1
        if low == "có" and k + 1 < len(tokens) and tokens[k + 1].is_num:
            return k + 1
        if low in (".", ";") or low in ("tổ", "đã", "vừa", "tiến"):
            return None
        k += 1
    return None


def _read_list(
    w: Words, k: int, orgs: dict[int, Org], roles: list[tuple[str, str, int, int]], level: str | None = None
) -> list[Member]:
    """The members listed from word k: names (spelled-out lists included), bare place names (of `level`
    when the list announced it), annotations."""
    tokens = w.tokens
    seg = w.seg
    items: list[Member] = []
    kind: str | None = None
    while k < len(tokens):
        org = orgs.get(k)
        shared_head = org is not None and not items and k > 0 and tokens[k - 1].low == "các"
        if org is not None and shared_head and org.j + 2 < len(tokens) and tokens[org.j].text == ":" \
                and _bare_item(w, org.j + 1):
            kind = org.name  # "gồm các Chi cục Thuế khu vực: A, B và C": each bare name is one of them
            k = org.j + 1
            continue
        if org is not None:
            level = place_level(org)
            items.append(Member(org.name, org.start, org.end, seg, level))
            k = org.j
        elif not items and tokens[k].low in _KIND_NOUNS and k > 0 and (
                tokens[k - 1].is_num or tokens[k - 1].low == "các"):
            kind = tokens[k].text.capitalize()  # "gồm 5 trường: Mầm non Sao Mai, …"
            k += 1
            continue
        elif not items and level is None and (counted := _counted_places(w, k)) is not None:
            level, k = counted  # "có 5 huyện là A, B…": each bare name is a huyện
            continue
        elif not items and tokens[k].low in NUMBER_WORDS and k + 1 < len(tokens) and (
                tokens[k + 1].low in _FILLERS or tokens[k + 1].low in _UNIT_KINDS):
            k += 1  # "gồm ba đơn vị: …", "có bảy cơ quan: …"
            continue
        elif tokens[k].low in _FILLERS or tokens[k].is_num or tokens[k].low == "," or (
                not items and tokens[k].low in _UNIT_KINDS):  # "gồm 6 doanh nghiệp: …"
            if items and tokens[k].low not in ("các",) and not tokens[k].is_num:
                break
            k += 1  # "gồm 6 đơn vị: …", "và 2 thành phố …"
            continue
        else:
            n = _bare_item(w, k)
            if n == 0:
                break
            name = w.text(k, k + n)
            if level is not None:
                name = f"{level} {name}"
            elif kind is not None and not fold(name).startswith(fold(kind)):
                name = f"{kind} {name}"  # "gồm 5 trường: Mầm non Sao Mai, …" → Trường Mầm non Sao Mai
            items.append(Member(name, tokens[k].start, tokens[k + n - 1].end, seg, level))
            k += n
        # "Liên đoàn lao động tỉnh (Khối trưởng)"
        if k + 2 < len(tokens) and tokens[k].text == "(":
            n = match_bloc_role(w.low(k + 1, 4))
            if n:
                role = "deputy" if "phó" in w.low(k + 1, n) else "head"
                roles.append((items[-1].name, role, items[-1].start, items[-1].end))
                k += 1 + n
                if k < len(tokens) and tokens[k].text == ")":
                    k += 1
        if k + 1 < len(tokens) and tokens[k].low in (",", ";", "và"):
            k += 1
            if tokens[k].low == "và":
                k += 1
            continue
        break
    return items


def _office_bodies(seg: Segment) -> list[Member]:
    """An item naming a person and his office ("- Bà X – Phó Giám đốc Sở Y tế, Khối trưởng;") under a
    line announcing the bloc's units: the member is the body of the office."""
    out: list[Member] = []
    for person in people_in(seg):
        office = next((p for p in person.posts if p.kind == "office" and p.org is not None), None)
        if office is not None and office.org is not None and not office.org.generic:
            org = office.org
            out.append(Member(org.name, org.start, org.end, seg, place_level(org)))
    return out


def _counted_places(w: Words, k: int) -> tuple[str | None, int] | None:
    """ "5 huyện", "ba xã", "các thị xã" opening a member list: the place level and the index after it."""
    tokens = w.tokens
    before = tokens[k - 1] if k > 0 else None
    if before is None or not (before.is_num or before.low in NUMBER_WORDS or before.low == "các"):
        return None
    level = _place_word(w, k)
    if level is None:
        return None
    end = k + level[1]
    levels = {level[0]}
    # "gồm 6 xã, thị trấn: thị trấn A, xã B …": several levels, each item names its own
    while end + 1 < len(tokens) and tokens[end].low in (",", "và") and (more := _place_word(w, end + 1)):
        levels.add(more[0])
        end += 1 + more[1]
    if end < len(tokens) and not tokens[end].cap and tokens[end].low not in ("là", ":", "gồm"):
        return None  # "5 huyện miền núi …" describes the members, it lists none
    if len(levels) > 1:
        if end >= len(tokens) or tokens[end].low != ":":
            return None
        return None, end
    return level[0], end


def _place_word(w: Words, k: int) -> tuple[str, int] | None:
    """The place level written at k ("xã", "thị trấn") and its length in words."""
    for place_words, level in lex.PLACE_WORDS.items():
        n = len(place_words)
        if tuple(w.low(k, n)) == place_words and place_words != ("tp",):
            return level, n
    return None


def _is_item_line(seg: Segment) -> bool:
    """A line of a bulleted or numbered list ("- Sở Tư pháp;", "2. UBND huyện …")."""
    tokens = seg.tokens
    if not tokens:
        return False
    first = tokens[0]
    return first.text in ("-", "–", "+", "•", "*", "·") or (
        first.is_num and len(tokens) > 1 and tokens[1].text in (".", ")", "|")
    )


def members_from_sentences(doc: Document, blocs: list[Bloc]) -> None:
    """Read every member list, table of units and bloc role written in the text into its bloc."""
    pending: Bloc | None = None  # a list announced at the end of a line goes on in the lines below
    section: Bloc | None = None  # a numbered heading naming a bloc owns the bulleted lines below it
    for seg in segments(doc.text):
        mentions = bloc_mentions(seg)
        low = seg.text.lower()
        has_role = "trưởng" in low or "phó" in low
        if pending is None and _score_row(seg):
            pending = last_named(blocs, seg.start)  # a ranking whose header row was lost
        if _unit_table_header(seg):
            pending = last_named(blocs, seg.start)  # "STT | Đơn vị | Điểm": each row names a unit
            continue
        if pending is not None and "|" in seg.text and not seg.tokens[0].is_num:
            continue  # a table's header row: the rows below still list the members
        if pending is not None and _is_item_line(seg):
            w = Words.of(seg)
            by_lead = {(o.lead if o.lead >= 0 else o.i): o for o in scan(seg)}
            k = 1 if seg.tokens[0].text in ("-", "–", "+", "•", "*", "·") else 2
            listed = _read_list(w, k, by_lead, []) or _office_bodies(seg)
            for member in listed:
                add_member(pending, _spell_with_parent(pending, member))
            pending.roles.extend(org_roles(w, scan(seg)))  # "2 | Trường … | Cụm phó"
            continue
        pending = None
        in_section = _is_item_line(seg) or _label_line(seg)
        if section is not None and in_section and not any(not m.backref for m in mentions):
            _section_line(section, seg)
            continue
        section = _heading_bloc(blocs, seg, mentions)
        if not mentions and not has_role:
            continue
        w = Words.of(seg)
        orgs = scan(seg)
        by_start = {(o.lead if o.lead >= 0 else o.i): o for o in orgs}
        for mention in mentions:
            start = _list_start(w, mention.parent.j if mention.parent is not None else mention.j, mention.i)
            if start is None:
                continue
            bloc = nearest_bloc(blocs, seg, mention.i)
            if bloc is None:
                continue
            roles: list[tuple[str, str, int, int]] = []
            members = _read_list(w, start, by_start, roles)
            if not members and seg.tokens[-1].text == ":":
                pending = bloc  # "… gồm các đơn vị sau:" and the list on the lines below
            for member in members:
                add_member(bloc, _spell_with_parent(bloc, member))
            for name, role, a, b in roles:
                bloc.roles.append(Role(name, role, None, False, a, b, seg))
        # Spelled-out lists in a sentence naming the bloc ("… của 5 Chi nhánh NHNN các tỉnh: A, B, C").
        shared = [o for o in orgs if o.shared and o.kind != "place"]
        if len(shared) >= 2:
            bloc = nearest_bloc(blocs, seg, shared[0].i)
            if bloc is not None:
                for org in shared:
                    add_member(bloc, Member(org.name, org.start, org.end, seg, place_level(org)))
        if not has_role:
            continue
        for found in org_roles(w, orgs):
            bloc = nearest_bloc(blocs, seg, len(seg.tokens))
            if bloc is not None:
                bloc.roles.append(found)


def _heading_bloc(blocs: list[Bloc], seg: Segment, mentions: Sequence[BlocMention]) -> Bloc | None:
    """The bloc a heading names ("1. Khối thi đua số I (các cơ quan tổng hợp)", "b) Cụm thi đua số 2",
    a line holding only the bloc's name), else None."""
    tokens = seg.tokens
    named = [m for m in mentions if not m.backref]
    if not named or len(tokens) > 20:
        return None
    first = tokens[0].text
    marker = first.isdigit() or roman_value(first) is not None or (len(first) == 1 and first.isalpha())
    numbered = len(tokens) >= 3 and marker and tokens[1].text in (".", ")")
    alone = named[0].i == 0 and (named[0].j == len(tokens) or tokens[named[0].j].text in ("(", ":"))
    if not (numbered and named[0].i <= 2) and not alone:
        return None
    return next((b for b in blocs if named[0] in b.mentions), None)


def _label_line(seg: Segment) -> bool:
    """A "label: value" line ("Cụm trưởng: xã A; Cụm phó: xã B", "Các xã còn lại: C, D")."""
    tokens = seg.tokens
    colon = next((k for k, t in enumerate(tokens[:7]) if t.text == ":"), None)
    return colon is not None and colon > 0 and tokens[0].cap


def _section_line(bloc: Bloc, seg: Segment) -> None:
    """A line under a bloc's heading: "- Khối trưởng: X; Khối phó: Y", "- Thành viên: A, B, C", "Các xã
    còn lại: C, D" (bare names of the place level the label names)."""
    w = Words.of(seg)
    orgs = scan(seg)
    bloc.roles.extend(org_roles(w, orgs))
    tokens = w.tokens
    colon = next((k for k, t in enumerate(tokens) if t.text == ":"), None)
    if colon is None or colon > 6:
        return
    first = 1 if tokens[0].text in ("-", "–", "+", "•", "*", "·") else 0
    before = " ".join(w.low(0, colon))
    cues = ("thành viên", "gồm", "đơn vị", "còn lại")
    if not any(cue in before for cue in cues) or match_bloc_role(w.low(first, 4)):
        return
    if any(tuple(w.low(m, 2)) in _NOT_LIST_CUES for m in range(colon)):
        return
    level = next((lv for pw, lv in lex.PLACE_WORDS.items() if f" {' '.join(pw)} " in f" {before} "), None)
    by_lead = {(o.lead if o.lead >= 0 else o.i): o for o in orgs}
    for member in _read_list(w, colon + 1, by_lead, [], level):
        add_member(bloc, _spell_with_parent(bloc, member))


def _unit_table_header(seg: Segment) -> bool:
    """The header row of a table flattened to text whose rows are units ("STT | Đơn vị | Điểm")."""
    cells = seg.text.split("|")
    return len(cells) >= 3 and any(fold(c).strip(" .:") in _UNIT_COLUMNS for c in cells)


_SCORE_CELL = re.compile(r"^\d+(?:[.,]\d+)?$")


def _score_row(seg: Segment) -> bool:
    """A row of a score table flattened to text ("2 | Trung tâm Y tế huyện X | 94,0 | 93,5 | 2"): its
    rank, one name, then only numbers. A bloc's ranking lists its units."""
    cells = [c.strip() for c in seg.text.split("|")]
    return (len(cells) >= 3 and cells[0].isdigit() and not _SCORE_CELL.match(cells[1])
            and all(_SCORE_CELL.match(c) for c in cells[2:]))


def _spell_with_parent(bloc: Bloc, member: Member) -> Member:
    """ "Cụm thi đua số III – Hội Nông dân Việt Nam gồm các tỉnh A, B": members Hội Nông dân tỉnh A and
    Hội Nông dân tỉnh B."""
    if member.level not in ("tỉnh", "thành phố"):
        return member
    parent = next((m.parent for m in bloc.mentions if m.parent is not None), None)
    if parent is None or not fold(parent.name).endswith("viet nam") or parent.kind not in ("agency", "mass"):
        return member
    head = parent.name[: -len("Việt Nam")].strip()
    if not head:
        return member
    return Member(f"{head} {member.name}", member.start, member.end, member.seg, member.level)


_ATTENDANCE_HEADING = re.compile(
    r"^\s*(?:[IVX]{1,4}\s*[.)]\s*|\d{1,2}\s*[.)]\s*)?thành\s+phần(?:\s+tham\s+dự|\s+dự\s+họp|\s+dự)?\s*:?\s*$",
    re.IGNORECASE,
)
_STATED_MEMBERS = re.compile(
    r"\b(\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+đơn\s+vị\s+thành\s+viên\b", re.IGNORECASE
)


def attendance_members(doc: Document, blocs: list[Bloc]) -> None:
    """Minutes that list who attended under "II. Thành phần" and speak later of "5 đơn vị thành viên của
    Khối": when the offices of the people listed are exactly that many bodies, they are the members.

    Only for a document with one bloc, whose members read so far are fewer than the stated count.
    """
    if len(blocs) != 1:
        return
    stated = {parse_count(m.group(1)) for m in _STATED_MEMBERS.finditer(doc.text)}
    if len(stated) != 1:
        return
    count = stated.pop()
    bloc = blocs[0]
    if count is None or len(bloc.members) >= count:
        return
    span = _attendance_span(doc.text)
    if span is None:
        return
    found: list[Member] = []
    for seg in segments(doc.text):
        if span[0] <= seg.start < span[1] and _is_item_line(seg):
            found.extend(_office_bodies(seg))
    probe = Bloc()
    for member in found:
        add_member(probe, member)
    if len(probe.members) == count:
        for member in probe.members:
            add_member(bloc, member)


def _attendance_span(text: str) -> tuple[int, int] | None:
    """From the line after a "Thành phần" heading to the first line that is no list item."""
    start: int | None = None
    for here, line in lines_with_offsets(text):
        stripped = line.strip()
        if start is None:
            if _ATTENDANCE_HEADING.match(stripped):
                start = here + len(line) + 1
            continue
        if not stripped or not re.match(r"^(?:[-–+•*·]|\d{1,2}[.)])\s", stripped):
            return start, here
    return (start, len(text)) if start is not None else None

