"""One DynamoDB table through a boto3 client: calls with our errors, batches retried, writes counted.

The Index builds its protocol on these primitives; nothing here knows what an item means
beyond its key and what it costs (:mod:`thidua.store.cost`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thidua.store import cost, keys
from thidua.store.errors import TransientStoreError, call_mapped
from thidua.store.items import item_pk_sk
from thidua.store.models import Item, LinkKey

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

BATCH_WRITE_MAX = 25
BATCH_GET_MAX = 100

# The table's GSIs as the cost estimate needs them. Mirrors template.yaml; tests/unit/test_store_cost.py
# checks it against thidua.store.template_schema.gsi_projections(), so Lambda needs no template at runtime.
GSIS: cost.GsiSpec = {
    keys.BY_STATUS: (
        ["status_pk", "status_sk"],
        "INCLUDE",
        ["doc_id", "source_uri", "extractor_version", "reason", "title"],
    ),
}

# Layout 1 links also landed in GSI by_entity (projection ALL): what deleting one costs.
LEGACY_GSIS: cost.GsiSpec = {**GSIS, "by_entity": (["gsi1pk", "gsi1sk"], "ALL", [])}

_WRITE_OPERATIONS = frozenset({"put_item", "update_item", "delete_item", "batch_write_item"})


@dataclass
class WriteStats:
    """What was written: item counts, estimated write units, and AWS-reported units when returned."""

    puts: int = 0
    deletes: int = 0
    estimated: cost.WriteCost = field(default_factory=cost.WriteCost)
    consumed_wcu: float = 0.0
    requests: int = 0


class Table:
    """Calls on one table: errors mapped to :mod:`thidua.store.errors`, unprocessed batch parts retried."""

    def __init__(
        self,
        client: DynamoDBClient,
        name: str,
        *,
        max_batch_attempts: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        report_capacity: bool = True,
    ) -> None:
        self.client = client
        self.name = name
        # DynamoDB reports the units a write consumed at no cost to us; a local engine computes
        # them on the machine's own CPU (a third of its work per item), so local runs skip it.
        self.report_capacity = report_capacity
        self.stats = WriteStats()
        self._max_batch_attempts = max_batch_attempts
        self._sleep = sleep

    def call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        """One client call; write units AWS reports are added to `stats`."""
        self.stats.requests += 1
        if not self.report_capacity:
            kwargs.pop("ReturnConsumedCapacity", None)
        what = f"{operation} on {self.name}"
        response: dict[str, Any] = call_mapped(what, getattr(self.client, operation), **kwargs)
        consumed = response.get("ConsumedCapacity")
        if consumed and operation in _WRITE_OPERATIONS:
            for entry in consumed if isinstance(consumed, list) else [consumed]:
                self.stats.consumed_wcu += float(entry.get("CapacityUnits", 0) or 0)
        return response

    def count_put(self, item: Item, *, replaces_gsi_entry: bool = False) -> None:
        """Add a single-item put (PutItem) to the write estimate."""
        self.stats.puts += 1
        self.stats.estimated += cost.put_cost(item, GSIS, replaces_gsi_entry=replaces_gsi_entry)

    def count_delete(self, item: Item | None = None, gsis: cost.GsiSpec | None = None) -> None:
        """Add a single-item delete to the write estimate (a link's one unit when the item is unknown)."""
        self.stats.deletes += 1
        if item is None:
            self.stats.estimated += cost.WriteCost(table=1)
        else:
            self.stats.estimated += cost.put_cost(item, GSIS if gsis is None else gsis)

    def batch_write(
        self,
        requests: list[dict[str, Any]],
        *,
        deleted: Sequence[Item] = (),
        gsis: cost.GsiSpec | None = None,
    ) -> None:
        """BatchWriteItem in chunks of 25, retrying what comes back unprocessed (then transient)."""
        gsis = GSIS if gsis is None else gsis
        for request in requests:
            if "PutRequest" in request:
                self.stats.puts += 1
                self.stats.estimated += cost.put_cost(request["PutRequest"]["Item"], gsis)
        for item in deleted:
            self.count_delete(item, gsis)
        for start in range(0, len(requests), BATCH_WRITE_MAX):
            pending: dict[str, Any] = {self.name: requests[start : start + BATCH_WRITE_MAX]}
            attempt = 0
            while pending:
                response = self.call("batch_write_item", RequestItems=pending, ReturnConsumedCapacity="TOTAL")
                pending = {k: v for k, v in (response.get("UnprocessedItems") or {}).items() if v}
                if pending:
                    attempt = self.backoff(attempt, "batch_write_item")

    def put_all(self, found: Iterable[Item]) -> None:
        """Write these items (puts, in batches); nothing to write makes no request."""
        requests = [{"PutRequest": {"Item": i}} for i in found]
        if requests:
            self.batch_write(requests)

    def delete_keys(self, doomed: Iterable[LinkKey]) -> int:
        """Delete items by key; each is a link (one write unit, no GSI). Returns how many."""
        requests = [
            {"DeleteRequest": {"Key": {"pk": {"S": pk}, "sk": {"S": sk}}}} for pk, sk in sorted(doomed)
        ]
        self.stats.deletes += len(requests)
        self.stats.estimated += cost.WriteCost(table=len(requests))
        self.batch_write(requests)
        return len(requests)

    def get_keys(
        self,
        wanted: Iterable[LinkKey],
        *,
        projection: str | None = "pk, sk, ver",
        consistent: bool = True,
        names: dict[str, str] | None = None,
    ) -> dict[LinkKey, Item]:
        """BatchGetItem of these keys (projected unless `projection` is None); the ones that exist."""
        ordered = sorted(set(wanted))
        found: dict[LinkKey, Item] = {}
        for start in range(0, len(ordered), BATCH_GET_MAX):
            spec: dict[str, Any] = {
                "Keys": [
                    {"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in ordered[start : start + BATCH_GET_MAX]
                ],
                "ConsistentRead": consistent,
            }
            if projection:
                spec["ProjectionExpression"] = projection
            if names:
                spec["ExpressionAttributeNames"] = names
            request: dict[str, Any] = {self.name: spec}
            attempt = 0
            while request:
                response = self.call("batch_get_item", RequestItems=request)
                for item in response.get("Responses", {}).get(self.name, []):
                    found[item_pk_sk(item)] = item
                request = dict(response.get("UnprocessedKeys") or {})
                if request:
                    attempt = self.backoff(attempt, "batch_get_item")
        return found

    def query_all(self, **kwargs: Any) -> Iterator[Item]:
        """Every item of a Query, page after page."""
        while True:
            response = self.call("query", **kwargs)
            yield from response.get("Items", [])
            last = response.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    def backoff(self, attempt: int, what: str) -> int:
        """Sleep before retrying unprocessed batch parts; transient once the attempts are spent."""
        if attempt + 1 >= self._max_batch_attempts:
            raise TransientStoreError(f"{what}: items still unprocessed after {attempt + 1} attempts")
        self._sleep(min(2.0, 0.05 * 2**attempt))
        return attempt + 1
