"""Blocs and clusters with their members, head unit, deputy and next year's head.

Mentions come from `blocgrammar.bloc_mentions`; mentions of one bloc are
merged ("Khối 5" and "Khối thi đua số 5"; "Khối thi đua các cơ quan nghiên
cứu II" and a clipped "Khối các cơ quan cứu II"; a document's only numbered
cluster and its description). Members are read from the list after "gồm",
"bao gồm", "có N đơn vị:" (shared-noun lists spelled out, "huyện A, B và C"
each a huyện), from spelled-out lists in a sentence that names the bloc, and
from the units named as head or deputy. The head is the unit named Khối/Cụm
trưởng for the year of the event, directly ("do X làm Cụm trưởng", "X (Khối
trưởng)", "X là Cụm trưởng") or through its leader ("ông A, Giám đốc Sở X,
Khối trưởng"). A unit elected or assigned for a later year ("bầu X làm
Trưởng Khối năm 2024") is `next_head`, unless the text shows it already
leading the event ("Tân Khối trưởng … ký kết").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.understand import orgnames as lex
from thidua.understand.blocgrammar import BlocMention, bloc_mentions, roman_value, shouted_bloc_mentions
from thidua.understand.document import BlocFact, Document, Evidence, UnitFact
from thidua.understand.entities import unit_key
from thidua.understand.leaders import leader_groups
from thidua.understand.locality import is_province
from thidua.understand.numbers import NUMBER_WORDS
from thidua.understand.orgnames import phrases, words
from thidua.understand.orgs import scan
from thidua.understand.people import people_in
from thidua.understand.pipeline import step
from thidua.understand.text import fold
from thidua.understand.titles import match_bloc_role
from thidua.understand.tokens import Segment, segments
from thidua.understand.words import CLAUSE_WORDS, Org, Words, is_post_start, match_head, person_at

_YEAR = re.compile(r"^(19|20)\d\d$")
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
_CONNECTORS = frozenset(words(
    "là làm được giao nhiệm vụ bầu đơn vị giữ chức vai trò nhận - ( , do | phân công cử chọn"
))  # "X được phân công làm Cụm trưởng", "X được cử làm Khối phó"
# Words of a descriptive name that do not tell blocs apart ("các phường" and "khối phường" are one).
_FILLER_WORDS = frozenset({"cac", "khoi", "cum", "thi", "dua"})
_PROVINCE_AFTER_PLACE_WORD = re.compile(r"\b(?:tinh|thanh pho) (?=(\w+ \w+(?: \w+)?)$)")
_CENTRAL_CITIES = frozenset(
    fold(n) for n in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
)


@dataclass
class _Member:
    name: str
    start: int
    end: int
    seg: Segment
    level: str | None = None  # for places


@dataclass
class _Role:
    unit: str
    role: str  # head / deputy
    year: int | None
    elected: bool
    start: int
    end: int
    seg: Segment


@dataclass
class _Bloc:
    mentions: list[BlocMention] = field(default_factory=list)
    members: list[_Member] = field(default_factory=list)
    roles: list[_Role] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.mentions[0].kind

    @property
    def numbered(self) -> bool:
        return any(m.number is not None for m in self.mentions)

    @property
    def words(self) -> set[str]:
        return {x for m in self.mentions for x in m.words}

    @property
    def name(self) -> str:
        numbered = [m for m in self.mentions if m.number is not None and not m.words]
        pool = numbered or self.mentions
        return max(pool, key=lambda m: ("thi đua" in m.name.lower(), len(m.name.split()), -m.start)).name


def _same(a: _Bloc, b: _Bloc) -> bool:
    if a.kind != b.kind:
        return False
    na = {m.number for m in a.mentions if m.number is not None}
    nb = {m.number for m in b.mentions if m.number is not None}
    if na and nb:
        return bool(na & nb)
    wa, wb = a.words - _FILLER_WORDS, b.words - _FILLER_WORDS
    if na or nb or not wa or not wb:
        return False
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small & big) >= 0.8 * len(small)


def _group(mentions: list[BlocMention]) -> list[_Bloc]:
    blocs: list[_Bloc] = []
    for mention in mentions:
        candidate = _Bloc([mention])
        for bloc in blocs:
            if _same(bloc, candidate):
                bloc.mentions.append(mention)
                break
        else:
            blocs.append(candidate)
    # A document's only numbered bloc and a description of the same kind are one bloc
    # ("Khối thi đua 6" and "khối các cơ quan Đảng, đoàn thể huyện").
    merged: list[_Bloc] = []
    for bloc in blocs:
        numbered = [b for b in blocs if b.numbered and b.kind == bloc.kind]
        if not bloc.numbered and len(numbered) == 1:
            numbered[0].mentions.extend(bloc.mentions)
            continue
        merged.append(bloc)
    return merged


def _nearest(blocs: list[_Bloc], seg: Segment, k: int) -> _Bloc | None:
    """The bloc named last before word k of a sentence, else the document's main bloc."""
    best: tuple[int, _Bloc] | None = None
    for bloc in blocs:
        for m in bloc.mentions:
            if m.seg == seg and m.i <= k and (best is None or m.i > best[0]):
                best = (m.i, bloc)
    if best is not None:
        return best[1]
    return _main(blocs)


