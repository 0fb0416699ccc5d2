"""Span helpers shared by the date, year, event, reference and award steps.

Steps match their grammar on the whole document text (a date or a count may
run over a wrapped line), then turn a character span into `Evidence` and
look at the clause or sentence around it. Matches inside web addresses are
ignored: a URL's slug often repeats the headline with numbers that are not
in the body.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from functools import lru_cache

from thidua.understand.document import Document, Evidence, Sentence

_URL = re.compile(
    r"(?:https?://|www\.)\S+|^URL:.*$|\S+\.(?:jpg|jpeg|png|gif|webp|html?|aspx|php|epi)\b",
    re.IGNORECASE | re.MULTILINE,
)
# One upper-case Vietnamese letter ("A", "Đ", "Ầ", "Ư"…), for rules that must tell a place
# name ("Cần Thơ", "Cần Giuộc") from the same word used as a verb ("cần phải").
UPPER = "[" + "".join(
    c
    for c in map(chr, range(0x41, 0x1EFA))
    if c.isupper() and (c == "Đ" or unicodedata.normalize("NFD", c)[0] in string.ascii_uppercase)
) + "]"

_STOP = re.compile(r"[.!?](?=[\s\"”'’)]|$)|\n")
_SEMI = re.compile(r";")


@lru_cache(maxsize=64)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of web addresses, file names and the `URL:` line (sorted, not overlapping)."""
    return tuple((m.start(), m.end()) for m in _URL.finditer(text))


@lru_cache(maxsize=64)
def _url_starts(text: str) -> tuple[int, ...]:
    return tuple(a for a, _ in url_spans(text))


def in_url(text: str, start: int) -> bool:
    """Whether an offset falls inside a web address or file name."""
    spans = url_spans(text)
    i = bisect.bisect_right(_url_starts(text), start) - 1
    return i >= 0 and spans[i][0] <= start < spans[i][1]


def _is_wrap(text: str, newline: int) -> bool:
    """A line break inside a sentence: the next line goes on in lower case after no punctuation."""
    i = newline - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = newline + 1
    while j < len(text) and text[j] in " \t":
        j += 1
    if i < 0 or j >= len(text):
        return False
    return text[i] not in ".!?:;”\"\n" and (text[j].islower() or text[j].isdigit())


@lru_cache(maxsize=64)
def _sentence_breaks(text: str) -> tuple[int, ...]:
    """Offsets just after each sentence end (wrapped lines do not end a sentence)."""
    out = []
    for m in _STOP.finditer(text):
        if m.group(0) == "\n" and _is_wrap(text, m.start()):
            continue
        out.append(m.end())
    return tuple(out)


@lru_cache(maxsize=64)
def _clause_breaks(text: str) -> tuple[int, ...]:
    breaks = set(_sentence_breaks(text))
    breaks.update(m.end() for m in _SEMI.finditer(text))
    return tuple(sorted(breaks))


def _bounds(breaks: tuple[int, ...], text: str, start: int, end: int) -> tuple[int, int]:
    i = bisect.bisect_right(breaks, start)
    left = breaks[i - 1] if i > 0 else 0
    # An empty span at the very start of a sentence still belongs to that sentence.
    j = bisect.bisect_left(breaks, max(end, start + 1))
    right = breaks[j] if j < len(breaks) else len(text)
    return left, right


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence around a span, wrapped lines joined."""
    return _bounds(_sentence_breaks(text), text, start, start if end is None else end)


def clause_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The clause around a span: like `sentence_bounds` but a semicolon also ends it."""
    return _bounds(_clause_breaks(text), text, start, start if end is None else end)


def _sentence_at(doc: Document, offset: int) -> Sentence | None:
    # Sentences are in text order, so a binary search finds the one holding an offset.
    sentences = doc.sentences
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset < sentences[lo].end:
        return sentences[lo]
    return None


def evidence(doc: Document, start: int, end: int) -> Evidence:
    """Evidence for [start, end): the sentence that holds `start` (or its logical sentence)."""
    sentence = _sentence_at(doc, start)
    if sentence is not None:
        return Evidence(sentence=sentence.text, start=start, end=end)
    left, right = sentence_bounds(doc.text, start, end)
    return Evidence(sentence=doc.text[left:right].strip(), start=start, end=end)


def flat(text: str) -> str:
    """Whitespace runs (line breaks included) as one space."""
    return " ".join(text.split())
