"""Find the encoding of a Vietnamese text file and decode it.

UTF-8 and UTF-16 are recognised by their bytes. Anything else is decoded with
each legacy candidate (Windows-1258, TCVN3, VNI) and the decoding that reads
most like Vietnamese wins: each word is checked against the shape of a
Vietnamese syllable (onset, vowel cluster, final consonant, at most one tone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from thidua.read.legacy import decode_tcvn3, decode_vni

_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_NUCLEI = (
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ôô|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    "[aăâeêioôơuưy]"
)
_CODAS = "ch|ng|nh|[cmnpt]"
_SYLLABLE_RE = re.compile(f"(?:{_ONSETS})?(?:{_NUCLEI})(?:{_CODAS})?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD_RE = re.compile(r"[^\W\d_]+")
_VIET_LETTERS = set("aăâbcdđeêghiklmnoôơpqrstuưvxy")


def _toneless(word: str) -> tuple[str, int] | None:
    """The word without tone marks and the number of tone marks, or None if it has
    a letter Vietnamese does not use."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if any(c not in _VIET_LETTERS for c in base):
        return None
    return base, tones


def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ("người", "khối"), false for "vieọt"."""
    parsed = _toneless(word)
    if parsed is None:
        return False
    base, tones = parsed
    return tones <= 1 and _SYLLABLE_RE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """How much a decoded text reads like Vietnamese: +1 for each syllable with a
    Vietnamese letter, -1 for each word that cannot be Vietnamese, -1 for stray symbols."""
    score = 0.0
    for word in _WORD_RE.findall(text):
        if word.isascii():
            continue
        score += 1.0 if is_vietnamese_syllable(word) else -1.0
    for ch in text:
        if ch.isascii() or ch.isalpha() or ch.isspace() or unicodedata.combining(ch):
            continue
        if unicodedata.category(ch) in ("So", "Sm", "Sc", "Sk", "Cc", "Co", "Cn", "No"):
            score -= 1.0
    return score


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_LEGACY: dict[str, Callable[[bytes], str]] = {
    "windows-1258": _decode_cp1258,
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def utf16_guess(data: bytes) -> str | None:
    """The UTF-16 codec for data with a BOM or with the zero bytes of UTF-16 ASCII, else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # ASCII in UTF-16 has a zero byte in every other position; text never has NULs.
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _sample(data: bytes, size: int = 65536) -> bytes:
    """Head, middle and tail of a large file: enough to choose an encoding quickly."""
    if len(data) <= 3 * size:
        return data
    middle = len(data) // 2
    return data[:size] + b"\n" + data[middle : middle + size] + b"\n" + data[-size:]


def decode_text(data: bytes, max_chars: int | None = None) -> Decoded:
    """Decode text bytes of any supported encoding; raises UnicodeError if none fits.
    With `max_chars`, a legacy file is decoded only as far as that many characters can reach."""
    utf16 = utf16_guess(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="strict").lstrip("\ufeff"), utf16)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    sample = _sample(data)
    scored = sorted(
        ((vietnamese_score(decode(sample)), name) for name, decode in _LEGACY.items()),
        reverse=True,
    )
    best = scored[0][1]
    if max_chars is not None:
        # One legacy character takes one or two bytes (VNI base letter + mark).
        data = data[: 2 * max_chars]
    return Decoded(_LEGACY[best](data), best)


_MOJIBAKE_SOURCES = ("cp1252", "latin-1")
_REPAIRS: dict[str, Callable[[bytes], str]] = {
    # UTF-8 bytes that something decoded as Windows-1252 ("Khá»‘i thi Ä‘ua").
    "utf-8": lambda data: data.decode("utf-8", errors="replace"),
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}


def _char_byte(ch: str) -> bytes:
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return bytes([ord(ch)]) if ord(ch) <= 0xFF else b""


def _as_bytes(text: str) -> bytes | None:
    """The bytes a legacy font or a wrong decoder turned into `text`, if it is such text."""
    for codec in _MOJIBAKE_SOURCES:
        try:
            return text.encode(codec)
        except UnicodeEncodeError:
            continue
    non_ascii = [ch for ch in text if not ch.isascii()]
    foreign = sum(1 for ch in non_ascii if not _char_byte(ch))
    if foreign > 0.02 * len(non_ascii):
        return None
    # Mixed: Windows-1252 characters plus C1 controls that a Latin-1 decoder let through.
    return b"".join(_char_byte(ch) for ch in text)


def repair_legacy_text(text: str) -> tuple[str, str | None]:
    """Text extracted from a pdf, docx or page set in a legacy font (.VnTime: "Céng hoµ",
    VNI-Times: "Coäng hoøa") or UTF-8 read as Windows-1252 ("Khá»‘i"): converted, with the
    name of the repair, when that reads much more like Vietnamese; else unchanged."""
    sample = text[:20000]
    if sum(1 for ch in sample if not ch.isascii()) < 5:
        return text, None
    raw = _as_bytes(sample)
    if raw is None:
        return text, None
    before = vietnamese_score(sample)
    best_name, best_score = None, before + max(5.0, 0.2 * abs(before))
    for name, decode in _REPAIRS.items():
        score = vietnamese_score(unicodedata.normalize("NFC", decode(raw)))
        if score > best_score:
            best_name, best_score = name, score
    if best_name is None:
        return text, None
    full = _as_bytes(text)
    if full is None:
        return text, None
    return _REPAIRS[best_name](full), best_name
