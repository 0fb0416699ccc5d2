"""The reader contract shared by every format, and the dispatcher `read_document`.

Reason codes of `ReadError` (stable, stored with a failed document):
`unsupported_type`, `empty`, `too_large`, `corrupt`, `encrypted`, `no_text`,
`timeout`, `zip_bomb`, `ocr_unavailable`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from thidua.understand.text import clean_text, fold

SUPPORTED_FORMATS = ("txt", "html", "pdf", "docx")
_TEXT_SUFFIXES = ("txt", "text", "md", "")
_HTML_SUFFIXES = ("htm", "html", "xhtml", "shtml")


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
    max_zip_entries: int = 2000
    ocr_page_seconds: float = 60.0
    ocr_resolution: int = 300
    # Extra address space a parser may take on top of what the process already maps.
    max_memory_bytes: int = 1024 * 1024 * 1024
    # Run pdf/docx/html parsers in a forked child that is killed at the deadline.
    isolate: bool = True


class ReadError(Exception):
    """A document that cannot be read; `reason` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (ReadError, (self.reason, self.message))


@dataclass
class ReadResult:
    text: str
    format: str
    title: str | None = None
    published: dt.date | None = None
    pages: int | None = None
    ocr_pages: int = 0
    warnings: list[str] = field(default_factory=list)
    url: str | None = None
    encoding: str | None = None


_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls): save it as .docx"),
    (b"{\\rtf", "an RTF file: save it as .docx"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"II*\x00", "an image"),
    (b"MM\x00*", "an image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a rar archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html|<head|<\?xml[^>]*>\s*<html)", re.I
)


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def detect_format(filename: str, data: bytes) -> str:
    """Format from the file's leading bytes, then its suffix; raise `ReadError` for others."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == "docx" or _is_docx_zip(data):
            return "docx"
        raise ReadError("unsupported_type", "a zip archive that is not a Word document")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReadError("unsupported_type", f"'{filename}' is {what}")
    if suffix == "pdf":
        raise ReadError("corrupt", "not a pdf file (no %PDF header)")
    if suffix == "docx":
        raise ReadError("corrupt", "not a Word document (not a zip archive)")
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES:
        return "html" if _HTML_START.match(data[:2048]) else "txt"
    raise ReadError("unsupported_type", f"'.{suffix}' files are not supported (txt, html, pdf, docx)")


def _read_format(fmt: str, data: bytes, limits: Limits, deadline: float) -> ReadResult:
    if fmt == "txt":
        from thidua.read.txt import read_txt

        return read_txt(data, limits)
    if fmt == "html":
        from thidua.read.html import read_html

        return read_html(data, limits)
    if fmt == "pdf":
        from thidua.read.pdf import read_pdf

        return read_pdf(data, limits, deadline)
    from thidua.read.docx import read_docx

    return read_docx(data, limits)


def _preload(fmt: str) -> None:
    """Import the parser in this process, so each forked child has it without importing."""
    import importlib

    for module in _PARSER_MODULES.get(fmt, ()):
        importlib.import_module(module)


# A small page parses in milliseconds; forking (~10 ms) pays off only for big ones.
_HTML_ISOLATE_BYTES = 1024 * 1024

_PARSER_MODULES = {
    "html": ("trafilatura", "thidua.read.html"),
    "pdf": ("pdfplumber", "pypdfium2", "thidua.read.pdf", "thidua.read.ocr"),
    "docx": ("docx", "thidua.read.docx"),
}


def read_document(data: bytes, filename: str, limits: Limits | None = None) -> ReadResult:
    """Read bytes of a supported format into clean NFC text plus metadata, or raise `ReadError`."""
    from thidua.read.encodings import repair_legacy_text
    from thidua.read.noise import strip_noise

    limits = limits or Limits()
    if not data or not data.strip():
        raise ReadError("empty", "the file is empty")
    if len(data) > limits.max_bytes:
        raise ReadError("too_large", f"{len(data)} bytes is over the limit of {limits.max_bytes}")
    fmt = detect_format(filename, data)
    deadline = time.monotonic() + limits.max_seconds
    if limits.isolate and (fmt in ("pdf", "docx") or (fmt == "html" and len(data) > _HTML_ISOLATE_BYTES)):
        from thidua.read.isolate import run_isolated

        _preload(fmt)

        result = run_isolated(_read_format, (fmt, data, limits, deadline), limits)
    else:
        result = _read_format(fmt, data, limits, deadline)
    repaired, how = repair_legacy_text(result.text[: limits.max_text_chars])
    if how:
        result.text = repaired
        result.warnings.append(f"text was in a legacy form ({how}) and was converted to Unicode")
    text = clean_text(result.text[: limits.max_text_chars])
    # Web furniture comes with pages (and pages printed to pdf); a Word table row
    # "Sở Nội vụ | Khối trưởng | Thành viên" must not be mistaken for a menu.
    result.text = text if fmt == "docx" else strip_noise(text)
    if result.title:
        result.title = clean_text(result.title) or None
    if not result.title:
        result.title = _first_line_title(result.text)
    if not result.text.strip():
        raise ReadError("no_text", "no readable text in the document")
    return result


def read_path(path: Path, limits: Limits | None = None) -> ReadResult:
    """`read_document` for a file on disk, refusing an oversized file before reading it."""
    limits = limits or Limits()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ReadError("too_large", f"{size} bytes is over the limit of {limits.max_bytes}")
    return read_document(path.read_bytes(), path.name, limits)


_DATELINE = re.compile(r"^[\W\d_]*$|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b\d{1,2}:\d{2}\b")
_LETTERHEAD = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")


def _first_line_title(text: str) -> str | None:
    """A headline-like first line: short, not a bare date, not a sentence."""
    for line in text.split("\n")[:5]:
        line = line.strip()
        if not line or _DATELINE.search(line) or fold(line) in _LETTERHEAD:
            continue
        if len(line) <= 200 and not line.endswith((".", ",", ";")):
            return line
        return None
    return None
