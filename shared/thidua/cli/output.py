"""What the query commands (`search`, `stats`) print: plain-text tables, JSON, and errors on stderr."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pydantic import BaseModel

from thidua.query.errors import AmbiguousEntity, QueryError, UnknownEntity
from thidua.store.errors import StoreError

FORMATS = ("table", "json", "csv")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int] = ()) -> str:
    """A plain-text table; columns with a width limit are clipped with an ellipsis."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    limits = list(widths) + [0] * (len(headers) - len(widths))
    cells = [[_clip(c, limits[i]) if limits[i] else c for i, c in enumerate(row)] for row in cells]
    size = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(size[i]) for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * s for s in size))
    return "\n".join(lines)


def report_error(exc: QueryError) -> int:
    """Print a query error (with candidates for an ambiguous name) on stderr; the exit status."""
    print(f"thidua: {exc.message}", file=sys.stderr)
    if isinstance(exc, AmbiguousEntity):
        for cand in exc.candidates:
            where = f" ({cand.locality})" if cand.locality else ""
            print(f"  {cand.id}  {cand.name}{where}", file=sys.stderr)
    if isinstance(exc, UnknownEntity) and exc.suggestions:
        print("  gần giống: " + ", ".join(c.name for c in exc.suggestions), file=sys.stderr)
    return 2


def error_status(exc: QueryError | StoreError) -> int:
    """Report a refused query (status 2) or an index that cannot be reached (status 1) on stderr."""
    if isinstance(exc, QueryError):
        return report_error(exc)
    print(f"thidua: chỉ mục không sẵn sàng: {exc}", file=sys.stderr)
    return 1


def write_json(model: BaseModel) -> None:
    sys.stdout.write(model.model_dump_json(indent=2) + "\n")
