"""What a bulk run ingests: files in folders and entries of zip archives, each named by a URI.

A file is `file:///abs/path` (the same id `thidua ingest FILE` has always given it). An
archive entry is `zip:file:///abs/archive.zip!/dir/name.pdf`; an entry of an archive
inside an archive adds one more `!/inner/name.txt`. Entry names are percent-encoded in
the URI (so `!` and spaces cannot confuse the parse); the `path` stored with the
document is the readable form `/abs/archive.zip!/dir/name.pdf`.

`walk()` lists sources without reading documents (archives are opened, and nested
archives inflated, to list them); `SourceOpener` reads the bytes of a source again
from its URI, which is how a worker process, `thidua reindex` and the unchanged
check get them.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from thidua.bulk import zipsafe
from thidua.bulk.zipsafe import ZipLimits, ZipRefused
from thidua.store.keys import file_uri
from thidua.store.models import SourceRef

ZIP_SCHEME = "zip:"
_SEP = "!/"


@dataclass(frozen=True)
class Source:
    """One document to ingest (or a refusal to record: `refused` = (reason code, message))."""

    uri: str
    path: str
    display: str
    size: int | None = None
    refused: tuple[str, str] | None = None

    @property
    def ref(self) -> SourceRef:
        return SourceRef(uri=self.uri, path=self.path)

    @property
    def doc_id(self) -> str:
        return self.ref.doc_id


class SourceMissing(Exception):
    """The file, archive or entry a URI names is not there any more."""


def file_source(path: Path, display: str | None = None, *, size: int | None = None) -> Source:
    ref = SourceRef.file(path)
    return Source(uri=ref.uri, path=ref.path or str(path), display=display or str(path), size=size)


def zip_uri(archive: Path, names: Iterable[str]) -> str:
    """URI of an entry (`names`: the entry, preceded by the inner archives that hold it)."""
    base = file_uri(archive)
    return ZIP_SCHEME + base + "".join(_SEP + quote(n, safe="/") for n in names)


def parse_uri(uri: str) -> tuple[Path, list[str]]:
    """The file a URI names and, for an archive entry, the entry names down to the document."""
    inner: list[str] = []
    if uri.startswith(ZIP_SCHEME):
        outer, *inner = uri[len(ZIP_SCHEME) :].split(_SEP)
        inner = [unquote(n) for n in inner]
        if not inner:
            raise ValueError(f"not an archive entry URI: {uri}")
    else:
        outer = uri
    parsed = urlparse(outer)
    if parsed.scheme != "file":
        raise ValueError(f"not a local source: {uri}")
    return Path(unquote(parsed.path)), inner


def is_local_uri(uri: str) -> bool:
    return uri.startswith(("file:", ZIP_SCHEME))


def _entry_source(archive: Path, names: list[str], display: str, size: int | None = None) -> Source:
    readable = str(archive.resolve()) + "".join(_SEP + n for n in names)
    return Source(uri=zip_uri(archive.resolve(), names), path=readable, display=display, size=size)


# ---- walking -----------------------------------------------------------------------------------


def walk(paths: Iterable[Path], *, limits: ZipLimits | None = None) -> Iterator[Source]:
    """Every document under `paths` (files, folders, zip archives), each once, in a stable order.

    Hidden files and folders are skipped, symbolic links to folders are not followed.
    Archives and entries that are refused come out with `refused` set, so the run can
    record them as failed with their reason.
    """
    limits = limits or ZipLimits()
    seen: set[str] = set()
    for path in paths:
        for source in _walk_one(path, limits):
            if source.uri not in seen:
                seen.add(source.uri)
                yield source


def _walk_one(path: Path, limits: ZipLimits) -> Iterator[Source]:
    if not path.is_dir():
        yield from _file_or_archive(path, str(path), limits)
        return
    for root, dirs, files in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = Path(root) / name
            if full.is_symlink() and not full.is_file():
                continue  # a dangling link
            yield from _file_or_archive(full, str(full), limits)


def _file_or_archive(path: Path, display: str, limits: ZipLimits) -> Iterator[Source]:
    ref = SourceRef.file(path)
    uri, ref_path = ref.uri, ref.path or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Source(uri, ref_path, display, refused=("unreadable", exc.strerror or str(exc)))
        return
    if not zipfile_name(path.name):
        yield file_source(path, display, size=size)
        return
    try:
        archive = zipsafe.open_archive(str(path), limits=limits, size=size)
    except ZipRefused as exc:
        yield Source(uri, ref_path, display, size=size, refused=(exc.reason, exc.message))
        return
    with archive:
        yield from _archive_sources(archive, path, [], display, limits, depth=1)


def zipfile_name(name: str) -> bool:
    return zipsafe.is_archive_name(name)


def _archive_sources(
    archive: zipfile.ZipFile, path: Path, outer: list[str], display: str, limits: ZipLimits, depth: int
) -> Iterator[Source]:
    for entry in zipsafe.entries(archive, limits=limits, depth=depth):
        names = [*outer, entry.name]
        shown = f"{display}!/{entry.name}"
        if entry.refused is not None:
            yield _refused(path, names, shown, entry.size, entry.refused)
        elif entry.is_archive:
            try:
                data = zipsafe.read_entry(archive, entry, max_bytes=limits.max_nested_bytes)
                inner = zipsafe.open_nested(data, limits=limits)
            except ZipRefused as exc:
                yield _refused(path, names, shown, entry.size, exc)
                continue
            with inner:
                yield from _archive_sources(inner, path, names, shown, limits, depth + 1)
        else:
            yield _entry_source(path, names, shown, entry.size)


def _refused(path: Path, names: list[str], display: str, size: int, exc: ZipRefused) -> Source:
    base = _entry_source(path, names, display, size)
    return Source(base.uri, base.path, base.display, size, (exc.reason, exc.message))


# ---- reading a source again --------------------------------------------------------------------


class SourceOpener:
    """Reads the bytes of a source from its URI; keeps the last archive (chain) open between calls.

    Bulk runs go through an archive entry by entry, so one cached archive saves re-reading
    its central directory (and re-inflating an inner archive) for every document.
    """

    def __init__(self, limits: ZipLimits | None = None) -> None:
        self.limits = limits or ZipLimits()
        self._key: tuple[str, ...] | None = None
        self._chain: list[zipfile.ZipFile] = []
        self._entries: dict[str, zipsafe.Entry] = {}

    def read(self, uri: str, *, max_bytes: int) -> bytes:
        """The source's bytes (at most `max_bytes`, else `ZipRefused('too_large')` for entries).

        Raises `SourceMissing` when the file or entry is gone, `ZipRefused` for an entry
        or archive we will not open, and `OSError` for other trouble reading a file.
        """
        path, names = parse_uri(uri)
        if not names:
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    raise ZipRefused("too_large", f"{size} bytes is over the limit of {max_bytes}")
                return path.read_bytes()
            except FileNotFoundError as exc:
                raise SourceMissing(f"{path} is gone") from exc
        archive = self._archive(path, names[:-1])
        entry = self._entries.get(names[-1])
        if entry is None:
            raise SourceMissing(f"no entry '{names[-1]}' in {path}")
        return zipsafe.read_entry(archive, entry, max_bytes=max_bytes)

    def close(self) -> None:
        for archive in reversed(self._chain):
            archive.close()
        self._chain, self._key, self._entries = [], None, {}

    def _archive(self, path: Path, inner: list[str]) -> zipfile.ZipFile:
        key = (str(path), *inner)
        if key == self._key and self._chain:
            return self._chain[-1]
        self.close()
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise SourceMissing(f"{path} is gone") from exc
        chain = [zipsafe.open_archive(str(path), limits=self.limits, size=size)]
        try:
            for depth, name in enumerate(inner, start=1):
                entry = self._entry(chain[-1], name, depth=depth)
                if entry is None:
                    raise SourceMissing(f"no entry '{name}' in {path}")
                data = zipsafe.read_entry(chain[-1], entry, max_bytes=self.limits.max_nested_bytes)
                chain.append(zipsafe.open_nested(data, limits=self.limits))
        except BaseException:
            for archive in reversed(chain):
                archive.close()
            raise
        self._entries = {}
        for entry in zipsafe.entries(chain[-1], limits=self.limits, depth=len(chain)):
            self._entries.setdefault(entry.name, entry)  # a duplicate name stays refused
        self._chain, self._key = chain, key
        return chain[-1]

    def _entry(self, archive: zipfile.ZipFile, name: str, *, depth: int) -> zipsafe.Entry | None:
        for entry in zipsafe.entries(archive, limits=self.limits, depth=depth):
            if entry.name == name:
                return entry
        return None
