"""Bulk runs on moto: outcomes and report, resume after a kill at any write, reindex, search during it.

The extractor is a deterministic stand-in (`unit:` and `year:` lines), so these tests
check the bulk machinery and the write protocol, not the language rules.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_support import REGION, table_snapshot, unit_year_doc, unit_year_extract
from moto import mock_aws

from thidua.bulk.reindex import select_documents, sources_for
from thidua.bulk.report import BulkReport
from thidua.bulk.runner import RunOptions, run_bulk
from thidua.bulk.sources import walk
from thidua.query.dynamo import DynamoReader
from thidua.query.filters import SearchFilters
from thidua.query.search import search
from thidua.store import Index
from thidua.store.template_schema import create_table_kwargs
from thidua.understand.record import DocumentRecord

fake_extract = unit_year_extract
_doc = unit_year_doc

UNITS = ["Sở Nội vụ", "Sở Y tế", "Sở Tư pháp", "Sở Tài chính", "Công an tỉnh", "Sở Xây dựng"]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A folder with documents, a zip archive (nested folders) and some bad files."""
    root = tmp_path / "archive"
    (root / "2023").mkdir(parents=True)
    rng = random.Random(7)
    for i in range(6):
        (root / "2023" / f"tin-{i}.txt").write_bytes(_doc(rng.sample(UNITS, 2), 2023))
    (root / "2023" / "ban-sao.txt").write_bytes((root / "2023" / "tin-0.txt").read_bytes())
    (root / "trong.txt").write_bytes(b"")
    (root / "cai-dat.exe").write_bytes(b"MZ\x90\x00")
    with zipfile.ZipFile(root / "2022.zip", "w") as zf:
        for i in range(6):
            zf.writestr(f"2022/quy-{i % 2}/bien-ban-{i}.txt", _doc(rng.sample(UNITS, 3), 2022))
        zf.writestr("../../thoat.txt", _doc(["Sở Nội vụ"], 2022))
    return root


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setattr("thidua.ingest.extract_record", fake_extract)
    with mock_aws():
        yield boto3.client("dynamodb", region_name=REGION)


def _index(client: Any, name: str) -> Index:
    client.create_table(**create_table_kwargs(name))
    return Index(client, name, sleep=lambda _s: None)


def snapshot(index: Index) -> list[str]:
    """Every item of the table, timestamps left out (a Scan: the test's view, not the read path)."""
    return table_snapshot(index.client, index.table_name)


def test_a_run_reports_every_outcome_and_a_rerun_skips_finished_work(
    aws: Any, archive: Path, tmp_path: Path
) -> None:
    index = _index(aws, "bulk-a")
    sources = list(walk([archive]))
    report = run_bulk(sources, index, RunOptions(journal_dir=tmp_path / "j"))
    assert report.total == len(sources) == 16
    assert dict(report.counts) == {"ok": 13, "failed": 3}
    assert report.duplicates == 1  # ban-sao.txt repeats tin-0.txt (both indexed: two sources)
    reasons = {Path(f.source).name: f.code for f in report.failures}
    assert reasons == {"trong.txt": "empty", "cai-dat.exe": "unsupported_type", "thoat.txt": "unsafe_path"}
    assert all(f.stored for f in report.failures)
    out = tmp_path / "report.json"
    report.write(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"ok": 13, "failed": 3} and len(data["failed"]) == 3
    assert {f["reason"].split(":")[0] for f in data["failed"]} == {
        "empty",
        "unsupported_type",
        "unsafe_path",
    }
    assert all(f["doc_id"] and f["uri"] for f in data["failed"])
    # Failures are in the index too, with their reasons (what `thidua status` lists).
    failed = index.documents_by_status("failed").documents
    assert sorted(d.reason_code or "" for d in failed) == ["empty", "unsafe_path", "unsupported_type"]

    before = snapshot(index)
    again = run_bulk(sources, index, RunOptions(journal_dir=tmp_path / "j"))
    assert dict(again.counts) == {"unchanged": 13, "failed": 3}
    assert snapshot(index) == before
    assert not list((tmp_path / "j").glob("journal-*.log"))  # nothing left in flight


