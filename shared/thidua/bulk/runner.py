"""Run many sources through `thidua.ingest` on every core, resumably.

The parent lists the sources, skips the ones already indexed (their bytes are hashed
and the META items fetched a hundred at a time, so a resumed run goes quickly over
finished work), and hands the rest to a pool of worker processes. Reading and
extraction are CPU-bound, so each worker is a process with its own client to the
same index; each document is written by exactly one worker through the index's
idempotent protocol (links, then the META switch, then cleanup).

Interrupts: Ctrl-C or SIGTERM stops handing out work, lets the documents in flight
finish (a second Ctrl-C stops at once) and reports what is left. A run killed outright
(kill -9, power cut) is covered by the journal: the next run redoes, with `force`,
the documents that were in flight, and skips the rest as unchanged.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import hashlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from thidua import EXTRACTOR_VERSION
from thidua.bulk.journal import Journal
from thidua.bulk.progress import Progress
from thidua.bulk.report import BulkReport, Failure
from thidua.bulk.sources import Source, SourceMissing, SourceOpener
from thidua.bulk.zipsafe import ZipLimits, ZipRefused
from thidua.ingest import IngestOutcome, Prepared, SourceBytes, fail_source, prepare_many, write_prepared
from thidua.read import Limits
from thidua.store import keys
from thidua.store.clients import dynamodb_client
from thidua.store.errors import StoreError, TransientStoreError
from thidua.store.index import Index
from thidua.store.models import SourceRef
from thidua.store.settings import StoreSettings

log = logging.getLogger(__name__)
_T = TypeVar("_T")

PRECHECK_BATCH = 100
CHUNK = 32
PART = 8  # documents whose index writes are shared; a chunk's parts are written while the next is read
TRANSIENT_ATTEMPTS = 4
# Consecutive store errors after which the run stops instead of failing every remaining document.
MAX_CONSECUTIVE_ERRORS = 10
INTERRUPT_GRACE_SECONDS = 60.0


@dataclass(frozen=True)
class Task:
    source: Source
    force: bool = False


@dataclass(frozen=True)
class TaskResult:
    source: Source
    outcome: IngestOutcome | None
    error: str | None = None  # a store error that was not recorded in the index
    write_units: int = 0


class AbortRun(Exception):
    """The store keeps failing (or a worker died): the run stops; what is done stays done."""

    report: BulkReport | None = None


# ---- one document ------------------------------------------------------------------------------


class Worker:
    """Reads and ingests chunks of sources into `index` (one per process), sharing their writes."""

    def __init__(
        self,
        index: Index,
        *,
        limits: Limits | None = None,
        zip_limits: ZipLimits | None = None,
        extractor_version: str = EXTRACTOR_VERSION,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.index = index
        self.limits = limits or Limits()
        self.extractor_version = extractor_version
        self.opener = SourceOpener(zip_limits)
        self._sleep = sleep

    def run(self, tasks: Sequence[Task]) -> list[TaskResult]:
        """Ingest a chunk of distinct sources; one result each, in order.

        The chunk goes in parts of PART documents: while one part's shared index write is in
        flight (a thread that mostly waits on the store), the next part is read and
        extracted. A store error is retried (the write protocol is idempotent) and, when it
        persists, leaves the part's documents unrecorded, for the next run.
        """
        before = self.index.stats.estimated.total
        results: list[TaskResult] = []
        with cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="thidua-write") as writer:
            in_flight: tuple[Sequence[Task], cf.Future[list[IngestOutcome] | str]] | None = None
            for start in range(0, len(tasks), PART):
                part = tasks[start : start + PART]
                prepared = self._retrying(lambda part=part: self._prepare(part))  # type: ignore[misc]
                if in_flight is not None:
                    results += _results(*in_flight)
                    in_flight = None
                if isinstance(prepared, str):
                    results += [TaskResult(t.source, None, error=prepared) for t in part]
                    continue
                in_flight = (part, writer.submit(self._retrying, lambda p=prepared: self._write(p)))
            if in_flight is not None:
                results += _results(*in_flight)
        units = self.index.stats.estimated.total - before
        # The chunk's write units are reported once, on its first document: the run adds them up.
        return [
            dataclasses.replace(result, write_units=units if n == 0 else 0)
            for n, result in enumerate(results)
        ]

    def _retrying(self, step: Callable[[], _T]) -> _T | str:
        """`step()`, again after a transient store error; the error (a reason) when it persists."""
        attempt = 0
        while True:
            try:
                return step()
            except TransientStoreError as exc:
                attempt += 1
                if attempt >= TRANSIENT_ATTEMPTS:
                    return f"store_unavailable: {exc}"
                self._sleep(min(8.0, 0.5 * 2**attempt))
            except StoreError as exc:
                return f"store_error: {exc}"

    def _prepare(self, tasks: Sequence[Task]) -> tuple[dict[int, IngestOutcome], list[int], Prepared]:
        opened: dict[int, IngestOutcome] = {}
        readable: list[tuple[int, SourceBytes]] = []
        for n, task in enumerate(tasks):
            data = self._read(task.source)
            if isinstance(data, IngestOutcome):
                opened[n] = data
            else:
                readable.append((n, SourceBytes(task.source.ref, data, force=task.force)))
        prepared = prepare_many(
            [s for _n, s in readable],
            self.index,
            limits=self.limits,
            extractor_version=self.extractor_version,
        )
        return opened, [n for n, _s in readable], prepared

    def _write(self, prepared: tuple[dict[int, IngestOutcome], list[int], Prepared]) -> list[IngestOutcome]:
        opened, positions, ready = prepared
        outcomes = dict(opened)
        outcomes.update(zip(positions, write_prepared(ready, self.index), strict=True))
        return [outcomes[n] for n in range(len(outcomes))]

    def _read(self, source: Source) -> bytes | IngestOutcome:
        """The source's bytes, or the failed outcome stored for a source that cannot be opened."""
        ref = source.ref
        if source.refused is not None:
            reason, message = source.refused
            return self._fail(ref, f"{reason}: {message}", source.size or 0)
        try:
            return self.opener.read(source.uri, max_bytes=self.limits.max_bytes)
        except ZipRefused as exc:
            return self._fail(ref, f"{exc.reason}: {exc.message}", source.size or 0)
        except SourceMissing as exc:
            return self._fail(ref, f"source_missing: {exc}", 0)
        except OSError as exc:
            return self._fail(ref, f"unreadable: {exc.strerror or exc}", 0)

    def _fail(self, ref: SourceRef, reason: str, size: int) -> IngestOutcome:
        return fail_source(ref, reason, self.index, size=size, extractor_version=self.extractor_version)

    def close(self) -> None:
        self.opener.close()


