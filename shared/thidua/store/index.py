"""The index: one DynamoDB table behind a small interface (the boto3 client is passed in).

Write protocol (idempotent, no transactions; see /work/storage-spec.md and DESIGN.md):
new links are written first under the new version, then the META item switches
the document to that version in one PutItem, then links of other versions are
deleted. Readers drop any link whose version differs from its META's, so a
search never shows a document twice or with a mix of old and new links.

The read path uses Query, GetItem and BatchGetItem only: never Scan.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError

from thidua import EXTRACTOR_VERSION
from thidua.store import cost, items, keys
from thidua.store.errors import (
    StaleWriteError,
    StoreError,
    TransientStoreError,
    error_code,
    map_botocore_error,
    map_client_error,
)
from thidua.store.items import Item, LinkItem, SourceInfo, SourceRef, StoredDocument
from thidua.understand.record import DocumentRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

BATCH_WRITE_MAX = 25
BATCH_GET_MAX = 100
TOMBSTONE_DAYS = 7
STATUSES = ("ok", "failed", "deleted")


def utc_now() -> str:
    """ISO-8601 UTC timestamp with milliseconds, e.g. 2024-01-12T08:30:00.123Z."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class WriteStats:
    """What this Index wrote: item counts, estimated write units, and AWS-reported units when returned."""

    puts: int = 0
    deletes: int = 0
    estimated: cost.WriteCost = field(default_factory=cost.WriteCost)
    consumed_wcu: float = 0.0


@dataclass(frozen=True)
class WriteResult:
    doc_id: str
    ver: str | None
    links_written: int = 0
    links_deleted: int = 0


@dataclass(frozen=True)
class LinkPage:
    """One page of a facet query; `last_key` is DynamoDB's LastEvaluatedKey (None at the end)."""

    links: list[LinkItem]
    last_key: dict[str, Any] | None


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str
    locality: str | None = None


@dataclass(frozen=True)
class StatusPage:
    documents: list[StoredDocument]
    last_key: dict[str, Any] | None


