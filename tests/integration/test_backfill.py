"""AWS side of issue #5 on moto: the backfill state machine (from template.yaml), its function,
`thidua backfill / reindex --stack / retry-failed --stack / redrive`, found through stack outputs.

moto records Step Functions executions but does not run Lambda tasks (no Docker), so the
Distributed Map is played here as its definition says: ItemReader (ListObjectsV2 with the
execution input), ItemBatcher (batch size, BatchInput), then the backfill handler per batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from aws_support import (
    ACCOUNT,
    EVENTS,
    REGION,
    LambdaContext,
    create_bucket,
    create_ingest_queues,
    load_function,
    moto_lambda,
    unit_extract,
)
from botocore.stub import Stubber

from thidua import EXTRACTOR_VERSION
from thidua.bulk.backfill import BatchIncomplete, backfill_batch
from thidua.cli.main import main
from thidua.ingest import ingest_bytes
from thidua.store import Index, SourceRef
from thidua.store import template_schema as ts
from thidua.store.aws_ops import Stack
from thidua.store.objects import ObjectStore

STACK = "thidua-test"
TABLE = "thidua-backfill-test"
REPORTS = "thidua-backfill-reports"


backfill_app = load_function("backfill", "backfill_app_under_test")
ingest_app = load_function("ingest", "ingest_app_for_backfill_tests")

SAMPLE = json.loads((EVENTS / "sfn_backfill_batch.json").read_text(encoding="utf-8"))
BUCKET = SAMPLE["BatchInput"]["bucket"]


fake_extract = unit_extract(dt.date(2024, 1, 15), [2023])


def _doc(unit: str) -> bytes:
    return f"Hội nghị tổng kết công tác thi đua.\nunit: {unit}\n".encode()


@dataclass
class Context(LambdaContext):
    remaining_ms: int = 900_000
    function_name: str = "thidua-BackfillFunction"


def definition() -> dict[str, Any]:
    """The state machine definition from template.yaml, substitutions filled in as CloudFormation would."""
    props = ts.properties("BackfillStateMachine")
    text = json.dumps(props["Definition"])
    values = {
        "BackfillFunctionArn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:thidua-BackfillFunction",
        "ReportsBucket": REPORTS,
    }
    assert set(props["DefinitionSubstitutions"]) == set(values)
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text
    return dict(json.loads(text))


@dataclass
class Aws:
    s3: Any
    sqs: Any
    sfn: Any
    ddb: Any
    queue_url: str
    dlq_url: str
    machine_arn: str

    def index(self) -> Index:
        return Index(self.ddb, TABLE)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Aws]:
    with moto_lambda(monkeypatch, TABLE, fake_extract, backfill_app, ingest_app) as ddb:
        s3 = boto3.client("s3", region_name=REGION)
        for bucket in (BUCKET, REPORTS):
            create_bucket(s3, bucket)
        sqs = boto3.client("sqs", region_name=REGION)
        queue_url, dlq_url = create_ingest_queues(sqs)
        sfn = boto3.client("stepfunctions", region_name=REGION)
        machine_arn = sfn.create_state_machine(
            name=f"{STACK}-backfill",
            definition=json.dumps(definition()),
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/{STACK}-BackfillStateMachineRole",
        )["stateMachineArn"]
        # A stack whose outputs name these resources, as `sam deploy` of template.yaml would.
        outputs = {
            "BackfillStateMachineArn": machine_arn,
            "IngestQueueUrl": queue_url,
            "IngestDeadLetterQueueUrl": dlq_url,
            "IndexTableName": TABLE,
            "UploadBucketName": BUCKET,
            "BackfillReportsBucketName": REPORTS,
        }
        assert set(outputs) <= set(ts.load_template()["Outputs"])
        body = {
            "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
            "Outputs": {k: {"Value": v} for k, v in outputs.items()},
        }
        boto3.client("cloudformation", region_name=REGION).create_stack(
            StackName=STACK, TemplateBody=json.dumps(body)
        )
        yield Aws(s3, sqs, sfn, ddb, queue_url, dlq_url, machine_arn)


def _resolve(params: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """ASL JSONPath parameters of the simple form the definition uses ("Key.$": "$.field")."""
    out = {}
    for key, value in params.items():
        if key.endswith(".$"):
            assert value.startswith("$.")
            out[key[:-2]] = data[value[2:]]
        else:
            out[key] = value
    return out


def play_map(
    aws: Aws, execution_input: dict[str, Any], context: Context | None = None
) -> list[dict[str, Any]]:
    """Run the Distributed Map of the definition: list, batch, invoke the backfill handler per batch."""
    state = definition()["States"]["IngestObjects"]
    reader = state["ItemReader"]
    assert reader["Resource"] == "arn:aws:states:::s3:listObjectsV2"
    listing = _resolve(reader["Parameters"], execution_input)
    objects: list[dict[str, Any]] = []
    for page in aws.s3.get_paginator("list_objects_v2").paginate(**listing):
        for obj in page.get("Contents", []):
            objects.append(
                {"Key": obj["Key"], "Size": obj["Size"], "Etag": obj["ETag"], "StorageClass": "STANDARD"}
            )
    size = state["ItemBatcher"]["MaxItemsPerBatch"]
    batch_input = _resolve(state["ItemBatcher"]["BatchInput"], execution_input)
    task = state["ItemProcessor"]["States"][state["ItemProcessor"]["StartAt"]]
    assert task["Resource"] == "arn:aws:states:::lambda:invoke" and task["Parameters"]["Payload.$"] == "$"
    results = []
    for start in range(0, len(objects), size):
        event = {"BatchInput": batch_input, "Items": objects[start : start + size]}
        results.append(backfill_app.lambda_handler(json.loads(json.dumps(event)), context or Context()))
    return results


def _upload(aws: Aws, docs: dict[str, bytes]) -> None:
    for key, body in docs.items():
        aws.s3.put_object(Bucket=BUCKET, Key=key, Body=body)


def test_the_definition_caps_concurrency_tolerates_failures_and_reports(aws: Aws) -> None:
    state = definition()["States"]["IngestObjects"]
    assert state["Type"] == "Map" and state["ItemProcessor"]["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    assert 1 <= state["MaxConcurrency"] <= 50  # protects the table
    assert 0 < state["ToleratedFailurePercentage"] <= 10
    writer = state["ResultWriter"]
    assert writer["Resource"] == "arn:aws:states:::s3:putObject" and writer["Parameters"]["Bucket"] == REPORTS
    retry = state["ItemProcessor"]["States"]["IngestBatch"]["Retry"][0]
    assert {"BatchIncomplete", "TransientStoreError"} <= set(retry["ErrorEquals"])
    assert BatchIncomplete.__name__ == "BatchIncomplete"  # the name the map retries on


def test_state_machine_role_is_least_privilege() -> None:
    role = ts.properties("BackfillStateMachineRole")
    statements = role["Policies"][0]["PolicyDocument"]["Statement"]
    actions = {
        a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert actions == {
        "lambda:InvokeFunction",
        "s3:ListBucket",
        "s3:PutObject",
        "s3:GetObject",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
        "states:StartExecution",
        "states:DescribeExecution",
        "states:StopExecution",
    }
    for statement in statements:
        assert statement["Effect"] == "Allow" and statement["Resource"] not in ("*", ["*"])
    listing = next(s for s in statements if s["Action"] == "s3:ListBucket")
    assert listing["Resource"] == {"Fn::GetAtt": [ts.BUCKET_ID, "Arn"]}
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": "states.amazonaws.com"}


def test_cli_backfill_starts_the_state_machine_from_the_stack_outputs(
    aws: Aws, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backfill", f"s3://{BUCKET}/luu-tru/2023", "--stack", STACK]) == 0
    assert "started backfill of s3://" in capsys.readouterr().out
    (execution,) = aws.sfn.list_executions(stateMachineArn=aws.machine_arn)["executions"]
    described = aws.sfn.describe_execution(executionArn=execution["executionArn"])
    assert json.loads(described["input"]) == {
        "bucket": BUCKET,
        "prefix": "luu-tru/2023",
        "mode": "backfill",
        "older_than": None,
    }
    assert main(["backfill", "not-an-uri", "--stack", STACK]) == 2


def test_the_map_indexes_a_prefix_with_the_ingest_library(aws: Aws) -> None:
    docs = {f"luu-tru/2023/bai-{i:02d}.txt": _doc(f"Sở số {i}") for i in range(23)}
    docs["luu-tru/2023/hong.pdf"] = b"%PDF-1.7\n1 0 obj << >>\n%%EOF"
    docs["khac/khong-lien-quan.txt"] = _doc("Sở Y tế")
    _upload(aws, docs)
    results = play_map(aws, {"bucket": BUCKET, "prefix": "luu-tru/", "mode": "backfill", "older_than": None})
    assert len(results) == 3  # 24 objects in batches of 10
    totals: dict[str, int] = {}
    for result in results:
        for status, n in result["counts"].items():
            totals[status] = totals.get(status, 0) + n
    assert totals == {"ok": 23, "failed": 1}
    assert [f["key"] for r in results for f in r["failed"]] == ["luu-tru/2023/hong.pdf"]
    index = aws.index()
    assert index.get_document(SourceRef.s3(BUCKET, "luu-tru/2023/bai-07.txt").doc_id) is not None
    assert (
        index.get_document(SourceRef.s3(BUCKET, "khac/khong-lien-quan.txt").doc_id) is None
    )  # not in prefix
    # A retried or repeated backfill redoes nothing.
    again = play_map(aws, {"bucket": BUCKET, "prefix": "luu-tru/", "mode": "backfill", "older_than": None})
    assert sum(r["counts"].get("unchanged", 0) for r in again) == 23


def test_handler_driven_by_the_sample_event(aws: Aws) -> None:
    keys = [item["Key"] for item in SAMPLE["Items"]]
    _upload(aws, {keys[1]: _doc("Sở Nội vụ"), keys[2]: b"%PDF-1.4 broken"})
    result = backfill_app.lambda_handler(SAMPLE, Context())
    assert result["counts"] == {"ok": 1, "failed": 1}  # the folder placeholder is skipped
    doc = aws.index().get_document(SourceRef.s3(BUCKET, keys[1]).doc_id)
    assert doc is not None and doc.status == "ok" and doc.key == keys[1]


def test_a_batch_out_of_time_raises_for_the_map_to_retry(aws: Aws) -> None:
    keys = [item["Key"] for item in SAMPLE["Items"]]
    _upload(aws, {keys[1]: _doc("Sở Nội vụ"), keys[2]: b"%PDF-1.4 broken"})
    with pytest.raises(BatchIncomplete):
        backfill_app.lambda_handler(SAMPLE, Context(remaining_ms=10_000))
    assert aws.index().get_document(SourceRef.s3(BUCKET, keys[1]).doc_id) is None  # nothing started
    assert backfill_app.lambda_handler(SAMPLE, Context())["counts"] == {"ok": 1, "failed": 1}


def test_reindex_mode_redoes_only_documents_of_older_extractors(
    aws: Aws, capsys: pytest.CaptureFixture[str]
) -> None:
    index = aws.index()
    _upload(aws, {"cu.txt": _doc("Sở Nội vụ"), "moi.txt": _doc("Sở Y tế")})
    ingest_bytes(SourceRef.s3(BUCKET, "cu.txt"), _doc("Sở Nội vụ"), index, extractor_version="2000.1.1")
    ingest_bytes(SourceRef.s3(BUCKET, "moi.txt"), _doc("Sở Y tế"), index)
    assert main(["reindex", "--stack", STACK]) == 0
    assert "started reindex" in capsys.readouterr().out
    execution = aws.sfn.list_executions(stateMachineArn=aws.machine_arn)["executions"][0]
    execution_input = json.loads(aws.sfn.describe_execution(executionArn=execution["executionArn"])["input"])
    assert execution_input == {
        "bucket": BUCKET,
        "prefix": "",
        "mode": "reindex",
        "older_than": EXTRACTOR_VERSION,
    }
    (result,) = play_map(aws, execution_input)
    assert result["counts"] == {"ok": 1, "unchanged": 1}
    old = index.get_document(SourceRef.s3(BUCKET, "cu.txt").doc_id)
    assert old is not None and old.extractor_version == EXTRACTOR_VERSION
    # --all re-extracts everything, whatever made it.
    (everything,) = play_map(aws, {**execution_input, "older_than": None})
    assert everything["counts"] == {"ok": 2}


def _deliver(aws: Aws) -> dict[str, Any]:
    messages = aws.sqs.receive_message(
        QueueUrl=aws.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"], WaitTimeSeconds=0
    )
    records = [
        {
            "messageId": m["MessageId"],
            "receiptHandle": m["ReceiptHandle"],
            "body": m["Body"],
            "attributes": m["Attributes"],
            "messageAttributes": {},
            "md5OfBody": m["MD5OfBody"],
            "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:ingest",
            "awsRegion": REGION,
        }
        for m in messages.get("Messages", [])
    ]
    response: dict[str, Any] = ingest_app.lambda_handler({"Records": records}, Context())
    return {"records": len(records), **response}


def test_retry_failed_requeues_failed_objects_for_the_ingest_function(
    aws: Aws, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "tin tức/bài hỏng.txt"
    _upload(aws, {key: b""})
    play_map(aws, {"bucket": BUCKET, "prefix": "", "mode": "backfill", "older_than": None})
    doc_id = SourceRef.s3(BUCKET, key).doc_id
    failed = aws.index().get_document(doc_id)
    assert failed is not None and failed.status == "failed"
    _upload(aws, {key: _doc("Sở Tư pháp")})  # fixed in the bucket (no event reaches us in this test)
    assert main(["retry-failed", "--stack", STACK, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"failed": 1, "queued": 1}
    delivered = _deliver(aws)
    assert delivered == {"records": 1, "batchItemFailures": []}
    fixed = aws.index().get_document(doc_id)
    assert fixed is not None and fixed.status == "ok"


def test_redrive_moves_dead_letters_back(aws: Aws, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(13):
        aws.sqs.send_message(
            QueueUrl=aws.dlq_url,
            MessageBody=json.dumps({"Records": [], "n": n}),
            MessageAttributes={"origin": {"DataType": "String", "StringValue": "test"}},
        )
    # moto has no SQS move tasks: `auto` falls back to receive, send, delete.
    assert main(["redrive", "--stack", STACK]) == 0
    assert "13 messages moved back" in capsys.readouterr().out
    attrs = aws.sqs.get_queue_attributes(QueueUrl=aws.dlq_url, AttributeNames=["ApproximateNumberOfMessages"])
    assert attrs["Attributes"]["ApproximateNumberOfMessages"] == "0"
    moved = []
    while batch := aws.sqs.receive_message(
        QueueUrl=aws.queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], WaitTimeSeconds=0
    ).get("Messages", []):
        moved += batch
        for m in batch:
            aws.sqs.delete_message(QueueUrl=aws.queue_url, ReceiptHandle=m["ReceiptHandle"])
    assert sorted(json.loads(m["Body"])["n"] for m in moved) == list(range(13))
    assert all(m["MessageAttributes"]["origin"]["StringValue"] == "test" for m in moved)


def test_redrive_asks_sqs_for_a_move_task_when_it_can() -> None:
    sqs = boto3.client("sqs", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")
    dlq, queue = (f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{n}" for n in ("dlq", "ingest"))
    with Stubber(sqs) as stub:
        for url, name in ((dlq, "dlq"), (queue, "ingest")):
            stub.add_response(
                "get_queue_attributes",
                {"Attributes": {"QueueArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"}},
                {"QueueUrl": url, "AttributeNames": ["QueueArn"]},
            )
        stub.add_response(
            "start_message_move_task",
            {"TaskHandle": "task-1"},
            {
                "SourceArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:dlq",
                "DestinationArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:ingest",
            },
        )

        class Session:
            def client(self, service: str) -> Any:
                assert service == "sqs"
                return sqs

        stack = Stack("s", session=Session())
        stack._outputs = {"IngestDeadLetterQueueUrl": dlq, "IngestQueueUrl": queue}
        result = stack.redrive()
        stub.assert_no_pending_responses()
    assert (result.method, result.task_handle) == ("move-task", "task-1")


def test_a_batch_shares_its_index_requests(aws: Aws) -> None:
    keys = [f"luu-tru/2024/bien-ban-{i}.txt" for i in range(10)]
    _upload(aws, {k: _doc(f"Sở số {i}") for i, k in enumerate(keys)})
    index = aws.index()
    summary = backfill_batch(BUCKET, keys, objects=ObjectStore(aws.s3), index=index)
    assert dict(summary.counts) == {"ok": 10}
    # Its own META switch per document; the META read, catalogue, links and checks are shared
    # (one document at a time made about seven requests each).
    assert index.stats.requests <= 10 + 8


def test_out_of_time_mid_batch_writes_what_was_read(aws: Aws) -> None:
    keys = [f"luu-tru/2024/bao-cao-{i}.txt" for i in range(4)]
    _upload(aws, {k: _doc(f"Sở số {i}") for i, k in enumerate(keys)})
    clock = iter([60_000, 60_000, 1_000, 1_000])  # time for two objects, then not
    with pytest.raises(BatchIncomplete):
        backfill_batch(
            BUCKET,
            keys,
            objects=ObjectStore(aws.s3),
            index=aws.index(),
            time_left_ms=lambda: next(clock),
            reserve_ms=5_000,
        )
    index = aws.index()
    found = [index.get_document(SourceRef.s3(BUCKET, k).doc_id) for k in keys]
    assert [d is not None and d.status == "ok" for d in found] == [True, True, False, False]
    retried = backfill_batch(BUCKET, keys, objects=ObjectStore(aws.s3), index=index)
    assert dict(retried.counts) == {"unchanged": 2, "ok": 2}
