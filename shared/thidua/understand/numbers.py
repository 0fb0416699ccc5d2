"""Vietnamese counts: "01", "08", "1.200", "hai", "mười lăm", "hai mươi mốt", "một trăm"."""

from __future__ import annotations

import re

_UNITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_TEN = {"mười": 10}
_SCALES = {"mươi": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000}

# Words that can start or continue a spelled-out number.
NUMBER_WORDS = frozenset([*_UNITS, *_TEN, *_SCALES, "linh", "lẻ"])

# A count as written in running text: digits with thousands dots ("1.200"),
# or a run of number words. "năm" alone is left to the caller, who knows
# whether it means five or year.
COUNT_PATTERN = (
    r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
    r"|(?:(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mươi|mốt|lăm|tư|trăm|nghìn|ngàn|linh|lẻ)"
    r"(?:\s+|$)){0,5}(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mươi|mốt|lăm|tư|trăm|nghìn|ngàn)"
)


def _words_value(words: list[str]) -> int | None:
    total = 0
    current = 0
    seen = False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TEN:
            current += 10
            seen = True
        elif word == "mươi":
            current = (current or 1) * 10
        elif word in ("trăm",):
            current = (current or 1) * 100
        elif word in ("nghìn", "ngàn"):
            total += (current or 1) * 1000
            current = 0
        elif word in ("linh", "lẻ"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(token: str) -> int | None:
    """The integer a written count stands for, or None when it is not a count.

    "01" → 1, "1.200" → 1200, "hai" → 2, "mười lăm" → 15, "hai mươi mốt" → 21.
    A fraction "5/7" counts its numerator.
    """
    token = token.strip().lower()
    if not token:
        return None
    if "/" in token:
        token = token.split("/", 1)[0]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return int(token.replace(".", ""))
    if token.isdigit():
        return int(token)
    return _words_value(token.split())
