"""`thidua stats awards|activity`: dashboard aggregates of the local index as tables, JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from thidua.cli import search as search_cli
from thidua.cli.output import FORMATS, error_status, render_table, write_json
from thidua.query import stats
from thidua.query.errors import QueryError
from thidua.query.export import ACTIVITY_COLUMNS, AWARD_COLUMNS, rows_csv
from thidua.query.filters import check_award, check_year
from thidua.query.labels import EVENT_LABELS
from thidua.query.models import ActivityStats, AwardStats
from thidua.store.errors import StoreError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="award and activity summaries of the local index")
    which = p.add_subparsers(dest="stat", required=True)
    awards = which.add_parser("awards", help="award counts by year and award type")
    _years(awards)
    awards.add_argument("--group-by", choices=("bloc", "unit", "locality"))
    awards.add_argument("--award", help="only this award type")
    awards.add_argument("--status", choices=("proposed", "granted"))
    awards.add_argument("--format", choices=FORMATS, default="table")
    awards.set_defaults(run=run)
    activity = which.add_parser("activity", help="documents and events per month or year")
    _years(activity)
    activity.add_argument("--period", choices=("month", "year"), default="month")
    activity.add_argument("--by", choices=("event_type", "bloc", "locality"))
    activity.add_argument("--format", choices=FORMATS, default="table")
    activity.set_defaults(run=run)


def _years(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", help="one year")
    p.add_argument("--year-from", help="first year of a range")
    p.add_argument("--year-to", help="last year of a range")


def awards_table(result: AwardStats) -> str:
    grouped = result.group_by is not None
    headers = ["năm", "hình thức", *(["nhóm"] if grouped else []), "số lượng", "lượt", "tài liệu"]
    rows = [
        [
            r.year,
            r.award_label,
            *([r.group_name or "(không rõ)"] if grouped else []),
            r.count,
            r.entries,
            r.documents,
        ]
        for r in result.rows
    ]
    total = sum(r.count for r in result.rows)
    years = f"{result.years[0]}-{result.years[-1]}" if result.years else "-"
    return (
        render_table(headers, rows, [0, 32, 40])
        + f"\n\nNăm {years}: tổng {total} (mỗi khen thưởng tính một lần, theo năm được xét)"
    )


def activity_table(result: ActivityStats) -> str:
    grouped = result.by is not None
    headers = ["kỳ", *(["nhóm"] if grouped else []), "tài liệu", "sự kiện"]
    rows = []
    for r in result.rows:
        group = EVENT_LABELS.get(r.group, r.group) if result.by == "event_type" and r.group else r.group_name
        rows.append([r.period, *([group or "(không rõ)"] if grouped else []), r.documents, r.events])
    return render_table(headers, rows, [0, 40])


def run(args: argparse.Namespace) -> int:
    try:
        year = check_year("year", args.year)
        year_from = check_year("year_from", args.year_from)
        year_to = check_year("year_to", args.year_to)
        with search_cli.local_deps() as deps:
            years = stats.year_range(deps.reader, year, year_from, year_to)
            if args.stat == "awards":
                result: AwardStats | ActivityStats = stats.awards_by_year(
                    deps.reader,
                    years,
                    group_by=args.group_by,
                    award=check_award(args.award),
                    status=args.status,
                )
            else:
                result = stats.activity(deps.reader, years, period=args.period, by=args.by)
    except (QueryError, StoreError) as exc:
        return error_status(exc)
    if args.format == "json":
        write_json(result)
    elif args.format == "csv":
        columns = AWARD_COLUMNS if isinstance(result, AwardStats) else ACTIVITY_COLUMNS
        sys.stdout.write(rows_csv(result.rows, columns))
    elif not result.rows:
        print("Chưa có số liệu cho khoảng năm này.")
    elif isinstance(result, AwardStats):
        print(awards_table(result))
    else:
        print(activity_table(result))
    return 0
