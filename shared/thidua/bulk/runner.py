"""Run many sources through `thidua.ingest` on every core, resumably.

The run lists the sources, skips the ones already indexed (their bytes are hashed
and the META items fetched a hundred at a time, so a resumed run goes quickly over
finished work), and hands the rest in chunks to worker processes
(:mod:`thidua.bulk.worker`). Reading and extraction are CPU-bound, so each worker is
a process; a chunk comes back extracted and the run writes its documents together
(`Index.replace_documents`: about two requests a document) while the workers go on
extracting. Every document is written once, by this process, through the index's
idempotent protocol.

Interrupts: Ctrl-C or SIGTERM stops handing out work, lets the documents in flight
finish (a second Ctrl-C stops at once) and reports what is left. A run killed outright
(kill -9, power cut) is covered by the journal: the next run redoes, with `force`,
the documents that were in flight, and skips the rest as unchanged.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from thidua import EXTRACTOR_VERSION
from thidua.bulk.journal import Journal
from thidua.bulk.progress import Progress
from thidua.bulk.report import BulkReport, Failure
from thidua.bulk.sources import Source, SourceMissing, SourceOpener
from thidua.bulk.worker import Extracted, Task, Worker, extract_in_process, init_process, retrying
from thidua.bulk.zipsafe import ZipLimits, ZipRefused
from thidua.ingest import IngestOutcome, write_prepared
from thidua.read import Limits
from thidua.store import keys
from thidua.store.index import Index
from thidua.store.settings import StoreSettings

log = logging.getLogger(__name__)
_T = TypeVar("_T")

PRECHECK_BATCH = 100
CHUNK = 32
# Consecutive store errors after which the run stops instead of failing every remaining document.
MAX_CONSECUTIVE_ERRORS = 10
INTERRUPT_GRACE_SECONDS = 60.0


@dataclass(frozen=True)
class TaskResult:
    source: Source
    outcome: IngestOutcome | None
    error: str | None = None  # a store error that was not recorded in the index
    write_units: int = 0


class AbortRun(Exception):
    """The store keeps failing (or a worker died): the run stops; what is done stays done."""

    report: BulkReport | None = None


# ---- executors ---------------------------------------------------------------------------------


class _InlineExecutor:
    """The worker in this process: extraction and writes take turns (no pool)."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker

    def submit(self, tasks: list[Task]) -> cf.Future[Extracted]:
        future: cf.Future[Extracted] = cf.Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(self.worker.extract(tasks))
        except BaseException as exc:
            if not isinstance(exc, Exception):
                raise
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.worker.close()


def worker_settings(index: Index) -> StoreSettings:
    """Settings a worker process needs to reach the same table as `index` (a local engine)."""
    from thidua.store.local_engine import LOCAL_KEY

    client = index.client
    # Local engines accept any key; with real keys in the environment, workers inherit them.
    local_key = None if os.environ.get("AWS_ACCESS_KEY_ID") else LOCAL_KEY
    return StoreSettings(
        table_name=index.table_name,
        region=client.meta.region_name,
        endpoint_url=client.meta.endpoint_url,
        access_key_id=local_key,
        secret_access_key=local_key,
    )


