"""What the S3-facing Lambda functions (ingest, backfill) build once per container and reuse.

Built on first use, never at import: settings come from the invocation's environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from aws_lambda_powertools import Logger, Metrics

from thidua.store import Index, StoreSettings
from thidua.store.clients import dynamodb_client, s3_client
from thidua.store.objects import ObjectStore


@dataclass(frozen=True)
class Dependencies:
    """The index table and the object store a function reads documents from."""

    index: Index
    objects: ObjectStore


@cache
def build_dependencies(settings: StoreSettings) -> Dependencies:
    """Clients for these settings, reused across warm invocations."""
    return Dependencies(
        index=Index(dynamodb_client(settings), settings.table_name),
        objects=ObjectStore(s3_client(settings)),
    )


@cache
def observability() -> tuple[Logger, Metrics]:
    """One Powertools logger and metrics namespace per container."""
    return Logger(), Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "thidua"))
