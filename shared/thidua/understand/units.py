"""Units (organisations)."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences",), adds=("units", "locality"))
def find_units(doc: Document) -> None:
    """Placeholder."""
