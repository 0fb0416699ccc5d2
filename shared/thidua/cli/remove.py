"""`thidua remove PATH...`: take local documents (and all their links) out of the local index.

The local counterpart of an S3 ObjectRemoved event. A folder removes the files now in it;
a file need not exist any more (its id comes from its absolute path).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua.ingest import remove_source
from thidua.store.local_engine import local_index
from thidua.store.models import SourceRef


def _targets(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        else:
            out.append(path)
    return out


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("remove", help="remove local files' documents from the local index")
    p.add_argument("paths", nargs="+", type=Path, help="files (present or deleted) or folders")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    removed = absent = 0
    with local_index() as index:
        for path in _targets(args.paths):
            source = SourceRef.file(path)
            meta = index.get_meta(source.doc_id, with_record=False)
            if meta is None or meta.status == "deleted":
                absent += 1
                print(f"not indexed  {path}", file=sys.stderr)
                continue
            remove_source(source, index)
            removed += 1
            print(f"removed      {path}")
    print(f"{removed} removed, {absent} not in the index", file=sys.stderr)
    return 0
