"""The grammar of organisation and place names over the words of one sentence.

`parse_org` reads one name at a word: a head from `orgnames.HEADS`, then its
tail (capitalised words, nested heads, lower-case field words, "và" inside a
field, a number after "Sư đoàn"), then a place ("tỉnh", "thành phố Cần Thơ",
"Quận 7"). `scan` walks a sentence and also spells out shared-noun lists:
"các sở Nội vụ, Tài chính" gives "Sở Nội vụ" and "Sở Tài chính";
"Liên đoàn Lao động các tỉnh: Vĩnh Long, An Giang" gives "Liên đoàn Lao
động tỉnh Vĩnh Long" and "Liên đoàn Lao động tỉnh An Giang".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.understand import orgnames as lex
from thidua.understand.locality import is_province, province_prefix
from thidua.understand.orgnames import words as _words
from thidua.understand.persons import SURNAMES, looks_like_name_word
from thidua.understand.text import fold
from thidua.understand.titles import (
    match_bloc_role,
    match_honorific,
    match_membership,
    match_office,
    match_rank,
)
from thidua.understand.tokens import Segment, Token, word_ends

# Capitalised words that open a clause or another kind of phrase, never a name's tail.
CLAUSE_WORDS = frozenset(
    _words(
        """
        tại theo ngày sáng chiều tối trưa năm trong với cùng dự tham đến về từ sau trước qua nhằm để ảnh
        nguồn kính thưa lễ khối cụm còn gồm do là được đã
        """
    )
)
_CLAUSE_PHRASES = frozenset(
    {("đại", "diện"), ("hội", "nghị"), ("đại", "hội"), ("hội", "thao"), ("hội", "diễn"), ("đồng", "chí"),
     ("thay", "mặt"),
     ("nhân", "dịp"), ("đồng", "thời"), ("bên", "cạnh")}
)
_COMPOUND_BEFORE = frozenset(_words(
    """
    trụ cơ nhiệm phục dịch công thời bưu hải trưởng phó
    """
))
GENERIC_BEFORE = frozenset(_words(
    """
    các những mọi từng mỗi toàn nhiều hai ba bốn sáu bảy tám chín mười cả llvt
    """
))
# Given-name syllables common in the middle of a personal name ("Nguyễn Văn …", "Cao Minh …").
_MIDDLE = frozenset(
    _words(
        """
        văn thị đức hữu công quốc đình ngọc xuân thanh hồng tấn tiến bá trọng duy minh thế viết khắc
        đăng huy quang hoài mạnh phương kim thu
        """
    )
)
# Heads whose field may be only a place ("Công an tỉnh", "Thanh tra TP").
_PLACE_TAIL_HEADS = frozenset(
    {("công", "an"), ("thanh", "tra"), ("bảo", "hiểm", "xã", "hội"), ("bhxh",), ("cục", "thuế"),
     ("chi", "cục", "thuế"), ("kho", "bạc"), ("hải", "quan"), ("ngân", "hàng", "nhà", "nước"), ("nhnn",),
     ("bộ", "chqs"), ("ban", "chqs"), ("bđbp",),
     ("bchqs",), ("bộ", "tư", "lệnh"), ("bộ", "đội", "biên", "phòng")}
)
# Not persons although they look like names.
_NOT_PERSONS = frozenset({("hồ", "chí", "minh")})
# Abbreviations in capitals that are names, not shouting.
_ABBREVIATIONS = frozenset(
    _words(
        """
        ubnd hđnd hdnd tp tphcm tp.hcm hcm vksnd tand tandtc lđlđ ldld mttq ubmttq ubmttqvn bhxh chqs
        bchqs đbqh dbqh tđkt tdkt nhnn thads ccb lhpn tncs cand annd vn tnhh mtv cp tw t.ư ct kh qđ ub
        vh cchc hkh vhtt cntt ktxh kt xh iso ioc covid attgt ttatxh tdtt nxb gdp grdp pci par sipas ict vnd
        usd ths ts pgs gs bs ckii cki llvt cbcc cnvclđ
        """
    )
)


_PLACE_FIRST = frozenset({w[0] for w in lex.PLACE_WORDS} | {"tp.hcm", "tphcm"})


@dataclass
class Place:
    start: int  # token index
    end: int
    level: str  # "tỉnh", "thành phố", "quận", ...
    name: str | None  # "Khánh Hòa", "7", or None for a bare "tỉnh"


@dataclass
class Org:
    """An organisation (or a place acting as one) found in a sentence."""

    name: str
    i: int  # token span in the sentence
    j: int
    start: int  # character span in the document
    end: int
    kind: str
    head: tuple[str, ...]
    place: Place | None = None
    generic: bool = False
    shared: bool = False  # spelled out from a shared-noun list
    lead: int = -1  # first word of the whole phrase ("các" of "các sở Nội vụ, Tài chính") when not i
    parts: list[str] = field(default_factory=list)


class Words:
    """The words of one sentence with the lookups the grammar needs (`Words.of` shares one per sentence)."""

    @staticmethod
    def of(seg: Segment) -> Words:
        return _words_of(seg)

    def __init__(self, seg: Segment) -> None:
        self.seg = seg
        self.tokens = seg.tokens
        self._ends: tuple[int, ...] | None = None
        self.shouted = frozenset(range(len(seg.tokens))) if seg.shouting else _shouted(seg.tokens)

    def word_end(self, k: int) -> int:
        if self._ends is None:
            self._ends = word_ends(self.seg)
        return self._ends[k]

    def low(self, i: int, n: int = 8) -> list[str]:
        return [t.low for t in self.tokens[i : i + n]]

    def text(self, i: int, j: int, skip: frozenset[int] = frozenset()) -> str:
        out = ""
        prev: Token | None = None
        for k in range(i, j):
            if k in skip:
                continue
            tok = self.tokens[k]
            if prev is not None and prev.end < tok.start:
                out += " "
            out += tok.text
            prev = tok
        return out

    def __len__(self) -> int:
        return len(self.tokens)


@lru_cache(maxsize=4096)
def _words_of(seg: Segment) -> Words:
    return Words(seg)


def _shouted(tokens: tuple[Token, ...]) -> frozenset[int]:
    """Words of runs written in capitals (banners, headlines in caps): not read as names."""
    out: set[int] = set()
    run: list[int] = []
    for k, tok in enumerate((*tokens, Token(".", -1, -1))):
        if tok.is_word and tok.upper and tok.low not in _ABBREVIATIONS:
            run.append(k)
            continue
        if tok.is_word and tok.upper and run:
            run.append(k)
            continue
        if len([r for r in run if tokens[r].low not in _ABBREVIATIONS]) >= 2:
            out.update(run)
        run = []
    return frozenset(out)


def match_head(
    w: Words, i: int, *, lower: bool = False, after_office: bool = False
) -> tuple[lex.Head, int] | None:
    """The longest head at word i (capitalised unless `lower` or the head may be written in lower case)."""
    tokens = w.tokens
    if i >= len(tokens) or i in w.shouted:
        return None
    tok = tokens[i]
    heads = lex.heads_by_first_word().get(tok.low)
    if not heads:
        return None
    words = w.low(i)
    for head in heads:
        n = len(head.words)
        if tuple(words[:n]) != head.words:
            continue
        if not (tok.cap or lower or head.lower_ok):
            continue
        if not tok.cap and not after_office and i > 0 and tokens[i - 1].low in _COMPOUND_BEFORE:
            continue  # "trụ sở", "cơ sở", "nhiệm vụ"
        after = words[n] if len(words) > n else ""
        blocked = lex.NOT_AFTER_HEAD.get(" ".join(head.words))
        if blocked and after in blocked:
            continue
        return head, n
    return None


def is_post_start(w: Words, i: int) -> bool:
    words = w.low(i)
    return bool(
        match_office(words) or match_membership(words) or match_bloc_role(words) or match_rank(words)
        or match_honorific(words)
    )


def caps_run(w: Words, i: int, limit: int = 6) -> int:
    """Capitalised syllables in a row, stopping at one that opens a lower-case word ("Đẩy mạnh")."""
    n = 0
    tokens = w.tokens
    while i + n < len(tokens) and n < limit and looks_like_name_word(tokens[i + n].text):
        k = i + n
        end = w.word_end(k)
        starts_word = k == 0 or w.word_end(k - 1) != end
        if starts_word and end > k + 1 and not tokens[k + 1].cap:
            break
        n += 1
    return n


def known_place_at(w: Words, i: int) -> int:
    """Length of a place name the document uses at word i ("Trần Văn Thời" of "huyện Trần Văn Thời")."""
    for n in (4, 3, 2):
        words = tuple(w.low(i, n))
        if len(words) == n and words in w.seg.places:
            return n
    return 0


def person_at(w: Words, i: int) -> int:
    """Length of a personal name starting at word i when it clearly is one (surname + 2-3 syllables)."""
    tokens = w.tokens
    if known_place_at(w, i):
        return 0
    run = caps_run(w, i, 4)
    if run >= 2 and tuple(w.low(i, 3)) in _NOT_PERSONS:
        return 0
    if run >= 2 and province_prefix([t.text for t in tokens[i : i + run]]) is not None:
        return 0  # "Hà Nội Mới", "Cao Bằng", "Lâm Đồng"
    if run >= 3 and tokens[i].low in SURNAMES:
        return run
    if run == 2 and tokens[i].low in SURNAMES and tokens[i + 1].low in _MIDDLE:
        return 2
    return 0


def _stops_name(w: Words, k: int) -> bool:
    words = w.low(k, 2)
    return words[0] in CLAUSE_WORDS or tuple(words) in _CLAUSE_PHRASES or is_post_start(w, k)


def _stops_place(w: Words, k: int) -> bool:
    """Like `_stops_name`, but an honorific-looking syllable is part of a place ("Đông Anh", "Bà Rịa")."""
    words = w.low(k, 10)
    if words[0] == "năm" and w.tokens[k].cap and not (k + 1 < len(w.tokens) and w.tokens[k + 1].is_num):
        return False  # "thị xã Ngã Năm"
    if words[0] in CLAUSE_WORDS or tuple(words[:2]) in _CLAUSE_PHRASES:
        return True
    return bool(match_office(words) or match_membership(words) or match_bloc_role(words) or match_rank(words))


def _place_name(w: Words, i: int, level: str) -> int:
    """How many words after a place word name the place (0 for a bare "tỉnh")."""
    tokens = w.tokens
    if i >= len(tokens) or i in w.shouted:
        return 0
    if tokens[i].is_num and level in ("quận", "phường", "huyện", "thành phố"):
        return 1
    texts = [t.text for t in tokens[i : i + 6]]
    hit = province_prefix([x for x in texts if x not in ("-", "–")][:4])
    if hit is not None and looks_like_name_word(tokens[i].text):
        k, taken = i, 0
        while taken < hit[1] and k < len(tokens):  # "Bà Rịa - Vũng Tàu": the dash is inside the span
            if tokens[k].text not in ("-", "–"):
                taken += 1
            k += 1
        return k - i
    known = known_place_at(w, i)
    if known:
        return known
    if level == "tỉnh":
        # A province missing from the gazetteer: two syllables that do not open a personal name.
        two = caps_run(w, i, 3) == 2 and tokens[i].low not in SURNAMES and not _stops_place(w, i)
        return 2 if two and not _stops_place(w, i + 1) else 0
    run = caps_run(w, i, 5)
    for k in range(run):
        if _stops_place(w, i + k):
            run = k
            break
    if run == 0:
        return 0
    # A person may follow a place written before his name ("UBND TP Nguyễn Văn A"); below the
    # city level three syllables are the place's own name ("huyện Dương Minh Châu").
    city = level == "thành phố"
    surname = tokens[i].low in SURNAMES
    if surname and run >= 2 and tokens[i + 1].low in ("văn", "thị"):
        return 0  # "UBND huyện Hồ Thị Thu Ba": a woman's or man's name, not a place
    if city and surname and (run >= 4 or (run == 3 and tokens[i + 1].low in _MIDDLE)):
        return 0
    if run >= 4:
        for k in range(1, run - 1):
            if person_at(w, i + k) >= 3:
                return k
        return 3
    return min(run, 3)


def parse_place(w: Words, i: int, *, bare_ok: bool = True) -> Place | None:
    """A place word and its name at word i ("tỉnh Khánh Hòa", "Quận 7", "TP.HCM", a bare "tỉnh")."""
    tokens = w.tokens
    if i >= len(tokens) or i in w.shouted:
        return None
    tok = tokens[i]
    low = tok.low
    if low not in _PLACE_FIRST:
        return None
    if low in ("tp.hcm", "tphcm"):
        return Place(i, i + 1, "thành phố", "Hồ Chí Minh")
    for words, level in lex.PLACE_WORDS.items():
        n = len(words)
        if tuple(w.low(i, n)) != words:
            continue
        if words == ("tp",) and not tok.text[0].isupper():
            continue
        j = i + n
        if (j + 1 < len(tokens) and tokens[j].text == "." and words == ("tp",)
                and looks_like_name_word(tokens[j + 1].text)):
            j += 1
        if words == ("tp",) and j < len(tokens) and tokens[j].low == "hcm":
            return Place(i, j + 1, "thành phố", "Hồ Chí Minh")
        k = _place_name(w, j, level)
        if k:
            return Place(i, j + k, level, w.text(j, j + k))
        if not bare_ok:
            return None
        return Place(i, j, level, None)
    return None


def _paren_abbreviation(w: Words, k: int) -> int:
    """ "(LHPN)", "(CCB)", "(CHQS)" inside a name: the words to skip, 0 when there is none."""
    tokens = w.tokens
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" and tokens[k + 1].upper:
        return 3
    return 0


def _tail(w: Words, j: int, head: lex.Head) -> tuple[int, Place | None, frozenset[int]]:
    """Extend a name after its head: its end, the place that closed it, words left out of the name."""
    fields = lex.field_phrases()
    tokens = w.tokens
    n_tok = len(tokens)
    place: Place | None = None
    skip: set[int] = set()
    k = j
    while k < n_tok and k not in w.shouted:
        tok = tokens[k]
        if head.numbered and k == j and tok.is_num:
            k += 1
            continue
        words = w.low(k)
        n = lex.longest_phrase(words, fields)
        if n:
            k += n
            continue
        paren = _paren_abbreviation(w, k)
        if paren:
            skip.update(range(k, k + paren))
            k += paren
            continue
        if tok.cap:
            nested = match_head(w, k)
            if nested is not None and len(nested[0].words) >= 2 and nested[0].words[-1] == "ủy":
                k += nested[1]  # "Ban Dân vận Quận ủy Cái Răng": the party committee, not the district
                continue
        pl = parse_place(w, k, bare_ok=True)
        if pl is not None and (not tok.cap or tok.low in ("tp", "tp.hcm", "tphcm") or pl.name is not None
                               or tok.text in ("Thành", "Tỉnh", "Quận", "Huyện")):
            place = pl
            k = pl.end
            # "Phân hiệu … tại Gia Lai", "VKSND cấp cao tại Đà Nẵng"
            if k + 1 < n_tok and tokens[k].low == "tại" and head.kind in ("school", "court", "agency"):
                there = parse_place(w, k + 1, bare_ok=False)
                if there is None and is_province(w.text(k + 1, k + 3)):
                    there = Place(k + 1, k + 3, "tỉnh", w.text(k + 1, k + 3))
                if there is not None:
                    place, k = there, there.end
            break
        if k + 1 < n_tok and tok.low == "tại" and head.kind in ("school", "court") and k > j:
            nxt_place = parse_place(w, k + 1, bare_ok=False)
            if nxt_place is None:
                hit = province_prefix([t.text for t in tokens[k + 1 : k + 5]])
                if hit is not None:
                    nxt_place = Place(k + 1, k + 1 + hit[1], "tỉnh", hit[0])
            if nxt_place is not None:
                place, k = nxt_place, nxt_place.end
                break
        field_next = lex.longest_phrase(words[1:], fields)
        more = k + 1 < n_tok and (tokens[k + 1].cap or field_next)
        if tok.text == "&" and k > j and tokens[k - 1].upper and k + 1 < n_tok and tokens[k + 1].upper:
            k += 2  # "Sở GD&ĐT"
            continue
        if tok.low in lex.LINKERS and more:
            if tok.low == "các" and head.words[0] != "liên" and not field_next:
                break  # "Liên hiệp các Hội …", "Ban Quản lý các khu công nghiệp"; not "Sở Nội vụ các tỉnh"
            k += 1
            continue
        if tok.low == "và" and (k > j or len(head.words) > 1) and k + 1 < n_tok:
            nxt = tokens[k + 1]
            prev = tokens[k - 1]
            joined = prev.low == "đbqh" or (prev.low == "hội" and tokens[k - 2].low == "quốc")
            council = prev.low in ("hđnd", "hdnd") or tuple(w.low(k - 4, 4)) == ("hội", "đồng", "nhân", "dân")
            joined = joined or council
            if joined and nxt.low in ("hđnd", "hdnd", "hội", "ubnd", "ủy"):  # "Văn phòng HĐND và UBND huyện"
                k += 1
                continue
            if match_head(w, k + 1) or not (nxt.cap or lex.longest_phrase(words[1:], fields)):
                break
            if is_post_start(w, k + 1) or person_at(w, k + 1):
                break
            k += 1
            continue
        if tok.low == "-" and k + 1 < n_tok:
            nxt = tokens[k + 1]
            if ((nxt.cap or lex.longest_phrase(words[1:], fields)) and not match_head(w, k + 1)
                    and not _stops_name(w, k + 1) and not person_at(w, k + 1)
                    and not _caps_person_like(w, k + 1)):
                k += 1
                continue
            break
        if tok.is_word and (tok.cap or tok.upper):
            if tok.low == "khối" and tokens[k - 1].low in ("ủy", "đoàn"):
                k += 1  # "Đảng ủy Khối các cơ quan tỉnh", "Công đoàn Khối Doanh nghiệp"
                if k < n_tok and tokens[k].low == "các":
                    k += 1
                continue
            if _stops_name(w, k):
                break
            if person_at(w, k) and not (head.kind in ("school", "company") and k > j):
                break  # but a school may bear a person's name ("Trường Tiểu học Nguyễn Văn Trỗi")
            nested = match_head(w, k)
            if nested is not None:
                k += nested[1]
                if nested[0].numbered and k < n_tok and tokens[k].is_num:
                    k += 1
                continue
            k = max(k + 1, w.word_end(k))
            numbered_name = head.kind in ("school", "company")
            if numbered_name and k < n_tok and tokens[k].is_num and len(tokens[k].text) <= 2:
                k += 1  # "Trường THPT Nam Đàn 3", "Công ty Xi măng Hà Tiên 1"
            continue
        if head.kind == "company" and tok.is_word and not tok.cap and k > j:
            bridge = _lower_bridge(w, k)
            if bridge:
                k += bridge  # "Công ty TNHH MTV Xổ số kiến thiết Bình Định"
                continue
        break
    # A name never ends on a linker or a conjunction.
    while k > j and tokens[k - 1].low in ("và", "các", "ngành", "-", ","):
        k -= 1
    return k, place, frozenset(skip)


_NOT_IN_BRIDGE = frozenset(
    [*_words("tổ đã đang sẽ vừa được là có trao tặng nhận ký kí với cho tại của và trong năm ngày"), "đạt",
     "làm", "do", "về", "đến"]
)


def _lower_bridge(w: Words, k: int) -> int:
    """Lower-case words inside a company's name, closed by a capitalised word of the name (0 if none)."""
    tokens = w.tokens
    n = 0
    while k + n < len(tokens) and n < 4 and tokens[k + n].is_word and not tokens[k + n].cap:
        if tokens[k + n].low in _NOT_IN_BRIDGE or tokens[k + n].is_num:
            return 0
        n += 1
    end = k + n
    if n == 0 or end >= len(tokens) or not (tokens[end].is_word and tokens[end].cap):
        return 0
    if _stops_name(w, end) or person_at(w, end) or match_head(w, end):
        return 0
    return n


