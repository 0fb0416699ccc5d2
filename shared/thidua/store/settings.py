"""Where the index lives: read from the environment when a command or handler starts, never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

DEFAULT_TABLE = "thidua"
DEFAULT_REGION = "us-east-1"


class StoreSettings(BaseModel):
    """Connection settings of the index table (and the S3 client of the ingest door).

    On AWS only `table_name` and `region` come from the environment (the template sets
    `THIDUA_TABLE`); locally the embedded engine fills in `endpoint_url` and dummy credentials.
    """

    model_config = ConfigDict(frozen=True)

    table_name: str = DEFAULT_TABLE
    region: str = DEFAULT_REGION
    endpoint_url: str | None = None
    s3_endpoint_url: str | None = None
    # Only for local engines, which accept any key; never set on AWS.
    access_key_id: str | None = None
    secret_access_key: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StoreSettings:
        """Settings from `THIDUA_TABLE`, `THIDUA_ENDPOINT_URL`, `THIDUA_S3_ENDPOINT_URL` and `AWS_REGION`."""
        env = os.environ if environ is None else environ
        return cls(
            table_name=env.get("THIDUA_TABLE") or DEFAULT_TABLE,
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION,
            endpoint_url=env.get("THIDUA_ENDPOINT_URL") or None,
            s3_endpoint_url=env.get("THIDUA_S3_ENDPOINT_URL") or None,
        )