def _main(blocs: list[_Bloc]) -> _Bloc | None:
    if not blocs:
        return None
    return max(blocs, key=lambda b: (len(b.mentions), -b.mentions[0].start))


def _place_level(org: Org) -> str | None:
    return org.place.level if org.kind == "place" and org.place is not None else None


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
    w: Words, k: int, orgs: dict[int, Org], roles: list[tuple[str, str, int, int]]
) -> list[_Member]:
    """The members listed from word k: names (spelled-out lists included), bare place names, annotations."""
    tokens = w.tokens
    seg = w.seg
    items: list[_Member] = []
    level: str | None = None
    kind: str | None = None
    while k < len(tokens):
        org = orgs.get(k)
        if org is not None:
            level = _place_level(org)
            items.append(_Member(org.name, org.start, org.end, seg, level))
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
            items.append(_Member(name, tokens[k].start, tokens[k + n - 1].end, seg, level))
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


def _counted_places(w: Words, k: int) -> tuple[str, int] | None:
    """ "5 huyện", "ba xã", "các thị xã" opening a member list: the place level and the index after it."""
    tokens = w.tokens
    before = tokens[k - 1] if k > 0 else None
    if before is None or not (before.is_num or before.low in NUMBER_WORDS or before.low == "các"):
        return None
    for place_words, level in lex.PLACE_WORDS.items():
        n = len(place_words)
        if tuple(w.low(k, n)) == place_words and place_words != ("tp",):
            end = k + n
            if end < len(tokens) and not tokens[end].cap and tokens[end].low not in ("là", ":", "gồm"):
                return None  # "5 huyện miền núi …" describes the members, it lists none
            return level, end
    return None


def _year_near(w: Words, k: int) -> int | None:
    """The year written in the clause around word k ("năm 2024", "năm học 2022-2023")."""
    tokens = w.tokens
    best: tuple[int, int] | None = None
    for n, tok in enumerate(tokens):
        if _YEAR.match(tok.text) and n > 0 and tokens[n - 1].low in ("năm", "học", "trong"):
            between = tokens[min(n, k) : max(n, k)]
            if any(t.low in (";", ".") for t in between):
                continue
            if best is None or abs(n - k) < abs(best[0] - k):
                best = (n, int(tok.text))
    return best[1] if best else None


