"""Out-of-order S3 events through the ingest function: the index must end up matching the bucket.

Events are the real-shaped samples in events/ with their key and sequencer changed; S3
delivers at least once and in any order, and the sequencer is the only order there is.
Also: a backfill (no sequencer) meeting events for the same objects.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

import boto3
import pytest
from aws_support import (
    EVENTS,
    REGION,
    LambdaContext,
    create_bucket,
    load_function,
    moto_lambda,
    unit_extract,
)

from thidua.bulk.backfill import backfill_batch
from thidua.store import Index, SourceRef, StoredDocument
from thidua.store.objects import ObjectStore
from thidua.understand.entities import unit_id

TABLE = "thidua-ordering-test"
KEY = "tin tức/2024/bài hội nghị.txt"


app = load_function("ingest", "ingest_app_ordering")
CREATED = json.loads((EVENTS / "sqs_s3_object_created.json").read_text(encoding="utf-8"))
REMOVED = json.loads((EVENTS / "sqs_s3_object_removed.json").read_text(encoding="utf-8"))
BUCKET = json.loads(CREATED["Records"][0]["body"])["Records"][0]["s3"]["bucket"]["name"]


fake_extract = unit_extract(dt.date(2024, 3, 1), [2024])


def _doc(unit: str) -> bytes:
    return f"Hội nghị sơ kết thi đua.\nunit: {unit}\n".encode()


def event(sample: dict[str, Any], sequencer: str, key: str = KEY) -> dict[str, Any]:
    """A sample event for `key` with another sequencer (keys arrive URL-encoded, as from S3)."""
    out = copy.deepcopy(sample)
    body = json.loads(out["Records"][0]["body"])
    body["Records"][0]["s3"]["object"]["key"] = quote_plus(key, safe="/")
    body["Records"][0]["s3"]["object"]["sequencer"] = sequencer
    out["Records"][0]["body"] = json.dumps(body)
    out["Records"][0]["messageId"] = f"m-{sequencer}-{body['Records'][0]['eventName']}"
    return out


Context = LambdaContext


@dataclass
class Aws:
    s3: Any
    index: Index

    def handle(self, evt: dict[str, Any]) -> None:
        assert app.lambda_handler(evt, Context()) == {"batchItemFailures": []}

    def doc(self, key: str = KEY) -> StoredDocument | None:
        return self.index.get_document(SourceRef.s3(BUCKET, key).doc_id)

    def matches_bucket(self, key: str = KEY) -> bool:
        """The index holds the object's current bytes if it exists, and nothing if it does not."""
        doc = self.doc(key)
        try:
            body = self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        except self.s3.exceptions.NoSuchKey:
            return doc is None
        return doc is not None and doc.content_hash == hashlib.sha256(body).hexdigest()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Aws]:
    with moto_lambda(monkeypatch, TABLE, fake_extract, app) as ddb:
        s3 = boto3.client("s3", region_name=REGION)
        create_bucket(s3, BUCKET)
        yield Aws(s3, Index(ddb, TABLE))


SEQ_1, SEQ_2, SEQ_3 = "0065A0F8B7C2D3E4F5", "0065A0F8B7C2D3E500", "0065A0F8B7C2D3E5A0"


