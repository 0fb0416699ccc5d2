"""The HTTP resolver: refusals are 4xx with a message (never 500), CSV and JSON, OpenAPI, dashboard files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from query_support import deps, moto_index, put, record

from thidua.api.app import handle, openapi_json
from thidua.api.deps import Deps
from thidua.api.local import from_v2_response, to_v2_event


@pytest.fixture(scope="module")
def api() -> Iterator[Deps]:
    with moto_index("thidua-api-unit") as index:
        put(
            index,
            [
                record(
                    dt.date(2023, 4, 1),
                    units=["Sở Nội vụ"],
                    events=["tong_ket"],
                    bloc="Khối thi đua V",
                    awards=[("giay_khen", 3, "tap_the", "granted", [])],
                    locality="Bình Định",
                ),
                record(dt.date(2022, 4, 1), units=["Công an tỉnh"], locality="Sơn La"),
                record(dt.date(2022, 5, 1), units=["Công an tỉnh"], locality="Cà Mau"),
            ],
        )
        yield deps(index)


def get(api: Deps, target: str) -> tuple[int, dict[str, str], str]:
    status, headers, body = from_v2_response(handle(to_v2_event("GET", target, [("host", "x")]), None, api))
    return status, dict(headers), body.decode("utf-8")


@pytest.mark.parametrize(
    "target",
    [
        "/search?year=abc",
        "/search?year=1200",
        "/search?year=2023&colour=red",
        "/search?unit=%27%20OR%201%3D1",
        "/search?unit=" + "a" * 10_240,
        "/search?" + "&".join(f"p{i}=1" for i in range(1500)),
        "/search?unit=%3Cscript%3E",
        "/search?leader=x%3B%20DROP%20TABLE%20t",
        "/search?event_type=party",
        "/search?award=huy%20chuong",
        "/search?date_from=2023-02-30",
        "/search?limit=0",
        "/search?limit=1000",
        "/search?cursor=not-a-cursor",
        "/search?unit=cong%20an%20tinh",
        "/search?format=xml",
        "/entities?q=",
        "/entities?q=so&type=city",
        "/stats/awards?year=2023&group_by=leader",
        "/stats/awards?year_from=2024&year_to=2020",
        "/stats/activity?period=week",
        "/documents/xyz",
        "/units/" + quote("x" * 300),
        "/static/..%2Fapp.py",
    ],
)
def test_bad_input_is_4xx_with_a_message(api: Deps, target: str) -> None:
    status, headers, body = get(api, target)
    assert 400 <= status < 500, body
    assert headers["Content-Type"].startswith("application/json")
    data = json.loads(body)
    assert data["error"] and data["message"]


def test_ambiguous_name_lists_candidates(api: Deps) -> None:
    status, _headers, body = get(api, "/search?unit=cong%20an%20tinh")
    data = json.loads(body)
    assert status == 400 and data["error"] == "ambiguous"
    assert {c["locality"] for c in data["candidates"]} == {"Sơn La", "Cà Mau"}


def test_unknown_things_are_404(api: Deps) -> None:
    assert get(api, "/nowhere")[0] == 404
    assert get(api, "/documents/0123456789abcdef0123")[0] == 404
    assert get(api, "/units/unit:khong-co")[0] == 404
    assert get(api, "/search?unit=so%20ngoai%20vu")[0] == 404


def test_search_json_and_csv(api: Deps) -> None:
    status, _h, body = get(api, "/search?unit=S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5&year=2023")
    page = json.loads(body)
    assert status == 200 and len(page["hits"]) == 1 and page["hits"][0]["locality"] == "Bình Định"
    status, headers, text = get(api, "/search?unit=so%20noi%20vu&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("doc_id,date,title")


def test_stats_csv_for_bi_tools(api: Deps) -> None:
    status, headers, text = get(api, "/stats/awards?year=2023&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert text.splitlines()[1].startswith("2023,giay_khen,Giấy khen,,,3,1,1")
    status, _h, body = get(api, "/stats/activity?year=2022&period=year&by=locality")
    rows = {(r["group"], r["documents"]) for r in json.loads(body)["rows"]}
    assert status == 200 and rows == {("Sơn La", 1), ("Cà Mau", 1)}


def test_typeahead(api: Deps) -> None:
    status, _h, body = get(api, "/entities?type=unit&q=SO%20NOI")
    assert status == 200 and [i["name"] for i in json.loads(body)["items"]] == ["Sở Nội vụ"]


def test_dashboard_and_its_files(api: Deps) -> None:
    status, headers, body = get(api, "/?unit=so%20noi%20vu&year=2023")  # filters in the URL are the page's
    assert status == 200 and headers["Content-Type"].startswith("text/html") and 'lang="vi"' in body
    for name in ("app.js", "charts.js", "app.css"):
        assert get(api, f"/static/{name}")[0] == 200
    assert get(api, "/static/secret.txt")[0] == 404
    assert "cdn" not in body.lower() and "https://" not in body


def test_openapi_lists_routes_and_parameters() -> None:
    spec: dict[str, Any] = json.loads(openapi_json())
    assert {"/search", "/documents/{doc_id}", "/stats/awards", "/stats/activity", "/entities"} <= set(
        spec["paths"]
    )
    params = {p["name"] for p in spec["paths"]["/search"]["get"]["parameters"]}
    assert {"unit", "bloc", "leader", "year", "event_type", "award", "locality", "cursor", "format"} <= params


def test_local_event_round_trip() -> None:
    event = to_v2_event(
        "GET", "/search?unit=s%E1%BB%9F&unit=b&year=2023", [("Host", "h"), ("Cookie", "a=1; b=2")]
    )
    assert event["rawPath"] == "/search" and event["queryStringParameters"] == {
        "unit": "sở,b",
        "year": "2023",
    }
    assert event["headers"] == {"host": "h"} and event["cookies"] == ["a=1", "b=2"]
    assert event["requestContext"]["http"]["method"] == "GET"
    status, headers, body = from_v2_response({"statusCode": 201, "headers": {"X": "1"}, "body": "ok"})
    assert (status, headers, body) == (201, [("X", "1")], b"ok")
