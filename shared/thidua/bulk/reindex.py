"""Pick documents to process again: by extractor version (`reindex`) or by status (`retry-failed`).

Documents are listed through the sparse by_status index (a Query per status, paged),
never a Scan. Each document's stored source URI says where to read it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from thidua import EXTRACTOR_VERSION
from thidua.bulk.sources import Source, is_local_uri, parse_uri
from thidua.store.index import Index
from thidua.store.models import StoredDocument

PAGE = 500


def version_key(version: str | None) -> tuple[Any, ...]:
    """Order extractor versions ("2026.11.1" < "2026.11.10"); numbers compare as numbers."""
    parts = re.split(r"[.\-+]", version or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def is_older(version: str | None, than: str) -> bool:
    """True when `version` precedes `than` (a missing version is older than any)."""
    if not version:
        return True
    return version_key(version) < version_key(than)


def documents(index: Index, status: str) -> Iterator[StoredDocument]:
    """Every document in one status (fields the by_status index projects), page by page."""
    start: dict[str, Any] | None = None
    while True:
        page = index.documents_by_status(status, limit=PAGE, start_key=start)
        yield from page.documents
        if not page.last_key:
            return
        start = page.last_key


def select_documents(
    index: Index,
    *,
    statuses: Iterable[str] = ("ok", "failed"),
    all_documents: bool = False,
    older_than: str | None = None,
    reason: str | None = None,
) -> list[StoredDocument]:
    """Documents to redo: all of them, or those made by an extractor older than `older_than`
    (default: the running extractor's version); `reason` keeps failures with that code."""
    threshold = older_than or EXTRACTOR_VERSION
    chosen: dict[str, StoredDocument] = {}
    for status in statuses:
        for doc in documents(index, status):
            if reason is not None and doc.reason_code != reason:
                continue
            if all_documents or is_older(doc.extractor_version, threshold):
                chosen.setdefault(doc.doc_id, doc)
    return list(chosen.values())


def source_of(uri: str) -> Source:
    """A local source from its stored URI, with the same `path` the first ingest stored."""
    archive, names = parse_uri(uri)
    if names:
        readable = str(archive) + "".join(f"!/{n}" for n in names)
        return Source(uri=uri, path=readable, display=readable)
    return Source(uri=uri, path=uri.removeprefix("file://"), display=str(Path(archive)))


def sources_for(docs: Iterable[StoredDocument]) -> tuple[list[Source], int]:
    """Local sources of `docs`, sorted by URI (archive entries stay together), and how many are not local."""
    sources, skipped = [], 0
    for doc in docs:
        if is_local_uri(doc.source_uri):
            sources.append(source_of(doc.source_uri))
        else:
            skipped += 1
    sources.sort(key=lambda s: s.uri)
    return sources, skipped
