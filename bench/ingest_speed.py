"""Bulk ingest benchmark: documents per second with 1 and 2 workers, against extraction alone.

For each worker count it measures, on the archive from `bench/make_archive.py`:

- **extract**: reading and extraction only (`read_document` + `extract_record`), the same
  documents spread over the same number of worker processes, no index;
- **ingest**: `thidua.bulk.runner.run_bulk` (what `thidua ingest ARCHIVE --workers N` runs:
  N worker processes extract, this process writes) into a fresh embedded engine (dynalite)
  in a temporary THIDUA_HOME; CPU per document of the workers + writer, of the writer
  alone, and of the engine, and the writer's requests per document;
- **resume**: the same ingest again (everything must be unchanged);
- peak memory: the largest sum of proportional set sizes (PSS: pages the forked workers share
  count once) over this process, its workers (and their parser children) and the engine,
  sampled every 0.2 s;
- the index afterwards, read back in full (a Scan: this is the check, not the read path):
  exactly one META per expected document with the expected status (and failure reason),
  no others; every ok document's links are exactly its META's facets at its current
  version (zero lost, zero duplicated, no stale versions);
- cost: estimated DynamoDB write units per document (table + GSIs, `thidua.store.cost`),
  dollars per million documents at an on-demand price, and Lambda GB-seconds per document
  estimated from the client-side CPU time at the ingest function's memory size.

    .venv/bin/python bench/make_archive.py                 # once: bench/data/archive-2000.zip
    .venv/bin/python bench/ingest_speed.py [--archive bench/data/archive-2000.zip] [--workers 1 2]
        [--price 1.25] [--json out.json]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from thidua.bulk.report import BulkReport
from thidua.bulk.runner import RunOptions, run_bulk
from thidua.bulk.sources import Source, SourceOpener, walk, zip_uri
from thidua.store import keys
from thidua.store.local_engine import LocalEngine

HERE = Path(__file__).resolve().parent
DEFAULT_ARCHIVE = HERE / "data" / "archive-2000.zip"
LAMBDA_MEMORY_GB = 1.5  # IngestFunction / BackfillFunction MemorySize in template.yaml
LAMBDA_VCPU = 1536 / 1769  # Lambda gives one full vCPU at 1769 MB, proportionally less below


# ---- memory --------------------------------------------------------------------------------------


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _pss(pid: int) -> int:
    """Proportional set size: pages shared between forked workers are counted once in the sum."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakMemory:
    """Largest total memory (PSS) of this process tree plus `extra` pids, sampled in a thread."""

    def __init__(self, extra: list[int] | None = None, every: float = 0.2) -> None:
        self.extra = extra or []
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = set(_tree(os.getpid()))
            for pid in self.extra:
                pids.update(_tree(pid))
            self.peak = max(self.peak, sum(_pss(p) for p in pids))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# ---- CPU time (robust to other jobs on the machine, unlike wall time) ---------------------------------


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its waited-for children (workers and their parser children)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds a running process (the engine) has used so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- extraction only -----------------------------------------------------------------------------

_OPENER: SourceOpener | None = None


def _extract_one(uri: str) -> str:
    from thidua.read import ReadError, read_document
    from thidua.understand.extract import extract_record

    global _OPENER
    if _OPENER is None:
        _OPENER = SourceOpener()
    try:
        data = _OPENER.read(uri, max_bytes=25 * 1024 * 1024)
        name = uri.rsplit("/", 1)[-1]
        result = read_document(data, name)
        extract_record(result.text, name=name, title=result.title, published_hint=result.published)
        return "ok"
    except ReadError as exc:
        return exc.reason
    except Exception as exc:  # count, do not stop: the ingest side records these as internal_error
        return f"internal_error:{type(exc).__name__}"


def extract_only(sources: list[Source], workers: int) -> dict[str, Any]:
    uris = [s.uri for s in sources if s.refused is None]
    started = time.monotonic()
    cpu0 = cpu_seconds()
    with PeakMemory() as mem:
        if workers <= 1:
            outcomes = Counter(_extract_one(u) for u in uris)
        else:
            # Not multiprocessing.Pool: its daemonic workers may not fork, and the pdf and docx
            # readers parse in a forked child with a deadline (as the ingest workers do).
            with cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                outcomes = Counter(pool.map(_extract_one, uris, chunksize=4))
    seconds = time.monotonic() - started
    cpu = sum(cpu_seconds()) - sum(cpu0)
    return {
        "documents": len(uris),
        "seconds": round(seconds, 2),
        "docs_per_second": round(len(uris) / seconds, 2),
        "cpu_ms_per_document": round(cpu / len(uris) * 1000, 1),
        "peak_pss_mb": round(mem.peak / 2**20),
        "outcomes": dict(outcomes),
    }


