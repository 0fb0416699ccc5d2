"""`thidua ingest ARCHIVE --workers 2` for real: killed three times (kill -9, Ctrl-C, kill) at random
points, then run to the end; the index must equal one from an uninterrupted run, item for item.

Runs the CLI as a separate process over the embedded engine (dynalite), with the real
readers and extractor, on a small archive written here.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from aws_support import ROOT, table_snapshot

from thidua.store.local_engine import LocalEngine, find_dynalite

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(
        shutil.which("node") is None or find_dynalite() is None,
        reason="needs node and `npm install` (dynalite)",
    ),
]

UNITS = ["Sở Nội vụ", "Sở Y tế", "Sở Tư pháp", "Sở Tài chính", "Công an tỉnh", "Sở Xây dựng", "Thanh tra"]
BLOCS = ["Khối thi đua các cơ quan nội chính", "Khối thi đua văn hóa - xã hội", "Cụm thi đua số 4"]


def _article(rng: random.Random, n: int) -> str:
    units = rng.sample(UNITS, 3)
    bloc = rng.choice(BLOCS)
    year = rng.randint(2020, 2025)
    return (
        f"{bloc} tổng kết công tác thi đua năm {year}\n\n"
        f"Ngày {rng.randint(1, 28)}/12/{year}, {bloc} tổ chức hội nghị tổng kết công tác thi đua, "
        f"khen thưởng năm {year}. Các đơn vị thành viên gồm {', '.join(units)}.\n\n"
        f"Hội nghị thống nhất đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho {units[0]} "
        f"và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho {units[1]}.\n\n"
        f"Văn bản số {n}/BC-KTĐ.\n"
    )


def make_archive(path: Path) -> int:
    """An archive of our own articles in nested folders, an inner zip, sample formats and bad files."""
    rng = random.Random(31)
    samples = ROOT / "samples"
    inner_buf = path.with_suffix(".inner")
    with zipfile.ZipFile(inner_buf, "w", zipfile.ZIP_DEFLATED) as inner:
        for i in range(4):
            inner.writestr(f"phu-luc/bo-sung-{i}.txt", _article(rng, 100 + i))
    count = 4
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(20):
            archive.writestr(f"{2020 + i % 5}/tin-tuc/bai-{i:02d}.txt", _article(rng, i))
        count += 20
        for sample in sorted(samples.iterdir()):
            if sample.suffix in (".html", ".docx") or sample.name.endswith("so-ket-khoi-van-hoa-xa-hoi.pdf"):
                archive.write(sample, f"mau/{sample.name}")
                count += 1
        archive.writestr("hong/trong.txt", b"")
        archive.writestr("hong/cai-dat.exe", b"MZ\x90\x00" + bytes(64))
        count += 2
        archive.write(inner_buf, "phu-luc.zip")
    inner_buf.unlink()
    return count


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_ENDPOINT_URL", "THIDUA_TABLE")}
    env.update(THIDUA_HOME=str(home), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    return env


def _cli(archive: Path, home: Path, report: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "thidua.cli.main", "ingest", str(archive), "--workers", "2", "-q"]
    return subprocess.Popen(
        [*cmd, "--report", str(report)],
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _finished_in_journal(home: Path, pid: int) -> int:
    try:
        text = (home / "bulk" / f"journal-{pid}.log").read_text(encoding="utf-8")
    except OSError:
        return 0
    return sum(1 for line in text.splitlines() if line.startswith("D "))


def snapshot(home: Path) -> list[str]:
    with LocalEngine(home) as engine:
        return table_snapshot(engine.client(), engine.table_name)


def test_three_random_kills_then_resume_equal_an_uninterrupted_run(tmp_path: Path) -> None:
    archive = tmp_path / "luu-tru.zip"
    documents = make_archive(archive)

    reference_home = tmp_path / "reference"
    ref = _cli(archive, reference_home, tmp_path / "ref.json")
    _, err = ref.communicate(timeout=300)
    assert ref.returncode == 0, err.decode()
    ref_report = json.loads((tmp_path / "ref.json").read_text(encoding="utf-8"))
    assert ref_report["files"] == documents and ref_report["counts"]["failed"] == 2
    expected = snapshot(reference_home)

    home = tmp_path / "killed"
    rng = random.Random(int(os.environ.get("THIDUA_KILL_SEED", "11")))
    interrupted = 0
    for n, sig in enumerate((signal.SIGKILL, signal.SIGINT, signal.SIGTERM)):
        proc = _cli(archive, home, tmp_path / f"killed-{n}.json")
        # Aim inside the work: after a random number of finished documents (or a random moment).
        target = rng.randint(1, 6)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if _finished_in_journal(home, proc.pid) >= target:
                break
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        if proc.poll() is None:
            proc.send_signal(sig)
            interrupted += 1
        _, err = proc.communicate(timeout=120)
        # 130: stopped cleanly inside the run (the report says what is left); -sig: the signal came
        # while Python was starting or finishing, outside the run; 0: it finished first.
        assert proc.returncode in (0, 130, -int(sig)), err.decode()
        if proc.returncode == 130:
            stopped = json.loads((tmp_path / f"killed-{n}.json").read_text(encoding="utf-8"))
            assert stopped["interrupted"] is True and stopped["files"] < documents
    assert interrupted >= 2, "the runs finished before they could be interrupted"

    final = _cli(archive, home, tmp_path / "final.json")
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    report = json.loads((tmp_path / "final.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is False and report["files"] == documents
    assert not list((home / "bulk").glob("journal-*.log"))  # nothing left in flight
    assert snapshot(home) == expected
