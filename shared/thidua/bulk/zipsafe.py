"""Open zip archives of documents safely: bounded entries, sizes and ratios; no unsafe names.

Nothing is ever extracted to disk: entries are read into memory one at a time, so a
name like `../../etc/passwd` cannot write anywhere; it is still refused, because it
is not a document of the archive and its id would be meaningless. Sizes come from
the central directory and are checked before an entry is inflated; Python's zip
reader never inflates an entry past the size its header declares (and checks the
CRC at the end), so a lying header cannot smuggle in more bytes.

A `.zip` inside an archive is opened too, down to `ZipLimits.max_depth` levels; its
bytes are held in memory, so its size is bounded by `max_nested_bytes`.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

ARCHIVE_SUFFIXES = (".zip",)
# Entries that are archive-tool litter, not documents (macOS resource forks, Windows thumbnails).
_LITTER_DIRS = ("__MACOSX",)
_LITTER_NAMES = ("thumbs.db", "desktop.ini")


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may hold before we refuse it (or one of its entries)."""

    max_entries: int = 100_000
    max_total_bytes: int = 8 * 1024**3  # declared uncompressed size of all entries
    max_entry_bytes: int = 25 * 1024 * 1024  # matches thidua.read.Limits.max_bytes
    max_ratio: float = 100.0  # uncompressed / compressed, per entry and for the whole archive
    ratio_floor_bytes: int = 1024 * 1024  # small entries may compress well without being bombs
    max_depth: int = 2  # an archive inside an archive, no deeper
    max_nested_bytes: int = 256 * 1024 * 1024  # an inner archive is held in memory


class ZipRefused(Exception):
    """An archive or entry we will not open; `reason` is a stable code stored with the failure."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[ZipRefused], tuple[str, str]]:
        return (ZipRefused, (self.reason, self.message))


@dataclass(frozen=True)
class Entry:
    """A file entry of an archive: its (decoded) name, sizes, and why it is refused, if it is."""

    name: str
    info: zipfile.ZipInfo
    size: int
    compressed: int
    refused: ZipRefused | None = None

    @property
    def is_archive(self) -> bool:
        return self.name.lower().endswith(ARCHIVE_SUFFIXES)


def is_archive_name(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it.

    Without the UTF-8 flag Python decodes names as cp437, but most tools that leave the flag
    off (7-Zip, macOS) wrote UTF-8 anyway: undo the cp437 decoding when the bytes are UTF-8.
    """
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        return name.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def unsafe_name(name: str) -> str | None:
    """Why a name is not a safe relative path inside the archive, or None when it is."""
    if not name or "\x00" in name:
        return "empty or NUL in the name"
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if any(p == ".." for p in parts):
        return "'..' in the path"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _skipped(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(p in _LITTER_DIRS for p in parts):
        return True
    return any(p.startswith(".") for p in parts) or parts[-1].lower() in _LITTER_NAMES


def open_archive(source: str | IO[bytes], *, limits: ZipLimits, size: int | None = None) -> zipfile.ZipFile:
    """Open an archive and check it as a whole (entry count, total size, overall ratio).

    `size` is the archive's own size (for the overall ratio); raises `ZipRefused`.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ZipRefused("corrupt", f"not a readable zip archive: {exc}") from exc
    try:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise ZipRefused("zip_bomb", f"{len(infos)} entries is over the limit of {limits.max_entries}")
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            raise ZipRefused(
                "zip_bomb", f"{total} bytes uncompressed is over the limit of {limits.max_total_bytes}"
            )
        packed = size if size is not None else sum(i.compress_size for i in infos)
        if total > limits.ratio_floor_bytes and packed and total / packed > limits.max_ratio:
            raise ZipRefused(
                "zip_bomb",
                f"compression ratio {total / packed:.0f} is over the limit of {limits.max_ratio:.0f}",
            )
    except ZipRefused:
        archive.close()
        raise
    return archive


def entries(archive: zipfile.ZipFile, *, limits: ZipLimits, depth: int = 1) -> Iterator[Entry]:
    """The archive's file entries in name order, each with the reason it is refused (if it is).

    Folders, hidden files and archive-tool litter are left out. `depth` is this archive's
    nesting level (1 for an archive on disk).
    """
    seen: set[str] = set()
    listed = sorted(archive.infolist(), key=lambda i: i.filename)
    for info in listed:
        if info.is_dir():
            continue
        name = entry_name(info)
        refused = _refusal(info, name, seen, limits, depth)
        # Hidden files and tool litter are not documents; an unsafe name is refused, never skipped.
        if _skipped(name) and (refused is None or refused.reason != "unsafe_path"):
            continue
        seen.add(name)
        yield Entry(name, info, info.file_size, info.compress_size, refused)


def _refusal(
    info: zipfile.ZipInfo, name: str, seen: set[str], limits: ZipLimits, depth: int
) -> ZipRefused | None:
    why = unsafe_name(name)
    if why:
        return ZipRefused("unsafe_path", f"entry name refused ({why})")
    if _is_symlink(info):
        return ZipRefused("unsafe_path", "entry is a symbolic link")
    if name in seen:
        return ZipRefused("duplicate_entry", "a second entry with the same name")
    if info.flag_bits & 0x1:
        return ZipRefused("encrypted", "the entry is password-protected")
    if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
        1, info.compress_size
    ):
        ratio = info.file_size / max(1, info.compress_size)
        return ZipRefused(
            "zip_bomb", f"compression ratio {ratio:.0f} is over the limit of {limits.max_ratio:.0f}"
        )
    if is_archive_name(name):
        if depth >= limits.max_depth:
            return ZipRefused(
                "nested_too_deep", f"an archive nested more than {limits.max_depth} levels deep"
            )
        if info.file_size > limits.max_nested_bytes:
            return ZipRefused(
                "too_large", f"inner archive of {info.file_size} bytes is over {limits.max_nested_bytes}"
            )
    elif info.file_size > limits.max_entry_bytes:
        return ZipRefused(
            "too_large", f"{info.file_size} bytes is over the limit of {limits.max_entry_bytes}"
        )
    return None


def read_entry(archive: zipfile.ZipFile, entry: Entry, *, max_bytes: int) -> bytes:
    """The entry's bytes, never more than `max_bytes` (+1 to detect a lie); raises `ZipRefused`."""
    if entry.refused is not None:
        raise entry.refused
    try:
        with archive.open(entry.info) as fh:
            data = fh.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a compression method Python does not know (e.g. deflate64).
        raise ZipRefused("corrupt", f"entry could not be inflated: {exc}") from exc
    except RuntimeError as exc:  # zipfile raises RuntimeError for encrypted entries without a password
        raise ZipRefused("encrypted", str(exc)) from exc
    if len(data) > max_bytes:
        raise ZipRefused("too_large", f"entry inflates past {max_bytes} bytes")
    return data


def open_nested(data: bytes, *, limits: ZipLimits) -> zipfile.ZipFile:
    """An inner archive, from its bytes."""
    return open_archive(io.BytesIO(data), limits=limits, size=len(data))
