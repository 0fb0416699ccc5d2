"""The index: one DynamoDB table behind a small interface (the boto3 client is passed in).

Write protocol (idempotent, no transactions; layout in :mod:`thidua.store.keys`):

0. catalogue the record's entities (:mod:`thidua.store.catalogue`);
1. read META (consistent); a newer S3 sequencer there means this event is stale;
2. PutItem the new META, conditional on META being unchanged since step 1 (else
   back to 1): this switches the document to the new version. It lists the link
   keys of the replaced version that the new one does not reuse (``stale``);
3. BatchWrite the new version's links (in place: a link keeps its key across
   versions when its facet and date do, so a re-index overwrites instead of
   writing and deleting);
4. check META still names this version (a concurrent writer that switched later
   gets its links back), then delete the ``stale`` keys.

`replace_documents` runs the protocol for many documents at once: every step but
the conditional switch (2) is one batched request for all of them.

Readers of search pages drop any link whose version differs from its META's, so a
search never shows a document twice or with a mix of old and new links; during
steps 2-3 a re-indexed document is briefly missing from results instead. Nothing
is written for a version before its META: a writer killed at any step leaves
only keys its META names, and the "unchanged" path (``links_complete``) finishes
the job. Aggregates read links without META (``rev`` orders a document's versions).

The read path uses Query, GetItem and BatchGetItem only: never Scan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thidua import EXTRACTOR_VERSION
from thidua.store import items, keys
from thidua.store.catalogue import Catalogue
from thidua.store.errors import StaleWriteError, StoreError, TransientStoreError
from thidua.store.models import Item, LinkItem, LinkKey, SourceInfo, SourceRef, StoredDocument
from thidua.store.table import LEGACY_GSIS, Table, WriteStats
from thidua.store.typed import deserialize
from thidua.understand.record import DocumentRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

TOMBSTONE_DAYS = 7
MAX_SWITCH_ATTEMPTS = 8
STATUSES = ("ok", "failed", "deleted")


def utc_now() -> str:
    """ISO-8601 UTC timestamp with milliseconds, e.g. 2024-01-12T08:30:00.123Z."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class WriteResult:
    doc_id: str
    ver: str | None
    links_written: int = 0
    links_deleted: int = 0


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
        report_capacity: bool = True,
    ) -> None:
        self.table = Table(
            client,
            table_name,
            max_batch_attempts=max_batch_attempts,
            sleep=sleep,
            report_capacity=report_capacity,
        )
        self.table_name = table_name
        self.catalogue = Catalogue(self.table)

    @property
    def client(self) -> DynamoDBClient:
        """The boto3 client (the query layer reads through it)."""
        return self.table.client

    @property
    def stats(self) -> WriteStats:
        """What this Index wrote so far (items, estimated and reported write units, requests)."""
        return self.table.stats

    # ---- reads ---------------------------------------------------------------------------------

    def get_meta(
        self, doc_id: str, *, consistent: bool = True, with_record: bool = True
    ) -> StoredDocument | None:
        """The META of a document in any status (ok, failed, deleted tombstone), or None."""
        response = self.table.call(
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
        projection = None if with_record else ", ".join(f"#{a}" for a in ("pk", "sk", *_META_LIGHT))
        names = None if with_record else {f"#{a}": a for a in ("pk", "sk", *_META_LIGHT)}
        wanted = {(keys.doc_pk(d), keys.META_SK) for d in doc_ids}
        found = self.table.get_keys(wanted, projection=projection, consistent=consistent, names=names)
        docs = (items.document_from_item(item, with_record=with_record) for item in found.values())
        return {doc.doc_id: doc for doc in docs}

    def document_links(self, doc_id: str) -> list[LinkItem]:
        """The link items that exist for a document: its current version's and any left to clean up."""
        meta = self.get_meta(doc_id, with_record=False)
        if meta is None:
            return []
        wanted = items.meta_link_keys(meta) | set(meta.stale)
        found = [items.link_from_item(i) for i in self.table.get_keys(wanted, projection=None).values()]
        found += [items.legacy_link_from_item(i) for i in self._legacy_links(doc_id)]
        return found

    def status_counts(self) -> dict[tuple[str, str], int]:
        """Number of documents by (status, extractor version), from the sparse by_status index."""
        counts: Counter[tuple[str, str]] = Counter()
        for status in STATUSES:
            for item in self.table.query_all(
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
        response = self.table.call("query", **kwargs)
        docs = []
        for item in response.get("Items", []):
            data = deserialize(item)
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
    def is_stale(meta: StoredDocument | None, sequencer: str | None, fetched_at: str | None = None) -> bool:
        """True when the index already reflects a newer state of the object than these bytes.

        With an S3 event's `sequencer`: an older event than the indexed one (S3's rule). Bytes
        fetched without an event (a backfill, `fetched_at`) are older than an event-driven
        write that landed after the fetch: that writer read the object later, and any upload
        since has its own event. (The two times come from two clocks; Lambda's are NTP-synced.)
        """
        if meta is None or not meta.sequencer:
            return False
        if sequencer:
            return keys.pad_sequencer(sequencer) < meta.sequencer
        return bool(fetched_at and meta.updated_at and meta.updated_at > fetched_at)

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
        found = self.table.get_keys(expected | set(meta.stale))
        stray = [k for k in meta.stale if k in found and k not in expected]
        self.table.delete_keys(stray)
        return all(k in found and found[k].get("ver", {}).get("S") == meta.ver for k in expected)

    def touch_sequencer(self, doc_id: str, sequencer: str) -> None:
        """Record a newer sequencer on an unchanged document, so older events stay ignored."""
        padded = keys.pad_sequencer(sequencer)
        try:
            self.table.call(
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
        (result,) = self.replace_documents([(source, record)], extractor_version=extractor_version, now=now)
        if result is None:
            raise StaleWriteError(f"{source.ref.doc_id}: a newer S3 event is already indexed")
        return result

    def replace_documents(
        self,
        docs: Sequence[tuple[SourceInfo, DocumentRecord]],
        *,
        extractor_version: str = EXTRACTOR_VERSION,
        now: str | None = None,
        olds: Mapping[str, StoredDocument] | None = None,
    ) -> list[WriteResult | None]:
        """`replace_document` for many documents at once, sharing requests between them.

        Each document goes through the same protocol with the same guarantees; the catalogue
        check, the META reads, the link writes, the check that each META still names our
        version and the cleanup are batched across documents, which leaves one request a
        document of its own: the conditional META switch. Returns one result per document,
        in order; None where a newer S3 event for it was indexed first (nothing written).
        `olds`: the documents' META items (light) as the caller read them, to start from
        (the switch is conditional: a META changed since then is read again).
        """
        ids = [source.ref.doc_id for source, _record in docs]
        if len(set(ids)) != len(ids):
            raise ValueError("replace_documents: a document appears twice in one batch")
        updated_at = now or utc_now()
        # Catalogue first: its puts are idempotent, and a writer that dies after the META switch
        # leaves a document the next delivery calls "unchanged", which would never add them.
        self.put_entities(*(record for _source, record in docs))
        if olds is None:
            olds = self.batch_get_meta(ids, consistent=True)
        switched: list[_Switched] = []
        results: list[WriteResult | None] = []
        for source, record in docs:
            links = items.link_items(
                source, record, extractor_version=extractor_version, updated_at=updated_at
            )
            new_keys = {items.item_pk_sk(i) for i in links}
            build = functools.partial(_ok_meta, source, record, new_keys, extractor_version, updated_at)
            doc_id = source.ref.doc_id
            try:
                old, stale = self._switch(
                    source.sequencer,
                    build,
                    doc_id,
                    read=olds.get(doc_id, _ABSENT),
                    fetched_at=source.fetched_at,
                )
            except StaleWriteError:
                results.append(None)
                continue
            switched.append(_Switched(source, links, new_keys, stale - new_keys, old, len(results)))
            ver = keys.version(source.content_hash, extractor_version)
            results.append(WriteResult(doc_id=doc_id, ver=ver, links_written=len(links)))
        self.table.put_all(link for s in switched for link in s.links)
        current = self.table.get_keys(
            ((keys.doc_pk(s.source.ref.doc_id), keys.META_SK) for s in switched),
            projection="pk, sk, updated_at",
        )
        doomed: set[LinkKey] = set()
        for s in switched:
            doc_id = s.source.ref.doc_id
            now_there = current.get((keys.doc_pk(doc_id), keys.META_SK), {}).get("updated_at", {}).get("S")
            if now_there != updated_at:
                self._heal(doc_id, s.new_keys)
                continue
            doomed |= s.stale
            deleted = len(s.stale)
            if s.old is not None and s.old.layout != keys.LAYOUT:
                deleted += self._delete_legacy(doc_id)
            done = results[s.position]
            assert done is not None
            results[s.position] = dataclasses.replace(done, links_deleted=deleted)
        self.table.delete_keys(doomed)
        return results

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
            fetched_at=source.fetched_at,
        )
        deleted = self.table.delete_keys(stale)
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
            deleted = self.table.delete_keys(stale)
            deleted += self._delete_legacy(doc_id)
            return (old is not None and old.status != "deleted") or deleted > 0
        for _attempt in range(MAX_SWITCH_ATTEMPTS):
            # Links first, then META: a removal killed half-way is finished by running it again.
            old = self.get_meta(doc_id, with_record=False)
            deleted = self.table.delete_keys(self._doomed(old)) + self._delete_legacy(doc_id)
            if old is None:
                return deleted > 0
            try:
                response = self.table.call(
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
                self.table.count_delete(gone)
            return old.status != "deleted" or deleted > 0
        raise TransientStoreError(f"delete {doc_id}: META kept changing")

    def put_entities(self, *records: DocumentRecord) -> int:
        """Catalogue the records' entities (`Catalogue.put`); returns how many items were written."""
        return self.catalogue.put(*records)

    # ---- internals -----------------------------------------------------------------------------

    def _switch(
        self,
        sequencer: str | None,
        build: Callable[[set[LinkKey]], Item],
        doc_id: str,
        *,
        read: StoredDocument | object | None = None,
        fetched_at: str | None = None,
    ) -> tuple[StoredDocument | None, set[LinkKey]]:
        """Put the META `build(stale keys)` makes, if META is unchanged since read; retried on a race.

        `read` is META as the caller just read it (consistently), `_ABSENT` when it read none;
        by default META is read here. Raises `StaleWriteError` when the index reflects a newer
        state of the object (`is_stale`). Returns the replaced META and the link keys now to
        delete (the replaced version's, and leftovers it still listed that exist).
        """
        for _attempt in range(MAX_SWITCH_ATTEMPTS):
            if isinstance(read, StoredDocument) or read is _ABSENT:
                old = read if isinstance(read, StoredDocument) else None
                read = None  # a retry reads again
            else:
                old = self.get_meta(doc_id, with_record=False)
            if self.is_stale(old, sequencer, fetched_at):
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
                self.table.call("put_item", **kwargs)
            except StaleWriteError:
                continue  # another writer switched META after our read: decide again
            self.table.count_put(meta, replaces_gsi_entry=old is not None)
            return old, doomed
        raise TransientStoreError(f"{doc_id}: META kept changing under concurrent writers")

    def _doomed(self, old: StoredDocument | None) -> set[LinkKey]:
        """Link keys a META names that a replacement must delete: its links and its leftovers that exist."""
        if old is None:
            return set()
        doomed = items.meta_link_keys(old)
        if old.stale:
            doomed |= set(self.table.get_keys(set(old.stale), projection="pk, sk"))
        return doomed

    def _heal(self, doc_id: str, ours: set[LinkKey]) -> None:
        """A later writer switched META while we wrote links: leave exactly its links in place."""
        current = self.get_meta(doc_id)
        theirs = self._items_of(current) if current is not None else []
        their_keys = {items.item_pk_sk(i) for i in theirs}
        self.table.delete_keys(ours - their_keys)
        self.table.put_all(theirs)

    def _items_of(self, meta: StoredDocument) -> list[Item]:
        """The link items of a stored document's current version, rebuilt from its record."""
        if meta.status != "ok" or meta.record is None or meta.content_hash is None:
            return []
        ref = SourceRef(uri=meta.source_uri, bucket=meta.bucket, key=meta.key, path=meta.path)
        source = SourceInfo(ref=ref, size=meta.size or 0, content_hash=meta.content_hash, format=meta.format)
        return items.link_items(
            source, meta.record, extractor_version=meta.extractor_version or "", updated_at=meta.updated_at
        )

    def _legacy_links(self, doc_id: str) -> list[Item]:
        """Layout-1 links in the document's own partition (indexed before layout 2)."""
        return list(
            self.table.query_all(
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
        self.table.batch_write(requests, deleted=found, gsis=LEGACY_GSIS)
        return len(found)


@dataclass(frozen=True)
class _Switched:
    """A document of a batch whose META now names the new version: what is left to do for it."""

    source: SourceInfo
    links: list[Item]
    new_keys: set[LinkKey]
    stale: set[LinkKey]
    old: StoredDocument | None
    position: int


# Marks "the caller read META and there was none" (None means "not read").
_ABSENT = object()


def _ok_meta(
    source: SourceInfo,
    record: DocumentRecord,
    new_keys: set[LinkKey],
    extractor_version: str,
    updated_at: str,
    old_stale: set[LinkKey],
) -> Item:
    return items.meta_item(
        source, record, extractor_version=extractor_version, updated_at=updated_at, stale=old_stale - new_keys
    )


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
    "sequencer",
    "stale",
)

__all__ = [
    "Index",
    "StatusPage",
    "StoreError",
    "WriteResult",
    "WriteStats",
    "utc_now",
]
