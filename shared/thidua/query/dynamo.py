"""The :class:`~thidua.query.reads.Reader` over the store's DynamoDB client.

Only Query, GetItem and BatchGetItem: the read path has no Scan (a test
patches the client to fail on one). The client and table name come from the
store's Index; item encoding is the store's (:mod:`thidua.store.items`).
"""

from __future__ import annotations

import time
from typing import Any

from thidua.query.reads import Item, Page
from thidua.store import keys
from thidua.store.errors import call_mapped
from thidua.store.items import unpack_link
from thidua.store.typed import deserialize, serialize

BATCH_GET_MAX = 100
_RETRY_SLEEP = 0.05


class DynamoReader:
    """Key-based reads of one index table through a boto3 DynamoDB client."""

    def __init__(self, client: Any, table_name: str) -> None:
        self.client = client
        self.table = table_name
        self.requests = 0

    @classmethod
    def from_index(cls, index: Any) -> DynamoReader:
        """Reuse the client and table of a store Index."""
        return cls(index.client, index.table_name)

    def _call(self, op: str, **kwargs: Any) -> dict[str, Any]:
        self.requests += 1
        result: dict[str, Any] = call_mapped(op, getattr(self.client, op), **kwargs)
        return result

    def links(
        self,
        facet: str,
        *,
        newest_first: bool = True,
        sk_from: str | None = None,
        sk_to: str | None = None,
        year: int | None = None,
        windowed: bool = False,
        start_key: dict[str, Any] | None = None,
        limit: int | None = None,
        attrs: list[str] | None = None,
        having: str | None = None,
    ) -> Page:
        cond = "pk = :f"
        values: dict[str, Any] = {":f": facet}
        if sk_from is not None and sk_to is not None:
            cond += " AND sk BETWEEN :lo AND :hi"
            values.update({":lo": sk_from, ":hi": sk_to})
        elif sk_from is not None:
            cond += " AND sk >= :lo"
            values[":lo"] = sk_from
        elif sk_to is not None:
            cond += " AND sk <= :hi"
            values[":hi"] = sk_to
        names: dict[str, str] = {}
        if year is not None and windowed:
            filt = "contains(#yrs, :y)"
            names["#yrs"] = "yrs"
        elif year is not None:
            filt = "contains(#years, :y) AND attribute_not_exists(#e)"
            names.update({"#years": "years", "#e": "e"})
        else:
            filt = "attribute_not_exists(#e)"
            names["#e"] = "e"
        if year is not None:
            values[":y"] = year
        if having:
            filt += " AND attribute_exists(#h)"
            names["#h"] = having
        kwargs: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": cond,
            "FilterExpression": filt,
            "ScanIndexForward": not newest_first,
            "ExpressionAttributeValues": serialize(values),
        }
        if attrs:
            for n, attr in enumerate(dict.fromkeys(["pk", "sk", *attrs])):
                names[f"#p{n}"] = attr
            kwargs["ProjectionExpression"] = ", ".join(k for k in names if k.startswith("#p"))
        kwargs["ExpressionAttributeNames"] = names
        if start_key:
            kwargs["ExclusiveStartKey"] = serialize(start_key)
        if limit:
            kwargs["Limit"] = limit
        resp = self._call("query", **kwargs)
        last = resp.get("LastEvaluatedKey")
        found = [unpack_link(deserialize(raw)) for raw in resp.get("Items", [])]
        return Page(items=found, last_key=deserialize(last) if last else None)

    def fetch(
        self, item_keys: list[tuple[str, str]], attrs: list[str] | None = None
    ) -> dict[tuple[str, str], Item]:
        """BatchGetItem of items by (pk, sk), projected on `attrs` (plus the keys) when given."""
        unique = list(dict.fromkeys(item_keys))
        out: dict[tuple[str, str], Item] = {}
        for start in range(0, len(unique), BATCH_GET_MAX):
            request: dict[str, Any] = {
                "Keys": [serialize({"pk": pk, "sk": sk}) for pk, sk in unique[start : start + BATCH_GET_MAX]]
            }
            if attrs:
                names = {f"#a{i}": a for i, a in enumerate(dict.fromkeys(["pk", "sk", *attrs]))}
                request["ProjectionExpression"] = ", ".join(names)
                request["ExpressionAttributeNames"] = names
            pending: dict[str, Any] = {self.table: request}
            tries = 0
            while pending:
                resp = self._call("batch_get_item", RequestItems=pending)
                for raw in resp.get("Responses", {}).get(self.table, []):
                    item = deserialize(raw)
                    out[(str(item["pk"]), str(item["sk"]))] = item
                pending = resp.get("UnprocessedKeys") or {}
                if pending:
                    tries += 1
                    time.sleep(min(1.0, _RETRY_SLEEP * 2**tries))
        return out

    def metas(self, doc_ids: list[str], attrs: list[str] | None = None) -> dict[str, Item]:
        ids = list(dict.fromkeys(doc_ids))
        found = self.fetch([(keys.doc_pk(d), keys.META_SK) for d in ids], attrs)
        # The id comes from the key: a projected read need not carry the doc_id attribute too.
        out = {}
        for (pk, _sk), item in found.items():
            doc_id = pk.removeprefix("DOC#")
            out[doc_id] = {**item, "doc_id": doc_id}
        return out

    def entities(self, entity_ids: list[str]) -> dict[str, Item]:
        ids = list(dict.fromkeys(entity_ids))
        found = self.fetch([(keys.entity_id_pk(e), keys.NAME_SK) for e in ids])
        return {str(item["id"]): item for item in found.values()}

    def years(self) -> list[int]:
        found: set[int] = set()
        start: dict[str, Any] | None = None
        while True:
            page = self.catalogue("year", "", start_key=start)
            found.update(int(str(i["sk"])[:4]) for i in page.items if str(i["sk"])[:4].isdigit())
            if page.last_key is None:
                return sorted(found)
            start = page.last_key

    def meta(self, doc_id: str) -> Item | None:
        resp = self._call(
            "get_item", TableName=self.table, Key=serialize({"pk": keys.doc_pk(doc_id), "sk": keys.META_SK})
        )
        raw = resp.get("Item")
        return deserialize(raw) if raw else None

    def doc_items(self, doc_id: str) -> list[Item]:
        out: list[Item] = []
        start: dict[str, Any] | None = None
        while True:
            kwargs: dict[str, Any] = {
                "TableName": self.table,
                "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": serialize({":p": keys.doc_pk(doc_id)}),
            }
            if start:
                kwargs["ExclusiveStartKey"] = start
            resp = self._call("query", **kwargs)
            out.extend(deserialize(i) for i in resp.get("Items", []))
            start = resp.get("LastEvaluatedKey")
            if not start:
                return out

    def catalogue(
        self, kind: str, prefix: str, *, limit: int | None = None, start_key: dict[str, Any] | None = None
    ) -> Page:
        cond = "pk = :p"
        values: dict[str, Any] = {":p": f"ENTITY#{kind}"}
        if prefix:
            cond += " AND begins_with(sk, :s)"
            values[":s"] = prefix
        kwargs: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": cond,
            "ExpressionAttributeValues": serialize(values),
        }
        if limit:
            kwargs["Limit"] = limit
        if start_key:
            kwargs["ExclusiveStartKey"] = serialize(start_key)
        resp = self._call("query", **kwargs)
        last = resp.get("LastEvaluatedKey")
        return Page(
            items=[deserialize(i) for i in resp.get("Items", [])],
            last_key=deserialize(last) if last else None,
        )

    def entity(self, entity_id: str) -> Item | None:
        resp = self._call(
            "get_item",
            TableName=self.table,
            Key=serialize({"pk": keys.entity_id_pk(entity_id), "sk": keys.NAME_SK}),
        )
        raw = resp.get("Item")
        return deserialize(raw) if raw else None
