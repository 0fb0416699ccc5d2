"""The Index over an in-process moto table built from template.yaml (no network)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from thidua.query.documents import is_current
from thidua.query.dynamo import DynamoReader
from thidua.store import Index, SourceInfo, SourceRef, StaleWriteError, TransientStoreError, cost, items, keys
from thidua.store.table import Table
from thidua.store.template_schema import create_table_kwargs
from thidua.understand.entities import leader_id, unit_id, unit_key
from thidua.understand.record import DocumentRecord, LeaderOut, UnitOut

TABLE = "thidua-unit"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="eu-west-1")
        ddb.create_table(**create_table_kwargs(TABLE))
        yield ddb


@pytest.fixture
def index(client: Any) -> Index:
    return Index(client, TABLE, sleep=lambda _s: None)


@pytest.fixture
def reader(client: Any) -> DynamoReader:
    """What the query layer sees of the table the Index writes."""
    return DynamoReader(client, TABLE)


def _record(units: list[str], year: int = 2023, leaders: tuple[str, ...] = ()) -> DocumentRecord:
    return DocumentRecord(
        event_date=dt.date(year + 1, 1, 10),
        campaign_years=[year],
        event_types=["tong_ket"],
        units=[UnitOut(name=u, id=unit_id(u), key=unit_key(u)) for u in units],
        leaders=[LeaderOut(name=n, id=leader_id(n)) for n in leaders],
    )


def _source(key: str, content: str, sequencer: str | None = None) -> SourceInfo:
    return SourceInfo(
        SourceRef.s3("uploads", key),
        size=len(content),
        content_hash=(content * 64)[:64],
        format="txt",
        sequencer=sequencer,
    )


def _partition(client: Any, doc_id: str) -> list[dict[str, Any]]:
    return client.query(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": keys.doc_pk(doc_id)}},
    )["Items"]


def _doc_items(client: Any, doc_id: str) -> list[dict[str, Any]]:
    """META and every link of a document wherever it is (the test's view of the table: a Scan)."""
    return [
        i
        for i in client.scan(TableName=TABLE)["Items"]
        if i["pk"]["S"] == keys.doc_pk(doc_id)
        or (not i["pk"]["S"].startswith(("DOC#", "ENTITY#")) and i["sk"]["S"].endswith("#" + doc_id))
    ]


def _links(client: Any, doc_id: str) -> list[dict[str, Any]]:
    return [i for i in _doc_items(client, doc_id) if i["sk"]["S"] != keys.META_SK]


def test_replace_then_read_back(index: Index, reader: DynamoReader) -> None:
    source = _source("a.txt", "a" * 64)
    result = index.replace_document(
        source, _record(["Sở Tư pháp"], leaders=("Lê Văn Cường",)), extractor_version="v1"
    )
    doc = index.get_document(source.ref.doc_id)
    assert doc is not None and doc.status == "ok" and doc.record is not None
    assert doc.record.units[0].name == "Sở Tư pháp"
    page = reader.links(keys.unit_facet(unit_id("Sở Tư pháp")))
    assert [link["doc_id"] for link in page.items] == [source.ref.doc_id]
    assert is_current(reader.meta(source.ref.doc_id), page.items[0])
    assert result.links_written == len(index.document_links(source.ref.doc_id))
    assert reader.entity(unit_id("Sở Tư pháp")) is not None
    typeahead = reader.catalogue("leader", "le van").items
    assert [e["id"] for e in typeahead] == [leader_id("Lê Văn Cường")]


def test_new_version_replaces_old_links(index: Index, client: Any, reader: DynamoReader) -> None:
    first = _source("a.txt", "a" * 64)
    index.replace_document(first, _record(["Sở Tư pháp"]), extractor_version="v1")
    second = _source("a.txt", "b" * 64)
    result = index.replace_document(second, _record(["Sở Công Thương"], year=2024), extractor_version="v1")
    doc_id = first.ref.doc_id
    links = index.document_links(doc_id)
    assert {link.ver for link in links} == {keys.version("b" * 64, "v1")}
    assert {link.key for link in links} == {items.item_pk_sk(i) for i in _links(client, doc_id)}
    assert all(link.years == [2024] and link.sort_date == "2025-01-10" for link in links)
    assert result.links_deleted > 0
    assert reader.links(keys.unit_facet(unit_id("Sở Tư pháp"))).items == []
    assert len(reader.links(keys.unit_facet(unit_id("Sở Công Thương"))).items) == 1
    assert len([i for i in _partition(client, doc_id) if i["sk"]["S"] == "META"]) == 1


def test_same_write_twice_gives_the_same_items(index: Index, client: Any) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Tư pháp", "Sở Y tế"]), extractor_version="v1")
    before = sorted((i["pk"]["S"], i["sk"]["S"]) for i in _doc_items(client, source.ref.doc_id))
    meta = index.get_meta(source.ref.doc_id)
    assert Index.is_unchanged(meta, "a" * 64, "v1")
    assert not Index.is_unchanged(meta, "a" * 64, "v2")
    index.replace_document(source, _record(["Sở Tư pháp", "Sở Y tế"]), extractor_version="v1")
    assert sorted((i["pk"]["S"], i["sk"]["S"]) for i in _doc_items(client, source.ref.doc_id)) == before


def test_failed_removes_links_and_counts(index: Index) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Tư pháp"]), extractor_version="v1")
    index.put_failed(_source("a.txt", "c" * 64), "corrupt: bad xref", extractor_version="v1")
    assert index.document_links(source.ref.doc_id) == []
    doc = index.get_document(source.ref.doc_id)
    assert doc is not None and doc.status == "failed" and doc.reason == "corrupt: bad xref"
    assert index.status_counts() == {("failed", "v1"): 1}
    page = index.documents_by_status("failed")
    assert [d.reason for d in page.documents] == ["corrupt: bad xref"]


def test_delete_without_sequencer_removes_everything(index: Index, client: Any) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Tư pháp"]), extractor_version="v1")
    assert index.delete_document(source.ref) is True
    assert _doc_items(client, source.ref.doc_id) == []
    assert index.delete_document(source.ref) is False


def test_sequencer_ordering_with_tombstone(index: Index, client: Any) -> None:
    older, newer = "0055AED6DCD90281E5", "0055AED6DCD90281F0"
    ref = SourceRef.s3("uploads", "a.txt")
    index.delete_document(ref, sequencer=newer)  # the removal arrives first
    tomb = index.get_meta(ref.doc_id)
    assert tomb is not None and tomb.status == "deleted" and index.get_document(ref.doc_id) is None
    assert Index.is_stale(tomb, older)
    with pytest.raises(StaleWriteError):
        index.replace_document(
            _source("a.txt", "a" * 64, sequencer=older), _record(["Sở Tư pháp"]), extractor_version="v1"
        )
    # The stale writer wrote nothing: only the tombstone is there.
    assert [i["sk"]["S"] for i in _doc_items(client, ref.doc_id)] == ["META"]
    assert "expires_at" in _partition(client, ref.doc_id)[0]


def test_batch_get_meta_and_year_filter(index: Index, reader: DynamoReader) -> None:
    ids = []
    for n, year in enumerate((2021, 2022, 2023)):
        source = _source(f"d{n}.txt", str(n) * 64)
        index.replace_document(source, _record(["Sở Nội vụ"], year=year), extractor_version="v1")
        ids.append(source.ref.doc_id)
    metas = index.batch_get_meta([*ids, "missing"])
    assert set(metas) == set(ids) and all(m.record is None for m in metas.values())
    facet = keys.unit_facet(unit_id("Sở Nội vụ"))
    newest = reader.links(facet, limit=10).items
    assert [link["sk"][:10] for link in newest] == ["2024-01-10", "2023-01-10", "2022-01-10"]
    lo, hi = keys.window(2022)
    in_2022 = reader.links(facet, sk_from=lo, sk_to=hi, year=2022, windowed=True).items
    assert [link["yrs"] for link in in_2022] == [[2022]]
    ranged = reader.links(facet, sk_from="2023-01-01", sk_to="2023-12-31#~").items
    assert [link["sk"][:10] for link in ranged] == ["2023-01-10"]
    first = reader.links(facet, limit=2)
    assert len(first.items) == 2 and first.last_key is not None
    rest = reader.links(facet, limit=2, start_key=first.last_key)
    assert [link["sk"][:10] for link in rest.items] == ["2022-01-10"]


class _Throttled:
    """A client whose writes are throttled (what DynamoDB does under a hot partition)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        if name in ("batch_write_item", "put_item"):

            def fail(**_kwargs: Any) -> Any:
                raise ClientError(
                    {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}},
                    name,
                )

            return fail
        return getattr(self._inner, name)


def test_throttling_is_transient(client: Any) -> None:
    index = Index(_Throttled(client), TABLE, sleep=lambda _s: None)  # type: ignore[arg-type]
    with pytest.raises(TransientStoreError):
        index.replace_document(_source("a.txt", "a" * 64), _record(["Sở Tư pháp"]), extractor_version="v1")


def test_unprocessed_items_are_retried_then_transient(client: Any) -> None:
    class Unprocessed:
        calls = 0

        def __getattr__(self, name: str) -> Any:
            if name == "batch_write_item":

                def partial(**kwargs: Any) -> Any:
                    Unprocessed.calls += 1
                    return {"UnprocessedItems": kwargs["RequestItems"]}

                return partial
            return getattr(client, name)

    index = Index(Unprocessed(), TABLE, max_batch_attempts=3, sleep=lambda _s: None)  # type: ignore[arg-type]
    with pytest.raises(TransientStoreError):
        index.replace_document(_source("a.txt", "a" * 64), _record(["Sở Tư pháp"]), extractor_version="v1")
    assert Unprocessed.calls == 3


def test_read_path_never_scans(index: Index, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Tư pháp"]), extractor_version="v1")

    def no_scan(**_kwargs: Any) -> Any:
        raise AssertionError("Scan in the read path")

    monkeypatch.setattr(client, "scan", no_scan)
    index.get_document(source.ref.doc_id)
    index.batch_get_meta([source.ref.doc_id])
    index.status_counts()
    index.documents_by_status("ok")


def test_write_stats_count_items(index: Index) -> None:
    source = _source("a.txt", "a" * 64)
    record = _record(["Sở Tư pháp"])
    result = index.replace_document(source, record, extractor_version="v1")
    catalogue = len(items.entity_items(record))
    assert index.stats.puts == result.links_written + 1 + catalogue
    # Only the META lands in a GSI (by_status); links live in the base table under their facet.
    assert index.stats.estimated.gsi == 1
    meta = index.client.get_item(
        TableName=TABLE, Key={"pk": {"S": keys.doc_pk(source.ref.doc_id)}, "sk": {"S": keys.META_SK}}
    )["Item"]
    meta_units = cost.write_units(cost.item_size(meta))
    assert index.stats.estimated.table == result.links_written + meta_units + catalogue  # a link: 1 unit
    # Entities already written by this Index are not written again.
    index.replace_document(_source("b.txt", "b" * 64), record, extractor_version="v1")
    assert index.stats.puts == 2 * (result.links_written + 1) + catalogue


def test_catalogue_entries_already_in_the_table_are_not_rewritten(index: Index, client: Any) -> None:
    record = _record(["Sở Tư pháp", "Sở Y tế"], leaders=("Lê Văn Cường",))
    index.replace_document(_source("a.txt", "a" * 64), record, extractor_version="v1")
    fresh = Index(client, TABLE)  # another process: nothing remembered
    result = fresh.replace_document(_source("b.txt", "b" * 64), record, extractor_version="v1")
    assert fresh.stats.puts == result.links_written + 1  # links and META only
    assert fresh.put_entities(_record(["Sở Tài chính"])) == 2  # a new unit: its two catalogue items


def _keys_of(client: Any, doc_id: str) -> list[tuple[str, str]]:
    return sorted((i["pk"]["S"], i["sk"]["S"]) for i in _doc_items(client, doc_id))


def test_links_complete_cleans_up_after_a_writer_killed_mid_way(
    index: Index, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _source("a.txt", "a" * 64), _source("a.txt", "b" * 64)
    index.replace_document(new, _record(["Sở Y tế"]), extractor_version="v1")
    clean = _keys_of(client, new.ref.doc_id)
    # Killed after the META switch, before the cleanup: old links stay behind.
    index.replace_document(old, _record(["Sở Tư pháp"]), extractor_version="v1")

    def killed(*_args: Any, **_kwargs: Any) -> int:
        raise RuntimeError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(Table, "delete_keys", killed)
        with pytest.raises(RuntimeError):
            index.replace_document(new, _record(["Sở Y tế"]), extractor_version="v1")
    assert _keys_of(client, new.ref.doc_id) != clean
    meta = index.get_meta(new.ref.doc_id)
    assert meta is not None and meta.stale  # META names what is left to delete
    assert index.links_complete(meta)
    assert _keys_of(client, new.ref.doc_id) == clean


def test_a_writer_killed_before_its_links_leaves_a_document_to_rewrite(
    index: Index, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _source("a.txt", "a" * 64), _source("a.txt", "b" * 64)
    index.replace_document(new, _record(["Sở Y tế"], year=2022), extractor_version="v1")
    clean = _keys_of(client, new.ref.doc_id)
    index.replace_document(old, _record(["Sở Tư pháp"]), extractor_version="v1")

    def killed(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(Table, "batch_write", killed)
        with pytest.raises(RuntimeError):
            index.replace_document(new, _record(["Sở Y tế"], year=2022), extractor_version="v1")
    meta = index.get_meta(new.ref.doc_id)
    assert meta is not None and not index.links_complete(meta)  # its links were never written
    index.replace_document(new, _record(["Sở Y tế"], year=2022), extractor_version="v1")
    assert _keys_of(client, new.ref.doc_id) == clean
    assert index.links_complete(index.get_meta(new.ref.doc_id))  # type: ignore[arg-type]


def test_a_concurrent_writer_that_switched_later_keeps_its_links(index: Index, client: Any) -> None:
    slow, fast = _source("a.txt", "a" * 64), _source("a.txt", "b" * 64)
    index.replace_document(fast, _record(["Sở Y tế"], year=2022), extractor_version="v1")
    clean = _keys_of(client, fast.ref.doc_id)
    # The slow writer switched META first, then the fast one switched and finished; now the slow
    # writer's link writes land: it must see it lost and restore the winner's links.
    slow_links = items.link_items(slow, _record(["Sở Tư pháp"]), extractor_version="v1")
    client.batch_write_item(RequestItems={TABLE: [{"PutRequest": {"Item": i}} for i in slow_links]})
    index._heal(slow.ref.doc_id, {items.item_pk_sk(i) for i in slow_links})
    assert _keys_of(client, fast.ref.doc_id) == clean
    meta = index.get_meta(fast.ref.doc_id)
    assert meta is not None and index.links_complete(meta)


def test_documents_indexed_under_layout_1_are_moved(index: Index, client: Any) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Y tế"]), extractor_version="v1")
    doc_id = source.ref.doc_id
    # What the earlier layout left: META without a layout and links in the document's partition.
    client.update_item(
        TableName=TABLE,
        Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
        UpdateExpression="REMOVE layout",
    )
    for link in _links(client, doc_id):
        client.delete_item(TableName=TABLE, Key=items.item_key(link))
    ver = keys.version("a" * 64, "v1")
    client.put_item(
        TableName=TABLE,
        Item={
            "pk": {"S": keys.doc_pk(doc_id)},
            "sk": {"S": keys.legacy_link_sk(ver, keys.unit_facet(unit_id("Sở Y tế")))},
            "gsi1pk": {"S": keys.unit_facet(unit_id("Sở Y tế"))},
            "gsi1sk": {"S": f"2024-01-10#{doc_id}"},
            "doc_id": {"S": doc_id},
            "ver": {"S": ver},
        },
    )
    meta = index.get_meta(doc_id)
    assert meta is not None and meta.layout is None and not index.links_complete(meta)
    assert [link.facet for link in index.document_links(doc_id)] == [keys.unit_facet(unit_id("Sở Y tế"))]
    index.replace_document(source, _record(["Sở Y tế"]), extractor_version="v1")
    assert [i["sk"]["S"] for i in _partition(client, doc_id)] == [keys.META_SK]
    assert index.links_complete(index.get_meta(doc_id))  # type: ignore[arg-type]


def test_links_complete_is_false_when_a_current_link_is_missing(index: Index, client: Any) -> None:
    source = _source("a.txt", "a" * 64)
    index.replace_document(source, _record(["Sở Y tế"]), extractor_version="v1")
    link = _links(client, source.ref.doc_id)[0]
    client.delete_item(TableName=TABLE, Key={"pk": link["pk"], "sk": link["sk"]})
    meta = index.get_meta(source.ref.doc_id)
    assert meta is not None and not index.links_complete(meta)


def test_a_writer_killed_after_the_switch_has_already_written_the_catalogue(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _source("b.txt", "c" * 64)

    def killed(*_args: Any, **_kwargs: Any) -> int:
        raise RuntimeError("killed")

    # Killed at the cleanup after the META switch: the next delivery finds the document
    # "unchanged" and never writes again, so its entities must already be in the catalogue.
    with monkeypatch.context() as patch:
        patch.setattr(Table, "delete_keys", killed)
        with pytest.raises(RuntimeError):
            index.replace_document(source, _record(["Sở Công Thương"]), extractor_version="v1")
    meta = index.get_meta(source.ref.doc_id)
    assert meta is not None and index.links_complete(meta)
    typeahead = DynamoReader.from_index(index).catalogue("unit", "so cong thuong").items
    assert [e["id"] for e in typeahead] == [unit_id("Sở Công Thương")]
