"""Throughput of the `thidua extract` pipeline against stock underthesea NER, on one core.

    .venv/bin/python bench/extract_speed.py [FILES_OR_DIRS ...] [--repeat 3] [--json]

Both sides get the same documents. "extract" is what `thidua extract` does per
file: read the bytes (decode, clean) and run the extraction pipeline. "ner" is
underthesea `ner()` over the sentences that the pipeline's own sentence step
finds in the same documents: the cost of merely tagging the text with the stock
model. Model loading is warmed up and not timed. The process is pinned to one
CPU and BLAS/OpenMP threads are limited to one.

Default documents: the eval corpus beside the project (../shared/eval/corpus)
when present, else samples/ without the scanned pdf (OCR would dominate).
"""

from __future__ import annotations

import os

# Before numpy/underthesea are imported: one thread each.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from thidua.read import Limits, ReadError, read_document  # noqa: E402
from thidua.understand.extract import extract_record, understand  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx"}


def pin_one_core() -> str:
    """Pin this process to one CPU; return a description for the report."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def default_inputs() -> list[Path]:
    corpus = ROOT.parent / "shared" / "eval" / "corpus"
    if corpus.is_dir():
        return [corpus]
    return [p for p in (ROOT / "samples").iterdir() if "scan" not in p.name]


def collect(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
    return files


def extract_one(name: str, data: bytes) -> None:
    try:
        result = read_document(data, name, Limits())
    except ReadError:
        return
    extract_record(result.text, name=name, title=result.title, published_hint=result.published)


def timed(run: Callable[[], None], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: see above)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over all documents (median)")
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    args = parser.parse_args(argv)

    pinned = pin_one_core()
    files = collect(args.paths or default_inputs())
    if not files:
        print("no documents found", file=sys.stderr)
        return 1
    docs = [(p.name, p.read_bytes()) for p in files]

    # The same sentences for NER: the pipeline's own sentence step over the read text.
    sentences: list[str] = []
    readable = 0
    for name, data in docs:
        try:
            result = read_document(data, name)
        except ReadError:
            continue
        readable += 1
        sentences.extend(s.text for s in understand(result.text, name=name).sentences)

    from underthesea import ner

    # Warm-up: load every model once, untimed.
    for name, data in docs[:3]:
        extract_one(name, data)
    for sentence in sentences[:5]:
        ner(sentence)

    def run_extract() -> None:
        for name, data in docs:
            extract_one(name, data)

    def run_ner() -> None:
        for sentence in sentences:
            ner(sentence)

    extract_s = statistics.median(timed(run_extract, args.repeat))
    ner_s = statistics.median(timed(run_ner, args.repeat))
    report = {
        "documents": len(docs),
        "readable_documents": readable,
        "sentences": len(sentences),
        "characters": sum(len(s) for s in sentences),
        "cpu": pinned,
        "repeat": args.repeat,
        "extract_seconds": round(extract_s, 3),
        "extract_docs_per_second": round(len(docs) / extract_s, 2),
        "extract_ms_per_doc": round(1000 * extract_s / len(docs), 2),
        "ner_seconds": round(ner_s, 3),
        "ner_docs_per_second": round(len(docs) / ner_s, 2),
        "ner_ms_per_doc": round(1000 * ner_s / len(docs), 2),
        # > 1: extraction is faster than running stock NER alone over the same sentences.
        "speed_ratio_extract_over_ner": round(ner_s / extract_s, 2),
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{report['documents']} documents, {report['sentences']} sentences, {report['cpu']}")
        print(
            f"thidua extract   : {report['extract_docs_per_second']:8.2f} docs/s "
            f"({report['extract_ms_per_doc']:.1f} ms/doc)"
        )
        print(
            f"underthesea ner(): {report['ner_docs_per_second']:8.2f} docs/s "
            f"({report['ner_ms_per_doc']:.1f} ms/doc)"
        )
        print(f"ratio (extract throughput / ner throughput): {report['speed_ratio_extract_over_ner']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
