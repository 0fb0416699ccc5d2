"""`thidua search`: documents of the local index matching every filter, newest first."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from thidua.api.deps import Deps, local_cursor_key
from thidua.cli.output import FORMATS, error_status, render_table, write_json
from thidua.query.dynamo import DynamoReader
from thidua.query.errors import QueryError
from thidua.query.export import search_csv
from thidua.query.filters import check_filters, check_page_size
from thidua.query.labels import EVENT_LABELS
from thidua.query.models import SearchPage
from thidua.query.search import search
from thidua.store.errors import StoreError


@contextlib.contextmanager
def local_deps() -> Iterator[Deps]:
    """Reader and cursor key of the local index (starts or attaches to the embedded engine)."""
    from thidua.store.local_engine import local_index, thidua_home

    with local_index() as index:
        yield Deps(reader=DynamoReader.from_index(index), cursor_key=local_cursor_key(thidua_home()))


def page_table(page: SearchPage) -> str:
    rows = []
    for hit in page.hits:
        events = ", ".join(EVENT_LABELS.get(e, e) for e in hit.event_types)
        blocs = ", ".join(b.name for b in hit.blocs)
        evidence = hit.evidence[0].sentence if hit.evidence else ""
        rows.append([hit.date or "?", hit.title or "(không có tiêu đề)", events, blocs, evidence, hit.doc_id])
    table = render_table(
        ["ngày", "tiêu đề", "sự kiện", "khối", "bằng chứng", "id"], rows, [10, 50, 30, 24, 60, 20]
    )
    return table


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help="search the local index (filters combine; newest first)")
    p.add_argument("--unit", help="unit name or id (any case, with or without diacritics)")
    p.add_argument("--bloc", help="bloc name or id, e.g. 'Khối thi đua VIII'")
    p.add_argument("--leader", help="leader name or id")
    p.add_argument("--year", help="campaign year")
    p.add_argument("--date-from", help="YYYY-MM-DD")
    p.add_argument("--date-to", help="YYYY-MM-DD")
    p.add_argument("--event-type", help="e.g. tong_ket, ky_ket_giao_uoc, 'Trao khen thưởng'")
    p.add_argument("--award", help="e.g. co_thi_dua_chinh_phu, 'Giấy khen'")
    p.add_argument("--locality", help="province or city")
    p.add_argument("--limit", type=int, default=20, help="results per page (1-100)")
    p.add_argument("--cursor", help="continue from the cursor a previous page printed")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        filters = check_filters(
            unit=args.unit,
            bloc=args.bloc,
            leader=args.leader,
            year=args.year,
            date_from=args.date_from,
            date_to=args.date_to,
            event_type=args.event_type,
            award=args.award,
            locality=args.locality,
        )
        limit = check_page_size(args.limit)
        with local_deps() as deps:
            page = search(
                deps.reader, filters, cursor_key=deps.cursor_key, cursor=args.cursor, page_size=limit
            )
    except (QueryError, StoreError) as exc:
        return error_status(exc)
    if args.format == "json":
        write_json(page)
    elif args.format == "csv":
        sys.stdout.write(search_csv(page))
    else:
        if page.resolved:
            names = "; ".join(f"{r.name} ({r.id})" for r in page.resolved)
            print(f"Tìm theo: {names}")
        print(page_table(page) if page.hits else "Không có tài liệu nào khớp.")
        if page.next_cursor:
            print(f"\nTrang tiếp: --cursor {page.next_cursor}")
    return 0
