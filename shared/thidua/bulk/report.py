"""What a bulk run did: counts, failures by reason, and the JSON report file."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua import EXTRACTOR_VERSION


@dataclass(frozen=True)
class Failure:
    """A document that was not indexed. `stored` is False for errors that were not recorded in the
    index (the store was unavailable or kept throttling): those are retried by the next run."""

    source: str
    uri: str
    doc_id: str
    reason: str
    stored: bool = True

    @property
    def code(self) -> str:
        return self.reason.split(":", 1)[0]


@dataclass
class BulkReport:
    """Outcome counts and failures of one run (`ok`, `unchanged`, `failed`, `error`, ...)."""

    command: str = "ingest"
    inputs: list[str] = field(default_factory=list)
    workers: int = 1
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    links: int = 0
    duplicates: int = 0  # sources whose bytes equal an earlier source's in this run
    resumed: int = 0  # documents a killed run had in flight, redone here
    interrupted: bool = False
    seconds: float = 0.0
    started_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )
    write_units: int = 0  # estimated DynamoDB write units (table + GSIs), summed over workers

    @property
    def processed(self) -> int:
        return sum(self.counts.values())

    def by_reason(self) -> Counter[str]:
        return Counter(f.code for f in self.failures)

    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "started_at": self.started_at,
            "inputs": self.inputs,
            "extractor_version": EXTRACTOR_VERSION,
            "workers": self.workers,
            "files": self.processed,
            "total": self.total,
            "counts": dict(self.counts),
            "failed_by_reason": dict(self.by_reason()),
            "failed": [
                {
                    "path": f.source,
                    "uri": f.uri,
                    "doc_id": f.doc_id,
                    "reason": f.reason,
                    "stored": f.stored,
                }
                for f in self.failures
            ],
            "links": self.links,
            "duplicate_content": self.duplicates,
            "resumed": self.resumed,
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 2),
            "docs_per_second": round(self.docs_per_second(), 2),
            "estimated_write_units": self.write_units,
        }

    def write(self, path: Path) -> None:
        """Write the JSON report atomically (a reader never sees half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    def summary_lines(self, *, max_failures: int = 20) -> list[str]:
        """The human summary: one line of counts, failures grouped by reason, the first failures."""
        c = self.counts
        head = (
            f"{self.processed} of {self.total} documents in {self.seconds:.1f} s "
            f"({self.docs_per_second():.1f}/s, {self.workers} worker{'s' if self.workers != 1 else ''}): "
            f"indexed {c['ok']}, unchanged {c['unchanged']}, failed {c['failed']}"
        )
        others = {k: v for k, v in c.items() if k not in ("ok", "unchanged", "failed") and v}
        if others:
            head += ", " + ", ".join(f"{k} {v}" for k, v in sorted(others.items()))
        lines = [head]
        if self.interrupted:
            lines.append(
                f"interrupted: {self.total - self.processed} not done; run the same command again to resume"
            )
        if self.resumed:
            lines.append(f"resumed: {self.resumed} documents an interrupted run had in flight were redone")
        if self.duplicates:
            lines.append(f"note: {self.duplicates} documents have the same bytes as another one in this run")
        for code, n in sorted(self.by_reason().items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  failed: {code}: {n}")
        for failure in self.failures[:max_failures]:
            lines.append(f"    {failure.source}: {failure.reason}")
        if len(self.failures) > max_failures:
            lines.append(f"    ... {len(self.failures) - max_failures} more in the report file")
        return lines
