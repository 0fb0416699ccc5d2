"""Turn a plain HTTP request into an API Gateway HTTP API (payload 2.0) event, and back.

`thidua serve` uses this so the local server runs the very resolver Lambda
runs, with the same event shape API Gateway sends.
"""

from __future__ import annotations

import base64
import datetime as dt
import time
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit


def to_v2_event(
    method: str,
    target: str,
    headers: Iterable[tuple[str, str]],
    body: bytes = b"",
    *,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The HTTP API v2 event of one request (`target` is the request line's path and query)."""
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    query: dict[str, str] = {}
    # API Gateway joins repeated parameters with commas.
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        query[key] = f"{query[key]},{value}" if key in query else value
    header_map: dict[str, str] = {}
    cookies: list[str] = []
    for key, value in headers:
        name = key.lower()
        if name == "cookie":
            cookies.extend(c.strip() for c in value.split(";") if c.strip())
            continue
        header_map[name] = f"{header_map[name]},{value}" if name in header_map else value
    now = dt.datetime.now(dt.UTC)
    text_body: str | None = None
    encoded = False
    if body:
        try:
            text_body = body.decode("utf-8")
        except UnicodeDecodeError:
            text_body, encoded = base64.b64encode(body).decode("ascii"), True
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": parts.query,
        "headers": header_map,
        "requestContext": {
            "accountId": "local",
            "apiId": "local",
            "domainName": header_map.get("host", "localhost"),
            "domainPrefix": "localhost",
            "http": {
                "method": method.upper(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": header_map.get("user-agent", ""),
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": "$default",
            "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(time.time() * 1000),
        },
        "isBase64Encoded": encoded,
    }
    if query:
        event["queryStringParameters"] = query
    if cookies:
        event["cookies"] = cookies
    if text_body is not None:
        event["body"] = text_body
    return event


def from_v2_response(response: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body bytes) of a resolver's HTTP API v2 response."""
    status = int(response.get("statusCode", 200))
    headers: list[tuple[str, str]] = []
    for key, value in (response.get("headers") or {}).items():
        headers.append((key, str(value)))
    for cookie in response.get("cookies") or []:
        headers.append(("Set-Cookie", str(cookie)))
    raw = response.get("body") or ""
    body = base64.b64decode(raw) if response.get("isBase64Encoded") else str(raw).encode("utf-8")
    return status, headers, body
