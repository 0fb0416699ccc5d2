"""Blocs and clusters with members and head."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences", "units", "leaders"), adds=("blocs",))
def find_blocs(doc: Document) -> None:
    """Placeholder."""
