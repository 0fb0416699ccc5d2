"""Plain Python values ⇄ DynamoDB's typed attribute values ({"S": ...}, {"N": ...}, ...)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua.store.models import Item


def serialize(plain: dict[str, Any]) -> Item:
    """Plain Python values to a typed item; None and empty sets are left out."""
    out: Item = {}
    for name, value in plain.items():
        if value is None or (isinstance(value, set | frozenset) and not value):
            continue
        out[name] = _typed(value)
    return out


def _typed(value: Any) -> dict[str, Any]:
    """One plain value as a typed attribute value (what boto3's TypeSerializer makes, for the types
    items hold, at a fraction of its cost: items are built for every link of every document)."""
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | Decimal):
        return {"N": str(value)}
    if isinstance(value, list | tuple):
        return {"L": [_typed(v) for v in value]}
    if isinstance(value, dict):
        return {"M": {str(k): _typed(v) for k, v in value.items()}}
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, set | frozenset):
        if all(isinstance(v, str) for v in value):
            return {"SS": sorted(value)}
        if all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in value):
            return {"NS": sorted(str(v) for v in value)}
        if all(isinstance(v, bytes | bytearray) for v in value):
            return {"BS": sorted(bytes(v) for v in value)}
        raise TypeError(f"a set mixes types: {value!r}")
    if value is None:
        return {"NULL": True}
    # Floats are refused as boto3 does: a binary float is not the decimal DynamoDB would store.
    raise TypeError(f"cannot store {type(value).__name__} in an item: {value!r}")


def deserialize(item: Item) -> dict[str, Any]:
    """A typed item as plain values: numbers as int (or float), binaries as bytes, sets as sets.

    A direct walk over the typed values: boto3's TypeDeserializer goes through Decimal and
    Binary objects first, which showed up in search-page profiles.
    """
    return {name: _value(value) for name, value in item.items()}


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        return int(number) if number.is_integer() else number


def _value(typed: dict[str, Any]) -> Any:
    kind = next(iter(typed))
    inner = typed[kind]
    if kind == "S" or kind == "BOOL":
        return inner
    if kind == "N":
        return _number(inner)
    if kind == "L":
        return [_value(v) for v in inner]
    if kind == "M":
        return {k: _value(v) for k, v in inner.items()}
    if kind == "SS":
        return set(inner)
    if kind == "NS":
        return {_number(v) for v in inner}
    if kind == "B":
        return bytes(inner)  # bytes from botocore, Binary when built by TypeSerializer
    if kind == "BS":
        return {bytes(v) for v in inner}
    if kind == "NULL":
        return None
    raise ValueError(f"unknown attribute type {kind}")
