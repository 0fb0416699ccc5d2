"""Assemble the extraction pipeline and run it over one text."""

from __future__ import annotations

import datetime as dt
from functools import cache

from thidua.understand import awards, blocs, dates, events, leaders, references, sentences, units, years
from thidua.understand.document import Document
from thidua.understand.pipeline import Pipeline
from thidua.understand.record import DocumentRecord, to_record
from thidua.understand.text import clean_text


@cache
def default_pipeline() -> Pipeline:
    """The pipeline in the order its steps' needs require."""
    return Pipeline(
        [
            sentences.split_sentences,
            dates.find_dates,
            dates.choose_published,
            years.find_campaign_years,
            dates.choose_event_date,
            events.find_event_types,
            references.find_references,
            units.find_units,
            leaders.find_leaders,
            blocs.find_blocs,
            units.merge_units,
            awards.find_awards,
        ]
    )


def understand(
    text: str,
    *,
    name: str = "",
    title: str | None = None,
    published_hint: dt.date | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Run the pipeline over clean text and return the document with its facts."""
    doc = Document(text=clean_text(text), name=name, title=title, published_hint=published_hint)
    return (pipeline or default_pipeline())(doc)


def extract_record(
    text: str, *, name: str = "", title: str | None = None, published_hint: dt.date | None = None
) -> DocumentRecord:
    """Text in, record out."""
    return to_record(understand(text, name=name, title=title, published_hint=published_hint))