def _kill_at_write(index: Index, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raise KeyboardInterrupt in place of the index's n-th write request (as a kill would stop it)."""
    real = index.table.call
    seen = {"writes": 0}

    def call(operation: str, **kwargs: Any) -> dict[str, Any]:
        if operation in ("put_item", "batch_write_item", "delete_item", "update_item"):
            seen["writes"] += 1
            if seen["writes"] == n:
                raise KeyboardInterrupt
        return real(operation, **kwargs)

    monkeypatch.setattr(index.table, "call", call)


def test_killed_at_any_write_then_resumed_gives_the_uninterrupted_index(
    aws: Any, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = list(walk([archive]))
    reference = _index(aws, "bulk-ref")
    run_bulk(sources, reference, RunOptions(journal_dir=tmp_path / "ref"))
    expected = snapshot(reference)
    total_writes = reference.stats.puts  # an upper bound on write requests is enough to aim inside
    rng = random.Random(2024)
    for attempt in range(3):
        index = _index(aws, f"bulk-kill-{attempt}")
        journal = tmp_path / f"j{attempt}"
        # Three kills at random writes, each followed by a resumed run that is killed again.
        for _ in range(3):
            with monkeypatch.context() as patch:
                _kill_at_write(index, rng.randint(1, max(2, total_writes // 4)), patch)
                killed = run_bulk(sources, index, RunOptions(journal_dir=journal))
            assert killed.interrupted or killed.processed == len(sources)
        final = run_bulk(sources, index, RunOptions(journal_dir=journal))
        assert not final.interrupted
        assert snapshot(index) == expected, f"attempt {attempt}"


def test_reindex_by_version_replaces_documents_and_marks_vanished_sources(
    aws: Any, archive: Path, tmp_path: Path
) -> None:
    index = _index(aws, "bulk-reindex")
    run_bulk(list(walk([archive])), index, RunOptions(extractor_version="2026.1.1"))
    (archive / "2023" / "tin-1.txt").unlink()
    docs = select_documents(index, older_than="2026.1.2")
    assert len(docs) == 16
    assert select_documents(index, older_than="2026.1.1") == []
    sources, skipped = sources_for(docs)
    assert skipped == 0 and len(sources) == 16
    report = run_bulk(sources, index, RunOptions(force=True, extractor_version="2026.1.2"))
    assert report.counts["ok"] == 12
    gone = [f for f in report.failures if f.code == "source_missing"]
    assert [Path(f.source).name for f in gone] == ["tin-1.txt"]
    assert select_documents(index, older_than="2026.1.2") == []
    counts = index.status_counts()
    assert {v for (_s, v) in counts} == {"2026.1.2"}
    # retry-failed picks the failures, whatever extractor made them.
    failed = select_documents(index, statuses=("failed",), all_documents=True)
    assert sorted(d.reason_code or "" for d in failed) == [
        "empty",
        "source_missing",
        "unsafe_path",
        "unsupported_type",
    ]
    assert [
        d.reason_code
        for d in select_documents(index, statuses=("failed",), all_documents=True, reason="empty")
    ] == ["empty"]


def test_a_search_during_reindexing_never_shows_a_document_twice_or_mixed(
    aws: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _index(aws, "bulk-search")
    path = tmp_path / "bai.txt"
    path.write_bytes(_doc(["Sở Nội vụ", "Sở Y tế"], 2022))
    run_bulk(list(walk([path])), index, RunOptions(extractor_version="v1"))
    reader = DynamoReader.from_index(index)

    def hits(**filters: Any) -> list[tuple[str, list[int]]]:
        page = search(reader, SearchFilters(**filters), cursor_key=b"k" * 32)
        return [(h.doc_id, h.years) for h in page.hits]

    # The re-extraction reads the same bytes differently: Sở Y tế stays, the year moves to 2023.
    def new_extract(text: str, **kwargs: Any) -> DocumentRecord:
        record = fake_extract(text.replace("Sở Nội vụ", "Sở Tư pháp").replace("2022", "2023"), **kwargs)
        return record

    monkeypatch.setattr("thidua.ingest.extract_record", new_extract)
    seen: list[dict[str, Any]] = []
    real = index.table.call

    def observe(operation: str, **kwargs: Any) -> dict[str, Any]:
        # Before and after every write of the reindex, a reader searches.
        result = real(operation, **kwargs)
        if operation in ("put_item", "batch_write_item", "delete_item"):
            seen.append(
                {
                    "shared": hits(unit="Sở Y tế"),
                    "old_year": hits(year=2022),
                    "new_year": hits(year=2023),
                    "old_unit_old_year": hits(unit="Sở Y tế", year=2022),
                }
            )
        return result

    monkeypatch.setattr(index.table, "call", observe)
    assert hits(year=2022) and not hits(year=2023)
    report = run_bulk(list(walk([path])), index, RunOptions(force=True, extractor_version="v2"))
    assert report.counts["ok"] == 1 and len(seen) >= 3
    for view in seen:
        # Never twice, even while the links of both versions are in the table.
        assert len(view["shared"]) <= 1, view
        # One version at a time: never in 2022 and 2023 at once.
        assert len(view["old_year"]) + len(view["new_year"]) <= 1, view
        for _doc_id, years in view["shared"]:
            assert years in ([2022], [2023])
        # Filters are checked against one version: unit+year agrees with what the year search says.
        assert bool(view["old_unit_old_year"]) == bool(view["old_year"]), view
        if view["shared"]:
            assert view["shared"][0][1] == ([2022] if view["old_year"] else [2023]), view
    assert seen[-1]["new_year"] and not seen[-1]["old_year"]  # it did switch, during the run
    assert hits(year=2023) and not hits(year=2022)


def test_workers_in_processes_write_the_same_index(
    aws: Any, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two worker processes against a moto server (mock_aws does not cross processes)."""
    from moto.server import ThreadedMotoServer

    from thidua.store.settings import StoreSettings

    reference = _index(aws, "bulk-one")
    sources = list(walk([archive]))
    run_bulk(sources, reference, RunOptions())
    expected = snapshot(reference)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        settings = StoreSettings(
            table_name="bulk-pool",
            region=REGION,
            endpoint_url=f"http://{host}:{port}",
            access_key_id="testing",
            secret_access_key="testing",
        )
        from thidua.store.clients import dynamodb_client

        client = dynamodb_client(settings)
        client.create_table(**create_table_kwargs("bulk-pool"))
        index = Index(client, "bulk-pool")
        report = run_bulk(
            sources, index, RunOptions(workers=2, settings=settings, journal_dir=tmp_path / "j")
        )
        assert dict(report.counts) == {"ok": 13, "failed": 3} and report.workers == 2
        assert report.write_units > 0  # summed over the worker processes
        assert snapshot(index) == expected
    finally:
        server.stop()


def test_report_summary_lines_name_reasons_and_what_is_left() -> None:
    report = BulkReport(total=10)
    report.counts.update({"ok": 6, "failed": 1})
    report.interrupted = True
    from thidua.bulk.report import Failure

    report.failures.append(Failure("a.pdf", "file:///a.pdf", "d1", "corrupt: bad xref"))
    lines = report.summary_lines()
    assert lines[0].startswith("7 of 10 documents") and "indexed 6, unchanged 0, failed 1" in lines[0]
    assert any("3 not done" in line for line in lines)
    assert "  failed: corrupt: 1" in lines and "    a.pdf: corrupt: bad xref" in lines


def test_chunks_written_together_give_the_index_of_one_at_a_time(
    aws: Any, archive: Path, tmp_path: Path
) -> None:
    sources = list(walk([archive]))
    one_by_one = _index(aws, "bulk-single")
    run_bulk(sources, one_by_one, RunOptions(chunk=1))
    together = _index(aws, "bulk-chunks")
    report = run_bulk(sources, together, RunOptions(chunk=5, journal_dir=tmp_path / "j"))
    assert dict(report.counts) == {"ok": 13, "failed": 3}
    assert sorted(f.reason.split(":")[0] for f in report.failures) == [
        "empty",
        "unsafe_path",
        "unsupported_type",
    ]
    assert snapshot(together) == snapshot(one_by_one)
    assert report.write_units > 0
    assert not list((tmp_path / "j").glob("journal-*.log"))


def test_chunk_size_keeps_every_worker_busy_on_small_runs() -> None:
    from thidua.bulk.runner import CHUNK, chunk_size

    assert chunk_size(2000, 2) == CHUNK
    assert chunk_size(16, 2) == 2  # 8 chunks for 2 workers
    assert chunk_size(3, 4) == 1
    assert chunk_size(2000, 2, wanted=5) == 5
