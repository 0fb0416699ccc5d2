"""Secrets the stack generates (the API's cursor-signing key), read when a handler starts."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from thidua.store.clients import secretsmanager_client
from thidua.store.errors import map_botocore_error, map_client_error
from thidua.store.settings import StoreSettings


def secret_string(settings: StoreSettings, secret_id: str, *, client: Any = None) -> str:
    """The SecretString of a Secrets Manager secret (by ARN or name)."""
    sm = client or secretsmanager_client(settings)
    try:
        value = sm.get_secret_value(SecretId=secret_id)
    except ClientError as exc:
        raise map_client_error(exc, what=f"reading secret {secret_id}") from exc
    except BotoCoreError as exc:
        raise map_botocore_error(exc, what=f"reading secret {secret_id}") from exc
    text = value.get("SecretString")
    if not text:
        raise ValueError(f"secret {secret_id} has no string value")
    return str(text)
