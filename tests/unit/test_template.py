"""template.yaml: the properties issue #2 asks for, and one definition of the table and queues."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from thidua.store import template_schema as ts
from thidua.store.table import GSIS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tpl() -> dict[str, Any]:
    return ts.load_template(ROOT / "template.yaml")


def _res(tpl: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return dict(tpl["Resources"][logical_id])


def _props(tpl: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return dict(_res(tpl, logical_id)["Properties"])


def test_the_packaged_lookup_finds_this_template() -> None:
    assert ts.find_template().resolve() == (ROOT / "template.yaml").resolve()


def test_bucket_is_encrypted_private_and_notifies_the_queue(tpl: dict[str, Any]) -> None:
    bucket = _props(tpl, ts.BUCKET_ID)
    sse = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert sse["SSEAlgorithm"] in ("AES256", "aws:kms")
    assert all(
        bucket["PublicAccessBlockConfiguration"][k] is True
        for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
    )
    configs = bucket["NotificationConfiguration"]["QueueConfigurations"]
    assert {c["Event"] for c in configs} == {"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}
    assert all(c["Queue"] == {"Fn::GetAtt": [ts.QUEUE_ID, "Arn"]} for c in configs)


def test_bucket_policy_denies_plain_http(tpl: dict[str, Any]) -> None:
    statements = _props(tpl, "UploadBucketPolicy")["PolicyDocument"]["Statement"]
    tls = [
        s
        for s in statements
        if s["Effect"] == "Deny"
        and s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
    ]
    assert tls, "no TLS-only statement"
    resources = tls[0]["Resource"]
    assert {"Fn::GetAtt": [ts.BUCKET_ID, "Arn"]} in resources
    assert {"Fn::Sub": "${UploadBucket.Arn}/*"} in resources


def test_queue_policy_lets_only_our_bucket_send(tpl: dict[str, Any]) -> None:
    statement = _props(tpl, "IngestQueuePolicy")["PolicyDocument"]["Statement"][0]
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert statement["Action"] == "sqs:SendMessage"
    assert "aws:SourceArn" in statement["Condition"]["ArnEquals"]
    assert "aws:SourceAccount" in statement["Condition"]["StringEquals"]


def test_redrive_and_visibility(tpl: dict[str, Any]) -> None:
    queue = _props(tpl, ts.QUEUE_ID)
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": [ts.DLQ_ID, "Arn"]}
    assert int(queue["RedrivePolicy"]["maxReceiveCount"]) == 3
    timeout = int(_props(tpl, "IngestFunction")["Timeout"])
    assert int(queue["VisibilityTimeout"]) >= 6 * timeout


def test_ingest_function_reports_batch_item_failures(tpl: dict[str, Any]) -> None:
    events = _props(tpl, "IngestFunction")["Events"]
    sqs = [e for e in events.values() if e["Type"] == "SQS"]
    assert len(sqs) == 1
    assert sqs[0]["Properties"]["Queue"] == {"Fn::GetAtt": [ts.QUEUE_ID, "Arn"]}
    assert sqs[0]["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_table_on_demand_with_pitr_and_query_indexes(tpl: dict[str, Any]) -> None:
    table = _props(tpl, ts.TABLE_ID)
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    # Entity links live in the base table under their facet (thidua.store.keys); only by_status is a GSI.
    assert {g["IndexName"] for g in table["GlobalSecondaryIndexes"]} == {"by_status"}


def test_http_api_uses_iam_by_default(tpl: dict[str, Any]) -> None:
    api = _props(tpl, "HttpApi")
    assert api["Auth"]["DefaultAuthorizer"] == "AWS_IAM"
    events = _props(tpl, "ApiFunction")["Events"].values()
    paths = {e["Properties"]["Path"] for e in events}
    # "/" needs its own route: /{proxy+} does not match the root, where the dashboard is.
    assert {"/", "/documents/{id}", "/search", "/{proxy+}"} <= paths
    assert all("Auth" not in e["Properties"] for e in events)  # none opts out of IAM
    assert tpl["Parameters"]["DashboardAuth"]["Default"] == "AWS_IAM"


def test_public_dashboard_is_opt_in_read_only_and_throttled(tpl: dict[str, Any]) -> None:
    assert set(tpl["Parameters"]["DashboardAuth"]["AllowedValues"]) == {"AWS_IAM", "NONE"}
    assert tpl["Conditions"]["PublicDashboard"] == {"Fn::Equals": [{"Ref": "DashboardAuth"}, "NONE"]}
    public = [k for k, r in tpl["Resources"].items() if r.get("Condition") == "PublicDashboard"]
    assert {"DashboardApi", "DashboardRootRoute", "DashboardProxyRoute", "DashboardStage"} <= set(public)
    routes = [_props(tpl, k) for k in public if tpl["Resources"][k]["Type"] == "AWS::ApiGatewayV2::Route"]
    assert sorted(r["RouteKey"] for r in routes) == ["GET /", "GET /{proxy+}"]
    stage = _props(tpl, "DashboardStage")["DefaultRouteSettings"]
    assert 0 < stage["ThrottlingRateLimit"] <= 100 and stage["ThrottlingBurstLimit"] > 0
    permission = _props(tpl, "DashboardInvokePermission")
    assert permission["SourceArn"]["Fn::Sub"].endswith("${DashboardApi}/*/GET/*")
    assert tpl["Outputs"]["DashboardUrl"]["Condition"] == "PublicDashboard"


def test_cursor_secret_is_generated_and_only_the_api_reads_it(tpl: dict[str, Any]) -> None:
    secret = _res(tpl, "CursorSecret")
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    api = _props(tpl, "ApiFunction")
    assert api["Environment"]["Variables"]["THIDUA_CURSOR_SECRET_ARN"] == {"Ref": "CursorSecret"}
    readers = [
        (name, s)
        for name, r in tpl["Resources"].items()
        if r["Type"] == "AWS::Serverless::Function"
        for policy in r["Properties"].get("Policies", [])
        for s in policy["Statement"]
        if any(str(a).startswith("secretsmanager:") for a in s["Action"])
    ]
    assert [(n, s["Action"], s["Resource"]) for n, s in readers] == [
        ("ApiFunction", ["secretsmanager:GetSecretValue"], {"Ref": "CursorSecret"})
    ]


def test_powertools_settings_in_globals(tpl: dict[str, Any]) -> None:
    env = tpl["Globals"]["Function"]["Environment"]["Variables"]
    for name in ("POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_METRICS_NAMESPACE"):
        assert env.get(name), name
    assert env["THIDUA_TABLE"] == {"Ref": ts.TABLE_ID}


def _allow_statements(tpl: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for res in tpl["Resources"].values():
        if res["Type"] != "AWS::Serverless::Function":
            continue
        for policy in res["Properties"].get("Policies", []):
            assert isinstance(policy, dict) and "Statement" in policy, (
                "only explicit statements, no broad templates"
            )
            found.extend(s for s in policy["Statement"] if s["Effect"] == "Allow")
    return found


def test_least_privilege_no_wildcard_actions(tpl: dict[str, Any]) -> None:
    statements = _allow_statements(tpl)
    assert statements
    for statement in statements:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        for action in actions:
            assert "*" not in action, f"wildcard action {action}"
        assert statement.get("Resource") not in ("*", ["*"])
    api_actions = {a for s in _props(tpl, "ApiFunction")["Policies"][0]["Statement"] for a in s["Action"]}
    # Reads only: the index, and the cursor-signing secret.
    assert api_actions <= {
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "secretsmanager:GetSecretValue",
    }


def test_test_resources_come_from_the_template(tpl: dict[str, Any]) -> None:
    kwargs = ts.create_table_kwargs("t", tpl)
    table = _props(tpl, ts.TABLE_ID)
    assert kwargs["KeySchema"] == table["KeySchema"]
    assert kwargs["AttributeDefinitions"] == table["AttributeDefinitions"]
    assert [g["IndexName"] for g in kwargs["GlobalSecondaryIndexes"]] == [
        g["IndexName"] for g in table["GlobalSecondaryIndexes"]
    ]
    attrs = ts.queue_attributes(ts.QUEUE_ID, "arn:aws:sqs:eu-west-1:123456789012:dlq", tpl)
    assert attrs["VisibilityTimeout"] == str(_props(tpl, ts.QUEUE_ID)["VisibilityTimeout"])
    assert '"maxReceiveCount": "3"' in attrs["RedrivePolicy"]
    # A changed template changes what the tests build: nothing is spelled twice.
    changed = {**tpl, "Resources": {**tpl["Resources"]}}
    changed["Resources"][ts.QUEUE_ID] = {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 7}}
    assert ts.queue_attributes(ts.QUEUE_ID, template=changed) == {"VisibilityTimeout": "7"}
    # No test file spells a key schema, GSI or redrive policy of its own.
    # (a definition is a dict key or a create_table keyword; API calls like VisibilityTimeout=0 are fine)
    spelled = re.compile(
        r"[\"'](KeySchema|AttributeDefinitions|GlobalSecondaryIndexes|RedrivePolicy|VisibilityTimeout)[\"']\s*:"
        r"|\b(KeySchema|AttributeDefinitions|GlobalSecondaryIndexes)\s*="
    )
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name == "test_template.py":
            continue
        assert not spelled.search(path.read_text(encoding="utf-8")), f"{path} defines resources itself"


def test_cost_model_gsis_match_the_template(tpl: dict[str, Any]) -> None:
    assert ts.gsi_projections(tpl) == {k: (list(v[0]), v[1], list(v[2])) for k, v in GSIS.items()}


def test_layer_requirements_follow_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(d) for d in project["dependencies"]} - {"boto3", "moto"}
    lines = (ROOT / "shared" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    have = {_name(line) for line in lines if line.strip() and not line.startswith("#")}
    assert wanted <= have, f"add to shared/requirements.txt: {sorted(wanted - have)}"


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")
