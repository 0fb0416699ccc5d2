"""The entity catalogue: typeahead and name items of units, blocs and leaders, and the years indexed.

Written before a document's META switch (its puts are idempotent): a writer that dies
after the switch leaves a document the next delivery calls unchanged, which would never
catalogue its entities.
"""

from __future__ import annotations

from thidua.store import items
from thidua.store.errors import StaleWriteError
from thidua.store.models import Item, LinkKey
from thidua.store.table import Table
from thidua.understand.record import DocumentRecord


class Catalogue:
    """The catalogue items of one table, with the keys this writer has settled remembered."""

    def __init__(self, table: Table) -> None:
        self.table = table
        # Keys settled here, with the rank the table holds (or a better one).
        self._settled: dict[LinkKey, str] = {}

    def put(self, *records: DocumentRecord) -> int:
        """Write the records' catalogue items the table lacks or shows less well; returns how many.

        Entities recur across documents, so most are already there: one BatchGetItem (a read
        costs a fifth of a write on demand) saves rewriting them, and new ones go in batches.
        Where documents spell an entity differently, a conditional put replaces a stored
        spelling of larger `items.entity_rank`, so documents written one after another give
        the same catalogue in any order. (Two writers that add the same new entity in two
        spellings in the same instant keep the last; the next document that names it with
        the better spelling settles it.) Keys this catalogue has settled are not checked again.
        """
        todo: dict[LinkKey, Item] = {}
        for record in records:
            for item in items.entity_items(record):
                key = items.item_pk_sk(item)
                rank = _rank(item) or ""
                known = self._settled.get(key)
                if known is not None and known <= rank:
                    continue
                held = todo.get(key)
                if held is None or rank < (_rank(held) or ""):
                    todo[key] = item
        if not todo:
            return 0
        present = self.table.get_keys(todo, projection="pk, sk, #r", consistent=False, names={"#r": "rank"})
        blind: list[Item] = []
        written = 0
        settled: dict[LinkKey, str] = {}
        for key, item in todo.items():
            ours = _rank(item)
            there = present.get(key, {}).get("rank", {}).get("S")
            if ours is None:  # the same content whatever the document (a year)
                if key not in present:
                    blind.append(item)
                settled[key] = ""
            elif key not in present:
                blind.append(item)  # new: the next document with a better spelling improves it
                settled[key] = ours
            elif there is None or there > ours:
                written += self._put_if_better(item, ours)
                settled[key] = ours
            else:
                settled[key] = there
        self.table.put_all(blind)
        # Remembered only once written: a writer killed half-way must try these again.
        self._settled.update(settled)
        return written + len(blind)

    def _put_if_better(self, item: Item, rank: str) -> int:
        try:
            self.table.call(
                "put_item",
                TableName=self.table.name,
                Item=item,
                ConditionExpression="attribute_not_exists(pk) OR attribute_not_exists(#r) OR #r > :r",
                ExpressionAttributeNames={"#r": "rank"},
                ExpressionAttributeValues={":r": {"S": rank}},
            )
        except StaleWriteError:
            return 0  # a better spelling is there already
        self.table.count_put(item)
        return 1


def _rank(item: Item) -> str | None:
    rank = item.get("rank")
    return rank["S"] if rank else None