def _org_roles(w: Words, orgs: Sequence[Org]) -> list[_Role]:
    """ "do X làm Cụm trưởng", "X là Khối trưởng", "bầu X làm Trưởng Khối", "giao … Cụm trưởng … cho X"."""
    tokens = w.tokens
    out: list[_Role] = []
    people_spans = {
        k for p in people_in(w.seg) for post in p.posts for k in range(*_token_span(w, post.start, post.end))
    }
    for k in range(len(tokens)):
        n = match_bloc_role(w.low(k, 5))
        if not n or k in people_spans or (k > 0 and match_bloc_role(w.low(k - 1, 5))):
            continue
        role = "deputy" if "phó" in w.low(k, n) else "head"
        # "giao nhiệm vụ Cụm trưởng, Cụm thi đua số 4 năm học 2024-2025 cho Trường Đại học Tây Sơn, …"
        after = [o for o in orgs if o.i > k and o.i - k <= 14 and tokens[o.i - 1].low == "cho"
                 and not any(t.low in (";", ".") or match_bloc_role(w.low(m, 3))
                             for m, t in enumerate(tokens[k + n : o.i], start=k + n))]
        target: Org | None = None
        elected = False
        if after:
            target, elected = after[0], True
        else:
            before = [o for o in orgs if o.j <= k and all(t.low in _CONNECTORS for t in tokens[o.j : k])]
            target = before[-1] if before else _named_before(w, k)
            if target is not None:
                elected = _chosen_for_later(w, target.i, k)
        if target is None:
            # "Khối trưởng năm 2024 là Sở Tư pháp"
            later = [o for o in orgs if k + n <= o.i <= k + n + 4 and tokens[o.i - 1].low in ("là", ":")
                     and all(t.low in ("năm", "là", ":") or _YEAR.match(t.text) for t in tokens[k + n : o.i])]
            target = later[0] if later else None
        if target is None:
            continue
        if k > 0 and tokens[k - 1].low == "tân":
            elected = True
        out.append(_Role(target.name, role, _year_near(w, k), elected, target.start, target.end, w.seg))
    return out


def _named_before(w: Words, k: int) -> Org | None:
    """A body named in capitals right before "là/làm + bloc role" though no head word opens its name
    ("…, Viễn thông Phú Yên là Khối phó")."""
    tokens = w.tokens
    m = k
    while m > 0 and tokens[m - 1].low in ("là", "làm"):
        m -= 1
    if m == k:
        return None
    n = 0
    while m - n - 1 >= 0 and n < 5 and tokens[m - n - 1].is_word and tokens[m - n - 1].cap:
        n += 1
    start = m - n
    if n < 2 or person_at(w, start) or tokens[start].low in CLAUSE_WORDS:
        return None
    return Org(name=w.text(start, m), i=start, j=m, start=tokens[start].start, end=tokens[m - 1].end,
               kind="company", head=(tokens[start].low,))


def _token_span(w: Words, start: int, end: int) -> tuple[int, int]:
    idx = [n for n, t in enumerate(w.tokens) if start <= t.start < end]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _person_roles(doc: Document) -> list[tuple[_Role, str | None, str]]:
    """Bloc roles held through a leader: his office's body is the head or deputy (with the bloc's words
    written after the role and the kind of bloc the role names, khối or cụm)."""
    out: list[tuple[_Role, str | None, str]] = []
    for group in leader_groups(doc):
        unit = next((p.org.name for p in group.posts if p.kind == "office" and p.org is not None
                     and p.org.kind != "council"), None)
        if unit is None:
            continue
        for person in group.mentions:
            for post in person.posts:
                if post.kind == "bloc_role" and post.role is not None:
                    role = _Role(unit, post.role, post.year, False, person.start, person.end, person.seg)
                    kind = "cụm" if post.text.lower().split()[0:2].count("cụm") else "khối"
                    out.append((role, post.bloc, kind))
    return out


def _level_of(name: str, level: str) -> int:
    if level == "thành phố":
        return 1 if fold(name) in _CENTRAL_CITIES else 2
    return lex.PLACE_LEVEL.get(level, 0)


def _event_year(doc: Document) -> int | None:
    if doc.event_date is not None:
        return doc.event_date.value.year
    if doc.published is not None:
        return doc.published.value.year
    return None


_ELECTION_CUES = ("bầu", "giới thiệu", "đề cử", "suy cử", "thống nhất", "nhất trí")


def _chosen_for_later(w: Words, i: int, k: int) -> bool:
    """Whether the clause elects or nominates the unit at word i for the role at word k ("bầu X làm …")."""
    tokens = w.tokens
    start = i
    while start > 0 and i - start < 20 and tokens[start - 1].low not in (";", "."):
        start -= 1
    clause = " ".join(w.low(start, k - start))
    return any(cue in clause for cue in _ELECTION_CUES)


