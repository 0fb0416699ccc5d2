"""Index.replace_documents (writes shared across documents) and the order-independent catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from thidua.store import Index, SourceInfo, SourceRef, keys
from thidua.store.template_schema import create_table_kwargs
from thidua.understand.entities import unit_id, unit_key
from thidua.understand.record import DocumentRecord, UnitOut


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        yield boto3.client("dynamodb", region_name="eu-west-1")


def _index(client: Any, name: str) -> Index:
    client.create_table(**create_table_kwargs(name))
    return Index(client, name, sleep=lambda _s: None)


def _unit(name: str, locality: str | None = None) -> UnitOut:
    return UnitOut(name=name, id=unit_id(name, locality), key=unit_key(name, locality), locality=locality)


def _record(units: list[UnitOut], year: int = 2023) -> DocumentRecord:
    return DocumentRecord(
        event_date=dt.date(year, 12, 20), campaign_years=[year], event_types=["tong_ket"], units=units
    )


def _source(n: int, sequencer: str | None = None) -> SourceInfo:
    return SourceInfo(
        SourceRef.s3("uploads", f"bao-cao-{n}.txt"),
        size=100 + n,
        content_hash=f"{n:x}".rjust(64, "a"),
        format="txt",
        sequencer=sequencer,
    )


def _table(client: Any, name: str) -> list[dict[str, Any]]:
    """Every item (the test's view: a Scan), with the write timestamps taken out."""
    out = []
    for item in client.scan(TableName=name)["Items"]:
        item = {k: v for k, v in item.items() if k not in ("updated_at", "rev", "status_sk")}
        out.append(item)
    return sorted(out, key=lambda i: (i["pk"]["S"], i["sk"]["S"]))


DOCS = [
    (_source(1), _record([_unit("Sở Nội vụ"), _unit("Sở Y tế")], 2022)),
    (_source(2), _record([_unit("Sở Y tế")], 2023)),
    (_source(3), _record([_unit("Công an tỉnh", "Bình Lâm")], 2023)),
]


def test_a_batch_writes_what_one_at_a_time_writes(client: Any) -> None:
    together, alone = _index(client, "together"), _index(client, "alone")
    results = together.replace_documents(DOCS, extractor_version="v1", now="2024-01-01T00:00:00.000Z")
    for source, record in DOCS:
        alone.replace_document(source, record, extractor_version="v1", now="2024-01-01T00:00:00.000Z")
    assert _table(client, "together") == _table(client, "alone")
    assert [r.doc_id for r in results if r is not None] == [s.ref.doc_id for s, _r in DOCS]
    assert all(r is not None and r.links_written > 0 for r in results)


def test_a_batch_shares_its_requests(client: Any) -> None:
    index = _index(client, "shared")
    docs = [(_source(n), _record([_unit("Sở Tư pháp"), _unit("Sở Tài chính")])) for n in range(10)]
    results = index.replace_documents(docs, extractor_version="v1")
    links = sum(r.links_written for r in results if r is not None)
    # One conditional META switch per document; everything else is shared by the ten documents:
    # catalogue check + catalogue write, META read, link writes (25 a request), currency check.
    assert index.stats.requests <= len(docs) + 4 + -(-links // 25)


def test_a_stale_document_is_skipped_and_the_rest_written(client: Any) -> None:
    index = _index(client, "stale")
    older, newer = "0055AED6DCD90281E5", "0055AED6DCD90281F0"
    late, fresh = _source(7, sequencer=older), _source(8)
    index.delete_document(late.ref, sequencer=newer)  # the removal was indexed first
    results = index.replace_documents(
        [(late, _record([_unit("Sở Nội vụ")])), (fresh, _record([_unit("Sở Nội vụ")]))],
        extractor_version="v1",
    )
    assert results[0] is None and results[1] is not None
    tomb, meta = index.get_meta(late.ref.doc_id), index.get_meta(fresh.ref.doc_id)
    assert tomb is not None and tomb.status == "deleted"
    assert meta is not None and meta.status == "ok" and index.links_complete(meta)


def test_a_document_twice_in_one_batch_is_refused(client: Any) -> None:
    index = _index(client, "twice")
    with pytest.raises(ValueError, match="twice"):
        index.replace_documents([DOCS[0], DOCS[0]], extractor_version="v1")


def _catalogue(client: Any, name: str) -> list[dict[str, Any]]:
    return [i for i in _table(client, name) if i["pk"]["S"].startswith("ENTITY")]


def test_the_catalogue_does_not_depend_on_the_order_documents_come_in(client: Any) -> None:
    shouted = _record([_unit("SỞ TƯ PHÁP")])
    plain = _record([_unit("Sở Tư pháp")])
    forward, backward = _index(client, "forward"), _index(client, "backward")
    forward.replace_document(_source(1), shouted, extractor_version="v1")
    forward.replace_document(_source(2), plain, extractor_version="v1")
    backward.replace_document(_source(2), plain, extractor_version="v1")
    backward.replace_document(_source(1), shouted, extractor_version="v1")
    # Separate writers too (each Index remembers what it settled): a third, fresh one adds nothing.
    Index(client, "forward").replace_document(_source(3), shouted, extractor_version="v1")
    assert _catalogue(client, "forward") == _catalogue(client, "backward")
    names = {i["name"]["S"] for i in _catalogue(client, "forward") if i["pk"]["S"] != keys.YEARS_PK}
    assert names == {"Sở Tư pháp"}


def test_the_catalogue_keeps_a_place_only_where_the_id_has_it(client: Any) -> None:
    index = _index(client, "places")
    index.replace_document(
        _source(1),
        _record([_unit("Sở Xây dựng", "Bình Lâm"), _unit("Công an tỉnh", "Bình Lâm")]),
        extractor_version="v1",
    )
    by_name = {
        i["name"]["S"]: i.get("locality", {}).get("S")
        for i in _catalogue(client, "places")
        if i["sk"]["S"] == keys.NAME_SK
    }
    assert by_name == {"Sở Xây dựng": None, "Công an tỉnh": "Bình Lâm"}
