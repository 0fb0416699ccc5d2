"""Bulk ingestion: folders and zip archives on every core, resumable, with a report.

`sources.walk()` lists documents (files, zip entries), `runner.run_bulk()` ingests
them through `thidua.ingest` in worker processes, `reindex` picks documents to redo.
"""
