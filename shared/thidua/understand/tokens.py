"""Words and sentences for the entity grammar, with offsets into the document text.

Lines that a page or a PDF wrapped in the middle of a sentence are read as
one sentence ("… có ông\\nNguyễn Văn A, Giám đốc …"), so a name split over two
lines is still one name. Offsets always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from thidua.understand.persons import SURNAMES
from thidua.understand.text import lines_with_offsets
from thidua.understand.titles import match_office

_TOKEN = re.compile(r"\w+(?:[./'’]\w+)*|[^\w\s]", re.UNICODE)
_DASHES = {"–": "-", "—": "-", "‐": "-", "−": "-"}
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"tp", "q", "p", "tt", "đ/c", "ths", "ts", "pgs", "gs", "bs", "ks", "th.s", "ncs", "ông", "bà"}
)
_URL = re.compile(r"^URL:.*$|(?:https?://|www\.)\S+|\S+\.(?:jpg|jpeg|png|gif|webp|html?|aspx|php|epi)\b",
                  re.IGNORECASE | re.MULTILINE)


class Token:
    """One word or punctuation mark with its offsets in the document text.

    The lexical tests the grammar asks millions of times on a long text (`low`,
    `cap`, `upper`, ...) are computed once, when the token is made.
    """

    __slots__ = ("cap", "end", "is_num", "is_word", "low", "start", "text", "upper")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        # Lower case, dashes unified: the form the lexicons are written in.
        self.low: str = _DASHES.get(text, text.lower())
        self.is_word: bool = text[0].isalnum()
        # Starts with a capital letter.
        self.cap: bool = text[0].isupper()
        # An all-capitals word of two or more letters (an abbreviation such as UBND).
        self.upper: bool = text.isupper() and sum(c.isalpha() for c in text) >= 2
        self.is_num: bool = text.isdigit()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass(frozen=True, eq=False)
class Segment:
    """A sentence (wrapped lines joined) with its words.

    Compared by identity: `segments` hands out the same objects for one text, and
    the per-sentence caches of the grammar then hash in constant time.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    # Names the document gives to places ("huyện Nguyễn Văn Cừ tổ chức …"), lower case, as word tuples:
    # a place may bear a person's name, and such a name is then read as the place.
    places: frozenset[tuple[str, ...]] = frozenset()

    @property
    def shouting(self) -> bool:
        """Written in capitals throughout (a banner or a headline in caps)."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _joins(line: str, nxt: str, wrapped: bool) -> bool:
    """Whether a line break sits inside a sentence (a wrapped line)."""
    a, b = line.rstrip(), nxt.lstrip()
    if not a or not b:
        return False
    if a[-1] in ".!?:;\"”":
        return False
    if b[0].islower():
        return True
    # Before a capital, only in hard-wrapped text: elsewhere that is a headline above its article.
    return wrapped and (a[-1].islower() or a[-1] in ",-–(")


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: several breaks fall inside sentences, before a lower-case word."""
    count = 0
    for a, b in pairwise(lines):
        a, b = a.rstrip(), b.lstrip()
        if a and b and a[-1] not in ".!?:;\"”" and b[0].islower():
            count += 1
    return count >= 3


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of lines joined where a line was wrapped mid-sentence."""
    spans: list[tuple[int, int]] = []
    lines = [(start, start + len(line)) for start, line in lines_with_offsets(text)]
    wrapped = _hard_wrapped([text[a:b] for a, b in lines])
    current: tuple[int, int] | None = None
    prev_line = ""
    for start, end in lines:
        line = text[start:end]
        if current is not None and line.strip() and _joins(prev_line, line, wrapped):
            current = (current[0], end)
        else:
            if current is not None and text[current[0] : current[1]].strip():
                spans.append(current)
            current = (start, end)
        prev_line = line
    if current is not None and text[current[0] : current[1]].strip():
        spans.append(current)
    return spans


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cursor = start
    for m in re.finditer(r"[.!?]+(?=\s+[\"“(]?[A-ZÀ-ỸĐ0-9]|\s*$)", text[start:end]):
        stop = start + m.end()
        before = text[cursor : start + m.start()].split()
        last = before[-1].lower() if before else ""
        if m.group(0) == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if m.group(0) == "." and last.isdigit() and len(before) == 1:
            continue  # "1. UBND huyện …": a list number, not a sentence
        out.append((cursor, stop))
        cursor = stop
    if text[cursor:end].strip():
        out.append((cursor, end))
    return out


@lru_cache(maxsize=4096)
def word_ends(seg: Segment) -> tuple[int, ...]:
    """For each syllable, the index just after the word it belongs to ("Cao đẳng", "Sư phạm" are one word).

    Word boundaries come from underthesea's tokenizer (about a millisecond a
    sentence); they let a capitalised field run on through its lower-case
    syllables ("Trường Cao đẳng Cơ điện") without taking in the verb after it.
    """
    from underthesea import word_tokenize  # imported here: slow to import, only extraction needs it

    ends = list(range(1, len(seg.tokens) + 1))
    starts = {t.start - seg.start: n for n, t in enumerate(seg.tokens)}
    cursor = 0
    for word in word_tokenize(seg.text):
        at = seg.text.find(word, cursor)
        if at < 0:
            continue
        cursor = at + len(word)
        first = starts.get(at)
        if first is None:
            continue
        last = first
        while (last + 1 < len(seg.tokens) and seg.tokens[last + 1].start - seg.start < cursor
               and seg.tokens[last + 1].is_word):
            last += 1
        for n in range(first, last + 1):
            ends[n] = last + 1
    return tuple(ends)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    return tuple(Token(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=32)
def segments(text: str) -> tuple[Segment, ...]:
    """The sentences of a text, wrapped lines joined, web addresses blanked out."""
    masked = _URL.sub(lambda m: " " * len(m.group(0)), text)
    out: list[Segment] = []
    for b_start, b_end in _blocks(masked):
        for s_start, s_end in _sentence_spans(masked, b_start, b_end):
            while s_start < s_end and masked[s_start].isspace():
                s_start += 1
            while s_end > s_start and masked[s_end - 1].isspace():
                s_end -= 1
            if s_start >= s_end:
                continue
            chunk = masked[s_start:s_end].replace("\n", " ")
            if _RELATED.match(chunk):
                break  # "Tin liên quan", "Bài viết khác": other articles' headlines follow
            out.append(Segment(s_start, s_end, chunk, tokenize(chunk, s_start)))
        else:
            continue
        break
    places = _place_names(out)
    return tuple(Segment(s.start, s.end, s.text, s.tokens, places) for s in out)


_RELATED = re.compile(
    r"^\s*(?:tin|bài|bài viết|tin bài|video|ảnh)\s+"
    r"(?:liên quan|khác|cùng chuyên mục|mới hơn|đã đưa|cũ hơn)\s*:?\s*$"
    r"|^\s*(?:xem thêm|đọc thêm|các tin khác|các tin đã đưa(?: ngày)?)\s*:?\s*$",
    re.IGNORECASE,
)
_PLACE_WORDS = frozenset({"huyện", "quận", "xã", "phường", "thị", "thành"})
_COMMITTEE_BEFORE = frozenset(
    {"ubnd", "hđnd", "hdnd", "ủy", "uỷ", "bí", "chủ", "tịch", "thư", "trưởng", "đốc"}
)


def _place_names(segs: list[Segment]) -> frozenset[tuple[str, ...]]:
    """Names written right after a lower-case place word that no committee or post precedes
    ("tại huyện Nguyễn Văn Cừ", "Đại hội … huyện Nguyễn Văn Cừ"): the document's own places."""
    out: set[tuple[str, ...]] = set()
    for seg in segs:
        tokens = seg.tokens
        for k, tok in enumerate(tokens):
            if tok.text not in _PLACE_WORDS:
                continue
            if k > 0 and tok.text == "xã" and tokens[k - 1].text == "thị":
                continue  # read with its "thị" (and the committee before it)
            n = k + 1
            if tok.text in ("thị", "thành"):
                if n >= len(tokens) or tokens[n].text not in ("xã", "trấn", "phố"):
                    continue
                n += 1
            run = 0
            while n + run < len(tokens) and run < 4:
                word = tokens[n + run]
                if not (word.is_word and word.cap and not word.upper):
                    break
                run += 1
            closed = n + run == len(tokens) or tokens[n + run].text in (";", ".", ",", "(")
            if run >= 2 and closed and _holder_named_before(tokens, k):
                out.add(tuple(t.low for t in tokens[n : n + run]))
                continue
            if k > 0 and tokens[k - 1].low in _COMMITTEE_BEFORE:
                continue  # "Chủ tịch UBND tỉnh Lê Hòa": the holder's name may follow the committee
            if run >= 3 and tokens[n].low in SURNAMES and _office_before(tokens, k):
                continue  # "Phó Trưởng ban X thành phố Lê Thị Hà": the office holder, not a place
            if run >= 3 and _office_before(tokens, k):
                # "Chủ tịch LĐLĐ huyện Pác Tà Vàng Thị Mỷ": the office holder's name follows the place
                run = _before_holder(tokens, n, run)
            if run >= 2:
                out.add(tuple(t.low for t in tokens[n : n + run]))
    return frozenset(out)


