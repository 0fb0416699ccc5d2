"""Shared helpers for the unit, leader and bloc tests: the entity steps alone, over hand-written text."""

from __future__ import annotations

from thidua.understand import blocs, leaders, sentences, units
from thidua.understand.document import Document
from thidua.understand.pipeline import Pipeline
from thidua.understand.text import clean_text, fold

ENTITY_STEPS = Pipeline(
    [sentences.split_sentences, units.find_units, leaders.find_leaders, blocs.find_blocs, units.merge_units]
)


def read(text: str) -> Document:
    """Run only the entity steps (units, leaders, blocs) over a text."""
    return ENTITY_STEPS(Document(text=clean_text(text)))


def unit_names(doc: Document) -> set[str]:
    return {fold(u.name) for u in doc.units}


def has_unit(doc: Document, name: str) -> bool:
    return fold(name) in unit_names(doc)
