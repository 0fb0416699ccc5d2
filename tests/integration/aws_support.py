"""Set-up shared by the integration tests: handlers loaded by path, Lambda environment, moto
resources built from template.yaml, a moto server for the CLI, and a stand-in extractor."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.server import ThreadedMotoServer

from thidua.store import template_schema as ts
from thidua.understand.entities import unit_id, unit_key
from thidua.understand.record import DocumentRecord, UnitOut

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "events"
REGION = "eu-west-1"
ACCOUNT = "123456789012"
VOLATILE = {"updated_at", "status_sk", "expires_at", "rev"}  # timestamps differ between runs


def load_function(folder: str, module_name: str) -> ModuleType:
    """functions/<folder>/app.py, deployed as a top-level module, loaded by path under a unique name."""
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "functions" / folder / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pydantic resolve names through sys.modules
    spec.loader.exec_module(module)
    return module


@dataclass
class LambdaContext:
    """The parts of the Lambda context the handlers and Powertools use."""

    remaining_ms: int = 600_000
    function_name: str = "thidua-IngestFunction"
    memory_limit_in_mb: int = 1536
    aws_request_id: str = "6f1b2c3d-0000-4000-8000-000000000000"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def set_lambda_env(monkeypatch: pytest.MonkeyPatch, table: str) -> None:
    """The environment template.yaml gives the functions, with moto credentials and no endpoint."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "THIDUA_TABLE": table,
        "POWERTOOLS_SERVICE_NAME": "thidua",
        "POWERTOOLS_METRICS_NAMESPACE": "thidua",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("THIDUA_ENDPOINT_URL", raising=False)


@contextmanager
def moto_lambda(
    monkeypatch: pytest.MonkeyPatch, table: str, extract: Callable[..., DocumentRecord], *apps: ModuleType
) -> Iterator[Any]:
    """`mock_aws` with the functions' environment, a stand-in extractor and the index table from
    template.yaml (its DynamoDB client is yielded); each handler starts and ends as a cold container."""
    set_lambda_env(monkeypatch, table)
    monkeypatch.setattr("thidua.ingest.extract_record", extract)
    for app in apps:
        app.build_dependencies.cache_clear()
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name=REGION)
        ddb.create_table(**ts.create_table_kwargs(table))
        yield ddb
    for app in apps:
        app.build_dependencies.cache_clear()


def create_bucket(s3: Any, name: str) -> None:
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})


def queue_arn(sqs: Any, url: str) -> str:
    arn: str = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return arn


def create_ingest_queues(sqs: Any) -> tuple[str, str]:
    """The ingest queue and its dead-letter queue as template.yaml defines them: (queue url, dlq url)."""
    dlq_url: str = sqs.create_queue(QueueName="ingest-dlq", Attributes=ts.queue_attributes(ts.DLQ_ID))[
        "QueueUrl"
    ]
    queue_url: str = sqs.create_queue(
        QueueName="ingest", Attributes=ts.queue_attributes(ts.QUEUE_ID, queue_arn(sqs, dlq_url))
    )["QueueUrl"]
    return queue_url, dlq_url


@contextmanager
def moto_server(monkeypatch: pytest.MonkeyPatch, home: Path, table: str) -> Iterator[None]:
    """A moto server the CLI reaches through THIDUA_ENDPOINT_URL, with its own THIDUA_HOME and table."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        monkeypatch.setenv("THIDUA_ENDPOINT_URL", f"http://{host}:{port}")
        monkeypatch.setenv("THIDUA_HOME", str(home))
        monkeypatch.setenv("THIDUA_TABLE", table)
        monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
        yield
    finally:
        server.stop()


def _unit_lines(text: str) -> list[UnitOut]:
    units = [line[5:].strip() for line in text.splitlines() if line.startswith("unit:")]
    return [UnitOut(name=u, id=unit_id(u), key=unit_key(u)) for u in units]


def unit_year_extract(text: str, **_kwargs: Any) -> DocumentRecord:
    """Deterministic stand-in for the extractor: `unit: X` and `year: Y` lines (tests the store, not NLP)."""
    years = [int(line[5:]) for line in text.splitlines() if line.startswith("year:")]
    return DocumentRecord(
        event_date=dt.date(years[0] + 1, 1, 15) if years else None,
        campaign_years=years,
        units=_unit_lines(text),
    )


def unit_extract(event_date: dt.date, years: list[int]) -> Callable[..., DocumentRecord]:
    """A stand-in extractor reading `unit: X` lines, giving every document this date and these years."""

    def extract(text: str, **_kwargs: Any) -> DocumentRecord:
        return DocumentRecord(
            event_date=event_date,
            campaign_years=list(years),
            units=_unit_lines(text),
        )

    return extract


def unit_year_doc(units: list[str], year: int) -> bytes:
    """A document `unit_year_extract` reads as these units and campaign year."""
    lines = [
        "Hội nghị tổng kết công tác thi đua, khen thưởng.",
        *[f"unit: {u}" for u in units],
        f"year: {year}",
    ]
    return "\n".join(lines).encode("utf-8")


def _canonical(value: Any) -> Any:
    """A typed attribute value with its sets sorted (DynamoDB keeps no order in SS/NS/BS)."""
    if isinstance(value, dict):
        return {k: sorted(v) if k in ("SS", "NS", "BS") else _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def table_snapshot(client: Any, table: str) -> list[str]:
    """Every item of the table as sorted JSON, timestamps left out (a Scan: the test's view, not the
    read path)."""
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {"TableName": table}
    while True:
        page = client.scan(**kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    return sorted(
        json.dumps({k: _canonical(v) for k, v in i.items() if k not in VOLATILE}, sort_keys=True, default=str)
        for i in items
    )


def read_event(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return data
