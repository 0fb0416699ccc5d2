"""Word documents (.docx): paragraphs and tables in document order.

A .docx is a zip archive, so it is checked before parsing: number of entries,
total uncompressed size and compression ratio (a zip bomb is a few kilobytes
that inflate to gigabytes). The sizes checked are the ones the archive
declares; Python's zip reader never inflates an entry past its declared size.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from thidua.read.base import Limits, ReadError, ReadResult

# Small entries compress extremely well (an XML stub of zeros); only large ones can bomb.
_RATIO_MIN_BYTES = 1024 * 1024


def check_zip(data: bytes, limits: Limits) -> None:
    """Raise `ReadError` (`zip_bomb`, `corrupt`) for an archive unsafe or unfit to open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("corrupt", f"not a readable zip archive: {exc}") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_zip_entries:
            raise ReadError(
                "zip_bomb", f"{len(entries)} entries in the archive (limit {limits.max_zip_entries})"
            )
        total = 0
        for info in entries:
            total += info.file_size
            if total > limits.max_unzipped_bytes:
                raise ReadError(
                    "zip_bomb", f"over {limits.max_unzipped_bytes} bytes once uncompressed"
                )
            if info.file_size > _RATIO_MIN_BYTES:
                ratio = info.file_size / max(1, info.compress_size)
                if ratio > limits.max_compression_ratio:
                    raise ReadError(
                        "zip_bomb", f"'{info.filename}' inflates {ratio:.0f} times (limit "
                        f"{limits.max_compression_ratio:.0f})"
                    )
        names = {info.filename for info in entries}
        if "word/document.xml" not in names:
            raise ReadError("corrupt", "a zip archive without word/document.xml is not a Word document")


def _table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is returned once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def read_docx(data: bytes, limits: Limits) -> ReadResult:
    """Paragraphs and table rows (cells joined by " | ") of a Word document."""
    check_zip(data, limits)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        message = f"not a readable Word document: {type(exc).__name__}: {exc}"
        raise ReadError("corrupt", message[:300]) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append("")
            lines.extend(_table_lines(block))
            lines.append("")
        else:
            lines.append(block.text)
    title = (document.core_properties.title or "").strip() or None
    return ReadResult(text="\n".join(lines), format="docx", title=title)