class Index:
    """The thidua index table.

    Build one with an existing client (`Index(client, table_name)`), or locally through
    `thidua.store.local_engine.local_index()`.
    """

    def __init__(
        self,
        client: DynamoDBClient,
        table_name: str,
        *,
        max_batch_attempts: int = 8,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self.table_name = table_name
        self._max_batch_attempts = max_batch_attempts
        self._sleep = sleep
        self._known_entities: set[tuple[str, str]] = set()
        self.stats = WriteStats()

    @property
    def client(self) -> DynamoDBClient:
        """The boto3 client (the query layer reads through it)."""
        return self._client

    # ---- reads ---------------------------------------------------------------------------------

    def get_meta(
        self, doc_id: str, *, consistent: bool = True, with_record: bool = True
    ) -> StoredDocument | None:
        """The META of a document in any status (ok, failed, deleted tombstone), or None."""
        response = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
            ConsistentRead=consistent,
        )
        item = response.get("Item")
        return items.document_from_item(item, with_record=with_record) if item else None

    def get_document(self, doc_id: str, *, with_record: bool = True) -> StoredDocument | None:
        """A document that is in the index (ok or failed); None when absent or removed."""
        meta = self.get_meta(doc_id, consistent=False, with_record=with_record)
        return None if meta is None or meta.status == "deleted" else meta

    def batch_get_meta(
        self, doc_ids: Iterable[str], *, with_record: bool = False, consistent: bool = False
    ) -> dict[str, StoredDocument]:
        """META items of many documents by id (absent ones are missing from the result)."""
        wanted = list(dict.fromkeys(doc_ids))
        found: dict[str, StoredDocument] = {}
        for start in range(0, len(wanted), BATCH_GET_MAX):
            request: dict[str, Any] = {
                self.table_name: {
                    "Keys": [
                        {"pk": {"S": keys.doc_pk(d)}, "sk": {"S": keys.META_SK}}
                        for d in wanted[start : start + BATCH_GET_MAX]
                    ],
                    "ConsistentRead": consistent,
                }
            }
            if not with_record:
                request[self.table_name]["ProjectionExpression"] = ", ".join(f"#{a}" for a in _META_LIGHT)
                request[self.table_name]["ExpressionAttributeNames"] = {f"#{a}": a for a in _META_LIGHT}
            attempt = 0
            while request:
                response = self._call("batch_get_item", RequestItems=request)
                for item in response.get("Responses", {}).get(self.table_name, []):
                    doc = items.document_from_item(item, with_record=with_record)
                    found[doc.doc_id] = doc
                request = dict(response.get("UnprocessedKeys") or {})
                if request:
                    attempt = self._backoff(attempt, "batch_get_item")
        return found

    def document_links(self, doc_id: str, *, consistent: bool = True) -> list[LinkItem]:
        """Every link item in a document's partition (all versions)."""
        return [items.link_from_item(i) for i in self._partition_links(doc_id, consistent=consistent)]

    def query_links(
        self,
        facet: str,
        *,
        newest_first: bool = True,
        date_from: str | None = None,
        date_to: str | None = None,
        year: int | None = None,
        limit: int = 50,
        start_key: dict[str, Any] | None = None,
    ) -> LinkPage:
        """One page of the links of a facet (e.g. `keys.unit_facet(id)`), newest first by default.

        `date_from`/`date_to` ("YYYY-MM-DD", inclusive) narrow the sort key; `year` keeps links
        whose document names that campaign year. Links may be stale: check them against their
        META with `is_current`.
        """
        values: dict[str, Any] = {":f": {"S": facet}}
        condition = "gsi1pk = :f"
        if date_from or date_to:
            values[":lo"] = {"S": date_from or "0000"}
            values[":hi"] = {"S": f"{date_to}#~" if date_to else "9999"}
            condition += " AND gsi1sk BETWEEN :lo AND :hi"
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": keys.BY_ENTITY,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": not newest_first,
            "Limit": limit,
        }
        if year is not None:
            kwargs["FilterExpression"] = "contains(#years, :y)"
            kwargs["ExpressionAttributeNames"] = {"#years": "years"}
            values[":y"] = {"N": str(int(year))}
        if start_key:
            kwargs["ExclusiveStartKey"] = start_key
        response = self._call("query", **kwargs)
        return LinkPage(
            links=[items.link_from_item(i) for i in response.get("Items", [])],
            last_key=response.get("LastEvaluatedKey"),
        )

    @staticmethod
    def is_current(link: LinkItem, meta: StoredDocument | None) -> bool:
        """A link counts only if its document is indexed (status ok) at the link's version."""
        return meta is not None and meta.status == "ok" and meta.ver == link.ver

    def find_entities(self, kind: keys.EntityType, prefix: str, *, limit: int = 20) -> list[EntityRef]:
        """Typeahead: entities of a type whose search key starts with `prefix` (already folded)."""
        values: dict[str, Any] = {":pk": {"S": keys.entity_type_pk(kind)}}
        condition = "pk = :pk"
        if prefix:
            values[":p"] = {"S": prefix}
            condition += " AND begins_with(sk, :p)"
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression=condition,
            ExpressionAttributeValues=values,
            Limit=limit,
        )
        return [_entity(i) for i in response.get("Items", [])]

    def entity(self, entity_id: str) -> EntityRef | None:
        """Display name (and type) of an entity by id."""
        response = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": keys.entity_id_pk(entity_id)}, "sk": {"S": keys.NAME_SK}},
        )
        item = response.get("Item")
        return _entity(item) if item else None

    def status_counts(self) -> dict[tuple[str, str], int]:
        """Number of documents by (status, extractor version), from the sparse by_status index."""
        counts: Counter[tuple[str, str]] = Counter()
        for status in STATUSES:
            for item in self._query_all(
                TableName=self.table_name,
                IndexName=keys.BY_STATUS,
                KeyConditionExpression="status_pk = :s",
                ExpressionAttributeValues={":s": {"S": keys.status_pk(status)}},
                ProjectionExpression="extractor_version",
            ):
                counts[(status, item.get("extractor_version", {}).get("S", "-"))] += 1
        return dict(counts)

    def documents_by_status(
        self, status: str, *, limit: int = 100, start_key: dict[str, Any] | None = None
    ) -> StatusPage:
        """Documents in one status, most recently updated first (fields the by_status index projects)."""
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": keys.BY_STATUS,
            "KeyConditionExpression": "status_pk = :s",
            "ExpressionAttributeValues": {":s": {"S": keys.status_pk(status)}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start_key:
            kwargs["ExclusiveStartKey"] = start_key
        response = self._call("query", **kwargs)
        docs = []
        for item in response.get("Items", []):
            data = items.deserialize(item)
            docs.append(
                StoredDocument(
                    doc_id=data["doc_id"],
                    source_uri=data.get("source_uri", ""),
                    extractor_version=data.get("extractor_version"),
                    reason=data.get("reason"),
                    title=data.get("title"),
                    status=status,  # type: ignore[arg-type]
                    updated_at=str(data["status_sk"]).split("#", 1)[0],
                )
            )
        return StatusPage(docs, response.get("LastEvaluatedKey"))

    # ---- the unchanged and ordering checks ------------------------------------------------------

    @staticmethod
    def is_unchanged(
        meta: StoredDocument | None, content_hash: str, extractor_version: str = EXTRACTOR_VERSION
    ) -> bool:
        """Same bytes already indexed by the same extractor: nothing to do."""
        return (
            meta is not None
            and meta.status == "ok"
            and meta.ver == keys.version(content_hash, extractor_version)
        )

    @staticmethod
    def is_stale(meta: StoredDocument | None, sequencer: str | None) -> bool:
        """An S3 event older than the one the index already reflects (compared per S3's rule)."""
        if not sequencer or meta is None or not meta.sequencer:
            return False
        return keys.pad_sequencer(sequencer) < meta.sequencer

    def links_complete(self, meta: StoredDocument) -> bool:
        """True when every link of the current version is there; links of other versions are deleted.

        An ingest killed after its META switch but before its cleanup leaves old links behind
        (readers already ignore them); one killed between its link writes and its META switch
        leaves new-version orphans. The "unchanged" path calls this so a resumed run ends
        with exactly the items of an uninterrupted one.
        """
        present = list(self._partition_links(meta.doc_id))
        stray = [i for i in present if keys.link_ver(i["sk"]["S"]) != meta.ver]
        if stray:
            self._batch_write([{"DeleteRequest": {"Key": items.item_key(i)}} for i in stray], deleted=stray)
        current = {i["gsi1pk"]["S"] for i in present if keys.link_ver(i["sk"]["S"]) == meta.ver}
        return set(meta.facets) <= current

    def touch_sequencer(self, doc_id: str, sequencer: str) -> None:
        """Record a newer sequencer on an unchanged document, so older events stay ignored."""
        padded = keys.pad_sequencer(sequencer)
        try:
            self._call(
                "update_item",
                TableName=self.table_name,
                Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
                UpdateExpression="SET sequencer = :q",
                ConditionExpression=(
                    "attribute_exists(pk) AND (attribute_not_exists(sequencer) OR sequencer < :q)"
                ),
                ExpressionAttributeValues={":q": {"S": padded}},
                ReturnConsumedCapacity="TOTAL",
            )
        except StaleWriteError:
            return

    # ---- writes --------------------------------------------------------------------------------

    def replace_document(
        self,
        source: SourceInfo,
        record: DocumentRecord,
        *,
        extractor_version: str = EXTRACTOR_VERSION,
        now: str | None = None,
        existed: bool = False,
    ) -> WriteResult:
        """Make `record` the document's current version (links first, then META, then cleanup).

        Raises `StaleWriteError` when a newer S3 event for the same object was indexed first.
        `existed` (the caller saw a META before) only refines the write-unit estimate.
        """
        doc_id = source.ref.doc_id
        ver = keys.version(source.content_hash, extractor_version)
        links = items.link_items(source, record, extractor_version=extractor_version)
        meta = items.meta_item(
            source, record, extractor_version=extractor_version, updated_at=now or utc_now()
        )
        self._batch_write([{"PutRequest": {"Item": i}} for i in links])
        try:
            self._put_meta(meta, source.sequencer, existed=existed)
        except StaleWriteError:
            current = self.get_meta(doc_id, with_record=False)
            self._delete_links(doc_id, keep_ver=current.ver if current and current.status == "ok" else None)
            raise
        deleted = self._delete_links(doc_id, keep_ver=ver, expected=links)
        self.put_entities(record)
        return WriteResult(doc_id=doc_id, ver=ver, links_written=len(links), links_deleted=deleted)

    def put_failed(
        self,
        source: SourceInfo,
        reason: str,
        *,
        extractor_version: str = EXTRACTOR_VERSION,
        now: str | None = None,
        existed: bool = False,
    ) -> WriteResult:
        """Store a `failed` status with its reason ("code: message") and remove any old links."""
        meta = items.failed_meta_item(
            source, reason, extractor_version=extractor_version, updated_at=now or utc_now()
        )
        self._put_meta(meta, source.sequencer, existed=existed)
        deleted = self._delete_links(source.ref.doc_id, keep_ver=None)
        return WriteResult(doc_id=source.ref.doc_id, ver=None, links_deleted=deleted)

    def delete_document(
        self, ref: SourceRef, *, sequencer: str | None = None, now: str | None = None
    ) -> bool:
        """Remove a document and all its links; True if anything was there.

        With an S3 sequencer a tombstone META (status `deleted`, expiring after a week) stays,
        so an older ObjectCreated delivered late is recognised as stale. Raises
        `StaleWriteError` when a newer event for the object was already indexed.
        """
        doc_id = ref.doc_id
        existing = self.get_meta(doc_id, with_record=False)
        if sequencer:
            updated_at = now or utc_now()
            expires = int(dt.datetime.now(dt.UTC).timestamp()) + TOMBSTONE_DAYS * 86400
            tombstone = items.tombstone_item(ref, sequencer, updated_at=updated_at, expires_at=expires)
            self._put_meta(tombstone, sequencer, existed=existing is not None)
        else:
            response = self._call(
                "delete_item",
                TableName=self.table_name,
                Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
                ReturnConsumedCapacity="TOTAL",
                ReturnValues="ALL_OLD",
            )
            old = response.get("Attributes")
            if old:
                self.stats.deletes += 1
                self.stats.estimated += cost.put_cost(old, GSIS)
        deleted = self._delete_links(doc_id, keep_ver=None)
        return (existing is not None and existing.status != "deleted") or deleted > 0

    def put_entities(self, record: DocumentRecord) -> int:
        """Write the record's catalogue items that the table does not hold yet; returns how many.

        Entities recur across documents, so most are already there: one BatchGetItem (a read
        costs a fifth of a write on demand) saves rewriting them. The first writer's display
        name stays. Keys seen by this Index are remembered and not checked again.
        """
        todo: dict[tuple[str, str], Item] = {}
        for item in items.entity_items(record):
            key = (item["pk"]["S"], item["sk"]["S"])
            if key not in self._known_entities:
                todo[key] = item
        if not todo:
            return 0
        present = self._existing_keys(list(todo))
        missing = [item for key, item in todo.items() if key not in present]
        self._batch_write([{"PutRequest": {"Item": i}} for i in missing])
        self._known_entities.update(todo)
        return len(missing)

    def _existing_keys(self, wanted: list[tuple[str, str]]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        for start in range(0, len(wanted), BATCH_GET_MAX):
            request: dict[str, Any] = {
                self.table_name: {
                    "Keys": [
                        {"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in wanted[start : start + BATCH_GET_MAX]
                    ],
                    "ProjectionExpression": "pk, sk",
                }
            }
            attempt = 0
            while request:
                response = self._call("batch_get_item", RequestItems=request)
                for item in response.get("Responses", {}).get(self.table_name, []):
                    found.add((item["pk"]["S"], item["sk"]["S"]))
                request = dict(response.get("UnprocessedKeys") or {})
                if request:
                    attempt = self._backoff(attempt, "batch_get_item")
        return found

    # ---- internals -----------------------------------------------------------------------------

    def _put_meta(self, meta: Item, sequencer: str | None, *, existed: bool) -> None:
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "Item": meta,
            "ReturnConsumedCapacity": "TOTAL",
        }
        if sequencer:
            # Only move forward: a META written for a newer S3 event wins over an older one.
            kwargs["ConditionExpression"] = "attribute_not_exists(sequencer) OR sequencer <= :q"
            kwargs["ExpressionAttributeValues"] = {":q": {"S": keys.pad_sequencer(sequencer)}}
        self._call("put_item", **kwargs)
        self.stats.puts += 1
        self.stats.estimated += cost.put_cost(meta, GSIS, replaces_gsi_entry=existed)

    def _partition_links(self, doc_id: str, *, consistent: bool = True) -> Iterator[Item]:
        return self._query_all(
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :l)",
            ExpressionAttributeValues={":pk": {"S": keys.doc_pk(doc_id)}, ":l": {"S": keys.LINK_PREFIX}},
            ConsistentRead=consistent,
        )

    def _delete_links(self, doc_id: str, *, keep_ver: str | None, expected: Sequence[Item] = ()) -> int:
        """Delete links of versions other than `keep_ver`; re-put any expected link found missing.

        The re-put heals the rare race where a concurrent writer's cleanup removed our links
        between our batch write and our META switch.
        """
        present = list(self._partition_links(doc_id))
        doomed = [i for i in present if keep_ver is None or keys.link_ver(i["sk"]["S"]) != keep_ver]
        self._batch_write([{"DeleteRequest": {"Key": items.item_key(i)}} for i in doomed], deleted=doomed)
        have = {i["sk"]["S"] for i in present}
        missing = [i for i in expected if i["sk"]["S"] not in have]
        if missing:
            self._batch_write([{"PutRequest": {"Item": i}} for i in missing])
        return len(doomed)

    def _batch_write(self, requests: list[dict[str, Any]], *, deleted: Sequence[Item] = ()) -> None:
        gsis = GSIS
        for request in requests:
            if "PutRequest" in request:
                self.stats.puts += 1
                self.stats.estimated += cost.put_cost(request["PutRequest"]["Item"], gsis)
        for item in deleted:
            self.stats.deletes += 1
            self.stats.estimated += cost.put_cost(item, gsis)
        for start in range(0, len(requests), BATCH_WRITE_MAX):
            pending: dict[str, Any] = {self.table_name: requests[start : start + BATCH_WRITE_MAX]}
            attempt = 0
            while pending:
                response = self._call(
                    "batch_write_item", RequestItems=pending, ReturnConsumedCapacity="TOTAL"
                )
                pending = {k: v for k, v in (response.get("UnprocessedItems") or {}).items() if v}
                if pending:
                    attempt = self._backoff(attempt, "batch_write_item")

    def _backoff(self, attempt: int, what: str) -> int:
        if attempt + 1 >= self._max_batch_attempts:
            raise TransientStoreError(f"{what}: items still unprocessed after {attempt + 1} attempts")
        self._sleep(min(2.0, 0.05 * 2**attempt))
        return attempt + 1

    def _query_all(self, **kwargs: Any) -> Iterator[Item]:
        while True:
            response = self._call("query", **kwargs)
            yield from response.get("Items", [])
            last = response.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response: dict[str, Any] = getattr(self._client, operation)(**kwargs)
        except ClientError as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                raise StaleWriteError(f"{operation}: a newer version is already indexed") from exc
            raise map_client_error(exc, what=f"{operation} on {self.table_name}") from exc
        except BotoCoreError as exc:
            raise map_botocore_error(exc, what=f"{operation} on {self.table_name}") from exc
        consumed = response.get("ConsumedCapacity")
        if consumed and operation in _WRITE_OPERATIONS:
            for entry in consumed if isinstance(consumed, list) else [consumed]:
                self.stats.consumed_wcu += float(entry.get("CapacityUnits", 0) or 0)
        return response


_WRITE_OPERATIONS = frozenset({"put_item", "update_item", "delete_item", "batch_write_item"})

# Attributes a search page needs from META items (everything but the packed record).
_META_LIGHT = (
    "doc_id",
    "source_uri",
    "bucket",
    "key",
    "path",
    "format",
    "size",
    "content_hash",
    "extractor_version",
    "ver",
    "status",
    "reason",
    "title",
    "sort_date",
    "published",
    "event_date",
    "years",
    "event_types",
    "facets",
    "updated_at",
)

# The table's GSIs as the cost estimate needs them. Mirrors template.yaml; tests/unit/test_store_cost.py
# checks it against thidua.store.template_schema.gsi_projections(), so Lambda needs no template at runtime.
GSIS: cost.GsiSpec = {
    keys.BY_ENTITY: (["gsi1pk", "gsi1sk"], "ALL", []),
    keys.BY_STATUS: (
        ["status_pk", "status_sk"],
        "INCLUDE",
        ["doc_id", "source_uri", "extractor_version", "reason", "title"],
    ),
}


def _entity(item: Item) -> EntityRef:
    data = items.deserialize(item)
    return EntityRef(id=data["id"], name=data["name"], type=data["type"], locality=data.get("locality"))


__all__ = [
    "EntityRef",
    "Index",
    "LinkPage",
    "StatusPage",
    "StoreError",
    "WriteResult",
    "WriteStats",
    "utc_now",
]
