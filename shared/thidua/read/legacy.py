"""Legacy Vietnamese 8-bit font encodings: TCVN3 (ABC, TCVN 5712:1993 VN3) and VNI-Windows.

Both predate Unicode and were used with special fonts (.VnTime, VNI-Times), so a
file saved from such a document is plain bytes that any Unicode-aware tool shows
as "Céng hoµ" (TCVN3) or "Coäng hoøa" (VNI). The tables are written from the
published encoding definitions.

TCVN3 is one byte per letter: ASCII plus precomposed letters in 0xA1-0xFF. Its
"VN3" subset, which the ABC fonts and nearly all archived files use, has only
lower-case toned letters; capitals came from a second font (.VnTimeH) drawing
the same bytes as capitals, so a file keeps no trace of the case of a toned
capital. The full standard also puts capitals in 0x80-0x9F, where Windows
documents usually have curly quotes and dashes instead (see `decode_tcvn3`).

VNI is a base ASCII letter followed by one "mark" byte from 0xC0-0xFF (the
capital marks for a capital base), plus a few single-byte letters (đ, ơ, ư,
and the toned i and y).
"""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------- TCVN3 (ABC)
_TCVN3_HIGH = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ",
    # 0xB0-0xB4: the stand-alone tone marks.
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ",
    0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ", 0xFF: "Ố",
}
# Capitals of the full standard in 0x80-0x9F (used when the byte sits inside a word).
_TCVN3_C1_LETTERS = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
_TCVN3_C1 = {0x80 + i: ch for i, ch in enumerate(_TCVN3_C1_LETTERS)}

