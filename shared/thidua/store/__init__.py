"""Store: record → DynamoDB (the only package that talks to AWS services).

`Index` is the table's interface, `StoreSettings` says where it is, and
`local_engine.local_index()` gives a ready index on the embedded engine.
"""

from thidua.store.errors import (
    ObjectMissingError,
    StaleWriteError,
    StoreError,
    TableMissingError,
    TransientStoreError,
)
from thidua.store.index import Index, StatusPage, WriteResult
from thidua.store.models import LinkItem, SourceInfo, SourceRef, StoredDocument
from thidua.store.settings import StoreSettings

__all__ = [
    "Index",
    "LinkItem",
    "ObjectMissingError",
    "SourceInfo",
    "SourceRef",
    "StaleWriteError",
    "StatusPage",
    "StoreError",
    "StoreSettings",
    "StoredDocument",
    "TableMissingError",
    "TransientStoreError",
    "WriteResult",
]
