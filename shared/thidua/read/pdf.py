"""PDF: the text layer page by page (pdfplumber), OCR for pages that have none.

Pages are opened one at a time and closed after use, so memory follows one
page, not the document. The page count, the OCR page count and the time are
bounded by `Limits`; past the deadline the pages read so far are kept.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

from thidua.read.base import Limits, ReadError, ReadResult

# A page with less text than this and an image on it is taken for a scan.
_MIN_PAGE_CHARS = 25
_CID_RE = re.compile(r"\(cid:\d+\)")
_GENERIC_TITLE = re.compile(r"^(?:untitled|microsoft word|document\d*|\S+\.(?:docx?|pdf|odt))", re.I)


def _text_of(page: Any) -> str:
    text = page.extract_text() or ""
    # Fonts without a Unicode map come out as "(cid:123)": that layer is unusable.
    if len(_CID_RE.findall(text)) > 5:
        return ""
    return text


def unwrap_lines(text: str) -> str:
    """Join the lines of a paragraph that the page layout broke: a line that fills the
    width, or is followed by a lower-case continuation, and does not end a sentence."""
    lines = [line.rstrip() for line in text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line.strip():
            previous = out[-1]
            full = len(previous) >= 0.75 * width
            continues = line.lstrip()[:1].islower()
            ends_sentence = previous.endswith((".", "!", "?", "…"))
            if not ends_sentence and (continues or (full and not previous.endswith((":", ";")))):
                out[-1] = f"{previous} {line.strip()}"
                continue
        out.append(line)
    return "\n".join(out)


def _has_images(page: Any) -> bool:
    try:
        return bool(page.images)
    except Exception:  # a broken image dictionary still means "there is an image"
        return True


def _render_png(data: bytes, index: int, resolution: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[index]
        try:
            image = page.render(scale=resolution / 72, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _title(pdf: Any) -> str | None:
    """The document's own title, unless it is a placeholder such as "Microsoft Word - x.doc".
    Its creation date is not used: a scan's date says nothing about the minutes' date."""
    info = pdf.metadata or {}
    title = info.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "ignore")
    # A title without spaces is a file name ("bien-ban-2022"), not a title.
    if not isinstance(title, str) or " " not in title.strip() or _GENERIC_TITLE.match(title.strip()):
        return None
    return title.strip()


def _page_count(pdf: Any) -> int | None:
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count)
    except Exception:
        return None


def _pages(pdf: Any) -> Iterator[Any]:
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    for i, page_obj in enumerate(PDFPage.create_pages(pdf.doc)):
        page = Page(pdf, page_obj, page_number=i + 1, initial_doctop=doctop)
        doctop += float(page.height)
        yield page


def read_pdf(data: bytes, limits: Limits, deadline: float | None = None) -> ReadResult:
    """Text of each page; scanned pages through OCR; raises `ReadError` on a bad file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from thidua.read.ocr import ocr_available, ocr_image

    deadline = deadline if deadline is not None else time.monotonic() + limits.max_seconds
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise ReadError("encrypted", "the pdf is password protected") from exc
    except Exception as exc:
        raise ReadError("corrupt", f"not a readable pdf: {type(exc).__name__}: {exc}"[:300]) from exc
    texts: list[str] = []
    warnings: list[str] = []
    ocr_pages = 0
    scanned_skipped = 0
    pages_read = 0
    try:
        title = _title(pdf)
        total = _page_count(pdf)
        if total is not None and total > limits.max_pages:
            warnings.append(f"only the first {limits.max_pages} of {total} pages were read")
        for index, page in enumerate(_pages(pdf)):
            if index >= limits.max_pages:
                break
            if time.monotonic() > deadline:
                warnings.append(f"time limit reached after {index} pages")
                break
            try:
                text = _text_of(page)
                scanned = len(text.strip()) < _MIN_PAGE_CHARS and _has_images(page)
            finally:
                page.close()
            pages_read += 1
            if scanned:
                problem = ocr_available()
                if problem or ocr_pages >= limits.max_ocr_pages:
                    scanned_skipped += 1
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 1:
                    warnings.append(f"time limit reached before OCR of page {index + 1}")
                    break
                png = _render_png(data, index, limits.ocr_resolution)
                text = ocr_image(png, min(limits.ocr_page_seconds, remaining))
                ocr_pages += 1
            texts.append(unwrap_lines(text))
    except ReadError:
        raise
    except Exception as exc:
        if isinstance(exc, MemoryError) or "allocate" in str(exc).lower():
            raise ReadError("too_large", "the pdf inflates beyond the memory limit") from exc
        if not texts:
            raise ReadError("corrupt", f"pdf parsing failed: {type(exc).__name__}: {exc}"[:300]) from exc
        warnings.append(f"stopped at a damaged page: {type(exc).__name__}")
    finally:
        pdf.close()
    if scanned_skipped:
        problem = ocr_available()
        reason = problem or f"OCR is limited to {limits.max_ocr_pages} pages"
        warnings.append(f"{scanned_skipped} scanned page(s) not read: {reason}")
        if not any(t.strip() for t in texts):
            code = "ocr_unavailable" if problem else "no_text"
            raise ReadError(code, f"the pdf is scanned and {reason}")
    if not texts and any("time limit" in w for w in warnings):
        raise ReadError("timeout", "no page could be read in time")
    # Pages join with a blank line so a sentence never runs across a page break unseen.
    return ReadResult(
        text="\n\n".join(texts), format="pdf", title=title, pages=pages_read,
        ocr_pages=ocr_pages, warnings=warnings,
    )

