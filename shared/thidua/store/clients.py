"""boto3 clients, built from settings when a command or handler needs them (never at import)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

from thidua.store.settings import StoreSettings

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_s3 import S3Client

# Standard retry mode backs off on throttling before our own error mapping sees it.
_CONFIG = Config(retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=5, read_timeout=30)


def _credentials(settings: StoreSettings) -> dict[str, Any]:
    if settings.access_key_id and settings.secret_access_key:
        return {
            "aws_access_key_id": settings.access_key_id,
            "aws_secret_access_key": settings.secret_access_key,
        }
    return {}


# Items reach the index only through thidua.store.items, and DynamoDB validates every request
# itself: botocore's walk over each attribute of each item first was the largest share of a
# bulk run's client CPU (a batch of 25 links is some 9,000 checks).
_DYNAMODB_CONFIG = _CONFIG.merge(Config(parameter_validation=False))


def dynamodb_client(settings: StoreSettings) -> DynamoDBClient:
    """DynamoDB client for the index (AWS, or a local engine when `endpoint_url` is set)."""
    return boto3.client(
        "dynamodb",
        region_name=settings.region,
        endpoint_url=settings.endpoint_url,
        config=_DYNAMODB_CONFIG,
        **_credentials(settings),
    )


def s3_client(settings: StoreSettings) -> S3Client:
    """S3 client of the ingest door."""
    return boto3.client(
        "s3",
        region_name=settings.region,
        endpoint_url=settings.s3_endpoint_url,
        config=_CONFIG,
        **_credentials(settings),
    )


def secretsmanager_client(settings: StoreSettings) -> Any:
    """Secrets Manager client (the API reads its cursor-signing key once per container)."""
    return boto3.client(
        "secretsmanager", region_name=settings.region, config=_CONFIG, **_credentials(settings)
    )