def _choose_head(bloc: _Bloc, doc: Document) -> tuple[str | None, str | None, str | None]:
    """The head for the event's year, the deputy, and a head chosen for a later year."""
    year = _event_year(doc)

    def later_year(r: _Role) -> bool:
        return r.year is not None and year is not None and r.year > year

    heads = [r for r in bloc.roles if r.role == "head"]
    deputies = [r for r in bloc.roles if r.role == "deputy" and not r.elected and not later_year(r)]
    acted = "tân khối trưởng" in doc.text.lower() or "tân cụm trưởng" in doc.text.lower()
    current = [r for r in heads if not r.elected and not later_year(r)]
    later = [r for r in heads if r.elected or later_year(r)]
    head = next_head = None
    if current:
        dated = [r for r in current if r.year is not None]
        if year is not None and any(r.year == year for r in dated):
            head = next(r for r in dated if r.year == year).unit
        elif dated:
            head = max(dated, key=lambda r: r.year or 0).unit
        else:
            head = current[0].unit
    for r in later:
        if head is None and (acted or (r.year is not None and year is not None and r.year <= year)):
            head = r.unit
        elif r.unit != head:
            next_head = r.unit
    deputy = deputies[0].unit if deputies else None
    return head, deputy, next_head


@lru_cache(maxsize=1 << 14)
def _member_key(name: str) -> str:
    """ "UBND phường An Phú, thành phố Tân An" → "phuong an phu": the body's own place, no committee prefix;
    "KBNN tỉnh Long An" and "KBNN Long An" meet."""
    key = fold(name.split(",")[0])
    for prefix in ("ubnd ", "uy ban nhan dan ", "bo chi huy ", "truong "):
        key = key[len(prefix):] if key.startswith(prefix) else key
    return _PROVINCE_AFTER_PLACE_WORD.sub(lambda m: "" if is_province(m.group(1)) else m.group(0), key)


def _add_member(bloc: _Bloc, member: _Member) -> None:
    """Add a member once: "UBND huyện X", "Ủy ban nhân dân huyện X", "huyện X", "X" and "huyện X, tỉnh Y"
    are one member, as are "Phòng Tư pháp", "Phòng Tư pháp huyện" and "Phòng Tư pháp huyện X" (the first
    written is kept)."""
    key = _member_key(member.name)
    for m in bloc.members:
        other = _member_key(m.name)
        if other == key:
            return
        short, long = (other, key) if len(other) < len(key) else (key, other)
        if long.startswith(short + " ") and (long[len(short) + 1 :].split()[0] in _PLACE_WORDS_FOLDED
                                             or short.split()[-1] in _PLACE_WORDS_FOLDED):
            return  # "Phòng Tư pháp" / "Phòng Tư pháp huyện" / "Phòng Tư pháp huyện X"
        if long.split(" ", 1)[0] in _PLACE_WORDS_FOLDED and long.split(" ", 1)[-1] == short:
            return  # "Mộc Châu" and "huyện Mộc Châu"
        base, _, last = short.rpartition(" ")
        if base and last in _PLACE_WORDS_FOLDED and long.startswith(base + " ") and is_province(
                long[len(base) + 1 :]):
            return  # "Hội Chữ thập đỏ tỉnh" and "Hội Chữ thập đỏ Bến Tre" (from "… tỉnh Bến Tre")
    bloc.members.append(member)


def _as_listed(bloc: _Bloc, unit: str | None) -> str | None:
    """A unit as the bloc's member list writes it (the list's spelling of the same member)."""
    if unit is None:
        return None
    probe = _Bloc()
    _add_member(probe, _Member(unit, 0, 0, bloc.mentions[0].seg))
    for m in bloc.members:
        before = len(probe.members)
        _add_member(probe, m)
        if len(probe.members) == before:
            return m.name
    return unit


def _is_item_line(seg: Segment) -> bool:
    """A line of a bulleted or numbered list ("- Sở Tư pháp;", "2. UBND huyện …")."""
    tokens = seg.tokens
    if not tokens:
        return False
    first = tokens[0]
    return first.text in ("-", "–", "+", "•", "*", "·") or (
        first.is_num and len(tokens) > 1 and tokens[1].text in (".", ")", "|")
    )


