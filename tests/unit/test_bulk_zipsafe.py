"""Zip archives are opened safely: bounded entries, sizes and ratios; unsafe names and links refused."""

from __future__ import annotations

import io
import random
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from thidua.bulk import zipsafe
from thidua.bulk.zipsafe import ZipLimits, ZipRefused


def _zip(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _open(data: bytes, limits: ZipLimits | None = None) -> zipfile.ZipFile:
    return zipsafe.open_archive(io.BytesIO(data), limits=limits or ZipLimits(), size=len(data))


def _refusals(data: bytes, limits: ZipLimits | None = None) -> dict[str, str | None]:
    limits = limits or ZipLimits()
    with _open(data, limits) as archive:
        return {
            e.name: (e.refused.reason if e.refused else None)
            for e in zipsafe.entries(archive, limits=limits)
        }


def test_plain_entries_are_listed_in_name_order_and_read() -> None:
    data = _zip({"b/2.txt": b"hai", "a/1.txt": b"mot", "a/": b""})
    limits = ZipLimits()
    with _open(data) as archive:
        entries = list(zipsafe.entries(archive, limits=limits))
        assert [e.name for e in entries] == ["a/1.txt", "b/2.txt"]  # the folder entry is left out
        assert zipsafe.read_entry(archive, entries[0], max_bytes=100) == b"mot"


def test_traversal_absolute_and_drive_names_are_refused() -> None:
    data = _zip(
        {
            "../../etc/passwd": b"x",
            "/abs/path.txt": b"x",
            "C:\\Windows\\evil.txt": b"x",
            "ok/..\\..\\back.txt": b"x",
            "fine/doc.txt": b"x",
        }
    )
    assert _refusals(data) == {
        "../../etc/passwd": "unsafe_path",
        "/abs/path.txt": "unsafe_path",
        "C:\\Windows\\evil.txt": "unsafe_path",
        "ok/..\\..\\back.txt": "unsafe_path",
        "fine/doc.txt": None,
    }


def test_unsafe_name_rules() -> None:
    assert zipsafe.unsafe_name("a/b/c.txt") is None
    assert zipsafe.unsafe_name("a/../../b.txt") == "'..' in the path"
    assert zipsafe.unsafe_name("/etc/x") == "absolute path"
    assert zipsafe.unsafe_name("\\\\server\\share\\x") == "absolute path"
    assert zipsafe.unsafe_name("D:x.txt") == "absolute path"
    assert zipsafe.unsafe_name("bad\x00name") is not None


def test_symlink_entries_are_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        link = zipfile.ZipInfo("docs/link.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("docs/real.txt", "nội dung")
    assert _refusals(buf.getvalue()) == {"docs/link.txt": "unsafe_path", "docs/real.txt": None}


def test_too_many_entries_refuses_the_archive() -> None:
    data = _zip({f"d/{i}.txt": b"x" for i in range(12)})
    with pytest.raises(ZipRefused) as exc:
        _open(data, ZipLimits(max_entries=10))
    assert exc.value.reason == "zip_bomb" and "12 entries" in exc.value.message


def test_total_size_limit_refuses_the_archive() -> None:
    data = _zip({"a.txt": b"a" * 5000, "b.txt": b"b" * 5000})
    with pytest.raises(ZipRefused) as exc:
        _open(data, ZipLimits(max_total_bytes=8000))
    assert exc.value.reason == "zip_bomb"


def test_a_highly_compressed_entry_is_a_bomb_but_its_neighbours_are_fine() -> None:
    bomb = b"\0" * (4 * 1024 * 1024)  # deflates about 1000:1
    text = "Hội nghị tổng kết công tác thi đua. ".encode() * 50
    data = _zip({"bomb.txt": bomb, "doc.txt": text})
    # The whole archive's ratio is checked too: loosen it to see the per-entry check.
    limits = ZipLimits(ratio_floor_bytes=1024 * 1024)
    with pytest.raises(ZipRefused) as whole:
        _open(data, limits)
    assert whole.value.reason == "zip_bomb"
    # Next to incompressible data the archive as a whole passes, and only the bomb entry is refused.
    noise = random.Random(1).randbytes(200_000)
    refusals = _refusals(_zip({"bomb.txt": bomb, "noise.bin": noise}), limits)
    assert refusals == {"bomb.txt": "zip_bomb", "noise.bin": None}


def test_small_entries_may_compress_well() -> None:
    data = _zip({"repetitive.txt": b"thi dua " * 10_000})  # 80 KB, ratio far over 100
    assert _refusals(data) == {"repetitive.txt": None}


def test_entry_over_the_document_limit_is_too_large() -> None:
    data = _zip({"big.txt": bytes(range(256)) * 100})
    assert _refusals(data, ZipLimits(max_entry_bytes=1000)) == {"big.txt": "too_large"}


def test_read_entry_never_returns_more_than_asked() -> None:
    data = _zip({"a.txt": b"x" * 5000})
    with _open(data) as archive:
        (entry,) = zipsafe.entries(archive, limits=ZipLimits())
        with pytest.raises(ZipRefused) as exc:
            zipsafe.read_entry(archive, entry, max_bytes=100)
    assert exc.value.reason == "too_large"


def _set_flag(data: bytes, name: str, bit: int) -> bytes:
    """Set a general-purpose flag bit of `name` in its local and central headers (zipfile won't)."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, flag_at, name_len_at, name_at in (
        (b"PK\x03\x04", 6, 26, 30),
        (b"PK\x01\x02", 8, 28, 46),
    ):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", raw, start + name_len_at)
            if raw[start + name_at : start + name_at + length] == encoded:
                (flags,) = struct.unpack_from("<H", raw, start + flag_at)
                struct.pack_into("<H", raw, start + flag_at, flags | bit)
            start += 4
    return bytes(raw)


def test_encrypted_and_duplicate_entries() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("secret.txt", b"x")
        archive.writestr("same.txt", b"first")
        with pytest.warns(UserWarning):  # zipfile warns about the duplicate name
            archive.writestr("same.txt", b"second")
    data = _set_flag(buf.getvalue(), "secret.txt", 0x1)
    limits = ZipLimits()
    with _open(data) as archive:
        entries = list(zipsafe.entries(archive, limits=limits))
    reasons = [(e.name, e.refused.reason if e.refused else None) for e in entries]
    assert ("secret.txt", "encrypted") in reasons
    assert [r for n, r in reasons if n == "same.txt"] == [None, "duplicate_entry"]


def test_nesting_depth_is_bounded() -> None:
    inner = _zip({"doc.txt": b"noi dung"})
    middle = _zip({"inner.zip": inner})
    limits = ZipLimits(max_depth=2)
    assert _refusals(middle, limits) == {"inner.zip": None}  # depth 2 is allowed
    with _open(middle, limits) as archive:
        (entry,) = zipsafe.entries(archive, limits=limits)
        nested = zipsafe.open_nested(zipsafe.read_entry(archive, entry, max_bytes=10**6), limits=limits)
        with nested:
            assert [e.refused for e in zipsafe.entries(nested, limits=limits, depth=2)] == [None]
            # An archive inside the inner one would be depth 3.
    deeper = _zip({"inner.zip": inner})
    with zipsafe.open_nested(deeper, limits=limits) as archive:
        (entry,) = zipsafe.entries(archive, limits=limits, depth=2)
        assert entry.refused is not None and entry.refused.reason == "nested_too_deep"


def test_corrupt_archive_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ZipRefused) as exc:
        zipsafe.open_archive(str(path), limits=ZipLimits())
    assert exc.value.reason == "corrupt"


def test_utf8_names_without_the_flag_are_decoded() -> None:
    # 7-Zip and macOS write UTF-8 names without setting flag 0x800; Python then decodes them as cp437.
    info = zipfile.ZipInfo("biên bản.txt".encode().decode("cp437"))
    assert info.flag_bits & 0x800 == 0
    assert zipsafe.entry_name(info) == "biên bản.txt"
    flagged = zipfile.ZipInfo("╬ô.txt")  # a real cp437 name stays as it is when flagged UTF-8
    flagged.flag_bits |= 0x800
    assert zipsafe.entry_name(flagged) == "╬ô.txt"
