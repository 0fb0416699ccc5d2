"""What the API routes need per request, built by the door (Lambda handler or `thidua serve`)."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from thidua.query.reads import Reader

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deps:
    """The index reader and the key that seals page cursors."""

    reader: Reader
    cursor_key: bytes


def cursor_key_from_env(
    environ: Mapping[str, str] | None = None, *, read_secret: Callable[[str], str] | None = None
) -> bytes:
    """The cursor HMAC key: ``THIDUA_CURSOR_SECRET``, else the secret ``THIDUA_CURSOR_SECRET_ARN`` names.

    On AWS the stack generates the secret and gives the API function its ARN;
    `read_secret` (the store's Secrets Manager read) fetches it once per container,
    so a cursor sealed by one container verifies in every other. Without either a
    random per-process key is used: cursors then stop working when the process is
    replaced, which is safe but unfriendly.
    """
    env = os.environ if environ is None else environ
    secret = env.get("THIDUA_CURSOR_SECRET")
    arn = env.get("THIDUA_CURSOR_SECRET_ARN")
    if not secret and arn and read_secret is not None:
        secret = read_secret(arn)
    if secret:
        return hashlib.sha256(secret.encode("utf-8")).digest()
    log.warning("no cursor secret configured: page cursors are valid only within this process")
    return secrets.token_bytes(32)


def local_cursor_key(home: Path) -> bytes:
    """The cursor key of the local index: created once under ``$THIDUA_HOME`` (mode 0600), then reused,
    so cursors survive a restart of `thidua serve`."""
    path = home / "cursor.key"
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data[:32]
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return data
