"""The API function's cursor key comes from the stack's secret: a cursor verifies in every container.

On AWS the template generates the secret (CursorSecret) and gives the function its ARN; a
new Lambda container is played here by clearing the handler's cached dependencies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from aws_support import REGION, load_function
from moto import mock_aws

from thidua.api.local import to_v2_event
from thidua.query.synthetic import records
from thidua.store import Index, SourceInfo, SourceRef
from thidua.store import template_schema as ts

TABLE = "thidua-cursor-test"


handler = load_function("api", "api_app_cursor_test")


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "THIDUA_TABLE": TABLE,
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("THIDUA_CURSOR_SECRET", raising=False)
    with mock_aws():
        client = boto3.client("dynamodb", region_name=REGION)
        client.create_table(**ts.create_table_kwargs(TABLE))
        index = Index(client, TABLE, sleep=lambda _s: None)
        for n, rec in enumerate(records(12, seed=4, years=(2022, 2022))):
            ref = SourceRef.s3("b", f"d{n}.txt")
            source = SourceInfo(ref, size=10, content_hash=f"{n:064x}", format="txt")
            index.replace_document(source, rec, extractor_version="test")
        secrets = boto3.client("secretsmanager", region_name=REGION)
        arn = secrets.create_secret(Name="thidua-cursor", SecretString="k" * 64)["ARN"]
        monkeypatch.setenv("THIDUA_CURSOR_SECRET_ARN", arn)
        handler.build_dependencies.cache_clear()
        yield handler
    handler.build_dependencies.cache_clear()


def _search(api: Any, **query: Any) -> tuple[int, dict[str, Any]]:
    response = api.lambda_handler(to_v2_event("GET", f"/search?{urlencode(query)}", []), None)
    return response["statusCode"], json.loads(response["body"])


def test_a_cursor_from_one_container_is_accepted_by_a_new_one(api: Any) -> None:
    status, first = _search(api, year=2022, limit=3)
    assert status == 200 and first["next_cursor"]
    api.build_dependencies.cache_clear()  # a new container: the key is read from the secret again
    status, second = _search(api, year=2022, limit=3, cursor=first["next_cursor"])
    assert status == 200, second
    assert not {h["doc_id"] for h in first["hits"]} & {h["doc_id"] for h in second["hits"]}
    tampered = first["next_cursor"][:-3] + ("AAA" if not first["next_cursor"].endswith("AAA") else "BBB")
    status, refused = _search(api, year=2022, limit=3, cursor=tampered)
    assert status == 400, refused


def test_without_a_secret_cursors_die_with_their_container(
    api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("THIDUA_CURSOR_SECRET_ARN")
    api.build_dependencies.cache_clear()
    status, first = _search(api, year=2022, limit=3)
    assert status == 200 and first["next_cursor"]
    api.build_dependencies.cache_clear()  # the per-process key is gone
    status, _body = _search(api, year=2022, limit=3, cursor=first["next_cursor"])
    assert status == 400
