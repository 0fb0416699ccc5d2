"""The ingest function under moto: bucket → queue → handler → table, all built from template.yaml.

moto delivers real S3 notifications to the queue (without the fields it leaves out, see
DESIGN.md); the sample events in events/ carry the full real shape, sequencers included.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from aws_support import (
    REGION,
    LambdaContext,
    create_bucket,
    create_ingest_queues,
    load_function,
    moto_lambda,
    queue_arn,
    read_event,
    unit_year_doc,
    unit_year_extract,
)
from botocore.exceptions import ClientError

from thidua.store import keys
from thidua.store import template_schema as ts
from thidua.understand.entities import unit_id

TABLE = "thidua-handler-test"

app = load_function("ingest", "ingest_app_under_test")
_event = read_event


def _event_object(name: str) -> tuple[str, str]:
    """Bucket and (decoded) key named by a sample event."""
    s3 = json.loads(_event(name)["Records"][0]["body"])["Records"][0]["s3"]
    return s3["bucket"]["name"], unquote_plus(s3["object"]["key"])


BUCKET, EVENT_KEY = _event_object("sqs_s3_object_created.json")
fake_extract = unit_year_extract
_doc = unit_year_doc


Context = LambdaContext


@dataclass
class Aws:
    s3: Any
    sqs: Any
    ddb: Any
    queue_url: str
    queue_arn: str

    def deliver(self, context: Context | None = None) -> dict[str, Any]:
        """Hand every queued message to the handler as Lambda would; delete the ones that succeeded."""
        messages = []
        while True:
            got = self.sqs.receive_message(
                QueueUrl=self.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"], WaitTimeSeconds=0
            ).get("Messages", [])
            if not got:
                break
            messages.extend(got)
        event = {"Records": [self._lambda_record(m) for m in messages]}
        if not event["Records"]:
            return {"batchItemFailures": []}
        try:
            response = app.lambda_handler(event, context or Context())
        except BatchProcessingError:  # every record failed: Lambda retries the whole batch
            for message in messages:
                self._expire(message)
            raise
        failed = {f["itemIdentifier"] for f in response["batchItemFailures"]}
        for message in messages:
            if message["MessageId"] not in failed:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
            else:
                self._expire(message)
        return dict(response)

    def _expire(self, message: dict[str, Any]) -> None:
        """As if the visibility timeout had passed: SQS offers the message again."""
        self.sqs.change_message_visibility(
            QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
        )

    def _lambda_record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message["Attributes"],
            "messageAttributes": {},
            "md5OfBody": message["MD5OfBody"],
            "eventSource": "aws:sqs",
            "eventSourceARN": self.queue_arn,
            "awsRegion": REGION,
        }

    def items(self) -> list[dict[str, Any]]:
        # A Scan is fine here: this is the test looking at the whole table, not the read path.
        return list(self.ddb.scan(TableName=TABLE)["Items"])

    def partition(self, bucket: str, key: str) -> list[dict[str, Any]]:
        doc_id = keys.doc_id(keys.s3_uri(bucket, key))
        return [i for i in self.items() if i["pk"]["S"] == keys.doc_pk(doc_id)]

    def meta(self, bucket: str, key: str) -> dict[str, Any] | None:
        return next((i for i in self.partition(bucket, key) if i["sk"]["S"] == "META"), None)

    def links(self, bucket: str, key: str) -> list[dict[str, Any]]:
        """A document's link items, in whatever facet partition they are (pk=facet, sk=...#doc_id)."""
        doc_id = keys.doc_id(keys.s3_uri(bucket, key))
        return [
            i
            for i in self.items()
            if not i["pk"]["S"].startswith(("DOC#", "ENTITY#")) and i["sk"]["S"].endswith("#" + doc_id)
        ]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Aws]:
    with moto_lambda(monkeypatch, TABLE, fake_extract, app) as ddb:
        sqs = boto3.client("sqs", region_name=REGION)
        queue_url, _dlq_url = create_ingest_queues(sqs)
        arn = queue_arn(sqs, queue_url)
        s3 = boto3.client("s3", region_name=REGION)
        create_bucket(s3, BUCKET)
        s3.put_bucket_notification_configuration(
            Bucket=BUCKET, NotificationConfiguration=ts.bucket_queue_notifications(arn)
        )
        env = Aws(s3=s3, sqs=sqs, ddb=ddb, queue_url=queue_url, queue_arn=arn)
        yield env


def _queue_depth(aws: Aws) -> int:
    attrs = aws.sqs.get_queue_attributes(
        QueueUrl=aws.queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])


