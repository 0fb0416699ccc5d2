"""DynamoDB item sizes and write units, computed the way DynamoDB bills them.

Used to report what one document costs (table + GSI writes) without an AWS
account; on AWS the Index also adds up the ConsumedCapacity the service returns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

KB = 1024


def _number_size(text: str) -> int:
    digits = text.lstrip("-").replace(".", "").strip("0") or "0"
    return math.ceil(len(digits) / 2) + 1


def value_size(value: Mapping[str, Any]) -> int:
    """Size in bytes of one typed attribute value ({"S": ...}, {"N": ...}, ...)."""
    ((kind, inner),) = value.items()
    if kind == "S":
        return len(inner.encode("utf-8"))
    if kind == "N":
        return _number_size(inner)
    if kind == "B":
        return len(inner)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode("utf-8")) for s in inner)
    if kind == "NS":
        return sum(_number_size(n) for n in inner)
    if kind == "BS":
        return sum(len(b) for b in inner)
    if kind == "L":
        return 3 + sum(value_size(v) + 1 for v in inner)
    if kind == "M":
        return 3 + sum(len(k.encode("utf-8")) + value_size(v) + 1 for k, v in inner.items())
    raise ValueError(f"unknown attribute type {kind}")


def item_size(item: Mapping[str, Mapping[str, Any]], only: Iterable[str] | None = None) -> int:
    """Item size: attribute names plus values (optionally only the named attributes)."""
    names = set(only) if only is not None else None
    return sum(
        len(name.encode("utf-8")) + value_size(value)
        for name, value in item.items()
        if names is None or name in names
    )


def write_units(size: int) -> int:
    """Write capacity units of one standard write of an item of `size` bytes (1 per KB, rounded up)."""
    return max(1, math.ceil(size / KB))


GsiSpec = Mapping[str, tuple[list[str], str, list[str]]]


@dataclass
class WriteCost:
    table: int = 0
    gsi: int = 0

    @property
    def total(self) -> int:
        return self.table + self.gsi

    def __iadd__(self, other: WriteCost) -> WriteCost:
        self.table += other.table
        self.gsi += other.gsi
        return self


def put_cost(
    item: Mapping[str, Mapping[str, Any]], gsis: GsiSpec, *, replaces_gsi_entry: bool = False
) -> WriteCost:
    """Write units of a put (or a delete: same rule) of `item`, including the GSIs it lands in.

    `replaces_gsi_entry`: the item existed with different GSI keys, so each GSI pays a delete too.
    """
    cost = WriteCost(table=write_units(item_size(item)))
    for key_attrs, projection, non_key in gsis.values():
        if not all(a in item for a in key_attrs):
            continue  # sparse: the item is not in this index
        if projection == "ALL":
            size = item_size(item)
        else:
            size = item_size(
                item, only=["pk", "sk", *key_attrs, *(non_key if projection == "INCLUDE" else [])]
            )
        units = write_units(size)
        cost.gsi += units * (2 if replaces_gsi_entry else 1)
    return cost