_TCVN3_TRANSLATE = {b: ch for b, ch in _TCVN3_HIGH.items()}
_C1_RE = re.compile("[\x80-\x9f]")


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# Windows-1252 characters of 0x80-0x9F (quotes, dashes), where Latin-1 has controls.
_CP1252_C1 = {b: _cp1252_char(b) for b in range(0x80, 0xA0)}


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _c1(match: re.Match[str]) -> str:
    """0x80-0x9F: a capital of the full standard inside or at the start of a capital word,
    a Windows quote or dash otherwise."""
    text, i = match.string, match.start()
    b = ord(text[i])
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    after2 = text[i + 2] if i + 2 < len(text) else ""
    inside = _is_letter(before) and _is_letter(after)
    # Starting a word in capitals ("ỦY BAN"), not an opening quote before "Dân".
    starts_caps = not _is_letter(before) and after.isupper() and not after2.islower()
    if (inside or starts_caps) and b in _TCVN3_C1:
        return _TCVN3_C1[b]
    return _cp1252_char(b)


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) bytes to Unicode; toned capitals lost by the VN3 font trick are
    restored where the rest of the word is in capitals ("CéNG" → "CỘNG")."""
    text = data.decode("latin-1").translate(_TCVN3_TRANSLATE)
    return _restore_capitals(_C1_RE.sub(_c1, text))


_WORD_RE = re.compile(r"[^\W\d_]+")
# Words with a capital ASCII letter and a non-ASCII letter: the only ones that may need fixing.
_CAPS_CANDIDATE_RE = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]*[A-Z])(?=[^\W\d_]*[^\x00-\x7f])[^\W\d_]+")
# A line with a word of two capitals in a row may be a heading.
_HEADING_HINT_RE = re.compile(r"[A-Z]{2}")


def _restore_capitals(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        ascii_letters = [c for c in word if c.isascii()]
        lower_viet = [c for c in word if not c.isascii() and c.islower()]
        if lower_viet and len(ascii_letters) >= 1 and all(c.isupper() for c in ascii_letters):
            # A single capital that starts the word is ordinary title case ("Céng", "Uỷ").
            if len(ascii_letters) == 1 and word[0] == ascii_letters[0]:
                return word
            return word.upper()
        return word

    text = _CAPS_CANDIDATE_RE.sub(fix, text)
    return "\n".join(
        _restore_line_capitals(line) if _HEADING_HINT_RE.search(line) else line for line in text.split("\n")
    )


def _restore_line_capitals(line: str) -> str:
    """In a heading typed in the capital font, a word such as "Hà" (capital ASCII letter,
    then only toned letters) is a capital word too: "Hà LÂM" → "HÀ LÂM"."""
    words = _WORD_RE.findall(line)
    caps = [w for w in words if w.isupper()]
    ambiguous = [
        w for w in words
        if not w.isupper() and w[0].isupper() and all(c.isupper() or not c.isascii() for c in w[1:])
    ]
    if not ambiguous or len(caps) + len(ambiguous) < len(words) or len(caps) < len(ambiguous):
        return line
    return _WORD_RE.sub(lambda m: m.group(0).upper() if m.group(0) in ambiguous else m.group(0), line)


def encode_tcvn3(text: str) -> bytes:
    """Encode Unicode to TCVN3 VN3 (used to make samples and tests); toned capitals
    with no VN3 code are written with the lower-case code, as the capital font did."""
    reverse = {ch: b for b, ch in _TCVN3_HIGH.items() if len(ch) == 1 and not unicodedata.combining(ch)}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in reverse and (ch.islower() or ch in "ĂÂÊÔƠƯĐ"):
            out.append(reverse[ch])
        elif ch.lower() in reverse:
            out.append(reverse[ch.lower()])
        else:
            out.extend(ch.encode("cp1252", errors="replace"))
    return bytes(out)


# ---------------------------------------------------------------- VNI-Windows
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# Mark bytes, lower-case form (as cp1252 characters) → combining marks.
_VNI_MARKS_LOWER = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# Which marks each base letter may carry (circumflex on a/e/o, breve on a only).
_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}

# Single-byte letters (also the bases ơ, ư that take a following tone mark).
_VNI_SINGLE_LOWER = {
    "ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}
_VNI_SINGLE = {**_VNI_SINGLE_LOWER, **{k.upper(): v.upper() for k, v in _VNI_SINGLE_LOWER.items()}}


def _vni_allowed(base: str, marks: str) -> bool:
    b = base.lower()
    if _BREVE in marks:
        return b == "a"
    if _CIRC in marks:
        return b in "aeo"
    return marks in _TONES and b in "aeouyơư"


_VNI_RE = re.compile(
    "([AEOUYaeouy]|[ÔÖôö])([" + "".join(sorted(_VNI_MARKS)) + "])?|([" + "".join(sorted(_VNI_SINGLE)) + "])"
)


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes to Unicode (NFC)."""
    text = data.decode("latin-1").translate(_CP1252_C1)

    def compose(match: re.Match[str]) -> str:
        base, mark, single = match.group(1), match.group(2), match.group(3)
        if single:
            return _VNI_SINGLE[single]
        letter = _VNI_SINGLE.get(base, base)
        if mark:
            marks = _VNI_MARKS[mark]
            if _vni_allowed(letter, marks):
                return unicodedata.normalize("NFC", letter + marks)
            return letter + mark
        return letter

    return _VNI_RE.sub(compose, text)


def encode_vni(text: str) -> bytes:
    """Encode Unicode to VNI-Windows bytes (for samples and tests)."""
    singles = {v: k for k, v in _VNI_SINGLE.items()}
    # Keyed by the marks in canonical (NFD) order: "ậ" is a + dot below + circumflex.
    marks = {unicodedata.normalize("NFD", "a" + v)[1:]: k for k, v in _VNI_MARKS_LOWER.items()}
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
            continue
        if ch in singles:
            out.append(singles[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, rest = decomposed[0], decomposed[1:]
        if _HORN in rest:
            base = "ơ" if base.lower() == "o" else "ư"
            base = base.upper() if decomposed[0].isupper() else base
            rest = rest.replace(_HORN, "")
            out.append(singles[base])
        else:
            out.append(base)
        if rest:
            mark = marks[rest]
            out.append(mark.upper() if base.isupper() else mark)
    return "".join(out).encode("cp1252")


# ---------------------------------------------------------------- Windows-1258
def encode_cp1258(text: str) -> bytes:
    """Encode Unicode the way Windows-1258 stores Vietnamese: base letters (â, ơ, ư...)
    precomposed, tone marks as separate combining characters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        try:
            (base + tones).encode("cp1258")
            out.append(base + tones)
        except UnicodeEncodeError:
            out.append(ch)
    return "".join(out).encode("cp1258", errors="replace")