def _members_from_sentences(doc: Document, blocs: list[_Bloc]) -> None:
    pending: _Bloc | None = None  # a list announced at the end of a line goes on in the lines below
    section: _Bloc | None = None  # a numbered heading naming a bloc owns the bulleted lines below it
    for seg in segments(doc.text):
        mentions = bloc_mentions(seg)
        low = seg.text.lower()
        has_role = "trưởng" in low or "phó" in low
        if pending is None and _score_row(seg):
            pending = _last_named(blocs, seg.start)  # a ranking whose header row was lost
        if _unit_table_header(seg):
            pending = _last_named(blocs, seg.start)  # "STT | Đơn vị | Điểm": each row names a unit
            continue
        if pending is not None and "|" in seg.text and not seg.tokens[0].is_num:
            continue  # a table's header row: the rows below still list the members
        if pending is not None and _is_item_line(seg):
            w = Words.of(seg)
            by_lead = {(o.lead if o.lead >= 0 else o.i): o for o in scan(seg)}
            k = 1 if seg.tokens[0].text in ("-", "–", "+", "•", "*", "·") else 2
            for member in _read_list(w, k, by_lead, []):
                _add_member(pending, _spell_with_parent(pending, member))
            pending.roles.extend(_org_roles(w, scan(seg)))  # "2 | Trường … | Cụm phó"
            continue
        pending = None
        if section is not None and _is_item_line(seg) and not any(not m.backref for m in mentions):
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
            bloc = _nearest(blocs, seg, mention.i)
            if bloc is None:
                continue
            roles: list[tuple[str, str, int, int]] = []
            members = _read_list(w, start, by_start, roles)
            if not members and seg.tokens[-1].text == ":":
                pending = bloc  # "… gồm các đơn vị sau:" and the list on the lines below
            for member in members:
                _add_member(bloc, _spell_with_parent(bloc, member))
            for name, role, a, b in roles:
                bloc.roles.append(_Role(name, role, None, False, a, b, seg))
        # Spelled-out lists in a sentence naming the bloc ("… của 5 Chi nhánh NHNN các tỉnh: A, B, C").
        shared = [o for o in orgs if o.shared and o.kind != "place"]
        if len(shared) >= 2:
            bloc = _nearest(blocs, seg, shared[0].i)
            if bloc is not None:
                for org in shared:
                    _add_member(bloc, _Member(org.name, org.start, org.end, seg, _place_level(org)))
        if not has_role:
            continue
        for found in _org_roles(w, orgs):
            bloc = _nearest(blocs, seg, len(seg.tokens))
            if bloc is not None:
                bloc.roles.append(found)


def _heading_bloc(blocs: list[_Bloc], seg: Segment, mentions: Sequence[BlocMention]) -> _Bloc | None:
    """The bloc a numbered heading names ("1. Khối thi đua số I (các cơ quan tổng hợp)"), else None."""
    tokens = seg.tokens
    named = [m for m in mentions if not m.backref]
    if not named or len(tokens) > 20 or len(tokens) < 3:
        return None
    numbered = (tokens[0].is_num or roman_value(tokens[0].text) is not None) and tokens[1].text in (".", ")")
    if not numbered or named[0].i > 2:
        return None
    return next((b for b in blocs if named[0] in b.mentions), None)


def _section_line(bloc: _Bloc, seg: Segment) -> None:
    """A bulleted line under a bloc's heading: "- Khối trưởng: X; Khối phó: Y", "- Thành viên: A, B, C"."""
    w = Words.of(seg)
    orgs = scan(seg)
    bloc.roles.extend(_org_roles(w, orgs))
    tokens = w.tokens
    colon = next((k for k, t in enumerate(tokens) if t.text == ":"), None)
    if colon is None or colon > 6:
        return
    before = " ".join(w.low(0, colon))
    if not any(cue in before for cue in ("thành viên", "gồm", "đơn vị")) or match_bloc_role(w.low(1, 4)):
        return
    if any(tuple(w.low(m, 2)) in _NOT_LIST_CUES for m in range(colon)):
        return
    by_lead = {(o.lead if o.lead >= 0 else o.i): o for o in orgs}
    for member in _read_list(w, colon + 1, by_lead, []):
        _add_member(bloc, _spell_with_parent(bloc, member))


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


def _last_named(blocs: list[_Bloc], offset: int) -> _Bloc | None:
    """The bloc named last before a point of the text, else the document's main bloc."""
    before = [(m.start, b) for b in blocs for m in b.mentions if m.start < offset]
    return max(before, key=lambda x: x[0])[1] if before else _main(blocs)


