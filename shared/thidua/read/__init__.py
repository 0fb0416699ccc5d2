"""Read a document: bytes in, clean NFC text plus metadata out.

`read_document(data, filename, limits)` returns a `ReadResult` (text, format,
title, published, pages, ocr_pages, warnings, url, encoding) or raises
`ReadError(reason, message)`.

- txt: UTF-8 (with or without BOM), UTF-16, Windows-1258, TCVN3 (ABC) and VNI,
  told apart by how Vietnamese each decoding reads (`encodings`, `legacy`);
- html: main text (boilerplate pruned, then trafilatura without comments); title
  and date from meta tags and structured data (`html`);
- pdf: text layer page by page, OCR (tesseract, `vie`) for scanned pages (`pdf`, `ocr`);
- docx: paragraphs and table rows, after zip-bomb checks (`docx`).

Every format then goes through NFC and one tone-mark style, a repair of text
set in legacy fonts, and (except docx) the web-furniture filter (`noise`).
pdf, docx and large html pages are parsed in a forked child with a deadline
and a memory cap (`isolate`). Reason codes: see `base`.
"""

from thidua.read.base import Limits, ReadError, ReadResult, detect_format, read_document, read_path

__all__ = ["Limits", "ReadError", "ReadResult", "detect_format", "read_document", "read_path"]
