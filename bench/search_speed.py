"""Search and dashboard latency on the embedded local engine, next to a single GetItem.

Indexes N generated documents (default 10,000; ``thidua.query.synthetic``) with the
store's real write path into a fresh local engine (dynalite when node is there), then
times, through the same resolver the Lambda runs (``thidua.api.app.handle``):

- ``GET /search?unit=<id>&year=<y>`` (first page of 20, and of 10), over unit/year pairs that have hits;
- ``GET /search?unit=<typed name>&year=<y>`` (the same, plus resolving the name);
- ``GET /stats/awards?year=<y>``;

and, as the yardstick, one GetItem of a document's META item on the same engine.
Prints p50/p99 and the ratio of each p50 to the GetItem p50, plus index requests per call.

    .venv/bin/python bench/search_speed.py [--docs 10000] [--samples 200] [--home DIR] [--json FILE]

The loaded index is kept in --home (default: a temporary directory, removed afterwards);
pass the same --home again to skip loading.

Measured on this project's 2-core dev machine, dynalite 4.0, `--docs 10000 --samples 200`
(loading: 148 s, 67 docs/s with 4 writer threads):

    operation                            p50 ms   p99 ms  × GetItem p50  requests
    GetItem (META)                          1.6      3.0            1.0       1.0
    search unit id + year, 20/page         10.5     34.9            6.6       2.0
    search unit id + year, 10/page          6.4     14.2            4.0       2.0
    search unit name + year, 20/page       10.6     41.7            6.7       3.0
    /stats/awards one year                346.8    497.2          218.8       8.9

A search page is a constant two requests (Query of the unit × year partition, BatchGetItem
of the page's META items); on dynalite the BatchGetItem costs ~0.25 ms per item, so the
ratio grows with the page size. /stats/awards reads every document of the year (~1,200
here) and checks each link's version against its META (one BatchGetItem per 100).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from thidua.api.app import handle
from thidua.api.deps import Deps
from thidua.api.local import to_v2_event
from thidua.query.dynamo import DynamoReader
from thidua.query.synthetic import records
from thidua.store import Index, SourceInfo, SourceRef
from thidua.store.local_engine import LocalEngine
from thidua.understand.entities import is_place_relative

TABLE = "thidua-bench"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def load(index: Index, count: int, workers: int) -> tuple[float, list[tuple[str, str, int]]]:
    """Index `count` generated documents; (seconds, [(doc_id, unit_id, year), ...]) for sampling."""
    recs = list(records(count, seed=2024, years=(2015, 2024)))
    samples: list[tuple[str, str, int]] = []

    def write(n: int) -> None:
        source = SourceInfo(
            SourceRef.file(f"/bench/doc-{n:06d}.txt"), size=2000, content_hash=f"{n:064x}", format="txt"
        )
        index.replace_document(source, recs[n], extractor_version="bench")

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        for done, _ in enumerate(pool.map(write, range(count)), 1):
            if done % 1000 == 0:
                print(f"  indexed {done}/{count} ({time.perf_counter() - started:.0f} s)", flush=True)
    for n, rec in enumerate(recs):
        doc = SourceRef.file(f"/bench/doc-{n:06d}.txt").doc_id
        samples.append((doc, rec.units[0].id, rec.campaign_years[0]))
    return time.perf_counter() - started, samples


def sample_pairs(count: int) -> list[tuple[str, str, str, int]]:
    """(doc_id, unit id, unit name, year) drawn from the generated records, without touching the index."""
    out = []
    for n, rec in enumerate(records(count, seed=2024, years=(2015, 2024))):
        unit = rec.units[n % len(rec.units)]
        out.append(
            (SourceRef.file(f"/bench/doc-{n:06d}.txt").doc_id, unit.id, unit.name, rec.campaign_years[-1])
        )
    return out


def timed(fn: Callable[[], Any], samples: int, reader: DynamoReader) -> tuple[list[float], float]:
    times = []
    before = reader.requests
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, (reader.requests - before) / samples


def api(deps: Deps, path: str, query: dict[str, Any]) -> Callable[[], Any]:
    target = f"{path}?{urlencode(query)}"

    def call() -> Any:
        response = handle(to_v2_event("GET", target, []), None, deps)
        if response["statusCode"] != 200:
            raise RuntimeError(f"{target}: {response['statusCode']} {response['body'][:200]}")
        return response

    return call


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="writer threads while loading")
    parser.add_argument("--home", type=Path, help="keep the loaded engine data here (reused when present)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()

    tmp = None if args.home else tempfile.TemporaryDirectory(prefix="thidua-bench-")
    home = args.home or Path(tmp.name)  # type: ignore[union-attr]
    marker = home / f"loaded-{args.docs}"
    rng = random.Random(1)
    with LocalEngine(home, table_name=TABLE) as engine:
        index = engine.index()
        print(f"engine: {engine.kind} at {engine.endpoint_url}, data in {home}")
        if marker.exists():
            load_seconds = None
            print(f"reusing {args.docs} indexed documents")
        else:
            print(f"indexing {args.docs} generated documents ...")
            load_seconds, _ = load(index, args.docs, args.workers)
            marker.touch()
            print(f"indexed in {load_seconds:.0f} s ({args.docs / load_seconds:.0f} docs/s)")
        reader = DynamoReader.from_index(index)
        deps = Deps(reader=reader, cursor_key=b"bench")
        pairs = sample_pairs(args.docs)
        picks = [rng.choice(pairs) for _ in range(args.samples)]
        it = iter(range(10**9))

        def get_item() -> None:
            if reader.meta(picks[next(it) % len(picks)][0]) is None:
                raise RuntimeError("document missing: was the index loaded?")

        results: dict[str, dict[str, float]] = {}
        runs: list[tuple[str, Callable[[], Any], int]] = [("GetItem (META)", get_item, args.samples)]
        variants = [(f"search unit id + year, {n}/page", False, n) for n in (20, 10)]
        variants.append(("search unit name + year, 20/page", True, 20))
        for label, use_name, limit in variants:
            # Place-relative names ("Thanh tra tỉnh") are ambiguous across provinces by design.
            usable = [p for p in picks if not (use_name and is_place_relative(p[2]))]
            calls = [
                api(deps, "/search", {"unit": name if use_name else uid, "year": year, "limit": limit})
                for _, uid, name, year in usable
            ]
            cycle = iter(range(10**9))
            runs.append(
                (label, lambda calls=calls, cycle=cycle: calls[next(cycle) % len(calls)](), args.samples)
            )
        years = sorted({p[3] for p in pairs})
        stat_calls = [api(deps, "/stats/awards", {"year": y}) for y in years]
        cycle2 = iter(range(10**9))
        runs.append(
            (
                "/stats/awards one year",
                lambda: stat_calls[next(cycle2) % len(stat_calls)](),
                max(20, args.samples // 4),
            )
        )
        for label, fn, n in runs:
            fn()  # warm up (imports, connection)
            times, per_call = timed(fn, n, reader)
            results[label] = {
                "p50_ms": percentile(times, 50),
                "p99_ms": percentile(times, 99),
                "mean_ms": statistics.fmean(times),
                "requests_per_call": per_call,
                "samples": n,
            }
    if tmp is not None:
        tmp.cleanup()

    base = results["GetItem (META)"]["p50_ms"]
    print(f"\n{'operation':34} {'p50 ms':>8} {'p99 ms':>8} {'× GetItem p50':>14} {'requests':>9}")
    for label, r in results.items():
        print(
            f"{label:34} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['p50_ms'] / base:14.1f} "
            f"{r['requests_per_call']:9.1f}"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"docs": args.docs, "engine": "local", "load_seconds": load_seconds, "results": results},
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
