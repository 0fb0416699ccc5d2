"""The words of one sentence and the lexical tests the name grammar is built on.

`Words` holds a sentence's tokens with its word boundaries and the runs written
in capitals; `match_head` finds an organisation's head word, `person_at` a
personal name, `caps_run` a run of capitalised syllables. `Place` and `Org` are
what the place and organisation grammars (`places`, `orgs`) return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from thidua.understand import orgnames as lex
from thidua.understand.locality import province_prefix
from thidua.understand.orgnames import words as _words
from thidua.understand.persons import SURNAMES, looks_like_name_word
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
CLAUSE_PHRASES = frozenset(
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
MIDDLE_NAMES = frozenset(
    _words(
        """
        văn thị đức hữu công quốc đình ngọc xuân thanh hồng tấn tiến bá trọng duy minh thế viết khắc
        đăng huy quang hoài mạnh phương kim thu
        """
    )
)
# Not persons although they look like names.
_NOT_PERSONS = frozenset({("hồ", "chí", "minh")})
# Abbreviations in capitals that are names, not shouting.
ABBREVIATIONS = frozenset(
    _words(
        """
        ubnd hđnd hdnd tp tphcm tp.hcm hcm vksnd tand tandtc lđlđ ldld mttq ubmttq ubmttqvn bhxh chqs
        bchqs đbqh dbqh tđkt tdkt nhnn thads ccb lhpn tncs cand annd vn tnhh mtv cp tw t.ư ct kh qđ ub
        vh cchc hkh vhtt cntt ktxh kt xh iso ioc covid attgt ttatxh tdtt nxb gdp grdp pci par sipas ict vnd
        usd ths ts pgs gs bs ckii cki llvt cbcc cnvclđ
        """
    )
)


@dataclass
class Place:
    start: int  # token index
    end: int
    level: str  # "tỉnh", "thành phố", "quận", ...
    name: str | None  # "Phú Yên", "7", or None for a bare "tỉnh"


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
        if k + 1 >= len(self.tokens) or not self.tokens[k + 1].is_word:
            return k + 1  # a word never runs on past punctuation: no tokenizer run needed
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
        if tok.is_word and tok.upper and tok.low not in ABBREVIATIONS:
            run.append(k)
            continue
        if tok.is_word and tok.upper and run:
            run.append(k)
            continue
        if len([r for r in run if tokens[r].low not in ABBREVIATIONS]) >= 2:
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
        # The word boundaries (a tokenizer run) matter only before a lower-case syllable.
        if k + 1 < len(tokens) and not tokens[k + 1].cap:
            end = w.word_end(k)
            starts_word = k == 0 or w.word_end(k - 1) != end
            if starts_word and end > k + 1:
                break
        n += 1
    return n


def known_place_at(w: Words, i: int) -> int:
    """Length of a place name the document uses at word i ("Nguyễn Văn Cừ" of "huyện Nguyễn Văn Cừ")."""
    for n in (4, 3, 2):
        words = tuple(w.low(i, n))
        if len(words) == n and words in w.seg.places:
            return n
    return 0


def person_at(w: Words, i: int) -> int:
    """Length of a personal name starting at word i when it clearly is one (surname + 2-3 syllables)."""
    tokens = w.tokens
    if i >= len(tokens) or tokens[i].low not in SURNAMES or known_place_at(w, i):
        return 0  # every name this accepts opens with a surname
    run = caps_run(w, i, 4)
    if run >= 2 and tuple(w.low(i, 3)) in _NOT_PERSONS:
        return 0
    if run >= 2 and province_prefix([t.text for t in tokens[i : i + run]]) is not None:
        return 0  # "Hà Nội Ngày Nay", "Cao Bằng", "Lâm Đồng"
    if run >= 3 and tokens[i].low in SURNAMES:
        return run
    if run == 2 and tokens[i].low in SURNAMES and tokens[i + 1].low in MIDDLE_NAMES:
        return 2
    return 0


def stops_name(w: Words, k: int) -> bool:
    words = w.low(k, 2)
    return words[0] in CLAUSE_WORDS or tuple(words) in CLAUSE_PHRASES or is_post_start(w, k)


def stops_place(w: Words, k: int) -> bool:
    """Like `stops_name`, but an honorific-looking syllable is part of a place ("Đông Anh", "Bà Rịa")."""
    words = w.low(k, 10)
    if words[0] == "năm" and w.tokens[k].cap and not (k + 1 < len(w.tokens) and w.tokens[k + 1].is_num):
        return False  # "thị xã Ngã Bảy"
    if words[0] in CLAUSE_WORDS or tuple(words[:2]) in CLAUSE_PHRASES:
        return True
    return bool(match_office(words) or match_membership(words) or match_bloc_role(words) or match_rank(words))


def is_generic(tokens: tuple[Token, ...], i: int) -> bool:
    if i == 0:
        return False
    prev = tokens[i - 1]
    # "5 huyện" counts bodies; "Cụm thi đua số 2 Tỉnh đoàn X" numbers the bloc before its parent
    counted = prev.is_num and int(prev.text) < 1000 and not (i >= 2 and tokens[i - 2].low == "số")
    if prev.low in GENERIC_BEFORE or counted:
        return True
    return i >= 2 and (tokens[i - 2].low, prev.low) == ("một", "số")


def capitalise(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name
