"""Leaders with titles."""

from __future__ import annotations

from thidua.understand.document import Document
from thidua.understand.pipeline import step


@step(needs=("sentences", "units"), adds=("leaders",))
def find_leaders(doc: Document) -> None:
    """Placeholder."""
