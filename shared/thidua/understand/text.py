"""Text normalisation shared by every stage: NFC, one tone-mark style, accent folding."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoà", "uỷ") rewritten to the style most current
# official texts use ("hòa", "ủy"). Applied on whole syllables only.
_OLD_TO_NEW_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# "qu" is a consonant, so "quý" is already new style; a following letter means
# the mark is on the right vowel in both styles ("hoàn").
_TONE_RE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![^\W\d_])")


def _move_tone(match: re.Match[str]) -> str:
    vowel, marked = match.group(1), match.group(2)
    key = (vowel.lower() + marked.lower())
    replacement = _OLD_TO_NEW_TONE.get(key)
    if replacement is None:
        return match.group(0)
    new = replacement
    if vowel.isupper():
        new = new[0].upper() + (new[1].upper() if marked.isupper() else new[1])
    elif marked.isupper():
        new = new[0] + new[1].upper()
    return new


def normalize_tone_marks(text: str) -> str:
    """Rewrite old tone placement at the end of a syllable ("hoà" → "hòa", "Uỷ" → "Ủy")."""
    return _TONE_RE.sub(_move_tone, text)


def clean_text(text: str) -> str:
    """NFC, one tone-mark style, no zero-width or control characters, tidy whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = normalize_tone_marks(text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics ("Sở Nội vụ" → "So Noi vu")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Accent-folded, lower-case, punctuation-free form used for matching and search keys."""
    text = strip_diacritics(normalize_tone_marks(unicodedata.normalize("NFC", text))).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """A stable id fragment: folded words joined by hyphens."""
    return "-".join(fold(text).split())


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """The text's lines (without their newline), each with the offset where it starts."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
