"""Dates: find every written date, then choose the publication and event dates."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences",), adds=("dates",))
def find_dates(doc: Document) -> None:
    """Placeholder until the date grammar lands."""


@step(needs=("dates",), adds=("published",))
def choose_published(doc: Document) -> None:
    """Placeholder until the date grammar lands."""


@step(needs=("dates", "published", "campaign_years"), adds=("event_date",))
def choose_event_date(doc: Document) -> None:
    """Placeholder until the date grammar lands."""
