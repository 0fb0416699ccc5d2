"""Award counts."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences", "units"), adds=("awards",))
def find_awards(doc: Document) -> None:
    """Placeholder."""
