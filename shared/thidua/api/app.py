"""The HTTP API: one Powertools resolver for Lambda (HTTP API v2 events) and `thidua serve`.

Routes validate their inputs (``enable_validation=True``: typed parameters,
pydantic response models, the OpenAPI document at ``/openapi.json`` is built
from them). Every refusal is a 4xx with a JSON body ``{"error", "message"}``:
domain errors and validation errors are mapped to statuses in one place
(the ``@app.exception_handler`` functions below).

Per-request dependencies (the index reader, the cursor key) are handed in by
the door through :func:`handle`, never built at import.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestValidationError,
    ResponseValidationError,
)
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from pydantic import BaseModel, Field

from thidua import __version__
from thidua.api.deps import Deps
from thidua.api.static import static_file
from thidua.query import pages, stats
from thidua.query.documents import DocumentView, get_document
from thidua.query.errors import InvalidFilter, QueryError
from thidua.query.export import ACTIVITY_COLUMNS, AWARD_COLUMNS, rows_csv, search_csv
from thidua.query.filters import check_filters, check_page_size, check_text, check_year
from thidua.query.labels import AWARD_LABELS, EVENT_LABELS
from thidua.query.models import (
    ActivityStats,
    AwardStats,
    BlocPage,
    EntityRef,
    LeaderPage,
    SearchPage,
    UnitPage,
)
from thidua.query.resolve import KINDS, suggest
from thidua.query.search import search
from thidua.store.errors import StoreError, TableMissingError, TransientStoreError

log = logging.getLogger(__name__)

MAX_QUERY_STRING = 2048
PAGE_PATHS = frozenset({"/"})
JSON = content_types.APPLICATION_JSON
CSV = "text/csv; charset=utf-8"

app = APIGatewayHttpResolver(
    enable_validation=True, response_validation_error_http_code=HTTPStatus.INTERNAL_SERVER_ERROR
)

Text = Annotated[
    str | None, Query(max_length=200, description="tên hoặc id; không phân biệt hoa thường, dấu")
]
Year = Annotated[int | None, Query(description="năm (1945-2100)")]
Format = Annotated[Literal["json", "csv"], Query(alias="format", description="json (mặc định) hoặc csv")]
EntityId = Annotated[str, Path(max_length=200)]


class ErrorBody(BaseModel):
    error: str
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class EntityList(BaseModel):
    items: list[EntityRef]


class YearList(BaseModel):
    years: list[int]


class Labels(BaseModel):
    event_types: dict[str, str]
    awards: dict[str, str]


def handle(event: dict[str, Any], context: Any, deps: Deps) -> dict[str, Any]:
    """Resolve one HTTP API v2 event with these dependencies."""
    app.append_context(deps=deps)
    return app.resolve(event, context)


def _deps() -> Deps:
    deps = app.context.get("deps")
    if not isinstance(deps, Deps):
        raise RuntimeError("the API was called without its dependencies (use thidua.api.app.handle)")
    return deps


def _json(status: int, body: dict[str, Any]) -> Response[Any]:
    return Response(status_code=status, content_type=JSON, body=json.dumps(body, ensure_ascii=False))


# ---- guards and error mapping (the one place statuses are chosen) ------------------------------


def guard_query_string(app: APIGatewayHttpResolver, next_middleware: NextMiddleware) -> Response[Any]:
    """Refuse oversized query strings and parameters the route does not declare."""
    raw = app.current_event.raw_query_string or ""
    if len(raw) > MAX_QUERY_STRING:
        raise InvalidFilter("query", f"chuỗi truy vấn quá dài ({len(raw)} ký tự, tối đa {MAX_QUERY_STRING})")
    route = app.context.get("_route")
    # The dashboard page reads its own filters from the URL in the browser.
    if route is not None and route.path not in PAGE_PATHS:
        declared = {f.alias for f in route.dependant.query_params}
        unknown = sorted(set(app.current_event.query_string_parameters or {}) - declared)
        if unknown:
            allowed = ", ".join(sorted(declared)) or "không có"
            raise InvalidFilter(unknown[0], f"tham số không được hỗ trợ (hỗ trợ: {allowed})")
    return next_middleware(app)


app.use(middlewares=[guard_query_string])


@app.exception_handler(QueryError)
def _query_error(exc: QueryError) -> Response[Any]:
    return _json(exc.status, exc.payload())


@app.exception_handler(RequestValidationError)
def _validation_error(exc: RequestValidationError) -> Response[Any]:
    details = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path")]
        details.append({"field": ".".join(loc), "message": str(err.get("msg", ""))})
    message = "; ".join(f"{d['field']}: {d['message']}" for d in details) or "yêu cầu không hợp lệ"
    return _json(400, {"error": "invalid_request", "message": message, "details": details})


@app.exception_handler(ResponseValidationError)
def _response_error(exc: ResponseValidationError) -> Response[Any]:
    log.error("response failed its own model: %s", exc.errors())
    return _json(500, {"error": "internal", "message": "phản hồi không khớp mô hình (lỗi máy chủ)"})


@app.exception_handler(StoreError)
def _store_error(exc: StoreError) -> Response[Any]:
    log.warning("index unavailable: %s", exc)
    if isinstance(exc, TransientStoreError | TableMissingError):
        return _json(503, {"error": "unavailable", "message": "chỉ mục tạm thời không sẵn sàng, hãy thử lại"})
    return _json(502, {"error": "index_error", "message": "chỉ mục từ chối yêu cầu"})


@app.not_found
def _not_found(exc: Exception) -> Response[Any]:
    return _json(404, {"error": "not_found", "message": "không có đường dẫn này"})


# ---- routes ------------------------------------------------------------------------------------


@app.get("/", summary="Dashboard page (HTML)")
def dashboard() -> Response[str]:
    """The dashboard page (static HTML + JS)."""
    body, ctype = static_file("index.html")
    return Response(200, ctype, body)


@app.get("/static/<name>", summary="Dashboard scripts and styles")
def static(name: Annotated[str, Path(max_length=64)]) -> Response[str]:
    body, ctype = static_file(name)
    return Response(200, ctype, body, headers={"Cache-Control": "max-age=300"})


@app.get("/openapi.json", summary="OpenAPI document of this API")
def openapi() -> Response[dict[str, Any]]:
    return Response(200, JSON, json.loads(openapi_json()))


def openapi_json() -> str:
    """The OpenAPI document generated from the route models."""
    return app.get_openapi_json_schema(
        title="thidua",
        version=__version__,
        description="Tra cứu hoạt động thi đua, khen thưởng của các khối, cụm thi đua.",
    )


@app.get("/documents/<doc_id>", summary="One indexed document with its record")
def document(doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{20}$")]) -> DocumentView:
    return get_document(_deps().reader, doc_id)


@app.get("/search", summary="Documents matching every filter, newest first")
def search_route(
    unit: Text = None,
    bloc: Text = None,
    leader: Text = None,
    year: Year = None,
    date_from: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, Query(max_length=40)] = None,
    award: Annotated[str | None, Query(max_length=60)] = None,
    locality: Text = None,
    limit: Annotated[int | None, Query(description="kết quả mỗi trang (1-100)")] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    fmt: Format = "json",
) -> Response[SearchPage | str]:
    deps = _deps()
    filters = check_filters(
        unit=unit,
        bloc=bloc,
        leader=leader,
        year=year,
        date_from=date_from,
        date_to=date_to,
        event_type=event_type,
        award=award,
        locality=locality,
    )
    page = search(
        deps.reader, filters, cursor_key=deps.cursor_key, cursor=cursor, page_size=check_page_size(limit)
    )
    if fmt == "csv":
        return Response(200, CSV, search_csv(page))
    return Response(200, JSON, page)


@app.get("/entities", summary="Typeahead: entities whose name starts with q")
def entities(
    q: Annotated[str, Query(min_length=1, max_length=120)],
    entity_type: Annotated[
        Literal["unit", "bloc", "leader"] | None, Query(alias="type", description="unit, bloc hoặc leader")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> EntityList:
    text = check_text("q", q)
    if text is None:
        return EntityList(items=[])
    kinds = [entity_type] if entity_type else list(KINDS)
    found = []
    for kind in kinds:
        for cand in suggest(_deps().reader, kind, text, limit=limit):
            found.append(EntityRef(type=cand.type, id=cand.id, name=cand.name, locality=cand.locality))
    return EntityList(items=found[: limit * len(kinds)])


@app.get("/units/<unit_id>", summary="A unit: blocs by year, leaders, awards, events")
def unit(unit_id: EntityId) -> UnitPage:
    return pages.unit_page(_deps().reader, check_text("unit", unit_id) or unit_id)


@app.get("/blocs/<bloc_id>", summary="A bloc: members and head per year, awards, events")
def bloc(bloc_id: EntityId) -> BlocPage:
    return pages.bloc_page(_deps().reader, check_text("bloc", bloc_id) or bloc_id)


@app.get("/leaders/<leader_id>", summary="A leader: titles over time, events")
def leader(leader_id: EntityId) -> LeaderPage:
    return pages.leader_page(_deps().reader, check_text("leader", leader_id) or leader_id)


@app.get("/labels", summary="Vietnamese names of event types and award types")
def labels() -> Labels:
    return Labels(event_types=EVENT_LABELS, awards=AWARD_LABELS)


@app.get("/years", summary="Years the index has documents for")
def years() -> YearList:
    return YearList(years=_deps().reader.years())


def _years(reader: Any, year: int | None, year_from: int | None, year_to: int | None) -> list[int]:
    return stats.year_range(
        reader, check_year("year", year), check_year("year_from", year_from), check_year("year_to", year_to)
    )


@app.get("/stats/awards", summary="Award counts by year × award type, optionally by bloc, unit or locality")
def stats_awards(
    year: Year = None,
    year_from: Year = None,
    year_to: Year = None,
    group_by: Annotated[Literal["bloc", "unit", "locality"] | None, Query()] = None,
    award: Annotated[str | None, Query(max_length=60)] = None,
    status: Annotated[Literal["proposed", "granted"] | None, Query()] = None,
    fmt: Format = "json",
) -> Response[AwardStats | str]:
    reader = _deps().reader
    award_id = check_filters(award=award).award
    result = stats.awards_by_year(
        reader, _years(reader, year, year_from, year_to), group_by=group_by, award=award_id, status=status
    )
    if fmt == "csv":
        return Response(200, CSV, rows_csv(result.rows, AWARD_COLUMNS))
    return Response(200, JSON, result)


@app.get(
    "/stats/activity", summary="Documents and events per month or year, optionally by type, bloc or locality"
)
def stats_activity(
    year: Year = None,
    year_from: Year = None,
    year_to: Year = None,
    period: Annotated[Literal["month", "year"], Query()] = "month",
    by: Annotated[Literal["event_type", "bloc", "locality"] | None, Query()] = None,
    fmt: Format = "json",
) -> Response[ActivityStats | str]:
    reader = _deps().reader
    result = stats.activity(reader, _years(reader, year, year_from, year_to), period=period, by=by)
    if fmt == "csv":
        return Response(200, CSV, rows_csv(result.rows, ACTIVITY_COLUMNS))
    return Response(200, JSON, result)
