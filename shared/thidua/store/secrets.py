"""Secrets the stack generates (the API's cursor-signing key), read when a handler starts."""

from __future__ import annotations

from typing import Any

from thidua.store.clients import secretsmanager_client
from thidua.store.errors import call_mapped
from thidua.store.settings import StoreSettings


def secret_string(settings: StoreSettings, secret_id: str, *, client: Any = None) -> str:
    """The SecretString of a Secrets Manager secret (by ARN or name)."""
    sm = client or secretsmanager_client(settings)
    value = call_mapped(f"reading secret {secret_id}", sm.get_secret_value, SecretId=secret_id)
    text = value.get("SecretString")
    if not text:
        raise ValueError(f"secret {secret_id} has no string value")
    return str(text)
