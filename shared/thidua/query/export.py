"""CSV renderings of query results, for BI tools (API ``?format=csv``) and the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from pydantic import BaseModel

from thidua.query.models import SearchPage

AWARD_COLUMNS = ["year", "award", "award_label", "group", "group_name", "count", "entries", "documents"]
ACTIVITY_COLUMNS = ["period", "group", "group_name", "documents", "events"]
SEARCH_COLUMNS = ["doc_id", "date", "title", "event_types", "blocs", "locality", "evidence", "source"]


def rows_csv(rows: Sequence[BaseModel], columns: Sequence[str]) -> str:
    """CSV text of model rows: a header line, then the given columns in order (None → empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        data = row.model_dump()
        writer.writerow(["" if data.get(c) is None else data.get(c) for c in columns])
    return out.getvalue()


def search_csv(page: SearchPage) -> str:
    """CSV of a search page, one row per hit (first evidence sentence)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SEARCH_COLUMNS)
    for hit in page.hits:
        writer.writerow(
            [
                hit.doc_id,
                hit.date or "",
                hit.title or "",
                " ".join(hit.event_types),
                "; ".join(b.name for b in hit.blocs),
                hit.locality or "",
                hit.evidence[0].sentence if hit.evidence else "",
                hit.source or "",
            ]
        )
    return out.getvalue()
