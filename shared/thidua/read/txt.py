"""Plain text in any encoding Vietnamese files come in, including saved web pages."""

from __future__ import annotations

import re

from thidua.read.base import Limits, ReadError, ReadResult
from thidua.read.encodings import decode_text, utf16_guess

_URL_LINE = re.compile(r"\A\s*(?:URL|Nguồn|Source)\s*:\s*(https?://\S+)\s*\n", re.IGNORECASE)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the head: not a text file (UTF-16 is handled before)."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return b"\x00" in head or controls > max(8, len(head) // 100)


def _mostly_text(text: str) -> bool:
    """Vietnamese text is Latin letters, digits, punctuation and spaces; decoded junk is not."""
    sample = text[:20000]
    if not sample:
        return True
    good = sum(
        1
        for ch in sample
        if (" " <= ch <= "~") or ch in "\n\r\t" or "\u00a0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"
        or "\u2000" <= ch <= "\u206f" or "\u0300" <= ch <= "\u036f"
    )
    return good >= 0.85 * len(sample)


def read_txt(data: bytes, limits: Limits) -> ReadResult:
    """Decode a text file (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) into Unicode."""
    if utf16_guess(data) is None and _looks_binary(data):
        raise ReadError("corrupt", "binary data, not text")
    try:
        decoded = decode_text(data, limits.max_text_chars)
    except UnicodeError as exc:
        raise ReadError("corrupt", f"not readable as text: {exc}") from exc
    text = decoded.text
    if not _mostly_text(text):
        raise ReadError("corrupt", "binary data, not text")
    warnings: list[str] = []
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        warnings.append(f"text cut at {limits.max_text_chars} characters")
    url = None
    match = _URL_LINE.match(text)
    if match:
        # Saved pages often start with their address; it is metadata, not article text.
        url = match.group(1)
        text = text[match.end() :]
    return ReadResult(text=text, format="txt", encoding=decoded.encoding, url=url, warnings=warnings)
