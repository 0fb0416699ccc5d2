"""Search and dashboard latency on the embedded local engine, next to a single GetItem.

Indexes N generated documents (default 10,000; ``thidua.query.synthetic``) with the
store's real write path into a fresh local engine (dynalite when node is there), then
times, through the same resolver the Lambda runs (``thidua.api.app.handle``):

- ``GET /search?unit=<id>&year=<y>`` (first page of 20, and of 10), over unit/year pairs that have hits;
- ``GET /search?unit=<typed name>&year=<y>`` (the same, plus resolving the name);
- ``GET /stats/awards?year=<y>``;

and, as the yardstick, one GetItem of a document's META item on the same engine.
Prints p50/p99 and the ratio of each p50 to the GetItem p50, index requests per call,
and the CPU one call costs this process plus the engine (Linux /proc): on a shared
machine wall times move with everyone else's load, CPU per call much less.

    .venv/bin/python bench/search_speed.py [--docs 10000] [--samples 200] [--home DIR] [--json FILE]

The loaded index is kept in --home (default: a temporary directory, removed afterwards);
pass the same --home again to skip loading.

Measured on this project's 2-core dev machine (other jobs running), dynalite 4.0,
`--docs 10000 --samples 400`, index layout 2 (loading: 114 s, 88 docs/s with 4 writer
threads); one of three rounds run alternately with the layout-1 code (bench/README.md):

    operation                            p50 ms   p99 ms  × GetItem p50  requests  cpu ms  × GetItem cpu
    GetItem (META)                          1.6      4.4            1.0       1.0    1.75            1.0
    search unit id + year, 20/page          7.2     20.2            4.5       2.0    9.57            5.5
    search unit id + year, 10/page          6.0     13.4            3.8       2.0    7.88            4.5
    search unit name + year, 20/page        8.6     21.9            5.4       3.0   10.48            6.0
    /stats/awards one year                 34.7     65.1           21.8       1.0   40.75           23.3

A search page is two requests: one Query of the unit's year window (about 40 links
evaluated, the page's returned) and one BatchGetItem of the page's META items projected
on (ver, status). On dynalite a BatchGetItem costs about 0.1 ms of engine CPU per key
whatever the item's size, and each request about 1 ms of botocore CPU in this process:
those two fix most of the ratio. /stats/awards is one projected Query of the year's
partition (the earliest-year links carry the award lists): no META reads.
"""

from __future__ import annotations

import argparse
import json
import os
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


def engine_cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) the engine process has used so far, from /proc (Linux only)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(
    fn: Callable[[], Any], samples: int, reader: DynamoReader, engine_pid: int | None
) -> tuple[list[float], float, float | None]:
    """Wall times (ms), requests per call, and CPU ms per call of this process plus the engine.

    On a shared machine wall times move with everyone else's load; the CPU both sides
    spend on a call does not, so the CPU ratio is the steadier yardstick.
    """
    times = []
    before = reader.requests
    cpu_start, engine_start = time.process_time(), engine_cpu_seconds(engine_pid)
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    cpu = time.process_time() - cpu_start
    engine_end = engine_cpu_seconds(engine_pid)
    if engine_start is None or engine_end is None:
        return times, (reader.requests - before) / samples, None
    return times, (reader.requests - before) / samples, (cpu + engine_end - engine_start) * 1000 / samples


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
        pid = getattr(engine, "pid", None) or getattr(engine, "_pid", None)
        for label, fn, n in runs:
            fn()  # warm up (imports, connection)
            times, per_call, cpu_ms = timed(fn, n, reader, pid)
            results[label] = {
                "p50_ms": percentile(times, 50),
                "p99_ms": percentile(times, 99),
                "mean_ms": statistics.fmean(times),
                "requests_per_call": per_call,
                "cpu_ms": cpu_ms,
                "samples": n,
            }
    if tmp is not None:
        tmp.cleanup()

    base = results["GetItem (META)"]["p50_ms"]
    base_cpu = results["GetItem (META)"]["cpu_ms"]
    print(
        f"\n{'operation':34} {'p50 ms':>8} {'p99 ms':>8} {'× GetItem p50':>14} {'requests':>9}"
        f" {'cpu ms':>7} {'× GetItem cpu':>14}"
    )
    for label, r in results.items():
        cpu = r["cpu_ms"]
        cpu_cols = f" {cpu:7.2f} {cpu / base_cpu:14.1f}" if cpu is not None and base_cpu else ""
        print(
            f"{label:34} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['p50_ms'] / base:14.1f} "
            f"{r['requests_per_call']:9.1f}{cpu_cols}"
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