def test_a_stale_created_after_a_newer_one_changes_nothing(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Y tế"))  # overwritten before any event ran
    aws.handle(event(CREATED, SEQ_2))
    before = aws.doc()
    aws.handle(event(CREATED, SEQ_1))  # the first upload's event, delivered late
    after = aws.doc()
    assert before is not None and after is not None
    assert after.content_hash == before.content_hash and after.updated_at == before.updated_at
    assert after.facets == before.facets and f"UNIT#{unit_id('Sở Y tế')}" in after.facets
    assert aws.matches_bucket()


def test_a_redelivered_older_event_after_the_newer_one_was_indexed(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.handle(event(CREATED, SEQ_1))
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Tư pháp"))
    aws.handle(event(CREATED, SEQ_2))
    aws.handle(event(CREATED, SEQ_1))  # at-least-once: the first event again
    doc = aws.doc()
    assert doc is not None and f"UNIT#{unit_id('Sở Tư pháp')}" in doc.facets
    assert f"UNIT#{unit_id('Sở Nội vụ')}" not in doc.facets
    assert aws.matches_bucket()


def test_removed_before_created_leaves_the_object_out(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.s3.delete_object(Bucket=BUCKET, Key=KEY)
    aws.handle(event(REMOVED, SEQ_2))
    aws.handle(event(CREATED, SEQ_1))
    assert aws.doc() is None and aws.matches_bucket()


def test_created_removed_created_in_any_order_ends_with_the_last_upload(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.s3.delete_object(Bucket=BUCKET, Key=KEY)
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Xây dựng"))
    for order in (
        ((REMOVED, SEQ_2), (CREATED, SEQ_3), (CREATED, SEQ_1)),
        ((CREATED, SEQ_3), (REMOVED, SEQ_2)),
    ):
        for sample, seq in order:
            aws.handle(event(sample, seq))
        doc = aws.doc()
        assert doc is not None and f"UNIT#{unit_id('Sở Xây dựng')}" in doc.facets, order
        assert aws.matches_bucket()


def test_removed_after_created_then_a_late_duplicate_removal(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.handle(event(CREATED, SEQ_1))
    aws.s3.delete_object(Bucket=BUCKET, Key=KEY)
    aws.handle(event(REMOVED, SEQ_2))
    aws.handle(event(REMOVED, SEQ_2))
    aws.handle(event(CREATED, SEQ_1))
    assert aws.doc() is None and aws.matches_bucket()


def test_a_backfill_meeting_events_for_the_same_objects(aws: Aws) -> None:
    objects = ObjectStore(aws.s3)
    other = "tin tức/2024/khác.txt"
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    aws.s3.put_object(Bucket=BUCKET, Key=other, Body=_doc("Sở Y tế"))
    aws.handle(event(CREATED, SEQ_1))
    aws.s3.delete_object(Bucket=BUCKET, Key=other)  # removed after the backfill listed it
    summary = backfill_batch(BUCKET, [KEY, other], objects=objects, index=aws.index)
    assert dict(summary.counts) == {"unchanged": 1, "missing": 1}
    aws.handle(event(REMOVED, SEQ_2, key=other))
    # The backfill indexed nothing for the removed object; its late Created stays stale.
    aws.handle(event(CREATED, SEQ_1, key=other))
    assert aws.matches_bucket(KEY) and aws.matches_bucket(other)
    # An upload the backfill indexes before its own event arrives: the event finds it unchanged.
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Tài chính"))
    assert dict(backfill_batch(BUCKET, [KEY], objects=objects, index=aws.index).counts) == {"ok": 1}
    aws.handle(event(CREATED, SEQ_3))
    assert aws.matches_bucket(KEY)
    aws.handle(event(CREATED, SEQ_1))  # and the oldest event, late, changes nothing
    assert aws.matches_bucket(KEY)


def test_a_backfill_that_fetched_before_an_event_was_indexed_yields_to_it(
    aws: Aws, monkeypatch: pytest.MonkeyPatch
) -> None:
    objects = ObjectStore(aws.s3)
    aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Nội vụ"))
    real_get = objects.get_bytes

    def fetch_then_race(bucket: str, key: str, **kwargs: Any) -> bytes:
        # The backfill reads the first upload; before it writes, the object is replaced and
        # the replacement's event is indexed by the ingest function.
        data = real_get(bucket, key, **kwargs)
        aws.s3.put_object(Bucket=BUCKET, Key=KEY, Body=_doc("Sở Tư pháp"))
        aws.handle(event(CREATED, SEQ_2))
        return data

    monkeypatch.setattr(objects, "get_bytes", fetch_then_race)
    summary = backfill_batch(BUCKET, [KEY], objects=objects, index=aws.index)
    assert dict(summary.counts) == {"stale": 1}
    doc = aws.doc()
    assert doc is not None and f"UNIT#{unit_id('Sở Tư pháp')}" in doc.facets
    assert aws.matches_bucket()
