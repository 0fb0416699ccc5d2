"""Helpers for the query and API tests: an in-process moto table from template.yaml, filled with records."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import boto3
from moto import mock_aws

from thidua.api.deps import Deps
from thidua.query.dynamo import DynamoReader
from thidua.store import Index, SourceInfo, SourceRef
from thidua.store.template_schema import create_table_kwargs
from thidua.understand.entities import bloc_id, leader_id, unit_id, unit_key
from thidua.understand.record import AwardOut, BlocOut, DocumentRecord, EvidenceOut, LeaderOut, UnitOut

TABLE = "thidua-query-test"
KEY = b"unit-test-cursor-key"


@contextlib.contextmanager
def moto_index(table: str = TABLE) -> Iterator[Index]:
    """An Index over an in-process moto table created from template.yaml."""
    with mock_aws():
        client = boto3.client(
            "dynamodb", region_name="eu-west-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        client.create_table(**create_table_kwargs(table))
        yield Index(client, table, sleep=lambda _s: None)


def source(name: str, content: str = "") -> SourceInfo:
    digest = hashlib.sha256((name + content).encode()).hexdigest()
    return SourceInfo(SourceRef.s3("uploads", name), size=100, content_hash=digest, format="txt")


def put(index: Index, records: Iterable[DocumentRecord], prefix: str = "doc") -> list[str]:
    """Index records as s3://uploads/{prefix}-{n}.txt; their doc ids in order."""
    ids = []
    for n, record in enumerate(records):
        src = source(f"{prefix}-{n:05d}.txt")
        index.replace_document(src, record, extractor_version="test")
        ids.append(src.ref.doc_id)
    return ids


def deps(index: Index) -> Deps:
    return Deps(reader=DynamoReader.from_index(index), cursor_key=KEY)


def ev(sentence: str, name: str) -> EvidenceOut:
    start = max(0, sentence.find(name))
    return EvidenceOut(sentence=sentence, start=start, end=start + len(name))


def unit(name: str, locality: str | None = None) -> UnitOut:
    return UnitOut(
        name=name,
        id=unit_id(name, locality),
        key=unit_key(name, locality),
        locality=locality,
        evidence=ev(f"Đại diện {name} dự hội nghị.", name),
    )


def record(
    day: dt.date | None,
    *,
    units: Sequence[str] = (),
    years: list[int] | None = None,
    events: Sequence[str] = (),
    bloc: str | None = None,
    head: str | None = None,
    leaders: Sequence[tuple[str, str, str | None]] = (),
    awards: Sequence[tuple[str, int, Any, str, list[str]]] = (),
    locality: str | None = None,
    title: str | None = None,
) -> DocumentRecord:
    """A hand-made record.

    leaders: (name, title, unit); awards: (id, count, recipient, status, recipient names).
    """
    return DocumentRecord(
        published=day,
        event_date=day,
        campaign_years=years if years is not None else ([day.year] if day else []),
        event_types=list(events),
        units=[unit(u, locality) for u in units],
        blocs=[
            BlocOut(
                name=bloc,
                id=bloc_id(bloc),
                members=list(units),
                head=head,
                evidence=ev(f"{bloc} gồm các đơn vị.", bloc),
            )
        ]
        if bloc
        else [],
        leaders=[
            LeaderOut(name=n, id=leader_id(n), title=t, unit=u, evidence=ev(f"Ông {n}, {t} phát biểu.", n))
            for n, t, u in leaders
        ],
        awards=[
            AwardOut(
                award=a,
                count=c,
                recipient=r,
                status=s,
                recipients=rs,
                evidence=ev(f"Tặng {c} phần thưởng.", "Tặng"),
            )
            for a, c, r, s, rs in awards
        ],
        locality=locality,
        title=title or (f"Hội nghị {day.isoformat()}" if day else "Hội nghị"),
    )


class ScanForbidden(AssertionError):
    pass


def forbid_scan(client: Any, monkeypatch: Any) -> None:
    """Make any Scan on this client fail the test."""

    def no_scan(**_kwargs: Any) -> Any:
        raise ScanForbidden("Scan called in the read path")

    monkeypatch.setattr(client, "scan", no_scan)
