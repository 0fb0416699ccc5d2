"""Event types."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences",), adds=("event_types",))
def find_event_types(doc: Document) -> None:
    """Placeholder."""
