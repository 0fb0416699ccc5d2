"""Bad input gives a clear `ReadError` with a reason code, in bounded time and memory.

Bombs are built here in tmp_path or memory, never committed. The hang guards are
pytest-timeout marks, not timing assertions.
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from thidua.read import Limits, ReadError, ReadResult, read_document, read_path
from thidua.read.isolate import run_isolated

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"


def reason_of(data: bytes, filename: str, limits: Limits | None = None) -> str:
    with pytest.raises(ReadError) as err:
        read_document(data, filename, limits)
    assert err.value.message
    return err.value.reason


# ------------------------------------------------------------------ hand-built pdf files
def build_pdf(objects: list[bytes]) -> bytes:
    """A pdf whose object N (1-based) is objects[N-1]; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def blank_pdf(pages: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    return build_pdf(objects)


def many_pages_pdf(pages: int) -> bytes:
    """`pages` small pages sharing one text content stream."""
    content = b"BT /F1 12 Tf 20 100 Td (Khoi thi dua trang so mot) Tj ET"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *([page] * pages),
    ])


def inflation_bomb_pdf(inflated_mb: int) -> bytes:
    """One page whose content stream is ~1/1000 of its inflated size."""
    compressor = zlib.compressobj(6)
    chunk = b"0 0 m " * (1024 * 1024 // 6)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ])


# ------------------------------------------------------------------ empty, junk, size, type
@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf"])
def test_empty(data: bytes) -> None:
    assert reason_of(data, "a.txt") in ("empty", "no_text")


def test_binary_junk_named_txt() -> None:
    junk = random.Random(1).randbytes(200_000)
    assert reason_of(junk, "junk.txt") == "corrupt"


def test_binary_junk_without_nul_bytes() -> None:
    rng = random.Random(2)
    junk = bytes(rng.choice(range(1, 32)) for _ in range(50_000))
    assert reason_of(junk, "junk.txt") == "corrupt"


@pytest.mark.timeout(60)
def test_fifty_megabyte_text_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    with pytest.raises(ReadError) as err:
        read_path(big)
    assert err.value.reason == "too_large"
    data = ("Khối thi đua ký kết giao ước. " * 1_800_000).encode()
    assert len(data) > 50_000_000
    assert reason_of(data, "big.txt") == "too_large"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "setup.exe"),
        (b"MZ\x90\x00" + b"\x00" * 200, "disguised.txt"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "tool.txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "bien-ban.doc"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "scan.png"),
        (b"plain words", "notes.xyz"),
    ],
)
def test_unsupported_types(data: bytes, name: str) -> None:
    assert reason_of(data, name) == "unsupported_type"


def test_zip_that_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    assert reason_of(buffer.getvalue(), "archive.zip") == "unsupported_type"
    assert reason_of(buffer.getvalue(), "fake.docx") == "corrupt"


# ------------------------------------------------------------------ pdf
def test_corrupt_pdf() -> None:
    assert reason_of(b"%PDF-1.7\n" + random.Random(3).randbytes(5000), "broken.pdf") == "corrupt"
    truncated = (FIXTURES / "text.pdf").read_bytes()[:600]
    assert reason_of(truncated, "truncated.pdf") in ("corrupt", "no_text")
    assert reason_of(b"this is not a pdf at all", "fake.pdf") == "corrupt"


def test_blank_pdf_has_no_text() -> None:
    assert reason_of(blank_pdf(2), "blank.pdf") == "no_text"


@pytest.mark.timeout(120)
def test_page_count_bomb_reads_only_the_page_limit() -> None:
    result = read_document(many_pages_pdf(3000), "many.pdf", Limits(max_pages=3))
    assert result.pages == 3
    assert result.text.count("Khoi thi dua trang so mot") == 3
    assert any("3 of 3000 pages" in w for w in result.warnings)