def _before_holder(tokens: tuple[Token, ...], n: int, run: int) -> int:
    """How many capitalised words from n name the place when a surname-led name of three or more
    syllables starts inside or right after them (the office holder)."""
    end = n
    while end < len(tokens) and end - n < 8 and tokens[end].is_word and tokens[end].cap:
        end += 1
    for p in range(2, run):
        if tokens[n + p].low in SURNAMES and end - (n + p) >= 3:
            return p
    return run


def _holder_named_before(tokens: tuple[Token, ...], k: int) -> bool:
    """The office before the place word at k follows a person's name and a dash or comma ("Ông Âu Minh
    Chiến – Phó Chủ tịch UBND phường Hoàng Văn Thụ Tây;"): the words after the place word close the
    place's name, whatever they look like, since the holder is already named."""
    m = k - 1
    while m > 1 and k - m <= 10 and tokens[m].text not in ("–", "-", ",", ";", ":", "."):
        m -= 1
    if m <= 1 or tokens[m].text not in ("–", "-", ","):
        return False
    if not match_office([t.low for t in tokens[m + 1 : m + 5]]):
        return False
    first = m
    while first > 0 and m - first < 4 and tokens[first - 1].is_word and tokens[first - 1].cap:
        first -= 1
    # the holder opens the item or follows an honorific; after a post of his own ("Bí thư Huyện ủy Đặng
    # Văn Út, Phó Chủ tịch UBND huyện Hồ Thị Thu Ba") the next post belongs to the next name
    opens = first == 0 or tokens[first - 1].text in ("-", "–", "+", "•", ":", ";", "(") or tokens[
        first - 1].low in ("ông", "bà", "chí", "anh", "chị")
    return opens and m - first >= 2 and tokens[first].low in SURNAMES


def _office_before(tokens: tuple[Token, ...], k: int) -> bool:
    """An office opens the clause before the place word at k ("Phó Trưởng ban Thi đua thành phố Lê
    Thị Hà"): the words after the place word may then be the office holder's name, not a place."""
    m = k - 1
    while m >= 0 and k - m <= 10 and tokens[m].text not in (",", ";", ":", ".", "(", ")"):
        if match_office([t.low for t in tokens[m : m + 4]]):
            return True
        m -= 1
    return False