def _caps_person_like(w: Words, i: int) -> bool:
    return caps_run(w, i, 4) >= 2 and w.tokens[i].low in SURNAMES


def _is_generic(tokens: tuple[Token, ...], i: int) -> bool:
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.low in GENERIC_BEFORE or (prev.is_num and int(prev.text) < 1000):
        return True
    return i >= 2 and (tokens[i - 2].low, prev.low) == ("một", "số")


def _generic_after(w: Words, j: int) -> bool:
    """ "HĐND các cấp", "Viện kiểm sát hai cấp": a kind of body, not one body."""
    after = tuple(w.low(j, 2))
    if after in (("các", "cấp"), ("các", "ngành")):
        return True
    return after[1:] == ("cấp",) and after[0] in GENERIC_BEFORE


def _in_code(tokens: tuple[Token, ...], i: int) -> bool:
    """A word glued into a document number ("44/KH-UBND")."""
    if i == 0 or i >= len(tokens):
        return False
    prev = tokens[i - 1]
    glued = prev.end == tokens[i].start and i >= 2 and tokens[i - 2].end == prev.start
    return prev.text in ("-", "/") and glued


def _kind(head: lex.Head, name: str) -> str:
    folded = fold(name)
    if head.words == ("hội", "đồng") and ("thi dua" in folded or "tdkt" in folded):
        return "council"
    return head.kind