@pytest.mark.timeout(120)
def test_pdf_inflation_bomb_hits_the_memory_cap() -> None:
    bomb = inflation_bomb_pdf(400)
    assert len(bomb) < 1_000_000
    limits = Limits(max_memory_bytes=200 * 1024 * 1024, max_seconds=60)
    assert reason_of(bomb, "bomb.pdf", limits) in ("too_large", "timeout")


@pytest.mark.timeout(120)
def test_pdf_that_parses_too_long_times_out() -> None:
    assert reason_of(inflation_bomb_pdf(150), "slow.pdf", Limits(max_seconds=2)) == "timeout"


# ------------------------------------------------------------------ docx
def docx_with(extra: dict[str, bytes], document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if document:
            archive.writestr("word/document.xml", "<w:document/>")
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_zeros_entry(buffer: io.BytesIO, name: str, megabytes: int) -> None:
    block = b"\x00" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as entry,
    ):
        for _ in range(megabytes):
            entry.write(block)


@pytest.mark.timeout(120)
def test_docx_zip_bomb_by_ratio() -> None:
    buffer = io.BytesIO(docx_with({}))
    write_zeros_entry(buffer, "word/media/image1.bin", 50)
    assert len(buffer.getvalue()) < 1_000_000
    assert reason_of(buffer.getvalue(), "bomb.docx") == "zip_bomb"


@pytest.mark.timeout(120)
def test_docx_zip_bomb_by_total_size() -> None:
    rng = random.Random(4)
    entries = {f"word/media/p{i}.bin": rng.randbytes(300_000) for i in range(5)}
    data = docx_with(entries)
    assert reason_of(data, "big.docx", Limits(max_unzipped_bytes=1_000_000)) == "zip_bomb"


def test_docx_zip_bomb_by_entry_count() -> None:
    data = docx_with({f"word/x{i}.xml": b"<a/>" for i in range(2100)})
    assert reason_of(data, "many.docx") == "zip_bomb"


def test_corrupt_docx() -> None:
    good = (FIXTURES / "table.docx").read_bytes()
    assert reason_of(good[: len(good) // 2], "half.docx") == "corrupt"
    assert reason_of(b"PK\x03\x04" + random.Random(5).randbytes(3000), "junk.docx") == "corrupt"
    broken_xml = docx_with({"[Content_Types].xml": b"<Types/>"}, document=False)
    assert reason_of(broken_xml, "nodoc.docx") == "corrupt"


# ------------------------------------------------------------------ the isolation itself
def _sleeps(seconds: float) -> ReadResult:
    time.sleep(seconds)
    return ReadResult(text="late", format="txt")


def _dies() -> ReadResult:
    os._exit(3)


def _eats_memory() -> ReadResult:
    hoard = [bytearray(50 * 1024 * 1024) for _ in range(100)]
    return ReadResult(text=str(len(hoard)), format="txt")


def _refuses() -> ReadResult:
    raise ReadError("encrypted", "password protected")


@pytest.mark.timeout(60)
def test_isolated_parser_is_killed_at_the_deadline() -> None:
    with pytest.raises(ReadError) as err:
        run_isolated(_sleeps, (600,), Limits(max_seconds=0.5))
    assert err.value.reason == "timeout"


def test_isolated_parser_crash_is_corrupt() -> None:
    with pytest.raises(ReadError) as err:
        run_isolated(_dies, (), Limits())
    assert err.value.reason == "corrupt"


@pytest.mark.timeout(60)
def test_isolated_parser_memory_is_capped() -> None:
    with pytest.raises(ReadError) as err:
        run_isolated(_eats_memory, (), Limits(max_memory_bytes=300 * 1024 * 1024))
    assert err.value.reason == "too_large"


def test_isolated_parser_errors_keep_their_reason() -> None:
    with pytest.raises(ReadError) as err:
        run_isolated(_refuses, (), Limits())
    assert (err.value.reason, err.value.message) == ("encrypted", "password protected")


def test_isolated_result_comes_back() -> None:
    assert run_isolated(_sleeps, (0,), Limits()).text == "late"