# ---- ingest + verification -----------------------------------------------------------------------


def expected_documents(archive: Path, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """doc_id → manifest entry (with its URI)."""
    out = {}
    for entry in manifest["entries"]:
        names = entry["name"].split("!/")
        uri = zip_uri(archive.resolve(), names)
        out[keys.doc_id(uri)] = {**entry, "uri": uri}
    return out


def scan(client: Any, table: str) -> list[dict[str, Any]]:
    items, start = [], None
    while True:
        kwargs: dict[str, Any] = {"TableName": table}
        if start:
            kwargs["ExclusiveStartKey"] = start
        response = client.scan(**kwargs)
        items.extend(response.get("Items", []))
        start = response.get("LastEvaluatedKey")
        if not start:
            return items


def verify(items: list[dict[str, Any]], expected: dict[str, dict[str, Any]]) -> dict[str, Any]:
    metas = {
        i["doc_id"]["S"]: i for i in items if i["sk"]["S"] == keys.META_SK and i["pk"]["S"].startswith("DOC#")
    }
    # A link is any item carrying a document version that is not a META, whichever key layout the
    # store uses (under the document with `doc_id`, or under its facet with the id ending the sort
    # key); its facet is its GSI key or its partition key.
    links: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if "ver" in item and item["sk"]["S"] != keys.META_SK:
            doc_id = item["doc_id"]["S"] if "doc_id" in item else item["sk"]["S"].rsplit("#", 1)[-1]
            links.setdefault(doc_id, []).append(item)
    problems: list[str] = []
    missing = sorted(set(expected) - set(metas))
    extra = sorted(set(metas) - set(expected))
    problems += [f"missing document {expected[d]['name']}" for d in missing]
    problems += [f"unexpected document {metas[d]['source_uri']['S']}" for d in extra]
    wrong_status = 0
    link_count = 0
    for doc_id, entry in expected.items():
        meta = metas.get(doc_id)
        if meta is None:
            continue
        status = meta["status"]["S"]
        reason = meta.get("reason", {}).get("S", "")
        if status != entry["expect"] or (entry["reason"] and not reason.startswith(entry["reason"] + ":")):
            wrong_status += 1
            problems.append(
                f"{entry['name']}: {status} {reason} (expected {entry['expect']} {entry['reason'] or ''})"
            )
        doc_links = links.get(doc_id, [])
        link_count += len(doc_links)
        if status == "ok":
            ver = meta["ver"]["S"]
            facets = sorted(meta.get("facets", {}).get("SS", []))
            current = [i for i in doc_links if i["ver"]["S"] == ver]
            covered = sorted({i.get("gsi1pk", i["pk"])["S"] for i in current})
            keys_seen = [(i["pk"]["S"], i["sk"]["S"]) for i in current]
            stale = [i for i in doc_links if i["ver"]["S"] != ver]
            if covered != facets:
                problems.append(f"{entry['name']}: links cover {len(covered)} facets of {len(facets)}")
            if len(set(keys_seen)) != len(keys_seen):
                problems.append(f"{entry['name']}: a link written twice")
            if stale:
                problems.append(f"{entry['name']}: {len(stale)} links of another version")
        elif doc_links:
            problems.append(f"{entry['name']}: {status} but {len(doc_links)} links")
    orphans = sorted(set(links) - set(metas))
    problems += [f"links without a document: {d}" for d in orphans]
    return {
        "documents_expected": len(expected),
        "documents_found": len(metas),
        "missing": len(missing),
        "unexpected": len(extra),
        "wrong_status": wrong_status,
        "links": link_count,
        "problems": problems[:20],
        "problem_count": len(problems),
    }


def ingest(
    sources: list[Source], workers: int, home: Path
) -> tuple[BulkReport, BulkReport, list[dict[str, Any]], int, dict[str, float]]:
    with LocalEngine(home, table_name="thidua-bench", prefer="dynalite") as engine:
        index = engine.index()
        engine_pid = int(json.loads((home / "engine.json").read_text())["pid"])
        own0, kids0, engine0 = *cpu_seconds(), process_cpu(engine_pid)
        with PeakMemory([engine_pid]) as mem:
            options = RunOptions(workers=workers, journal_dir=home / "bulk", pool=True)
            first = run_bulk(sources, index, options)
        own1, kids1, engine1 = *cpu_seconds(), process_cpu(engine_pid)
        n = max(1, len(sources))
        cpu = {
            "client_ms_per_document": round(((own1 - own0) + (kids1 - kids0)) / n * 1000, 1),
            "writer_ms_per_document": round((own1 - own0) / n * 1000, 1),
            "engine_ms_per_document": round((engine1 - engine0) / n * 1000, 1),
            # Requests of the run's writer (the workers add one BatchGetItem a chunk).
            "write_requests_per_document": round(index.stats.requests / n, 2),
        }
        second = run_bulk(sources, index, options)
        items = scan(engine.client(), "thidua-bench")
    return first, second, items, mem.peak, cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--price", type=float, default=1.25, help="$ per million write request units (on demand)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--skip-extract", action="store_true", help="ingest only")
    args = parser.parse_args()
    manifest_path = args.archive.with_name(args.archive.name + ".manifest.json")
    if not args.archive.exists() or not manifest_path.exists():
        print(f"no archive: run bench/make_archive.py first ({args.archive})", file=sys.stderr)
        return 2
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    expected = expected_documents(args.archive, manifest)
    sources = list(walk([args.archive]))
    results: dict[str, Any] = {
        "archive": str(args.archive),
        "documents": len(sources),
        "cpus": os.cpu_count(),
        "runs": [],
    }
    print(f"{args.archive.name}: {len(sources)} documents, {os.cpu_count()} CPUs")
    for workers in args.workers:
        run: dict[str, Any] = {"workers": workers}
        if not args.skip_extract:
            run["extract"] = extract_only(sources, workers)
            ex = run["extract"]
            print(
                f"[{workers}] extract only: {ex['docs_per_second']} docs/s, peak {ex['peak_pss_mb']} MB, "
                f"CPU {ex['cpu_ms_per_document']} ms/doc"
            )
        with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
            first, second, items, peak, cpu = ingest(sources, workers, Path(tmp))
        ok = first.counts["ok"]
        check = verify(items, expected)
        run["ingest"] = {
            "seconds": round(first.seconds, 2),
            "docs_per_second": round(first.docs_per_second(), 2),
            "counts": dict(first.counts),
            "peak_pss_mb": round(peak / 2**20),
            "write_units": first.write_units,
            "write_units_per_ok_document": round(first.write_units / ok, 1) if ok else None,
            "links": first.links,
            "cpu": cpu,
        }
        run["resume"] = {"seconds": round(second.seconds, 2), "counts": dict(second.counts)}
        run["index"] = check
        if "extract" in run:
            run["ingest_vs_extract"] = round(first.docs_per_second() / run["extract"]["docs_per_second"], 3)
        results["runs"].append(run)
        ing = run["ingest"]
        print(
            f"[{workers}] ingest: {ing['docs_per_second']} docs/s ({first.seconds:.1f} s), "
            f"peak {ing['peak_pss_mb']} MB, {dict(first.counts)}, CPU ms/doc {cpu}"
        )
        print(f"[{workers}] rerun: {second.seconds:.1f} s {dict(second.counts)}")
        print(
            f"[{workers}] index: {check['documents_found']}/{check['documents_expected']} documents, "
            f"{check['links']} links, {check['problem_count']} problems {check['problems'][:3]}"
        )
    single = next((r for r in results["runs"] if r["workers"] == 1), results["runs"][0])
    wru = single["ingest"]["write_units_per_ok_document"] or 0.0
    results["cost"] = {
        "write_units_per_document": wru,
        "dollars_per_million_documents": round(wru * args.price, 2),
        "price_per_million_wru": args.price,
        # The client side of one document (reading, extraction, the writer's requests) in CPU time,
        # scaled to the share of a vCPU Lambda gives 1,536 MB. Not wall time: locally the writes
        # overlap extraction in another process, and on AWS each request also waits on the network.
        "lambda_gb_seconds_per_document_from_cpu": round(
            single["ingest"]["cpu"]["client_ms_per_document"] / 1000 / LAMBDA_VCPU * LAMBDA_MEMORY_GB, 3
        ),
    }
    print(f"cost: {json.dumps(results['cost'])}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
