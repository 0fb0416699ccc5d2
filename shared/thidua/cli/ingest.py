"""`thidua ingest PATH...`: index files and folders into the local index."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from thidua.ingest import IngestOutcome, fail_source, ingest_file
from thidua.store.errors import StoreError
from thidua.store.index import Index
from thidua.store.items import SourceRef
from thidua.store.local_engine import EngineError, local_index

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ingest", help="index files and folders into the local index")
    p.add_argument("paths", nargs="+", type=Path, help="files, or folders to walk")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no per-file lines")
    p.set_defaults(run=run)


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files named, and files under folders named (sorted, hidden entries skipped), each once."""
    seen: set[Path] = set()
    for path in paths:
        candidates = (
            [path]
            if not path.is_dir()
            else sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield candidate


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def ingest_one(path: Path, index: Index) -> IngestOutcome:
    """Ingest one file; a bug in reading or extraction marks that file failed instead of stopping the run."""
    try:
        return ingest_file(path, index)
    except StoreError:
        raise
    except Exception as exc:  # one bad file must not abort a whole archive
        log.exception("ingest of %s failed", path)
        reason = f"internal_error: {type(exc).__name__}: {exc}"
        return fail_source(SourceRef.file(path), reason, index, size=0)


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"thidua ingest: not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    started = time.monotonic()
    outcomes: list[tuple[Path, IngestOutcome]] = []
    try:
        with local_index() as index:
            for path in iter_files(args.paths):
                outcome = ingest_one(path, index)
                outcomes.append((path, outcome))
                if not args.quiet and not args.json:
                    detail = f"  ({outcome.reason})" if outcome.reason else ""
                    print(f"{outcome.status:<9} {path}{detail}", file=sys.stderr)
    except EngineError as exc:
        print(f"thidua ingest: local engine: {exc}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    counts = Counter(o.status for _, o in outcomes)
    failed = [(p, o) for p, o in outcomes if o.status == "failed"]
    if args.json:
        summary = {
            "files": len(outcomes),
            "counts": dict(counts),
            "failed": [{"path": str(p), "doc_id": o.doc_id, "reason": o.reason} for p, o in failed],
            "seconds": round(elapsed, 2),
        }
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{len(outcomes)} files in {elapsed:.1f} s: ok {counts['ok']}, unchanged {counts['unchanged']}, "
        f"failed {counts['failed']}"
    )
    by_reason = Counter(o.reason_code for _, o in failed)
    for code, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0] or "")):
        print(f"  failed: {code}: {n}")
    for path, outcome in failed:
        print(f"    {path}: {outcome.reason}")
    return 0
