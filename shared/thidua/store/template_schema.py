"""Read resource definitions from template.yaml, so the table (and the test queues) are defined once.

The local engine creates its table from here and the tests build their moto
resources from here; nothing else spells the key schema or the GSIs.
"""

from __future__ import annotations

import importlib.resources
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLE_ID = "IndexTable"
QUEUE_ID = "IngestQueue"
DLQ_ID = "IngestDeadLetterQueue"
BUCKET_ID = "UploadBucket"


class TemplateError(Exception):
    """template.yaml is missing or does not define what we need."""


class _CfnLoader(yaml.SafeLoader):
    """A YAML loader that keeps CloudFormation short-form tags (!Ref, !Sub, !GetAtt ...) as plain data."""


def _intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag_suffix == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_CfnLoader.add_multi_constructor("!", _intrinsic)


def find_template() -> Path:
    """The packaged copy (wheel installs) or, in a source checkout, template.yaml above this file."""
    packaged = importlib.resources.files("thidua").joinpath("_template.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "template.yaml"
        if candidate.is_file() and (parent / "pyproject.toml").is_file():
            return candidate
    raise TemplateError("template.yaml not found (not packaged as thidua/_template.yaml, not in a checkout)")


def load_template(path: Path | None = None) -> dict[str, Any]:
    """The parsed template, intrinsic functions kept as {"Ref": ...} / {"Fn::Sub": ...} dicts."""
    return _load(str(path or find_template()))


@cache
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_CfnLoader)  # a SafeLoader subclass
    if not isinstance(data, dict) or "Resources" not in data:
        raise TemplateError(f"{path} has no Resources")
    return data


def resource(logical_id: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    """One resource (Type, Properties, ...) of the template."""
    tpl = template if template is not None else load_template()
    try:
        res = tpl["Resources"][logical_id]
    except KeyError as exc:
        raise TemplateError(f"template.yaml has no resource {logical_id}") from exc
    return dict(res)


def properties(logical_id: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    return dict(resource(logical_id, template).get("Properties") or {})


def create_table_kwargs(table_name: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    """Arguments of DynamoDB CreateTable for the index table, taken from the template.

    Only the data-plane shape is copied (keys, GSIs, billing); PITR, SSE and TTL are
    account-side settings that local engines do not model.
    """
    props = properties(TABLE_ID, template)
    kwargs: dict[str, Any] = {
        "TableName": table_name,
        "AttributeDefinitions": [dict(a) for a in props["AttributeDefinitions"]],
        "KeySchema": [dict(k) for k in props["KeySchema"]],
        "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
    }
    gsis = []
    for gsi in props.get("GlobalSecondaryIndexes", []):
        projection = {"ProjectionType": gsi["Projection"]["ProjectionType"]}
        if "NonKeyAttributes" in gsi["Projection"]:
            projection["NonKeyAttributes"] = list(gsi["Projection"]["NonKeyAttributes"])
        gsis.append(
            {
                "IndexName": gsi["IndexName"],
                "KeySchema": [dict(k) for k in gsi["KeySchema"]],
                "Projection": projection,
            }
        )
    if gsis:
        kwargs["GlobalSecondaryIndexes"] = gsis
    return kwargs


def gsi_projections(template: dict[str, Any] | None = None) -> dict[str, tuple[list[str], str, list[str]]]:
    """For each GSI: (its key attributes, projection type, non-key attributes)."""
    props = properties(TABLE_ID, template)
    out = {}
    for gsi in props.get("GlobalSecondaryIndexes", []):
        key_attrs = [k["AttributeName"] for k in gsi["KeySchema"]]
        proj = gsi["Projection"]
        out[gsi["IndexName"]] = (key_attrs, proj["ProjectionType"], list(proj.get("NonKeyAttributes", [])))
    return out


def queue_attributes(
    logical_id: str, dead_letter_arn: str | None = None, template: dict[str, Any] | None = None
) -> dict[str, str]:
    """SQS CreateQueue attributes of a queue in the template (the redrive target filled in)."""
    props = properties(logical_id, template)
    attrs: dict[str, str] = {}
    for name in (
        "VisibilityTimeout",
        "MessageRetentionPeriod",
        "ReceiveMessageWaitTimeSeconds",
        "DelaySeconds",
        "MaximumMessageSize",
    ):
        if name in props:
            attrs[name] = str(props[name])
    redrive = props.get("RedrivePolicy")
    if redrive:
        if dead_letter_arn is None:
            raise TemplateError(f"{logical_id} has a RedrivePolicy: pass the dead-letter queue's ARN")
        attrs["RedrivePolicy"] = json.dumps(
            {"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": str(redrive["maxReceiveCount"])}
        )
    return attrs


def bucket_queue_notifications(queue_arn: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    """S3 PutBucketNotificationConfiguration body of the upload bucket, pointed at `queue_arn`."""
    props = properties(BUCKET_ID, template)
    configs = props.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
    if not configs:
        raise TemplateError(f"{BUCKET_ID} has no QueueConfigurations")
    out = []
    for cfg in configs:
        entry: dict[str, Any] = {"QueueArn": queue_arn, "Events": [cfg["Event"]]}
        rules = cfg.get("Filter", {}).get("S3Key", {}).get("Rules")
        if rules:
            entry["Filter"] = {"Key": {"FilterRules": [dict(r) for r in rules]}}
        out.append(entry)
    return {"QueueConfigurations": out}
