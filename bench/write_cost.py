"""DynamoDB write units per document: what indexing a corpus costs, item by item.

Ingests every file of a corpus (default: the eval corpus beside the project) with the
real write path (``thidua.ingest.ingest_bytes``) into a fresh embedded engine, then
re-indexes every document under another extractor version (``force=True``: links rewritten in
META switch, old links deleted), and reports:

- write units per document (table + GSIs), from ``thidua.store.cost`` (DynamoDB's billing
  rules: 1 unit per started KB per item write, the same again for each GSI the item lands in,
  twice when an update moves the item's GSI key) as the Index adds them up;
- the table-only units the engine itself reported (``ReturnConsumedCapacity=TOTAL``: dynalite
  counts the base table only, never GSIs), to check the estimate's table part;
- a breakdown of a first ingest by item kind (META, each link facet kind, catalogue), with
  item sizes;
- the cost of a million documents at an on-demand price per million write request units
  (``--price``; the default is an assumption to check against the AWS price list of your region).

    .venv/bin/python bench/write_cost.py [--corpus DIR] [--price 0.625] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from thidua.ingest import ingest_bytes
from thidua.store import SourceRef, items, keys
from thidua.store.cost import item_size, put_cost
from thidua.store.index import Index
from thidua.store.local_engine import LocalEngine
from thidua.store.table import GSIS

TABLE = "thidua-cost"
# On-demand price per million write request units, us-east-1 after AWS's November 2024
# reduction. An assumption: check the current price list for your region before quoting.
DEFAULT_PRICE = 0.625


def snapshot(index: Index) -> tuple[int, int, float, int, int]:
    s = index.stats
    return (s.estimated.table, s.estimated.gsi, s.consumed_wcu, s.puts, s.deletes)


def delta(after: tuple[Any, ...], before: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(a - b for a, b in zip(after, before, strict=True))


def run_pass(index: Index, files: list[Path], version: str, force: bool) -> list[tuple[Any, ...]]:
    out = []
    for path in files:
        before = snapshot(index)
        outcome = ingest_bytes(
            SourceRef.file(path), path.read_bytes(), index, extractor_version=version, force=force
        )
        if outcome.status != "ok":
            raise RuntimeError(f"{path.name}: {outcome.status} {outcome.reason}")
        out.append(delta(snapshot(index), before))
    return out


def breakdown(index: Index, files: list[Path]) -> dict[str, dict[str, float]]:
    """Units and sizes of one fresh write of each document's items, by kind (no catalogue).

    Reads the items back: layout-2 links by the keys META names, layout-1 links (before the
    write-cost redesign) from the document's partition, so the script measures either tree.
    """
    per_kind: dict[str, list[int]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)

    def add(kind: str, item: dict[str, Any]) -> None:
        per_kind[kind].append(put_cost(item, GSIS).total)
        sizes[kind].append(item_size(item))

    for path in files:
        doc_id = SourceRef.file(path).doc_id
        meta = index.get_meta(doc_id, with_record=False)
        if meta is None:
            raise RuntimeError(f"{path.name}: not indexed")
        partition = index.client.query(
            TableName=index.table_name,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": keys.doc_pk(doc_id)}},
        )["Items"]
        for item in partition:
            if item["sk"]["S"] == keys.META_SK:
                add("META", item)
            elif "gsi1pk" in item:  # layout 1: the link and its by_entity copy
                per_kind["LINK " + keys.facet_kind(item["gsi1pk"]["S"])].append(
                    put_cost(item, {**GSIS, "by_entity": (["gsi1pk", "gsi1sk"], "ALL", [])}).total
                )
                sizes["LINK " + keys.facet_kind(item["gsi1pk"]["S"])].append(item_size(item))
            else:
                add("DOC " + item["sk"]["S"].split("#", 1)[0], item)
        for pk, sk in sorted(items.meta_link_keys(meta)):
            got = index.client.get_item(TableName=index.table_name, Key={"pk": {"S": pk}, "sk": {"S": sk}})
            link = got.get("Item")
            if link is None:
                raise RuntimeError(f"{path.name}: link {pk} {sk} missing")
            add("LINK " + keys.facet_kind(pk) + (" echo" if "e" in link else ""), link)
    n = len(files)
    return {
        kind: {
            "items_per_doc": len(units) / n,
            "wu_per_doc": sum(units) / n,
            "mean_bytes": statistics.fmean(sizes[kind]),
            "max_bytes": max(sizes[kind]),
        }
        for kind, units in sorted(per_kind.items(), key=lambda kv: -sum(kv[1]))
    }


def summarise(rows: list[tuple[Any, ...]]) -> dict[str, float]:
    n = len(rows)
    table = [r[0] for r in rows]
    gsi = [r[1] for r in rows]
    total = [r[0] + r[1] for r in rows]
    return {
        "docs": n,
        "wu_per_doc": sum(total) / n,
        "table_wu_per_doc": sum(table) / n,
        "gsi_wu_per_doc": sum(gsi) / n,
        "p50_wu": statistics.median(total),
        "max_wu": max(total),
        "engine_table_wu_per_doc": sum(r[2] for r in rows) / n,
        "item_puts_per_doc": sum(r[3] for r in rows) / n,
        "item_deletes_per_doc": sum(r[4] for r in rows) / n,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default_corpus)
    parser.add_argument(
        "--price", type=float, default=DEFAULT_PRICE, help="USD per million write request units"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(prefix="thidua-cost-") as tmp, LocalEngine(
        Path(tmp), table_name=TABLE
    ) as engine:
        # Asks the engine for consumed units (engine.index() does not): they check the estimate.
        index = Index(engine.client(), engine.table_name)
        first = run_pass(index, files, "cost-a", force=False)
        kinds = breakdown(index, files)
        again = run_pass(index, files, "cost-b", force=True)
        engine_kind = engine.kind
    result = {
        "engine": engine_kind,
        "corpus": str(args.corpus),
        "price_per_million_wru": args.price,
        "first_ingest": summarise(first),
        "reindex": summarise(again),
        "first_ingest_by_kind": kinds,
    }
    print(f"{len(files)} documents from {args.corpus} on {engine_kind}")
    print(
        f"\n{'pass':14} {'WU/doc':>7} {'table':>6} {'GSI':>6} {'p50':>5} {'max':>5} {'engine table':>13} "
        f"{'puts':>5} {'dels':>5} {'$ per 1M docs':>14}"
    )
    for label in ("first_ingest", "reindex"):
        s = result[label]
        assert isinstance(s, dict)
        print(
            f"{label:14} {s['wu_per_doc']:7.1f} {s['table_wu_per_doc']:6.1f} {s['gsi_wu_per_doc']:6.1f} "
            f"{s['p50_wu']:5.0f} {s['max_wu']:5.0f} {s['engine_table_wu_per_doc']:13.1f} "
            f"{s['item_puts_per_doc']:5.1f} {s['item_deletes_per_doc']:5.1f} "
            f"{s['wu_per_doc'] * args.price:14.2f}"
        )
    print("\nfirst ingest by item kind (fresh puts, table + GSI; catalogue items not included)")
    print(f"{'kind':22} {'items/doc':>9} {'WU/doc':>7} {'mean B':>7} {'max B':>6}")
    for kind, k in kinds.items():
        print(
            f"{kind:22} {k['items_per_doc']:9.2f} {k['wu_per_doc']:7.2f} {k['mean_bytes']:7.0f} "
            f"{k['max_bytes']:6.0f}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