def parse_org(w: Words, i: int, *, lower: bool = False, after_office: bool = False) -> Org | None:
    """One organisation name starting at word i, or None."""
    tokens = w.tokens
    if i >= len(tokens) or _in_code(tokens, i):
        return None
    hit = match_head(w, i, lower=lower, after_office=after_office)
    if hit is None:
        return None
    head, n = hit
    j = i + n
    end, place, skip = _tail(w, j, head)
    has_field = end > j and (place is None or place.start > j)
    if not has_field:
        if place is None:
            if head.needs_tail:
                return None
        elif head.needs_tail and head.words not in _PLACE_TAIL_HEADS:
            return None
    if not tokens[i].cap and not (j < len(tokens) and tokens[j].cap):
        return None  # "sở Nội vụ" yes; "chi cục xây dựng kế hoạch" no
    bare = end == j and place is None
    named_end = end  # the name; an address written after it (", huyện X, tỉnh Y") is read but left out
    if place is not None:
        end = _address(w, end, place)
    elif head.kind in ("school", "company"):
        end = _address(w, end, Place(end, end, "", "?"))  # "Trường THCS X, phường Y, quận Z"
    generic = (_is_generic(tokens, i) or (place is None and _plural_place(w, end) is not None)
               or _generic_after(w, end)
               or (bare and head.kind == "mass" and head.words[0] not in ("tỉnh", "thành", "huyện", "quận")))
    if end == named_end:
        end = named_end = _semicolon_item(w, i, end)
    name = _capitalise(w.text(i, named_end, skip))
    return Org(
        name=name, i=i, j=end, start=tokens[i].start, end=tokens[named_end - 1].end,
        kind=_kind(head, name), head=head.words, place=place, generic=generic,
    )