def test_upload_is_indexed_and_the_test_event_is_skipped(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="tin tuc/bài 1.txt", Body=_doc(["Sở Nội vụ"], 2023))
    response = aws.deliver()  # the s3:TestEvent of the new configuration plus the upload
    assert response == {"batchItemFailures": []}
    meta = aws.meta(BUCKET, "tin tuc/bài 1.txt")
    assert meta is not None and meta["status"]["S"] == "ok"
    assert meta["key"]["S"] == "tin tuc/bài 1.txt" and meta["format"]["S"] == "txt"
    facets = {i["pk"]["S"] for i in aws.links(BUCKET, "tin tuc/bài 1.txt")}
    assert keys.unit_facet(unit_id("Sở Nội vụ")) in facets and "YEAR#2023" in facets
    assert _queue_depth(aws) == 0


def test_same_object_delivered_twice_gives_no_duplicates(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="a.txt", Body=_doc(["Sở Nội vụ", "Sở Y tế"], 2023))
    aws.deliver()
    before = sorted((i["pk"]["S"], i["sk"]["S"]) for i in aws.items())
    # Redeliver the same notification (SQS is at-least-once) and re-upload identical bytes.
    event = _event("sqs_s3_object_created.json")
    body = json.loads(event["Records"][0]["body"])
    body["Records"][0]["s3"]["object"]["key"] = "a.txt"
    body["Records"][0]["s3"]["object"]["sequencer"] = None
    event["Records"][0]["body"] = json.dumps(body)
    assert app.lambda_handler(event, Context()) == {"batchItemFailures": []}
    aws.s3.put_object(Bucket=BUCKET, Key="a.txt", Body=_doc(["Sở Nội vụ", "Sở Y tế"], 2023))
    aws.deliver()
    assert sorted((i["pk"]["S"], i["sk"]["S"]) for i in aws.items()) == before


def test_changed_object_replaces_its_links(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="a.txt", Body=_doc(["Sở Nội vụ"], 2022))
    aws.deliver()
    aws.s3.put_object(Bucket=BUCKET, Key="a.txt", Body=_doc(["Sở Tài chính"], 2023))
    aws.deliver()
    meta = aws.meta(BUCKET, "a.txt")
    assert meta is not None
    links = aws.links(BUCKET, "a.txt")
    assert {i["ver"]["S"] for i in links} == {meta["ver"]["S"]}
    facets = {i["pk"]["S"] for i in links}
    assert keys.unit_facet(unit_id("Sở Tài chính")) in facets and "YEAR#2023" in facets
    assert keys.unit_facet(unit_id("Sở Nội vụ")) not in facets and "YEAR#2022" not in facets


def test_removed_object_leaves_the_index(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="a.txt", Body=_doc(["Sở Nội vụ"], 2023))
    aws.s3.put_object(Bucket=BUCKET, Key="b.txt", Body=_doc(["Sở Y tế"], 2023))
    aws.deliver()
    aws.s3.delete_object(Bucket=BUCKET, Key="a.txt")
    assert aws.deliver() == {"batchItemFailures": []}
    assert aws.partition(BUCKET, "a.txt") == []  # moto sends no sequencer: no tombstone either
    assert aws.links(BUCKET, "a.txt") == []
    assert aws.meta(BUCKET, "b.txt") is not None


def test_unreadable_files_fail_with_reasons_while_the_rest_is_indexed(aws: Aws) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="good.txt", Body=_doc(["Sở Nội vụ"], 2023))
    aws.s3.put_object(Bucket=BUCKET, Key="broken.pdf", Body=b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF")
    aws.s3.put_object(Bucket=BUCKET, Key="empty.txt", Body=b"")
    aws.s3.put_object(Bucket=BUCKET, Key="setup.exe", Body=b"MZ\x90\x00\x03\x00\x00\x00")
    assert aws.deliver() == {"batchItemFailures": []}
    good = aws.meta(BUCKET, "good.txt")
    assert good is not None and good["status"]["S"] == "ok"
    reasons = {}
    for key in ("broken.pdf", "empty.txt", "setup.exe"):
        meta = aws.meta(BUCKET, key)
        assert meta is not None and meta["status"]["S"] == "failed", key
        assert [i for i in aws.partition(BUCKET, key) if i["sk"]["S"] != "META"] == []
        assert aws.links(BUCKET, key) == []
        reasons[key] = meta["reason"]["S"].split(":", 1)[0]
    assert reasons == {"broken.pdf": "corrupt", "empty.txt": "empty", "setup.exe": "unsupported_type"}


def test_throttling_fails_the_record_for_retry_not_the_document(
    aws: Aws, monkeypatch: pytest.MonkeyPatch
) -> None:
    aws.s3.put_object(Bucket=BUCKET, Key="slow.txt", Body=_doc(["Sở Nội vụ"], 2023))
    aws.deliver()  # drain the test event and index one document
    deps = app.build_dependencies(app.StoreSettings.from_env())
    client = deps.index.client
    real_put = client.put_item

    def throttled_put(**kwargs: Any) -> Any:
        if kwargs["Item"].get("source_uri", {}).get("S", "").endswith("/hot.txt"):
            raise ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "throttled"}},
                "PutItem",
            )
        return real_put(**kwargs)

    monkeypatch.setattr(client, "put_item", throttled_put)
    aws.s3.put_object(Bucket=BUCKET, Key="hot.txt", Body=_doc(["Sở Y tế"], 2023))
    aws.s3.put_object(Bucket=BUCKET, Key="cool.txt", Body=_doc(["Sở Tư pháp"], 2023))
    response = aws.deliver()
    assert len(response["batchItemFailures"]) == 1
    assert aws.meta(BUCKET, "hot.txt") is None  # not stored as failed
    cool = aws.meta(BUCKET, "cool.txt")
    assert cool is not None and cool["status"]["S"] == "ok"
    assert _queue_depth(aws) == 1  # the throttled message waits for redelivery
    monkeypatch.setattr(client, "put_item", real_put)  # the throttling passes
    assert aws.deliver() == {"batchItemFailures": []}
    hot = aws.meta(BUCKET, "hot.txt")
    assert hot is not None and hot["status"]["S"] == "ok"


