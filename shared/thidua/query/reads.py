"""The reads the query layer needs, as plain-dict operations on keys.

:class:`Reader` is the contract; :class:`thidua.query.dynamo.DynamoReader`
implements it over the store's DynamoDB client with Query, GetItem and
BatchGetItem only. Items come back as plain Python values (str, int, list,
bytes), keys (``start_key``/``last_key``) as opaque dicts to hand back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Item = dict[str, Any]


@dataclass
class Page:
    """One Query round trip: items in key order and the key to continue from (None at the end)."""

    items: list[Item]
    last_key: dict[str, Any] | None = None
    round_trips: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


class Reader(Protocol):
    """Key-based reads of the index (see /work/storage-spec.md)."""

    def links(
        self,
        facet: str,
        *,
        newest_first: bool = True,
        sk_from: str | None = None,
        sk_to: str | None = None,
        year: int | None = None,
        windowed: bool = False,
        start_key: dict[str, Any] | None = None,
        limit: int | None = None,
        attrs: list[str] | None = None,
        having: str | None = None,
    ) -> Page:
        """Query one facet partition (links carry ``doc_id``, ``ver``, ``rev`` and hit fields).

        Without `year`, echo links are skipped (one link per document). With `year` and
        `windowed`, the links answering that year (``yrs``; the caller gives the year's
        window as the sort-key range); with `year` alone, main links whose ``years`` hold it.
        `attrs` projects the items (the keys always come, ``doc_id`` is derived from ``sk``);
        `having` keeps only links that have that attribute.
        """
        ...

    def metas(self, doc_ids: list[str], attrs: list[str] | None = None) -> dict[str, Item]:
        """BatchGetItem of the META items of these documents (missing ones are absent)."""
        ...

    def meta(self, doc_id: str) -> Item | None:
        """GetItem of one document's META item."""
        ...

    def doc_items(self, doc_id: str) -> list[Item]:
        """Query of every item of one document's partition (META and links)."""
        ...

    def catalogue(
        self, kind: str, prefix: str, *, limit: int | None = None, start_key: dict[str, Any] | None = None
    ) -> Page:
        """Query pk=ENTITY#{kind}, begins_with(sk, prefix), in key order."""
        ...

    def entity(self, entity_id: str) -> Item | None:
        """GetItem of an entity's NAME item."""
        ...

    def entities(self, entity_ids: list[str]) -> dict[str, Item]:
        """BatchGetItem of the NAME items of several entities."""
        ...

    def years(self) -> list[int]:
        """Years the index has documents for (the ``ENTITY#year`` catalogue), ascending."""
        ...