def _semicolon_item(w: Words, i: int, end: int) -> int:
    """In a list whose items are split by semicolons, a name runs on through its lower-case words.

    "Vụ Kiểm sát việc giải quyết các vụ, việc dân sự, VKSND tối cao; …": the
    item's commas are part of the name, up to the parent body after the last one.
    """
    tokens = w.tokens
    if not any(t.text == ";" for t in tokens):
        return end
    if i > 0 and tokens[i - 1].text not in (";", ":"):
        return end
    k = end
    last_good = end
    while k < len(tokens) and tokens[k].text not in (";", "."):
        tok = tokens[k]
        if tok.text == ",":
            if k + 1 < len(tokens) and match_head(w, k + 1):
                return last_good  # "…, VKSND tối cao;": the parent closes the item
            k += 1
            continue
        if not tok.is_word or tok.cap or tok.is_num or tok.low in _NOT_IN_ITEM or k - end > 20:
            return end
        k += 1
        last_good = k
    # the item must end where the list's next item begins, not at the end of a sentence
    return last_good if k < len(tokens) and tokens[k].text == ";" else end


_NOT_IN_ITEM = frozenset({"đã", "có", "được", "là", "sẽ", "đang", "tổ", "thực", "trong", "với", "cho"})


def _address(w: Words, end: int, place: Place | None) -> int:
    """Extend over ", huyện X, tỉnh Y" written after a lower-level place."""
    if place is None or place.name is None:
        return end
    level = lex.PLACE_LEVEL.get(place.level, 4)  # a body with no place of its own takes any address
    tokens = w.tokens
    k = end
    while k + 1 < len(tokens) and tokens[k].text == ",":
        nxt = parse_place(w, k + 1, bare_ok=False)
        if nxt is None or nxt.name is None or tokens[k + 1].cap:
            break
        nxt_level = lex.PLACE_LEVEL.get(nxt.level, 0)
        if nxt_level >= level:
            break
        level = nxt_level
        k = nxt.end
    return k