_PLACE_WORDS_FOLDED = {"tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "phuong": "phường", "xa": "xã"}
_KIND_OF_MEMBERS = re.compile(
    r"\bcác (tỉnh|huyện|quận|phường|xã|thị xã|thành phố) (?:trong|thuộc) (cụm|khối)\b", re.IGNORECASE
)


def _member_types(
    bloc: _Bloc, kinds: list[tuple[int, str]], main: bool, bloc_starts: frozenset[int]
) -> list[list[str]]:
    """The kinds of unit a bloc is made of: "các Chi cục Thuế khu vực …" → chi cuc thue khu vuc;
    "các tỉnh …" → tinh; "các huyện trong Cụm thi đua số 4" → huyen for that cluster ("trong Cụm" alone:
    the document's main bloc); "Cụm thi đua số 2 – Thanh tra các huyện" → thanh tra."""
    types = []
    for m in bloc.mentions:
        words = list(m.words)
        if words[:1] == ["cac"] and len(words) > 1:
            types.append(words[1:])
        if m.parent is not None and m.parent.generic and m.parent.kind != "place":
            # "Cụm thi đua số 4 – Phòng Tư pháp các huyện": bodies of that kind at that level ("huyện")
            level = fold(m.parent.place.level).split() if m.parent.place is not None else []
            types.append([*fold(m.parent.name).split(), "*", *level])
    starts = {m.start for m in bloc.mentions}
    for at, kind in kinds:
        named = at in starts
        refers_back = main and at not in bloc_starts
        if named or refers_back:
            types.append(fold(kind).split())
    return types


def _bloc_name_starts(doc: Document) -> frozenset[int]:
    """Offsets where the text names a bloc (not a bare "Khối" referring back)."""
    return frozenset(m.start for seg in segments(doc.text) for m in bloc_mentions(seg) if not m.backref)


def _type_members(doc: Document, blocs: list[_Bloc]) -> None:
    """A bloc named for a kind of unit counts the units of that kind acting in the text as members.

    "Cụm thi đua các tỉnh Tây Nguyên" with "tỉnh Đắk Nông đã có thành tích …" or "Về phía
    tỉnh Kon Tum, …"; "Khối thi đua các Chi cục Thuế khu vực …" with "Chi cục Thuế khu vực X
    được suy tôn …": each takes part as one of the bloc's units.
    """
    main = _main(blocs)
    segs = segments(doc.text)
    starts = [s.start for s in segs]
    named = _bloc_name_starts(doc)
    kinds = [(m.start(2), m.group(1)) for m in _KIND_OF_MEMBERS.finditer(doc.text)]  # "các huyện trong Cụm"
    folded: dict[str, list[str]] = {}
    for bloc in blocs:
        types = _member_types(bloc, kinds, bloc is main, named)
        if not types:
            continue
        for unit in doc.units:
            if not unit.roles or unit.roles[0] not in ("actor", "attendee", "awardee", "narrative"):
                continue
            if unit.name not in folded:
                folded[unit.name] = fold(unit.name).split()
            name = folded[unit.name]
            if name[:1] == ["ubnd"] or name[:4] == ["uy", "ban", "nhan", "dan"]:
                name = name[1:] if name[0] == "ubnd" else name[4:]
            if not any(_same_kind(name, t) for t in types):
                continue
            at = bisect_right(starts, unit.evidence.start) - 1
            seg = segs[at] if at >= 0 and unit.evidence.start < segs[at].end else None
            if seg is not None:
                level = _PLACE_WORDS_FOLDED.get(name[0])
                _add_member(bloc, _Member(unit.name, unit.evidence.start, unit.evidence.end, seg, level))


def _same_kind(name: list[str], kind: list[str]) -> bool:
    """Whether a unit's folded name opens with the kind of unit a bloc is made of (and names a place of
    the level written after "*" in the kind, if any)."""
    if "*" in kind:
        at = kind.index("*")
        level = kind[at + 1 :]
        if level and not any(name[n : n + len(level)] == level for n in range(len(name))):
            return False
        kind = kind[:at]
    if name[:1] and name[0] in _PLACE_WORDS_FOLDED:
        return kind[:1] == name[:1] and len(name) > 1
    shared = 0
    for a, b in zip(name, kind, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= 2 and len(name) > shared  # the kind alone ("Phòng Tư pháp") is no one unit


def _spell_with_parent(bloc: _Bloc, member: _Member) -> _Member:
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
    return _Member(f"{head} {member.name}", member.start, member.end, member.seg, member.level)


def _venue_units(doc: Document, blocs: list[_Bloc]) -> list[UnitFact]:
    """The place hosting a bloc of places of its own level ("tại tỉnh A, Cụm thi đua các tỉnh …")."""
    levels: set[int] = set()
    for bloc in blocs:
        for m in bloc.members:
            if m.level is not None and fold(m.name).startswith(fold(m.level)):
                levels.add(_level_of(m.name.split(" ", 1)[-1], m.level))
        # the kind of members a bloc is named for: "các tỉnh …", "các huyện, thành phố, thị xã"
        for kind in (list(m.words[1:3]) for m in bloc.mentions if m.words[:1] == ("cac",)):
            for word, level in (("tinh", 1), ("huyen", 2), ("quan", 2), ("phuong", 3), ("xa", 3)):
                if kind[:1] == [word]:
                    levels.add(level)
    if not levels:
        return []
    known = {fold(m.name) for b in blocs for m in b.members}
    out = []
    for seg in segments(doc.text):
        if not bloc_mentions(seg):
            continue
        w = Words.of(seg)
        for org in scan(seg):
            if org.kind != "place" or org.place is None or org.place.name is None:
                continue
            if org.i == 0 or w.tokens[org.i - 1].low != "tại":
                continue
            if _level_of(org.place.name, org.place.level) not in levels:
                continue
            if any(fold(org.place.name) in k for k in known):
                continue
            out.append(UnitFact(org.name, unit_key(org.name, doc.locality), doc.locality,
                                Evidence(seg.text, org.start, org.end), 0.6, ["host"]))
    return out


def _attach_person_roles(doc: Document, blocs: list[_Bloc]) -> None:
    for role, bloc_words, kind in _person_roles(doc):
        target = None
        if bloc_words:
            ref = [m for seg in [role.seg] for m in bloc_mentions(seg) if m.start >= role.start]
            for bloc in blocs:
                if any(m in bloc.mentions for m in ref[:1]):
                    target = bloc
        if target is None:
            # a Khối trưởng leads a khối: among blocs of both kinds, look only at those of the role's kind
            same_kind = [b for b in blocs if b.kind == kind]
            target = _nearest(same_kind or blocs, role.seg, len(role.seg.tokens))
        if target is not None:
            target.roles.append(role)


@step(needs=("sentences", "units", "leaders"), adds=("blocs",))
def find_blocs(doc: Document) -> None:
    """Each bloc or cluster named, with members, head, deputy and next head; members become units."""
    mentions = [m for seg in segments(doc.text) for m in bloc_mentions(seg) if not m.backref]
    if not mentions:
        mentions = [m for seg in segments(doc.text) if seg.shouting or any(t.upper for t in seg.tokens)
                    for m in shouted_bloc_mentions(seg) if not m.backref]
    blocs = _group(mentions)
    if not blocs:
        doc.blocs = []
        return
    _members_from_sentences(doc, blocs)
    _attach_person_roles(doc, blocs)
    _type_members(doc, blocs)
    facts: list[BlocFact] = []
    for bloc in blocs:
        head, deputy, next_head = _choose_head(bloc, doc)
        for r in bloc.roles:  # a unit named head or deputy (for any year) is a member
            _add_member(bloc, _Member(r.unit, r.start, r.end, r.seg))
        # the head as the member list writes it ("huyện X" for the "UBND huyện X" its chairman leads)
        head, deputy, next_head = (_as_listed(bloc, u) for u in (head, deputy, next_head))
        first = bloc.mentions[0]
        facts.append(BlocFact(
            name=bloc.name,
            evidence=Evidence(sentence=first.seg.text, start=first.start, end=first.end),
            confidence=0.9 if bloc.numbered else 0.75,
            members=[m.name for m in bloc.members],
            head=head, deputy=deputy, next_head=next_head,
            aliases=sorted({m.name for m in bloc.mentions} - {bloc.name}),
        ))
        roles = {head: "head", deputy: "deputy", next_head: "member"}
        for m in bloc.members:
            doc.units.append(UnitFact(
                m.name, unit_key(m.name, doc.locality), doc.locality, Evidence(m.seg.text, m.start, m.end),
                0.8, [roles.get(m.name) or "member"],
            ))
    doc.units.extend(_venue_units(doc, blocs))
    doc.blocs = facts

