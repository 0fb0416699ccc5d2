"""thidua.ingest over a moto table: outcomes, idempotence, and resuming after a killed write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from thidua.ingest import (
    SourceBytes,
    ingest_bytes,
    ingest_file,
    ingest_many,
    prepare_many,
    remove_source,
    write_prepared,
)
from thidua.store import Index, SourceRef, TransientStoreError
from thidua.store.table import Table
from thidua.store.template_schema import create_table_kwargs
from thidua.understand.entities import unit_id, unit_key
from thidua.understand.record import DocumentRecord, UnitOut

TABLE = "thidua-ingest-unit"


def fake_extract(text: str, **_kwargs: Any) -> DocumentRecord:
    units = [line[5:].strip() for line in text.splitlines() if line.startswith("unit:")]
    return DocumentRecord(
        campaign_years=[2023], units=[UnitOut(name=u, id=unit_id(u), key=unit_key(u)) for u in units]
    )


@pytest.fixture
def index(monkeypatch: pytest.MonkeyPatch) -> Iterator[Index]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-west-1")
        client.create_table(**create_table_kwargs(TABLE))
        yield Index(client, TABLE, sleep=lambda _s: None)


def _doc_keys(index: Index) -> list[tuple[str, str, str]]:
    """Keys and versions of every document item and link (the entity catalogue only grows: left out)."""
    items = index.client.scan(TableName=TABLE)["Items"]  # the test's view; the read path never scans
    return sorted(
        (i["pk"]["S"], i["sk"]["S"], i.get("ver", {}).get("S", ""))
        for i in items
        if not i["pk"]["S"].startswith("ENTITY#")
    )


def test_outcomes(index: Index, tmp_path: Path) -> None:
    source = SourceRef.s3("uploads", "a.txt")
    first = ingest_bytes(source, b"Tong ket.\nunit: So Y te\n", index, extract=fake_extract)
    assert first.status == "ok" and first.links > 0
    assert (
        ingest_bytes(source, b"Tong ket.\nunit: So Y te\n", index, extract=fake_extract).status == "unchanged"
    )
    failed = ingest_bytes(SourceRef.s3("uploads", "b.exe"), b"MZ\x90\x00", index, extract=fake_extract)
    assert failed.status == "failed" and failed.reason_code == "unsupported_type"
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    from thidua.read import Limits

    too_large = ingest_file(big, index, limits=Limits(max_bytes=1024))
    assert too_large.status == "failed" and too_large.reason_code == "too_large"
    assert remove_source(source, index).status == "deleted"
    assert index.get_document(source.doc_id) is None


def test_a_run_killed_after_the_meta_switch_resumes_to_the_same_items(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = SourceRef.s3("uploads", "a.txt")
    v1, v2 = b"unit: So Y te\n", b"unit: So Tu phap\nunit: So Noi vu\n"
    ingest_bytes(source, v2, index, extract=fake_extract)
    uninterrupted = _doc_keys(index)
    ingest_bytes(source, v1, index, extract=fake_extract)

    def killed(*_args: Any, **_kwargs: Any) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Table, "delete_keys", killed)
        with pytest.raises(KeyboardInterrupt):
            ingest_bytes(source, v2, index, extract=fake_extract)
    assert _doc_keys(index) != uninterrupted  # the old links are still there
    assert ingest_bytes(source, v2, index, extract=fake_extract).status == "unchanged"
    assert _doc_keys(index) == uninterrupted


def test_many_sources_one_broken_read_and_one_broken_extraction(index: Index) -> None:
    def extract(text: str, **kwargs: Any) -> DocumentRecord:
        if "boom" in text:
            raise RuntimeError("a bug in a step")
        return fake_extract(text, **kwargs)

    sources = [
        SourceBytes(SourceRef.s3("uploads", "a.txt"), b"Tong ket.\nunit: So Y te\n"),
        SourceBytes(SourceRef.s3("uploads", "b.pdf"), b"%PDF-1.7 truncated"),
        SourceBytes(SourceRef.s3("uploads", "c.txt"), b"boom\nunit: So Noi vu\n"),
        SourceBytes(SourceRef.s3("uploads", "d.txt"), b"Tong ket.\nunit: So Tu phap\n"),
    ]
    outcomes = ingest_many(sources, index, extract=extract)
    assert [o.status for o in outcomes] == ["ok", "failed", "failed", "ok"]
    assert outcomes[1].reason_code == "corrupt"
    assert outcomes[2].reason == "internal_error: RuntimeError: a bug in a step"
    assert [o.doc_id for o in outcomes] == [s.ref.doc_id for s in sources]
    # The failures are in the index with their reasons; nothing of them is searchable.
    failed = {d.doc_id: d.reason_code for d in index.documents_by_status("failed").documents}
    assert failed == {sources[1].ref.doc_id: "corrupt", sources[2].ref.doc_id: "internal_error"}
    again = ingest_many(sources, index, extract=extract)
    assert [o.status for o in again] == ["unchanged", "failed", "failed", "unchanged"]


def test_a_shared_write_interrupted_is_finished_by_writing_it_again(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [
        SourceBytes(
            SourceRef.s3("uploads", f"{n}.txt"), f"Tong ket {n}.\nunit: So Y te\nunit: So Noi vu\n".encode()
        )
        for n in range(3)
    ]
    reference = Index(index.client, TABLE)
    prepared = prepare_many(sources, index, extract=fake_extract)
    calls = {"n": 0}
    real = Table.batch_write

    def flaky(self: Table, requests: list[dict[str, Any]], **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # after the catalogue, in the links
            raise TransientStoreError("throttled")
        real(self, requests, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Table, "batch_write", flaky)
        with pytest.raises(TransientStoreError):
            write_prepared(prepared, index)
    outcomes = write_prepared(prepared, index)
    assert [o.status for o in outcomes] == ["ok", "ok", "ok"]
    for source in sources:
        meta = reference.get_meta(source.ref.doc_id)
        assert meta is not None and meta.status == "ok" and reference.links_complete(meta)