def chunk_size(total: int, workers: int, wanted: int | None = None) -> int:
    """Documents per chunk: up to CHUNK, fewer when a small run would otherwise leave workers idle.

    A chunk's documents share their index requests (about two a document instead of
    seven); a bigger chunk saves little more and costs more redone work after a kill.
    """
    if wanted:
        return max(1, wanted)
    return max(1, min(CHUNK, total // (max(1, workers) * 4)))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# ---- the run -----------------------------------------------------------------------------------


@dataclass
class RunOptions:
    workers: int = 1
    force: bool = False  # redo every source even when unchanged (reindex --all, retry)
    limits: Limits | None = None
    zip_limits: ZipLimits | None = None
    journal_dir: Path | None = None
    extractor_version: str = EXTRACTOR_VERSION
    settings: StoreSettings | None = None  # how workers reach the index; default: from `index`
    chunk: int | None = None  # documents a worker ingests together (shared writes); default: chunk_size()
    # Extract in worker processes while this one writes; default: when workers > 1. One worker in a
    # process of its own needs a store other processes reach (not an in-process mock).
    pool: bool | None = None


def run_bulk(
    sources: Iterable[Source],
    index: Index,
    options: RunOptions | None = None,
    *,
    progress: Progress | None = None,
    report: BulkReport | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> BulkReport:
    """Ingest `sources` into `index` with `options.workers` processes; returns the report.

    Raises `AbortRun` when the store keeps failing (the report so far is on the exception's
    `report` attribute); an interrupt ends the run early with `report.interrupted` set.
    """
    opts = options or RunOptions()
    limits = opts.limits or Limits()
    zip_limits = opts.zip_limits or ZipLimits(max_entry_bytes=limits.max_bytes)
    items = list(sources)
    report = report or BulkReport()
    report.workers = opts.workers
    report.total = len(items)
    progress = progress or Progress(len(items), enabled=False)
    progress.total = len(items)
    journal = Journal(opts.journal_dir) if opts.journal_dir else None
    inherited = set(journal.inherited) if journal else set()
    started = time.monotonic()
    executor: Any
    if not (opts.workers > 1 if opts.pool is None else opts.pool):
        worker = Worker(index, limits=limits, zip_limits=zip_limits, extractor_version=opts.extractor_version)
        executor = _InlineExecutor(worker)
    else:
        executor = cf.ProcessPoolExecutor(
            max_workers=max(1, opts.workers),
            mp_context=multiprocessing.get_context("fork"),
            initializer=init_process,
            initargs=(opts.settings or worker_settings(index), limits, zip_limits, opts.extractor_version),
        )
    run = _Run(index, opts, report, progress, journal, inherited, on_failure, zip_limits, limits)
    try:
        with sigterm_as_interrupt():
            run.loop(executor, items)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        report.seconds = time.monotonic() - started
        # An interrupt that lands after the last document stopped nothing.
        report.interrupted = report.interrupted and report.processed < report.total
        progress.close()
        if journal:
            journal.close()
    return report


class _Run:
    def __init__(
        self,
        index: Index,
        opts: RunOptions,
        report: BulkReport,
        progress: Progress,
        journal: Journal | None,
        inherited: set[str],
        on_failure: Callable[[Failure], None] | None,
        zip_limits: ZipLimits,
        limits: Limits,
    ) -> None:
        self.index = index
        self.opts = opts
        self.report = report
        self.progress = progress
        self.journal = journal
        self.inherited = inherited
        self.on_failure = on_failure
        self.opener = SourceOpener(zip_limits)
        self.limits = limits
        self.seen_hashes: set[str] = set()
        self.consecutive_errors = 0

    # -- the main loop --

    def loop(self, executor: Any, items: list[Source]) -> None:
        ready: deque[Task] = deque()
        pending: dict[cf.Future[Extracted], list[Task]] = {}
        window = max(2, self.opts.workers * 2)
        size = chunk_size(len(items), self.opts.workers, self.opts.chunk)
        batches = self._prechecked(items)
        exhausted = False
        try:
            while True:
                while len(pending) < window:
                    if len(ready) < size and not exhausted:
                        batch = next(batches, None)
                        exhausted = batch is None
                        ready.extend(batch or [])
                        continue
                    if not ready:
                        break
                    chunk = [ready.popleft() for _ in range(min(size, len(ready)))]
                    if self.journal:
                        for task in chunk:
                            self.journal.started(task.source.doc_id)
                    pending[self._submit(executor, chunk)] = chunk
                if not pending:
                    return
                done, _ = cf.wait(list(pending), timeout=0.5, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        extracted = future.result()
                    except cf.process.BrokenProcessPool as exc:
                        raise AbortRun(f"a worker process died ({exc}); run again to resume") from exc
                    for task, result in zip(chunk, self._write(chunk, extracted), strict=True):
                        self._finish(task, result)
                self.progress.tick()
        except KeyboardInterrupt:
            self.report.interrupted = True
            self.progress.message("interrupted: finishing the documents in flight (Ctrl-C again to stop now)")
            self._drain(pending)
        except AbortRun as exc:
            exc.report = self.report
            self._drain(pending)
            raise
        finally:
            self.opener.close()

    @staticmethod
    def _submit(executor: Any, chunk: list[Task]) -> cf.Future[Extracted]:
        if isinstance(executor, _InlineExecutor):
            return executor.submit(chunk)
        try:
            future: cf.Future[Extracted] = executor.submit(extract_in_process, chunk)
        except cf.process.BrokenProcessPool as exc:
            raise AbortRun(f"a worker process died ({exc}); run again to resume") from exc
        return future

    def _write(self, chunk: list[Task], extracted: Extracted) -> list[TaskResult]:
        """Write a chunk's extracted documents together (here, while workers extract on)."""
        if extracted.error is not None:
            return [TaskResult(t.source, None, error=extracted.error) for t in chunk]
        before = self.index.stats.estimated.total
        outcomes = dict(extracted.opened)
        if extracted.prepared is not None:
            ready = extracted.prepared
            written = retrying(lambda: write_prepared(ready, self.index))
            if isinstance(written, str):
                return [TaskResult(t.source, None, error=written) for t in chunk]
            outcomes.update(zip(extracted.positions, written, strict=True))
        units = extracted.write_units + self.index.stats.estimated.total - before
        # The chunk's write units are reported once, on its first document: the run adds them up.
        return [
            TaskResult(task.source, outcomes[n], write_units=units if n == 0 else 0)
            for n, task in enumerate(chunk)
        ]

    def _drain(self, pending: dict[cf.Future[Extracted], list[Task]]) -> None:
        """Let running chunks finish; never-started ones are given back."""
        for future, chunk in list(pending.items()):
            if future.cancel():
                pending.pop(future)
                if self.journal:
                    for task in chunk:
                        self.journal.done(task.source.doc_id)  # never ran: nothing was written
        deadline = time.monotonic() + INTERRUPT_GRACE_SECONDS
        try:
            while pending and time.monotonic() < deadline:
                done, _ = cf.wait(list(pending), timeout=0.5, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    with contextlib.suppress(Exception):
                        for task, result in zip(chunk, self._write(chunk, future.result()), strict=True):
                            self._finish(task, result, abort=False)
        except KeyboardInterrupt:
            pass
        if pending:
            # Still running (second Ctrl-C, or a chunk past the grace period): stop the
            # workers. Their documents stay in the journal and are redone by the next run.
            for child in multiprocessing.active_children():
                child.terminate()

    # -- finished documents --

    def _finish(self, task: Task, result: TaskResult, *, abort: bool = True) -> None:
        self.report.write_units += result.write_units
        if result.outcome is None:
            # Not recorded in the index: stays unfinished in the journal, so the next run redoes it.
            failure = Failure(
                task.source.display,
                task.source.uri,
                task.source.doc_id,
                result.error or "error",
                stored=False,
            )
            self._failed(failure, "error")
            self.consecutive_errors += 1
            if abort and self.consecutive_errors >= MAX_CONSECUTIVE_ERRORS:
                raise AbortRun(f"the index keeps failing: {result.error}")
            return
        self.consecutive_errors = 0
        if self.journal:
            self.journal.done(task.source.doc_id)
        if task.source.doc_id in self.inherited:
            self.report.resumed += 1
        outcome = result.outcome
        self.report.links += outcome.links
        if outcome.status == "failed":
            self._failed(
                Failure(task.source.display, task.source.uri, outcome.doc_id, outcome.reason or "failed"),
                "failed",
            )
            return
        self.report.counts[outcome.status] += 1
        self.progress.update(outcome.status)

    def _failed(self, failure: Failure, status: str) -> None:
        self.report.counts[status] += 1
        self.report.failures.append(failure)
        self.progress.update(status)
        if self.on_failure:
            self.on_failure(failure)

    # -- skipping finished work --

    def _prechecked(self, items: list[Source]) -> Iterator[list[Task]]:
        """Tasks in batches; sources whose bytes are indexed already are counted unchanged here."""
        for start in range(0, len(items), PRECHECK_BATCH):
            yield self._precheck(items[start : start + PRECHECK_BATCH])

    def _precheck(self, batch: list[Source]) -> list[Task]:
        digests: dict[str, str] = {}
        for source in batch:
            if source.refused is not None:
                continue
            try:
                data = self.opener.read(source.uri, max_bytes=self.limits.max_bytes)
            except (ZipRefused, SourceMissing, OSError):
                continue  # the worker meets the same trouble and records it
            digest = hashlib.sha256(data).hexdigest()
            digests[source.doc_id] = digest
            if digest in self.seen_hashes:
                self.report.duplicates += 1
            self.seen_hashes.add(digest)
        metas = {} if self.opts.force else self.index.batch_get_meta(list(digests))
        tasks = []
        for source in batch:
            doc_id = source.doc_id
            forced = self.opts.force or doc_id in self.inherited
            meta = metas.get(doc_id)
            known = digests.get(doc_id)
            if (
                not forced
                and meta is not None
                and known is not None
                and meta.status == "ok"
                and meta.ver == keys.version(known, self.opts.extractor_version)
            ):
                self.report.counts["unchanged"] += 1
                self.progress.update("unchanged")
                continue
            tasks.append(Task(source, force=forced))
        return tasks


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (SIGTERM) stops the run like Ctrl-C does (main thread only: signals live there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
