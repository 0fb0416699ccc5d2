"""Facet keys the query layer reads (spelled once, in :mod:`thidua.store.keys`)."""

from __future__ import annotations

from thidua.store.keys import (
    award_facet,
    bloc_facet,
    date_facet,
    event_facet,
    leader_facet,
    locality_facet,
    unit_facet,
    year_facet,
)
from thidua.store.keys import window as year_window

__all__ = [
    "award_facet",
    "bloc_facet",
    "date_facet",
    "event_facet",
    "leader_facet",
    "locality_facet",
    "unit_facet",
    "year_facet",
    "year_window",
]
