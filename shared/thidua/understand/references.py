"""Cited documents."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences",), adds=("references",))
def find_references(doc: Document) -> None:
    """Placeholder."""
