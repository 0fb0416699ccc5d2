"""The reader contract shared by every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath

from thidua.understand.text import clean_text

SUPPORTED_FORMATS = ("txt", "html", "pdf", "docx")


@dataclass(frozen=True)
class Limits:
    """Bounds every reader respects, so no input can hang or exhaust a worker."""

    max_bytes: int = 25 * 1024 * 1024
    max_text_chars: int = 2_000_000
    max_pages: int = 300
    max_seconds: float = 120.0
    max_ocr_pages: int = 30
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_compression_ratio: float = 100.0


class ReadError(Exception):
    """A document that cannot be read; `reason` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass
class ReadResult:
    text: str
    format: str
    title: str | None = None
    published: dt.date | None = None
    pages: int | None = None
    ocr_pages: int = 0
    warnings: list[str] = field(default_factory=list)


def detect_format(filename: str, data: bytes) -> str:
    """Format from the file's suffix, confirmed or corrected by its leading bytes."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if data.startswith(b"%PDF"):
        return "pdf"
    if suffix in ("htm", "html", "xhtml"):
        return "html"
    if suffix == "docx":
        return "docx"
    if suffix in ("txt", "text", "md", ""):
        return "txt"
    if suffix == "pdf":
        return "pdf"
    raise ReadError("unsupported_type", f"'.{suffix}' files are not supported (txt, html, pdf, docx)")


def read_document(data: bytes, filename: str, limits: Limits | None = None) -> ReadResult:
    """Read bytes of a supported format into clean text, or raise `ReadError`."""
    limits = limits or Limits()
    if not data:
        raise ReadError("empty", "the file is empty")
    if len(data) > limits.max_bytes:
        raise ReadError("too_large", f"{len(data)} bytes is over the limit of {limits.max_bytes}")
    fmt = detect_format(filename, data)
    if fmt == "txt":
        from thidua.read.txt import read_txt

        result = read_txt(data, limits)
    elif fmt == "html":
        from thidua.read.html import read_html

        result = read_html(data, limits)
    elif fmt == "pdf":
        from thidua.read.pdf import read_pdf

        result = read_pdf(data, limits)
    else:
        from thidua.read.docx import read_docx

        result = read_docx(data, limits)
    result.text = clean_text(result.text)[: limits.max_text_chars]
    if not result.text.strip():
        raise ReadError("no_text", "no readable text in the document")
    return result
