"""Dashboard files served at / and /static/<name> (plain HTML, CSS and JS; no CDN)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from thidua.query.errors import QueryError

_TYPES = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "application/javascript; charset=utf-8",
    "charts.js": "application/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}


class StaticNotFound(QueryError):
    status = 404
    code = "not_found"


@cache
def _read(name: str) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


def static_file(name: str) -> tuple[str, str]:
    """(text, content type) of one dashboard file; only the listed names are served."""
    ctype = _TYPES.get(name)
    if ctype is None:
        raise StaticNotFound(f"không có tệp {name}")
    return _read(name), ctype
