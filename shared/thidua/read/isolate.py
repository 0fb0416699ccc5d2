"""Run a parser in a forked child with a wall-clock deadline and a memory cap.

pdfminer has no cap on inflated streams and a crafted file can keep it busy for
minutes; a zip or XML bomb can take gigabytes. The child is killed at the
deadline, so the caller always gets an answer in bounded time: the result, or
a `ReadError` (`timeout`, `too_large`, `corrupt`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from thidua.read.base import Limits, ReadError, ReadResult


# The parser checks the deadline itself between pages; the kill comes a little later.
def _grace(max_seconds: float) -> float:
    return min(5.0, max(1.0, max_seconds * 0.1))


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(extra: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: the deadline still applies
        return
    current = _address_space()
    if current:
        limit = current + extra
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(conn: Connection, func: Callable[..., ReadResult], args: tuple[Any, ...], limits: Limits) -> None:
    _limit_memory(limits.max_memory_bytes)
    try:
        conn.send(("ok", func(*args)))
    except ReadError as exc:
        conn.send(("error", exc.reason, exc.message))
    except MemoryError:
        conn.send(("error", "too_large", "the document needs more memory than allowed"))
    except RecursionError:
        conn.send(("error", "corrupt", "the document is nested too deeply"))
    except Exception as exc:  # any parser failure on a malformed file is a corrupt file
        conn.send(("error", "corrupt", f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        conn.close()


def _context() -> Any:  # ForkContext or SpawnContext
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already imported parser modules; spawn where fork does not exist.
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_isolated(func: Callable[..., ReadResult], args: tuple[Any, ...], limits: Limits) -> ReadResult:
    """Call `func(*args)` in a child process; raise `ReadError` on error, timeout or crash."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, limits), daemon=True)
    started = time.monotonic()
    process.start()
    sender.close()
    try:
        timeout = limits.max_seconds + _grace(limits.max_seconds)
        message: tuple[Any, ...] | None = None
        if receiver.poll(timeout):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                message = None
        elif process.is_alive():
            raise ReadError("timeout", f"gave up after {time.monotonic() - started:.0f} s")
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        exitcode = process.exitcode
        receiver.close()
        with contextlib.suppress(ValueError):
            process.close()
    if message is None:
        raise ReadError("corrupt", f"the parser crashed (exit code {exitcode})")
    if message[0] == "ok":
        result: ReadResult = message[1]
        return result
    raise ReadError(message[1], message[2])