def test_sample_events_with_sequencers_keep_the_index_matching_the_bucket(aws: Aws) -> None:
    aws.deliver()  # drain the configuration's test event
    aws.s3.put_object(Bucket=BUCKET, Key=EVENT_KEY, Body=_doc(["Sở Nội vụ"], 2023))
    aws.sqs.purge_queue(QueueUrl=aws.queue_url)  # drive the handler with the sample events only
    created, removed = _event("sqs_s3_object_created.json"), _event("sqs_s3_object_removed.json")
    # The removal (newer sequencer) arrives before the creation.
    assert app.lambda_handler(removed, Context()) == {"batchItemFailures": []}
    assert app.lambda_handler(created, Context()) == {"batchItemFailures": []}
    meta = aws.meta(BUCKET, EVENT_KEY)
    assert meta is not None and meta["status"]["S"] == "deleted"  # tombstone: the late creation was stale
    assert [i for i in aws.partition(BUCKET, EVENT_KEY) if i["sk"]["S"] != "META"] == []
    assert aws.links(BUCKET, EVENT_KEY) == []


def test_sample_created_event_indexes_the_object(aws: Aws) -> None:
    aws.deliver()
    aws.s3.put_object(Bucket=BUCKET, Key=EVENT_KEY, Body=_doc(["Sở Nội vụ"], 2023))
    aws.sqs.purge_queue(QueueUrl=aws.queue_url)
    assert app.lambda_handler(_event("sqs_s3_object_created.json"), Context()) == {"batchItemFailures": []}
    meta = aws.meta(BUCKET, EVENT_KEY)
    assert meta is not None and meta["status"]["S"] == "ok"
    assert meta["sequencer"]["S"].startswith("0065A0F8B7C2D3E4F5")
    assert app.lambda_handler(_event("sqs_s3_test_event.json"), Context()) == {"batchItemFailures": []}


def test_too_little_time_left_defers_the_record(aws: Aws) -> None:
    aws.deliver()
    aws.s3.put_object(Bucket=BUCKET, Key="late.txt", Body=_doc(["Sở Nội vụ"], 2023))
    aws.s3.put_object(Bucket=BUCKET, Key="early.txt", Body=_doc(["Sở Nội vụ"], 2023))
    aws.s3.delete_object(Bucket=BUCKET, Key="early.txt")
    # Removals need no reading time and go through; both uploads wait for a fresh invocation.
    response = aws.deliver(Context(remaining_ms=5_000))
    assert len(response["batchItemFailures"]) == 2
    assert aws.meta(BUCKET, "late.txt") is None
    assert aws.deliver() == {"batchItemFailures": []}
    assert aws.meta(BUCKET, "late.txt") is not None
    assert aws.meta(BUCKET, "early.txt") is None  # created after its removal ran: S3 no longer has it


def test_a_garbled_message_goes_back_to_the_queue(aws: Aws) -> None:
    event = _event("sqs_s3_test_event.json")
    event["Records"][0]["body"] = "not json"
    event["Records"].append(_event("sqs_s3_test_event.json")["Records"][0])
    response = app.lambda_handler(event, Context())
    assert [f["itemIdentifier"] for f in response["batchItemFailures"]] == [event["Records"][0]["messageId"]]


def test_a_message_that_keeps_failing_ends_in_the_dead_letter_queue(aws: Aws) -> None:
    aws.deliver()
    aws.sqs.send_message(QueueUrl=aws.queue_url, MessageBody="{not an S3 notification")
    for _ in range(3):  # maxReceiveCount in template.yaml
        with pytest.raises(BatchProcessingError):
            aws.deliver()
    assert aws.deliver() == {"batchItemFailures": []}  # nothing left to receive: moved on
    dlq_url = aws.sqs.get_queue_url(QueueName="ingest-dlq")["QueueUrl"]
    moved = aws.sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10).get("Messages", [])
    assert [m["Body"] for m in moved] == ["{not an S3 notification"]
