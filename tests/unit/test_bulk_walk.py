"""Walking folders and archives into sources, reading them back by URI, and the resume journal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from thidua.bulk.journal import Journal
from thidua.bulk.reindex import is_older, source_of, version_key
from thidua.bulk.sources import SourceMissing, SourceOpener, parse_uri, walk, zip_uri
from thidua.bulk.zipsafe import ZipLimits, ZipRefused
from thidua.store.models import SourceRef


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "luu-tru"
    (root / "2023" / "tin tuc").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "2023" / "tin tuc" / "bài 1.txt").write_text("Hội nghị tổng kết", encoding="utf-8")
    (root / "2023" / "b.html").write_text("<p>Ký kết giao ước</p>", encoding="utf-8")
    (root / ".git" / "config").write_text("hidden", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    inner = _zip_bytes({"phu-luc/c.txt": b"phu luc"})
    _zip(
        root / "2024.zip",
        {
            "2024/d.txt": "Biên bản bình xét".encode(),
            "2024/__MACOSX/._d.txt": b"litter",
            "2024/../../escape.txt": b"x",
            "bo-sung.zip": inner,
        },
    )
    return root


def test_walk_lists_files_archives_and_nested_archives_in_a_stable_order(tree: Path) -> None:
    sources = list(walk([tree]))
    shown = [s.display.removeprefix(str(tree) + "/") for s in sources]
    assert shown == [
        "2024.zip!/2024/../../escape.txt",
        "2024.zip!/2024/d.txt",
        "2024.zip!/bo-sung.zip!/phu-luc/c.txt",
        "2023/b.html",
        "2023/tin tuc/bài 1.txt",
    ]
    refused = {s.display.rsplit("!/", 1)[-1]: s.refused for s in sources if s.refused}
    assert (
        list(refused) == ["2024/../../escape.txt"] and refused["2024/../../escape.txt"][0] == "unsafe_path"
    )
    # Files keep the ids `thidua ingest FILE` always gave them.
    plain = next(s for s in sources if s.display.endswith("bài 1.txt"))
    assert plain.uri == SourceRef.file(tree / "2023" / "tin tuc" / "bài 1.txt").uri
    # The same inputs twice (and a file under a folder already named) give each source once.
    again = list(walk([tree, tree / "2023" / "b.html"]))
    assert [s.uri for s in again] == [s.uri for s in sources]


def test_symlinked_folders_are_not_followed(tree: Path, tmp_path: Path) -> None:
    (tree / "loop").symlink_to(tree, target_is_directory=True)
    assert len(list(walk([tree]))) == 5


def test_archive_uris_round_trip_and_read_back(tree: Path) -> None:
    archive = (tree / "2024.zip").resolve()
    nested = zip_uri(archive, ["bo-sung.zip", "phu-luc/c.txt"])
    assert nested.startswith("zip:file:///") and nested.count("!/") == 2
    assert parse_uri(nested) == (archive, ["bo-sung.zip", "phu-luc/c.txt"])
    opener = SourceOpener()
    try:
        assert opener.read(nested, max_bytes=100) == b"phu luc"
        assert opener.read(zip_uri(archive, ["2024/d.txt"]), max_bytes=100) == "Biên bản bình xét".encode()
        with pytest.raises(ZipRefused) as refused:
            opener.read(zip_uri(archive, ["2024/../../escape.txt"]), max_bytes=100)
        assert refused.value.reason == "unsafe_path"
        with pytest.raises(SourceMissing):
            opener.read(zip_uri(archive, ["2024/gone.txt"]), max_bytes=100)
    finally:
        opener.close()
    # Names with `!`, spaces and Vietnamese letters survive the URI.
    odd = zip_uri(archive, ["thư mục!/bài viết #1.txt"])
    assert parse_uri(odd)[1] == ["thư mục!/bài viết #1.txt"]


def test_source_of_a_stored_uri_matches_the_walked_source(tree: Path) -> None:
    for source in walk([tree]):
        again = source_of(source.uri)
        assert (again.uri, again.path, again.doc_id) == (source.uri, source.path, source.doc_id)


def test_a_missing_file_or_archive_is_source_missing(tmp_path: Path) -> None:
    opener = SourceOpener()
    with pytest.raises(SourceMissing):
        opener.read(SourceRef.file(tmp_path / "gone.txt").uri, max_bytes=10)
    with pytest.raises(SourceMissing):
        opener.read(zip_uri(tmp_path / "gone.zip", ["a.txt"]), max_bytes=10)


def test_a_corrupt_or_oversized_archive_is_one_refused_source(tmp_path: Path) -> None:
    (tmp_path / "hong.zip").write_bytes(b"PK\x03\x04 broken")
    _zip(tmp_path / "lon.zip", {f"{i}.txt": b"x" for i in range(5)})
    sources = {s.display.rsplit("/", 1)[-1]: s for s in walk([tmp_path], limits=ZipLimits(max_entries=3))}
    assert sources["hong.zip"].refused is not None and sources["hong.zip"].refused[0] == "corrupt"
    assert sources["lon.zip"].refused is not None and sources["lon.zip"].refused[0] == "zip_bomb"


def test_versions_order_numerically() -> None:
    assert version_key("2026.11.2") < version_key("2026.11.10")
    assert is_older("2026.11.1", "2026.11.2") and not is_older("2026.11.2", "2026.11.2")
    assert is_older(None, "2026.11.1") and is_older("v1", "v2")


# ---- journal -----------------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_journal_hands_what_a_dead_run_left_to_the_next_run(tmp_path: Path) -> None:
    dead = tmp_path / f"journal-{_dead_pid()}.log"
    dead.write_text("S a\nS b\nD a\nS c\n", encoding="utf-8")
    live = tmp_path / f"journal-{os.getppid()}.log"  # a run that is still going: not ours to take
    live.write_text("S z\n", encoding="utf-8")
    with Journal(tmp_path) as journal:
        assert journal.inherited == {"b", "c"}
        assert not dead.exists() and live.exists()
        journal.done("b")
        journal.started("d")
    # This run ended with c (inherited, not redone here) and d unfinished: they stay for the next.
    assert Journal(tmp_path).inherited == {"c", "d"}


def test_journal_removes_itself_when_everything_finished(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        journal.started("a")
        journal.done("a")
        path = journal.path
    assert not path.exists()
