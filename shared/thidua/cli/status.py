"""`thidua status`: documents by status and extractor version, and the failed ones with reasons."""

from __future__ import annotations

import argparse
import json
import sys

from thidua.store.local_engine import EngineError, local_index


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="counts by status and extractor version; failed documents")
    p.add_argument("--limit", type=int, default=50, help="most failed documents to list (default 50)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with local_index() as index:
            counts = index.status_counts()
            failed = index.documents_by_status("failed", limit=max(1, args.limit)) if args.limit > 0 else None
    except EngineError as exc:
        print(f"thidua status: local engine: {exc}", file=sys.stderr)
        return 1
    failed_docs = failed.documents if failed else []
    if args.json:
        data = {
            "counts": [
                {"status": s, "extractor_version": v, "documents": n} for (s, v), n in sorted(counts.items())
            ],
            "failed": [
                {"doc_id": d.doc_id, "source": d.source_uri, "reason": d.reason, "updated_at": d.updated_at}
                for d in failed_docs
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    total = sum(n for (s, _), n in counts.items() if s != "deleted")
    print(f"{total} documents in the index")
    for (status, version), n in sorted(counts.items()):
        print(f"  {status:<8} {version:<12} {n:>8}")
    if failed_docs:
        more = " (newest first; more with --limit)" if failed and failed.last_key else ""
        print(f"failed documents{more}:")
        for doc in failed_docs:
            print(f"  {doc.source_uri}: {doc.reason}")
    return 0
