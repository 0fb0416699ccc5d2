"""The index: one DynamoDB table behind a small interface (the boto3 client is passed in).

Write protocol (idempotent, no transactions; layout in :mod:`thidua.store.keys`):

1. read META (consistent); a newer S3 sequencer there means this event is stale;
2. PutItem the new META, conditional on META being unchanged since step 1 (else
   back to 1): this switches the document to the new version. It lists the link
   keys of the replaced version that the new one does not reuse (``stale``);
3. BatchWrite the new version's links (in place: a link keeps its key across
   versions when its facet and date do, so a re-index overwrites instead of
   writing and deleting);
4. check META still names this version (a concurrent writer that switched later
   gets its links back), then delete the ``stale`` keys.

Readers of search pages drop any link whose version differs from its META's, so a
search never shows a document twice or with a mix of old and new links; during
steps 2-3 a re-indexed document is briefly missing from results instead. Nothing
is written for a version before its META: a writer killed at any step leaves
only keys its META names, and the "unchanged" path (``links_complete``) finishes
the job. Aggregates read links without META (``rev`` orders a document's versions).

The read path uses Query, GetItem and BatchGetItem only: never Scan.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thidua import EXTRACTOR_VERSION
from thidua.store import cost, items, keys
from thidua.store.errors import (
    StaleWriteError,
    StoreError,
    TransientStoreError,
    call_mapped,
)
from thidua.store.items import Item, LinkItem, SourceInfo, SourceRef, StoredDocument
from thidua.understand.record import DocumentRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

BATCH_WRITE_MAX = 25
BATCH_GET_MAX = 100
TOMBSTONE_DAYS = 7
MAX_SWITCH_ATTEMPTS = 8
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

    def document_links(self, doc_id: str) -> list[LinkItem]:
        """The link items that exist for a document: its current version's and any left to clean up."""
        meta = self.get_meta(doc_id, with_record=False)
        if meta is None:
            return []
        wanted = items.meta_link_keys(meta) | set(meta.stale)
        found = [items.link_from_item(i) for i in self._get_keys(wanted, projection=None).values()]
        found += [items.legacy_link_from_item(i) for i in self._legacy_links(doc_id)]
        return found

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

        `date_from`/`date_to` ("YYYY-MM-DD", inclusive) narrow the positions; `year` keeps
        documents that name that campaign year (for unit, bloc and leader facets through the
        year window, see :mod:`thidua.store.keys`). Links may be stale: check them against
        their META with `is_current`.
        """
        values: dict[str, Any] = {":f": {"S": facet}}
        names: dict[str, str] = {}
        lo = date_from
        hi = f"{date_to}#~" if date_to else None
        windowed = year is not None and not (date_from or date_to) and keys.facet_kind(facet) in keys.WINDOWED
        if windowed and year is not None:
            lo, hi = keys.window(year)
            condition_filter = "contains(#yrs, :y)"
            names["#yrs"] = "yrs"
        elif year is not None:
            condition_filter = "contains(#years, :y) AND attribute_not_exists(#e)"
            names.update({"#years": "years", "#e": "e"})
        else:
            condition_filter = "attribute_not_exists(#e)"
            names["#e"] = "e"
        if year is not None:
            values[":y"] = {"N": str(int(year))}
        condition = "pk = :f"
        if lo or hi:
            values[":lo"] = {"S": lo or "0000"}
            values[":hi"] = {"S": hi or "9999"}
            condition += " AND sk BETWEEN :lo AND :hi"
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": condition,
            "FilterExpression": condition_filter,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": not newest_first,
            "Limit": limit,
        }
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
        """True when every link of the current version is there; leftovers of other versions are deleted.

        A writer killed after its META switch leaves its links unwritten or the replaced
        version's links undeleted (META lists those as ``stale``). The "unchanged" path
        calls this so a resumed run ends with exactly the items of an uninterrupted one;
        False sends the document through a full write again.
        """
        if meta.status != "ok" or meta.layout != keys.LAYOUT:
            return False  # indexed under layout 1: re-index to move its links
        full = meta if meta.record is not None else self.get_meta(meta.doc_id)
        if full is None or full.record is None or full.ver != meta.ver:
            return False
        expected = {items.item_pk_sk(i) for i in self._items_of(full)}
        found = self._get_keys(expected | set(meta.stale))
        stray = [k for k in meta.stale if k in found and k not in expected]
        self._delete_keys(stray)
        return all(k in found and found[k].get("ver", {}).get("S") == meta.ver for k in expected)

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
        """Make `record` the document's current version (META switch, links, cleanup).

        Raises `StaleWriteError` when a newer S3 event for the same object was indexed first.
        `existed` is accepted for callers of the earlier interface; the write reads META itself.
        """
        del existed
        doc_id = source.ref.doc_id
        ver = keys.version(source.content_hash, extractor_version)
        updated_at = now or utc_now()
        links = items.link_items(source, record, extractor_version=extractor_version, updated_at=updated_at)
        new_keys = {items.item_pk_sk(i) for i in links}
        # Catalogue first: its puts are idempotent, and a writer that dies after the META switch
        # leaves a document the next delivery calls "unchanged", which would never add them.
        self.put_entities(record)
        old, stale = self._switch(
            source.sequencer,
            lambda old_stale: items.meta_item(
                source,
                record,
                extractor_version=extractor_version,
                updated_at=updated_at,
                stale=old_stale - new_keys,
            ),
            doc_id,
        )
        stale -= new_keys
        self._batch_write([{"PutRequest": {"Item": i}} for i in links])
        if not self._still_current(doc_id, updated_at):
            self._heal(doc_id, new_keys)
            return WriteResult(doc_id=doc_id, ver=ver, links_written=len(links))
        deleted = self._delete_keys(stale)
        if old is not None and old.layout != keys.LAYOUT:
            deleted += self._delete_legacy(doc_id)
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
        del existed
        updated_at = now or utc_now()
        old, stale = self._switch(
            source.sequencer,
            lambda old_stale: items.failed_meta_item(
                source, reason, extractor_version=extractor_version, updated_at=updated_at, stale=old_stale
            ),
            source.ref.doc_id,
        )
        deleted = self._delete_keys(stale)
        if old is not None and old.layout != keys.LAYOUT:
            deleted += self._delete_legacy(source.ref.doc_id)
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
        if sequencer:
            updated_at = now or utc_now()
            expires = int(dt.datetime.now(dt.UTC).timestamp()) + TOMBSTONE_DAYS * 86400
            old, stale = self._switch(
                sequencer,
                lambda old_stale: items.tombstone_item(
                    ref, sequencer, updated_at=updated_at, expires_at=expires, stale=old_stale
                ),
                doc_id,
            )
            deleted = self._delete_keys(stale)
            deleted += self._delete_legacy(doc_id)
            return (old is not None and old.status != "deleted") or deleted > 0
        for _attempt in range(MAX_SWITCH_ATTEMPTS):
            # Links first, then META: a removal killed half-way is finished by running it again.
            old = self.get_meta(doc_id, with_record=False)
            deleted = self._delete_keys(self._doomed(old)) + self._delete_legacy(doc_id)
            if old is None:
                return deleted > 0
            try:
                response = self._call(
                    "delete_item",
                    TableName=self.table_name,
                    Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
                    ConditionExpression="updated_at = :u",
                    ExpressionAttributeValues={":u": {"S": old.updated_at or ""}},
                    ReturnConsumedCapacity="TOTAL",
                    ReturnValues="ALL_OLD",
                )
            except StaleWriteError:
                continue  # a writer switched META meanwhile: its links are to go too
            gone = response.get("Attributes")
            if gone:
                self.stats.deletes += 1
                self.stats.estimated += cost.put_cost(gone, GSIS)
            return old.status != "deleted" or deleted > 0
        raise TransientStoreError(f"delete {doc_id}: META kept changing")

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

    def _switch(
        self, sequencer: str | None, build: Callable[[set[items.LinkKey]], Item], doc_id: str
    ) -> tuple[StoredDocument | None, set[items.LinkKey]]:
        """Put the META `build(stale keys)` makes, if META is unchanged since read; retried on a race.

        Returns the replaced META and the link keys now to delete (the replaced version's,
        and leftovers it still listed that exist).
        """
        for _attempt in range(MAX_SWITCH_ATTEMPTS):
            old = self.get_meta(doc_id, with_record=False)
            if self.is_stale(old, sequencer):
                raise StaleWriteError(f"{doc_id}: a newer S3 event is already indexed")
            doomed = self._doomed(old)
            meta = build(doomed)
            kwargs: dict[str, Any] = {
                "TableName": self.table_name,
                "Item": meta,
                "ReturnConsumedCapacity": "TOTAL",
            }
            if old is None:
                kwargs["ConditionExpression"] = "attribute_not_exists(pk)"
            else:
                kwargs["ConditionExpression"] = "updated_at = :u"
                kwargs["ExpressionAttributeValues"] = {":u": {"S": old.updated_at or ""}}
            try:
                self._call("put_item", **kwargs)
            except StaleWriteError:
                continue  # another writer switched META after our read: decide again
            self.stats.puts += 1
            self.stats.estimated += cost.put_cost(meta, GSIS, replaces_gsi_entry=old is not None)
            return old, doomed
        raise TransientStoreError(f"{doc_id}: META kept changing under concurrent writers")

    def _doomed(self, old: StoredDocument | None) -> set[items.LinkKey]:
        """Link keys a META names that a replacement must delete: its links and its leftovers that exist."""
        if old is None:
            return set()
        doomed = items.meta_link_keys(old)
        if old.stale:
            doomed |= set(self._get_keys(set(old.stale), projection="pk, sk"))
        return doomed

    def _still_current(self, doc_id: str, updated_at: str) -> bool:
        response = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": keys.doc_pk(doc_id)}, "sk": {"S": keys.META_SK}},
            ConsistentRead=True,
            ProjectionExpression="updated_at",
        )
        return response.get("Item", {}).get("updated_at", {}).get("S") == updated_at

    def _heal(self, doc_id: str, ours: set[items.LinkKey]) -> None:
        """A later writer switched META while we wrote links: leave exactly its links in place."""
        current = self.get_meta(doc_id)
        theirs = self._items_of(current) if current is not None else []
        their_keys = {items.item_pk_sk(i) for i in theirs}
        self._delete_keys(ours - their_keys)
        self._batch_write([{"PutRequest": {"Item": i}} for i in theirs])

    def _items_of(self, meta: StoredDocument) -> list[Item]:
        """The link items of a stored document's current version, rebuilt from its record."""
        if meta.status != "ok" or meta.record is None or meta.content_hash is None:
            return []
        ref = SourceRef(uri=meta.source_uri, bucket=meta.bucket, key=meta.key, path=meta.path)
        source = SourceInfo(ref=ref, size=meta.size or 0, content_hash=meta.content_hash, format=meta.format)
        return items.link_items(
            source, meta.record, extractor_version=meta.extractor_version or "", updated_at=meta.updated_at
        )

    def _get_keys(
        self, wanted: set[items.LinkKey], projection: str | None = "pk, sk, ver"
    ) -> dict[items.LinkKey, Item]:
        """BatchGetItem of these keys (projected unless `projection` is None); the ones that exist."""
        ordered = sorted(wanted)
        found: dict[items.LinkKey, Item] = {}
        for start in range(0, len(ordered), BATCH_GET_MAX):
            chunk = ordered[start : start + BATCH_GET_MAX]
            spec: dict[str, Any] = {
                "Keys": [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in chunk],
                "ConsistentRead": True,
            }
            if projection:
                spec["ProjectionExpression"] = projection
            request: dict[str, Any] = {self.table_name: spec}
            attempt = 0
            while request:
                response = self._call("batch_get_item", RequestItems=request)
                for item in response.get("Responses", {}).get(self.table_name, []):
                    found[items.item_pk_sk(item)] = item
                request = dict(response.get("UnprocessedKeys") or {})
                if request:
                    attempt = self._backoff(attempt, "batch_get_item")
        return found

    def _delete_keys(self, doomed: Iterable[items.LinkKey]) -> int:
        """Delete link items by key. Links fit one write unit (items.LINK_BUDGET) and no GSI."""
        requests = [
            {"DeleteRequest": {"Key": {"pk": {"S": pk}, "sk": {"S": sk}}}} for pk, sk in sorted(doomed)
        ]
        self.stats.deletes += len(requests)
        self.stats.estimated += cost.WriteCost(table=len(requests))
        self._batch_write(requests)
        return len(requests)

    def _legacy_links(self, doc_id: str) -> list[Item]:
        """Layout-1 links in the document's own partition (indexed before layout 2)."""
        return list(
            self._query_all(
                TableName=self.table_name,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :l)",
                ExpressionAttributeValues={
                    ":pk": {"S": keys.doc_pk(doc_id)},
                    ":l": {"S": keys.LINK_PREFIX},
                },
                ConsistentRead=True,
            )
        )

    def _delete_legacy(self, doc_id: str) -> int:
        found = self._legacy_links(doc_id)
        requests = [{"DeleteRequest": {"Key": items.item_key(i)}} for i in found]
        self._batch_write(requests, deleted=found, gsis=LEGACY_GSIS)
        return len(found)

    def _batch_write(
        self,
        requests: list[dict[str, Any]],
        *,
        deleted: Sequence[Item] = (),
        gsis: cost.GsiSpec | None = None,
    ) -> None:
        gsis = GSIS if gsis is None else gsis
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
        what = f"{operation} on {self.table_name}"
        response: dict[str, Any] = call_mapped(what, getattr(self._client, operation), **kwargs)
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
    "layout",
    "updated_at",
)

# The table's GSIs as the cost estimate needs them. Mirrors template.yaml; tests/unit/test_store_cost.py
# checks it against thidua.store.template_schema.gsi_projections(), so Lambda needs no template at runtime.
GSIS: cost.GsiSpec = {
    keys.BY_STATUS: (
        ["status_pk", "status_sk"],
        "INCLUDE",
        ["doc_id", "source_uri", "extractor_version", "reason", "title"],
    ),
}


# Layout 1 links also landed in GSI by_entity (projection ALL): what deleting one costs.
LEGACY_GSIS: cost.GsiSpec = {**GSIS, "by_entity": (["gsi1pk", "gsi1sk"], "ALL", [])}


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
