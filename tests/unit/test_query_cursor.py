"""Sealed page cursors: round trip, and every kind of tampering refused."""

from __future__ import annotations

import base64
import json

import pytest

from thidua.query.cursor import MAX_CURSOR_CHARS, decode_cursor, encode_cursor, scope_of
from thidua.query.errors import InvalidCursor

KEY = b"k" * 32
SCOPE = scope_of({"unit": "so noi vu", "year": 2023})
PAYLOAD = {"f": "UNIT#unit:so-noi-vu", "k": {"pk": "DOC#abc", "sk": "LINK#x"}, "r": []}


def test_round_trip() -> None:
    token = encode_cursor(PAYLOAD, KEY, SCOPE)
    assert decode_cursor(token, KEY, SCOPE) == PAYLOAD
    assert "so-noi-vu" not in token  # opaque: base64, not readable JSON


def test_modified_body_is_refused() -> None:
    token = encode_cursor(PAYLOAD, KEY, SCOPE)
    body, mac = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data["k"]["pk"] = "DOC#other"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidCursor):
        decode_cursor(f"{forged}.{mac}", KEY, SCOPE)


@pytest.mark.parametrize("position", [0, 5, -3])
def test_any_flipped_character_is_refused(position: int) -> None:
    token = encode_cursor(PAYLOAD, KEY, SCOPE)
    chars = list(token)
    chars[position] = "A" if chars[position] != "A" else "B"
    with pytest.raises(InvalidCursor):
        decode_cursor("".join(chars), KEY, SCOPE)


def test_cursor_of_another_query_is_refused() -> None:
    token = encode_cursor(PAYLOAD, KEY, SCOPE)
    with pytest.raises(InvalidCursor):
        decode_cursor(token, KEY, scope_of({"unit": "so noi vu", "year": 2022}))


def test_cursor_under_another_key_is_refused() -> None:
    token = encode_cursor(PAYLOAD, KEY, SCOPE)
    with pytest.raises(InvalidCursor):
        decode_cursor(token, b"x" * 32, SCOPE)


@pytest.mark.parametrize(
    "token", ["", "abc", "abc.", ".abc", "a.b.c", "!!!.???", "x" * (MAX_CURSOR_CHARS + 1)]
)
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(token, KEY, SCOPE)


def test_scope_ignores_unset_filters_and_order() -> None:
    assert scope_of({"a": 1, "b": None}) == scope_of({"a": 1})
    assert scope_of({"a": 1, "c": 2}) == scope_of({"c": 2, "a": 1})
