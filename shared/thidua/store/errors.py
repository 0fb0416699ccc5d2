"""Storage errors in our own terms; `ClientError` codes are mapped here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)


class StoreError(Exception):
    """A storage call failed in a way retrying will not fix (bad request, missing permission)."""


class TransientStoreError(StoreError):
    """Throttling, a 5xx or a dropped connection: retry the whole unit of work later."""


class TableMissingError(StoreError):
    """The index table does not exist (wrong name, or the local engine has not created it)."""


class StaleWriteError(StoreError):
    """A newer version of the same source was written first (S3 `sequencer` ordering)."""


class ObjectMissingError(StoreError):
    """The S3 object named by an event is gone (deleted before we fetched it)."""


TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "InternalServerError",
        "InternalFailure",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "SlowDown",
        "RequestTimeout",
        "RequestTimeoutException",
        "TransactionConflictException",
        "LimitExceededException",
    }
)


def error_code(exc: ClientError) -> str:
    """The service error code of a `ClientError` ("" when absent)."""
    return str(exc.response.get("Error", {}).get("Code", ""))


def map_client_error(exc: ClientError, *, what: str) -> StoreError:
    """Our exception for a `ClientError`; raise it `from exc`."""
    code = error_code(exc)
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    message = f"{what}: {code or 'error'}: {exc.response.get('Error', {}).get('Message', '')}".rstrip(": ")
    if code in TRANSIENT_CODES or status >= 500:
        return TransientStoreError(message)
    if code == "ResourceNotFoundException":
        return TableMissingError(message)
    if code == "ConditionalCheckFailedException":
        return StaleWriteError(message)
    if code in ("NoSuchKey", "NotFound", "404"):
        return ObjectMissingError(message)
    return StoreError(message)


def call_mapped(what: str, function: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a boto3 client method, raising our exceptions instead of botocore's."""
    try:
        return function(**kwargs)
    except ClientError as exc:
        raise map_client_error(exc, what=what) from exc
    except BotoCoreError as exc:
        raise map_botocore_error(exc, what=what) from exc


def map_botocore_error(exc: BotoCoreError, *, what: str) -> StoreError:
    """Connection-level failures are transient; other botocore errors are not."""
    if isinstance(
        exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError | ConnectionClosedError
    ):
        return TransientStoreError(f"{what}: {exc}")
    return StoreError(f"{what}: {exc}")
