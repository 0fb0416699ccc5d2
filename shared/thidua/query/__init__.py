"""Query the index: resolve what people type, search with filters, build entity pages and aggregates.

Every read is a Query, GetItem or BatchGetItem on a key (never a Scan); see
``/work/storage-spec.md``'s read path and :mod:`thidua.query.reads`.
"""
