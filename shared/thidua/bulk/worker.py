"""The extraction side of a bulk run: read and understand chunks of sources (one Worker per process).

A worker reads each source's bytes, checks the index (one consistent BatchGetItem of the
chunk's META items: stale, unchanged), reads and extracts the rest, and stores the
failures of sources that cannot be read. What it extracted goes back to the run, which
writes the chunk's documents together (`thidua.ingest.write_prepared`): extraction
saturates the workers' cores while the run's own process does the index writes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from thidua import EXTRACTOR_VERSION
from thidua.bulk.sources import Source, SourceMissing, SourceOpener
from thidua.bulk.zipsafe import ZipLimits, ZipRefused
from thidua.ingest import IngestOutcome, Prepared, SourceBytes, fail_source, prepare_many
from thidua.read import Limits
from thidua.store.clients import dynamodb_client
from thidua.store.errors import StoreError, TransientStoreError
from thidua.store.index import Index
from thidua.store.models import SourceRef
from thidua.store.settings import StoreSettings

TRANSIENT_ATTEMPTS = 4
_T = TypeVar("_T")


@dataclass(frozen=True)
class Task:
    source: Source
    force: bool = False


@dataclass
class Extracted:
    """What a worker made of a chunk: outcomes known already, and documents ready to write."""

    opened: dict[int, IngestOutcome] = field(default_factory=dict)  # could not be opened (stored failed)
    positions: list[int] = field(default_factory=list)  # chunk positions of `prepared`'s sources
    prepared: Prepared | None = None
    error: str | None = None  # a store error that kept the chunk from being prepared: nothing recorded
    write_units: int = 0  # what the worker wrote (failures), estimated


def retrying(step: Callable[[], _T], sleep: Callable[[float], None] = time.sleep) -> _T | str:
    """`step()`, again after a transient store error; the error as a reason when it persists."""
    attempt = 0
    while True:
        try:
            return step()
        except TransientStoreError as exc:
            attempt += 1
            if attempt >= TRANSIENT_ATTEMPTS:
                return f"store_unavailable: {exc}"
            sleep(min(8.0, 0.5 * 2**attempt))
        except StoreError as exc:
            return f"store_error: {exc}"


class Worker:
    """Reads and understands chunks of sources against `index` (one per process)."""

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

    def extract(self, tasks: Sequence[Task]) -> Extracted:
        """Prepare a chunk of distinct sources for their shared write (retried on store errors)."""
        before = self.index.stats.estimated.total
        done = retrying(lambda: self._extract(tasks), self._sleep)
        extracted = Extracted(error=done) if isinstance(done, str) else done
        extracted.write_units = self.index.stats.estimated.total - before
        return extracted

    def _extract(self, tasks: Sequence[Task]) -> Extracted:
        out = Extracted()
        readable: list[SourceBytes] = []
        for n, task in enumerate(tasks):
            data = self._read(task.source)
            if isinstance(data, IngestOutcome):
                out.opened[n] = data
            else:
                out.positions.append(n)
                readable.append(SourceBytes(task.source.ref, data, force=task.force))
        out.prepared = prepare_many(
            readable, self.index, limits=self.limits, extractor_version=self.extractor_version
        )
        return out

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


# ---- in a pool process ---------------------------------------------------------------------------

_WORKER: Worker | None = None


def init_process(settings: StoreSettings, limits: Limits, zip_limits: ZipLimits, version: str) -> None:
    """Pool initializer: this process's Worker, with its own client to the same table."""
    # The parent decides what an interrupt means: a worker never dies of Ctrl-C mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    global _WORKER
    # A local engine (an endpoint) would spend the machine's CPU reporting consumed capacity.
    local = settings.endpoint_url is not None
    index = Index(dynamodb_client(settings), settings.table_name, report_capacity=not local)
    _WORKER = Worker(index, limits=limits, zip_limits=zip_limits, extractor_version=version)


def extract_in_process(tasks: list[Task]) -> Extracted:
    """What a pool process runs for one chunk."""
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.extract(tasks)


def _die_with_parent() -> None:
    """Linux: a worker is killed when the run is (kill -9), instead of running on as an orphan."""
    parent = os.getppid()
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)
