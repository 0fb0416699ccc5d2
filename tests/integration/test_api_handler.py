"""The API function under moto: HTTP API v2 events (events/api_*.json) → handler → table from the template.

The read path is checked to be key-based (any Scan fails the test), aggregates are
recomputed from the indexed records, and every route must appear in /openapi.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from aws_support import EVENTS, REGION, load_function
from botocore.client import BaseClient
from moto import mock_aws

from thidua.api.app import app as resolver
from thidua.query.synthetic import records
from thidua.store import Index, SourceInfo, SourceRef
from thidua.store import template_schema as ts
from thidua.understand.entities import bloc_id, leader_id, unit_id, unit_key
from thidua.understand.record import AwardOut, BlocOut, DocumentRecord, EvidenceOut, LeaderOut, UnitOut

TABLE = "thidua-api-test"
BUCKET = "thidua-uploads-123456789012-a1b2c3d4"
BLOC = "Khối thi đua các cơ quan nội chính"


handler = load_function("api", "api_app_under_test")


def _event(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / f"api_{name}.json").read_text(encoding="utf-8"))
    return data


def _ev(sentence: str, name: str) -> EvidenceOut:
    start = max(0, sentence.find(name))
    return EvidenceOut(sentence=sentence, start=start, end=start + len(name))


def _unit(name: str, locality: str) -> UnitOut:
    return UnitOut(
        name=name,
        id=unit_id(name, locality),
        key=unit_key(name, locality),
        locality=locality,
        evidence=_ev(f"Đại diện lãnh đạo {name} tham dự hội nghị.", name),
    )


def _main_record() -> DocumentRecord:
    units = ["Sở Nội vụ", "Sở Tư pháp", "Ủy ban nhân dân thành phố"]
    sentence = f"{BLOC} gồm Sở Nội vụ, Sở Tư pháp; Sở Nội vụ làm Khối trưởng năm 2023."
    return DocumentRecord(
        published=dt.date(2023, 12, 22),
        event_date=dt.date(2023, 12, 21),
        campaign_years=[2023],
        event_types=["tong_ket", "binh_xet"],
        units=[_unit(u, "Hải Phòng") for u in units],
        blocs=[
            BlocOut(
                name=BLOC, id=bloc_id(BLOC), members=units[:2], head="Sở Nội vụ", evidence=_ev(sentence, BLOC)
            )
        ],
        leaders=[
            LeaderOut(
                name="Trần Thị Thu Hà",
                id=leader_id("Trần Thị Thu Hà"),
                title="Giám đốc Sở Nội vụ",
                unit="Sở Nội vụ",
                evidence=_ev("Bà Trần Thị Thu Hà, Giám đốc Sở Nội vụ chủ trì.", "Trần"),
            )
        ],
        awards=[
            AwardOut(
                award="co_thi_dua_bo_tinh",
                count=1,
                recipient="tap_the",
                status="proposed",
                recipients=["Sở Nội vụ"],
                evidence=_ev("Đề nghị tặng Cờ thi đua cho Sở Nội vụ.", "Cờ"),
            ),
            AwardOut(award="giay_khen", count=6, recipient="ca_nhan", status="granted"),
        ],
        locality="Hải Phòng",
        title="Khối thi đua VIII tổng kết năm 2023",
    )


def _other_city_record() -> DocumentRecord:
    return DocumentRecord(
        event_date=dt.date(2023, 3, 2),
        campaign_years=[2023],
        event_types=["ky_ket_giao_uoc"],
        units=[_unit("UBND thành phố", "Đà Lạt")],
        locality="Đà Lạt",
        title="Ký kết giao ước thi đua 2023",
    )


CORPUS: list[tuple[str, DocumentRecord]] = [
    ("tin-tuc/khoi-8-tong-ket-2023.txt", _main_record()),
    ("tin-tuc/ky-ket-da-lat.txt", _other_city_record()),
    *[(f"sinh/{n:03d}.txt", r) for n, r in enumerate(records(40, seed=21, years=(2021, 2024)))],
]


@pytest.fixture(scope="module")
def table() -> Iterator[Index]:
    patch = pytest.MonkeyPatch()
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "THIDUA_TABLE": TABLE,
        "THIDUA_CURSOR_SECRET": "integration-test-secret",
    }.items():
        patch.setenv(key, value)
    with mock_aws():
        client = boto3.client("dynamodb", region_name=REGION)
        client.create_table(**ts.create_table_kwargs(TABLE))
        index = Index(client, TABLE, sleep=lambda _s: None)
        for key, rec in CORPUS:
            source = SourceInfo(
                SourceRef.s3(BUCKET, key),
                size=1000,
                content_hash=f"{abs(hash(key)):064x}"[-64:],
                format="txt",
            )
            index.replace_document(source, rec, extractor_version="test")
        handler.build_dependencies.cache_clear()
        yield index
    handler.build_dependencies.cache_clear()
    patch.undo()


@pytest.fixture
def no_scan(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every DynamoDB operation; a Scan fails the test."""
    calls: list[str] = []
    original = BaseClient._make_api_call

    def guarded(self: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        calls.append(operation)
        if operation == "Scan":
            raise AssertionError(f"Scan in the read path: {params}")
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", guarded)
    return calls


def call(name: str) -> tuple[int, dict[str, str], str]:
    response = handler.lambda_handler(_event(name), None)
    return response["statusCode"], response.get("headers", {}), response["body"]


EXPECTED = {
    "dashboard": 200,
    "openapi": 200,
    "document": 200,
    "document_missing": 404,
    "search_unit_year": 200,
    "search_bloc_page": 200,
    "search_ambiguous": 400,
    "search_bad_year": 400,
    "search_unknown_filter": 400,
    "search_injection": 400,
    "search_long_query": 400,
    "search_bad_cursor": 400,
    "entities": 200,
    "unit": 200,
    "bloc": 200,
    "leader": 200,
    "stats_awards": 200,
    "stats_awards_csv": 200,
    "stats_activity": 200,
}


def test_every_api_event_is_covered() -> None:
    names = {p.stem.removeprefix("api_") for p in EVENTS.glob("api_*.json")}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_events(table: Index, no_scan: list[str], name: str) -> None:
    status, _headers, body = call(name)
    assert status == EXPECTED[name], body
    if status >= 400:
        data = json.loads(body)
        assert data["error"] and data["message"]
    assert set(no_scan) <= {"Query", "GetItem", "BatchGetItem"}


def test_search_unit_year(table: Index) -> None:
    _status, _headers, body = call("search_unit_year")
    page = json.loads(body)
    assert page["resolved"] == [
        {"type": "unit", "id": unit_id("Sở Nội vụ"), "name": "Sở Nội vụ", "locality": None}
    ]
    assert page["hits"], "Sở Nội vụ has 2023 documents"
    for hit in page["hits"]:
        assert 2023 in hit["years"]
        assert any("Sở Nội vụ" in e["sentence"] for e in hit["evidence"])
    dates = [h["date"] for h in page["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_document_and_entity_pages(table: Index) -> None:
    doc = json.loads(call("document")[2])
    assert doc["source"] == f"s3://{BUCKET}/tin-tuc/khoi-8-tong-ket-2023.txt"
    assert doc["record"]["blocs"][0]["name"] == BLOC
    bloc = json.loads(call("bloc")[2])
    year_2023 = next(m for m in bloc["members_by_year"] if m["year"] == 2023)
    assert year_2023["head"]["name"] == "Sở Nội vụ"
    leader = json.loads(call("leader")[2])
    assert leader["titles"][0]["title"] == "Giám đốc Sở Nội vụ"
    unit = json.loads(call("unit")[2])
    assert any(b["bloc"]["id"] == bloc_id(BLOC) and b["head"] for b in unit["blocs_by_year"])


def test_ambiguous_name_lists_candidates(table: Index) -> None:
    body = json.loads(call("search_ambiguous")[2])
    assert body["error"] == "ambiguous"
    assert {c["locality"] for c in body["candidates"]} == {"Hải Phòng", "Đà Lạt"}


def test_cursor_pages_through_and_tampering_is_refused(table: Index) -> None:
    event = _event("search_bloc_page")
    seen: list[str] = []
    while True:
        response = handler.lambda_handler(event, None)
        assert response["statusCode"] == 200
        page = json.loads(response["body"])
        seen.extend(h["doc_id"] for h in page["hits"])
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
        event = _event("search_bloc_page")
        event["queryStringParameters"]["cursor"] = cursor
        event["rawQueryString"] += f"&cursor={cursor}"
    assert len(seen) == len(set(seen)) and len(seen) >= 2
    tampered = _event("search_bloc_page")
    tampered["queryStringParameters"]["cursor"] = cursor[:-3] + (
        "AAA" if not cursor.endswith("AAA") else "BBB"
    )
    response = handler.lambda_handler(tampered, None)
    assert response["statusCode"] == 400
    assert json.loads(response["body"])["error"] == "invalid_cursor"


def _award_year(rec: DocumentRecord) -> int | None:
    """The year under review (restated here from the stats definition, not imported)."""
    day = rec.event_date or rec.published
    years = sorted(set(rec.campaign_years)) or ([day.year] if day else [])
    if not years or day is None:
        return min(years) if years else None
    if day.month <= 6 and day.year - 1 in years:
        return day.year - 1
    if day.year in years:
        return day.year
    earlier = [y for y in years if y < day.year]
    return max(earlier) if earlier else min(years)


def _expected_awards(year: int) -> dict[tuple[str, str | None], int]:
    out: dict[tuple[str, str | None], int] = defaultdict(int)
    for _key, rec in CORPUS:
        if _award_year(rec) != year:
            continue
        for award in rec.awards:
            for bloc in sorted({b.id for b in rec.blocs}) or [None]:
                out[(award.award, bloc)] += award.count
    return dict(out)


def test_stats_awards_equal_the_records(table: Index, no_scan: list[str]) -> None:
    data = json.loads(call("stats_awards")[2])
    got = {(r["award"], r["group"]): r["count"] for r in data["rows"]}
    assert got == _expected_awards(2023) and got
    _status, headers, text = call("stats_awards_csv")
    assert headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    totals: dict[str, int] = defaultdict(int)
    for (award, _bloc), count in _expected_awards(2023).items():
        totals[award] += count
    assert {r["award"]: int(r["count"]) for r in rows} == totals


def test_stats_activity_equal_the_records(table: Index) -> None:
    data = json.loads(call("stats_activity")[2])
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for _key, rec in CORPUS:
        day = rec.event_date or rec.published
        if day and day.year == 2023:
            for event_type in rec.event_types:
                expected[(day.isoformat()[:7], event_type)] += 1
    assert {(r["period"], r["group"]): r["documents"] for r in data["rows"]} == expected


def test_every_route_is_in_openapi(table: Index) -> None:
    spec = json.loads(call("openapi")[2])
    documented = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    routes = resolver._static_routes + resolver._dynamic_routes
    assert routes
    for route in routes:
        path = route.openapi_path
        for method in route.method if isinstance(route.method, tuple | list) else [route.method]:
            assert (method.upper(), path) in documented, f"{method} {path} missing from /openapi.json"