def _results(tasks: Sequence[Task], future: cf.Future[list[IngestOutcome] | str]) -> list[TaskResult]:
    outcomes = future.result()
    if isinstance(outcomes, str):
        return [TaskResult(t.source, None, error=outcomes) for t in tasks]
    return [TaskResult(t.source, o) for t, o in zip(tasks, outcomes, strict=True)]


_WORKER: Worker | None = None


def _init_worker(settings: StoreSettings, limits: Limits, zip_limits: ZipLimits, version: str) -> None:
    # The parent decides what an interrupt means: a worker never dies of Ctrl-C mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    global _WORKER
    index = Index(dynamodb_client(settings), settings.table_name)
    _WORKER = Worker(index, limits=limits, zip_limits=zip_limits, extractor_version=version)


def _die_with_parent() -> None:
    """Linux: a worker is killed when the run is (kill -9), instead of writing on as an orphan."""
    parent = os.getppid()
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _work(tasks: list[Task]) -> list[TaskResult]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.run(tasks)


# ---- executors ---------------------------------------------------------------------------------


class _InlineExecutor:
    """One worker in this process (`--workers 1`): same loop, no pool."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker

    def submit(self, tasks: list[Task]) -> cf.Future[list[TaskResult]]:
        future: cf.Future[list[TaskResult]] = cf.Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(self.worker.run(tasks))
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
    if opts.workers <= 1:
        worker = Worker(index, limits=limits, zip_limits=zip_limits, extractor_version=opts.extractor_version)
        executor = _InlineExecutor(worker)
    else:
        executor = cf.ProcessPoolExecutor(
            max_workers=opts.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
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
        pending: dict[cf.Future[list[TaskResult]], list[Task]] = {}
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
                        results = future.result()
                    except cf.process.BrokenProcessPool as exc:
                        raise AbortRun(f"a worker process died ({exc}); run again to resume") from exc
                    for task, result in zip(chunk, results, strict=True):
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
    def _submit(executor: Any, chunk: list[Task]) -> cf.Future[list[TaskResult]]:
        if isinstance(executor, _InlineExecutor):
            return executor.submit(chunk)
        try:
            future: cf.Future[list[TaskResult]] = executor.submit(_work, chunk)
        except cf.process.BrokenProcessPool as exc:
            raise AbortRun(f"a worker process died ({exc}); run again to resume") from exc
        return future

    def _drain(self, pending: dict[cf.Future[list[TaskResult]], list[Task]]) -> None:
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
                        for task, result in zip(chunk, future.result(), strict=True):
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
