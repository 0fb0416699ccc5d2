"""API function: HTTP API (payload 2.0) events → the thidua resolver.

Thin door: settings are read and clients built on the first invocation (then
reused by the warm container), never at import; routing, validation and
error mapping live in :mod:`thidua.api.app`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from thidua.api.app import handle
from thidua.api.deps import Deps, cursor_key_from_env
from thidua.query.dynamo import DynamoReader
from thidua.store import StoreSettings
from thidua.store.clients import dynamodb_client
from thidua.store.secrets import secret_string


@cache
def build_dependencies(settings: StoreSettings) -> Deps:
    """The index reader and cursor key for these settings (the key's secret is read once per container)."""
    return Deps(
        reader=DynamoReader(dynamodb_client(settings), settings.table_name),
        cursor_key=cursor_key_from_env(read_secret=lambda arn: secret_string(settings, arn)),
    )


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle(event, context, build_dependencies(StoreSettings.from_env()))
