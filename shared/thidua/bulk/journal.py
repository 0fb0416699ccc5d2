"""A small write-ahead journal of the documents a bulk run has in flight.

The index's write protocol makes each document's switch atomic, and the unchanged
check of a re-run skips finished work. One gap remains: a run killed after a
document's META switch but before its last writes (old-link cleanup, entity
catalogue) leaves that document looking "unchanged" to the next run. So the run
notes `S doc_id` before handing a document to a worker and `D doc_id` when the
result is back; a later run re-does (with `force`) every document a dead run
started and never finished.

One file per run (`journal-{pid}.log`): concurrent runs never share a file, and a
file whose process is gone belongs to a run that was killed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TextIO

from thidua.store.local_engine import pid_alive

PREFIX = "journal-"


def _unfinished(path: Path) -> set[str]:
    started: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return started
    for line in lines:
        mark, _, doc_id = line.partition(" ")
        if mark == "S" and doc_id:
            started.add(doc_id)
        elif mark == "D":
            started.discard(doc_id)
    return started


class Journal:
    """This run's journal in `folder`, plus what killed runs left unfinished (`inherited`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{PREFIX}{os.getpid()}.log"
        self.inherited: set[str] = set()
        self._dead: list[Path] = []
        for other in sorted(folder.glob(f"{PREFIX}*.log")):
            pid_text = other.stem.removeprefix(PREFIX)
            # Our own pid's file is an earlier run in this process, already closed.
            if other != self.path and (not pid_text.isdigit() or pid_alive(int(pid_text))):
                continue
            self.inherited |= _unfinished(other)
            if other != self.path:
                self._dead.append(other)
        self._open: set[str] = set()
        self._fh: TextIO = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        # Carry over what the dead runs left, then drop their files: from now on this file holds it.
        for doc_id in sorted(self.inherited):
            self._write("S", doc_id)
        for other in self._dead:
            with contextlib.suppress(FileNotFoundError):
                other.unlink()

    def started(self, doc_id: str) -> None:
        self._write("S", doc_id)

    def done(self, doc_id: str) -> None:
        self._write("D", doc_id)
        self.inherited.discard(doc_id)

    def _write(self, mark: str, doc_id: str) -> None:
        if mark == "S":
            self._open.add(doc_id)
        else:
            self._open.discard(doc_id)
        # Flushed line by line: a killed process loses nothing the kernel already has.
        self._fh.write(f"{mark} {doc_id}\n")
        self._fh.flush()

    @property
    def unfinished(self) -> set[str]:
        """Documents started (here or by a dead run) and not finished."""
        return set(self._open)

    def close(self) -> None:
        """Keep the file only while something is unfinished (the next run picks it up)."""
        self._fh.close()
        if not self._open:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        # Compact: only the unfinished ids, for the next run.
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("".join(f"S {d}\n" for d in sorted(self._open)), encoding="utf-8")
        os.replace(tmp, self.path)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
