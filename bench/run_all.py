"""Run every benchmark in bench/ with the defaults documented in bench/README.md.

    .venv/bin/python bench/run_all.py [--quick]

`--quick` uses smaller sizes (1,000 search documents, a 300-document archive) so a
laptop run takes a few minutes; the numbers in bench/README.md are from the full sizes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    py = sys.executable
    archive_count = "300" if args.quick else "2000"
    archive = BENCH / "data" / f"archive-{archive_count}.zip"
    steps: list[list[str]] = [
        [py, str(BENCH / "extract_speed.py")],
        [py, str(BENCH / "write_cost.py")],
        [py, str(BENCH / "make_archive.py"), "--count", archive_count, "--out", str(archive)],
        [py, str(BENCH / "ingest_speed.py"), "--archive", str(archive)],
        [py, str(BENCH / "search_speed.py"), "--docs", "1000" if args.quick else "10000"],
        ["bash", str(BENCH / "heldout_score.sh")],
    ]
    failed = 0
    for argv in steps:
        print(f"\n=== {' '.join(Path(a).name if a.startswith('/') else a for a in argv)}", flush=True)
        failed += subprocess.run(argv, check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