def _capitalise(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


def place_org(w: Words, pl: Place) -> Org:
    end = _address(w, pl.end, pl)
    name = w.text(pl.start, pl.end)
    if pl.name is not None and pl.name.isdigit():
        name = _capitalise(name)
    return Org(name=name, i=pl.start, j=end, start=w.tokens[pl.start].start, end=w.tokens[pl.end - 1].end,
               kind="place", head=(pl.level,), place=pl, generic=_is_generic(w.tokens, pl.start))


def _place_item(w: Words, k: int, level: str) -> int:
    """Length of one place name in a list (a province for "tỉnh"; a number for "quận")."""
    tokens = w.tokens
    if tokens[k].is_num:
        return 1 if level in ("quận", "phường") else 0
    window = tokens[k : k + 6]
    hit = province_prefix([t.text for t in window if t.low != "-"])
    if hit is not None and looks_like_name_word(tokens[k].text):
        taken = n = 0
        while taken < hit[1]:  # "Bà Rịa - Vũng Tàu": the dash is inside the name
            if window[n].low != "-":
                taken += 1
            n += 1
        return n
    if level == "tỉnh" or lex.longest_phrase(w.low(k, 5), lex.region_phrases()):
        return 0
    run = caps_run(w, k, 4)
    for n in range(run):
        if _stops_name(w, k + n) or match_head(w, k + n):
            return n
    return 0 if person_at(w, k) else run


def names_list(w: Words, k: int, level: str) -> list[tuple[int, int, str, int]]:
    """Spans, levels and first words of a list of place names ("Vĩnh Long, An Giang và Tây Ninh", "7, 12").

    An item may bring its own place word ("Mỹ Tú, Kế Sách và thị xã Ngã Năm").
    """
    tokens = w.tokens
    items: list[tuple[int, int, str, int]] = []
    while k < len(tokens) and k not in w.shouted:
        own = parse_place(w, k, bare_ok=False) if items else None
        if own is not None and own.name is not None:
            items.append((own.end - len(own.name.split()), own.end, own.level, k))
            k = own.end
        else:
            n = _place_item(w, k, level)
            if n == 0:
                break
            items.append((k, k + n, level, k))
            k += n
        if k + 1 < len(tokens) and (tokens[k].text in (",", ";") or tokens[k].low == "và"):
            k += 1
            continue
        break
    return items


def _plural_place(w: Words, k: int) -> tuple[str, int] | None:
    """ "các tỉnh", "5 tỉnh", "hai thành phố" (and a colon after): the place level and the index after it."""
    tokens = w.tokens
    if k >= len(tokens):
        return None
    tok = tokens[k]
    if not (tok.low in GENERIC_BEFORE or (tok.is_num and int(tok.text) <= 60)):
        return None
    for words, level in lex.PLACE_WORDS.items():
        n = len(words)
        if tuple(w.low(k + 1, n)) != words or words == ("tp",):
            continue
        if tokens[k + 1].cap and tok.low != "các":
            return None  # "10 Thành phố Hà Nội" is no list; "các Phường 12, 13" is
        end = k + 1 + n
        if end < len(tokens) and tokens[end].text == ":":
            end += 1
        return level, end
    return None


def _spell(head: str, level: str, name: str) -> str:
    place = f"{level.capitalize()} {name}" if name.isdigit() else f"{level} {name}"
    return f"{head} {place}" if head else place


def distribute_over_places(w: Words, org: Org | None, k: int, i0: int) -> list[Org]:
    """ORG + "các tỉnh: A, B và C" (or "các quận: 7, 12" with no ORG) spelled out per place."""
    plural = _plural_place(w, k)
    if plural is None:
        return []
    level, k2 = plural
    items = names_list(w, k2, level)
    if not items:
        return []
    tokens = w.tokens
    head_text = org.name if org is not None else ""
    out: list[Org] = []
    for a, b, own, first in items:
        name = w.text(a, b)
        out.append(Org(
            name=_capitalise(_spell(head_text, own, name)) if head_text else _spell("", own, name),
            i=a, j=b, start=tokens[i0].start if not out else tokens[a].start, end=tokens[b - 1].end,
            kind=org.kind if org is not None else "place", head=org.head if org is not None else (own,),
            place=Place(a, b, own, name), shared=True, lead=i0 if not out else first,
        ))
    return out


def _distribute_fields(w: Words, i: int) -> list[Org]:
    """ "các sở Nội vụ, Tài chính, Kế hoạch và Đầu tư" spelled out per field."""
    tokens = w.tokens
    if tokens[i].low != "các":
        return []
    hit = match_head(w, i + 1, lower=True)
    if hit is None:
        return []
    head, n = hit
    if head.kind not in ("agency", "mass", "court", "council") or len(head.words) > 2:
        return []
    out: list[Org] = []
    k = i + 1 + n
    head_text = _capitalise(w.text(i + 1, i + 1 + n))
    while k < len(tokens):
        if not (tokens[k].cap or lex.longest_phrase(w.low(k), lex.field_phrases())):
            break
        if match_head(w, k) or is_post_start(w, k):
            break
        end, place, skip = _tail(w, k, head)
        if end == k:
            break
        out.append(Org(
            name=f"{head_text} {w.text(k, end, skip)}", i=k, j=end,
            start=tokens[i if not out else k].start, end=tokens[end - 1].end, kind=head.kind, head=head.words,
            place=place, shared=True, lead=i if not out else k,
        ))
        k = end
        if k + 1 < len(tokens) and (tokens[k].text == "," or tokens[k].low == "và"):
            k += 1
            continue
        break
    return out if len(out) >= 2 else []


def _share_place(orgs: list[Org], tokens: tuple[Token, ...]) -> None:
    """ "Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh Khánh Hòa": the last place is everyone's."""
    run: list[Org] = []
    for org in orgs:
        if run and not _adjacent(tokens, run[-1], org):
            run = []
        run.append(org)
        if org.place is not None and len(run) > 1:
            for other in run[:-1]:
                if other.place is None and other.kind in ("gov", "party") and not other.shared:
                    if org.place.name is None:
                        if other.head[-1] != "ủy":  # "HĐND, UBND tỉnh": HĐND tỉnh
                            other.name = f"{other.name} {org.place.level}"
                    elif other.head[-1] == "ủy":
                        other.name = f"{other.name} {org.place.name}"
                    else:
                        other.name = f"{other.name} {org.place.level} {org.place.name}"
                    other.place = org.place
            run = []


def _adjacent(tokens: tuple[Token, ...], a: Org, b: Org) -> bool:
    between = [t.low for t in tokens[a.j : b.i]]
    return between in ([","], ["và"], [",", "và"])


_ROMAN = re.compile(r"^[IVXLC]+$")
_BRAND_VERBS = frozenset({"được", "vinh", "đã", "là", "tổ", "nhận", "đạt", "vừa"})


def _brand(w: Words, i: int) -> Org | None:
    """A company named by its acronym acting in the sentence ("THACO được bầu làm Khối trưởng")."""
    tokens = w.tokens
    tok = tokens[i]
    letters = [c for c in tok.text if c.isalpha()]
    if not tok.upper or len(letters) < 3 or tok.low in _ABBREVIATIONS or _ROMAN.match(tok.text):
        return None
    if i + 1 >= len(tokens) or tokens[i + 1].low not in _BRAND_VERBS or _in_code(tokens, i):
        return None
    return Org(name=tok.text, i=i, j=i + 1, start=tok.start, end=tok.end, kind="company", head=(tok.low,))


@lru_cache(maxsize=4096)
def scan(seg: Segment, *, places: bool = True) -> tuple[Org, ...]:
    """Every organisation name in a sentence, shared-noun lists spelled out, places on request.

    The result is shared between callers (it is cached): do not change it.
    """
    w = Words.of(seg)
    tokens = w.tokens
    out: list[Org] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_word or i in w.shouted:
            i += 1
            continue
        spelled = _distribute_fields(w, i)
        if spelled:
            out.extend(spelled)
            i = spelled[-1].j
            continue
        # "thanh tra 5 tỉnh: …", "Hội Khuyến học 5 phường: …" (a head alone before the list)
        hit = match_head(w, i, lower=True)
        if hit is not None and _plural_place(w, i + hit[1]) is not None:
            bare = Org(name=_capitalise(w.text(i, i + hit[1])), i=i, j=i + hit[1], start=tok.start,
                       end=tokens[i + hit[1] - 1].end, kind=hit[0].kind, head=hit[0].words)
            spelled = distribute_over_places(w, bare, i + hit[1], i)
            if spelled:
                out.extend(spelled)
                i = spelled[-1].j
                continue
        org = parse_org(w, i, lower=i > 0 and tokens[i - 1].low == "các") or _brand(w, i)
        if org is not None:
            spelled = distribute_over_places(w, org, org.j, i) if org.place is None else []
            if spelled:
                out.extend(spelled)
                i = spelled[-1].j
                continue
            out.append(org)
            i = org.j
            continue
        if places:
            if tok.low in GENERIC_BEFORE or tok.is_num:
                spelled = distribute_over_places(w, None, i, i)
                if spelled:
                    out.extend(spelled)
                    i = spelled[-1].j
                    continue
            pl = parse_place(w, i, bare_ok=False)
            if pl is not None and pl.name is not None:
                out.append(place_org(w, pl))
                i = out[-1].j
                continue
        i += 1
    _share_place(out, tokens)
    _share_generic(out, tokens)
    return tuple(out)


def _share_generic(orgs: list[Org], tokens: tuple[Token, ...]) -> None:
    """ "Huyện ủy, HĐND, UBND các huyện trong Cụm": a list that ends on a kind of body is all generic."""
    run: list[Org] = []
    for org in orgs:
        if run and not _adjacent(tokens, run[-1], org):
            run = []
        run.append(org)
        if org.generic and len(run) > 1 and org.place is None and not org.shared:
            for other in run[:-1]:
                if other.place is None and other.kind in ("gov", "party") and not other.shared:
                    other.generic = True
            run = []
