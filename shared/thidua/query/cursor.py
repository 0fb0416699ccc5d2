"""Opaque, tamper-evident page cursors.

A cursor is ``base64url(json) . base64url(hmac)``. The MAC covers the body and
a *scope* (a fingerprint of the query it belongs to), so a cursor that was
edited, cut short, or replayed against different filters is refused with
:class:`~thidua.query.errors.InvalidCursor` instead of silently paging
somewhere else. The body is not secret (it holds index keys), only sealed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from thidua.query.errors import InvalidCursor

MAX_CURSOR_CHARS = 2048
_MAC_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, scope: str, body: bytes) -> bytes:
    return hmac.new(key, scope.encode("utf-8") + b"\x00" + body, hashlib.sha256).digest()[:_MAC_BYTES]


def scope_of(params: Mapping[str, Any]) -> str:
    """Stable fingerprint of the query parameters a cursor is valid for."""
    canonical = json.dumps({k: v for k, v in params.items() if v is not None}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def encode_cursor(payload: Mapping[str, Any], key: bytes, scope: str) -> str:
    """Seal a JSON-serialisable payload into an opaque cursor string."""
    if not key:
        raise ValueError("cursor key must not be empty")
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return f"{_b64(body)}.{_b64(_mac(key, scope, body))}"


def decode_cursor(token: str, key: bytes, scope: str) -> dict[str, Any]:
    """Open a cursor made by :func:`encode_cursor` for the same scope; anything else raises InvalidCursor."""
    if not token or len(token) > MAX_CURSOR_CHARS:
        raise InvalidCursor("cursor không hợp lệ (độ dài)")
    body_part, sep, mac_part = token.partition(".")
    if not sep or not body_part or not mac_part:
        raise InvalidCursor("cursor không hợp lệ (định dạng)")
    try:
        body = _unb64(body_part)
        mac = _unb64(mac_part)
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor("cursor không hợp lệ (mã hoá)") from exc
    if not hmac.compare_digest(mac, _mac(key, scope, body)):
        raise InvalidCursor("cursor đã bị sửa hoặc không thuộc truy vấn này")
    try:
        payload = json.loads(body)
    except ValueError as exc:  # only reachable with a valid MAC over bad JSON, i.e. a key leak
        raise InvalidCursor("cursor không hợp lệ (nội dung)") from exc
    if not isinstance(payload, dict):
        raise InvalidCursor("cursor không hợp lệ (nội dung)")
    return payload
