"""Facet keys the query layer reads: the store's, plus the per-year date partition."""

from __future__ import annotations

from thidua.store.keys import (
    award_facet,
    bloc_facet,
    event_facet,
    leader_facet,
    locality_facet,
    unit_facet,
    year_facet,
)

__all__ = [
    "award_facet",
    "bloc_facet",
    "date_facet",
    "event_facet",
    "leader_facet",
    "locality_facet",
    "unit_facet",
    "year_facet",
]


def date_facet(year: int | str) -> str:
    """Partition of every current document by the year of its sort_date (``DATE#yyyy``)."""
    return f"DATE#{int(year):04d}"
