"""ClientError codes map to our exceptions; throttling is transient, never a document failure."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from thidua.store.errors import (
    ObjectMissingError,
    StaleWriteError,
    StoreError,
    TableMissingError,
    TransientStoreError,
    map_botocore_error,
    map_client_error,
)


def _error(code: str, status: int = 400) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": "m"}, "ResponseMetadata": {"HTTPStatusCode": status}}, "PutItem"
    )


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("ProvisionedThroughputExceededException", 400, TransientStoreError),
        ("ThrottlingException", 400, TransientStoreError),
        ("RequestLimitExceeded", 400, TransientStoreError),
        ("SlowDown", 503, TransientStoreError),
        ("InternalServerError", 500, TransientStoreError),
        ("ResourceNotFoundException", 400, TableMissingError),
        ("ConditionalCheckFailedException", 400, StaleWriteError),
        ("NoSuchKey", 404, ObjectMissingError),
        ("ValidationException", 400, StoreError),
        ("AccessDeniedException", 400, StoreError),
    ],
)
def test_client_error_codes(code: str, status: int, expected: type[StoreError]) -> None:
    mapped = map_client_error(_error(code, status), what="put_item")
    assert type(mapped) is expected
    assert "put_item" in str(mapped)


def test_connection_errors_are_transient() -> None:
    exc = EndpointConnectionError(endpoint_url="http://127.0.0.1:1")
    assert isinstance(map_botocore_error(exc, what="query"), TransientStoreError)
