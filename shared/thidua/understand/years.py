"""Campaign years."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences", "dates", "published"), adds=("campaign_years",))
def find_campaign_years(doc: Document) -> None:
    """Placeholder."""
