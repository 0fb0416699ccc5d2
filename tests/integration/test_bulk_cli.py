"""`thidua ingest / reindex / retry-failed / status` as a user runs them, against a moto server
(THIDUA_ENDPOINT_URL), with a stand-in extractor: summaries, report files and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aws_support import moto_server

from thidua.cli.main import main
from thidua.understand.entities import unit_id, unit_key
from thidua.understand.record import DocumentRecord, UnitOut

STATE = {"suffix": ""}


def fake_extract(text: str, **_kwargs: Any) -> DocumentRecord:
    units = [line[5:].strip() + STATE["suffix"] for line in text.splitlines() if line.startswith("unit:")]
    return DocumentRecord(
        event_date=dt.date(2023, 5, 1),
        units=[UnitOut(name=u, id=unit_id(u), key=unit_key(u)) for u in units],
    )


@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with moto_server(monkeypatch, tmp_path / "home", "thidua-cli-bulk"):
        monkeypatch.setattr("thidua.ingest.extract_record", fake_extract)
        STATE["suffix"] = ""
        yield tmp_path


def _archive(root: Path) -> Path:
    docs = root / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "tin.txt").write_text("Tổng kết.\nunit: Sở Nội vụ\n", encoding="utf-8")
    (docs / "trong.txt").write_bytes(b"")
    with zipfile.ZipFile(docs / "kho.zip", "w") as zf:
        zf.writestr("2023/bien-ban.txt", "Bình xét.\nunit: Sở Y tế\n")
        zf.writestr("2023/hong.docx", b"not a word file")
    return docs


def _json_out(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_ingest_reindex_retry_and_status(local: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _archive(local)
    report_path = local / "report.json"
    assert main(["ingest", str(docs), "--json", "--workers", "1", "--report", str(report_path)]) == 0
    summary = _json_out(capsys)
    assert summary["counts"] == {"ok": 2, "failed": 2} and summary["report"] == str(report_path)
    written = json.loads(report_path.read_text(encoding="utf-8"))
    assert sorted(f["reason"].split(":")[0] for f in written["failed"]) == ["corrupt", "empty"]
    assert sorted(Path(f["path"]).name for f in written["failed"]) == ["hong.docx", "trong.txt"]

    # The human summary: counts, failures by reason, the report's path.
    assert main(["ingest", str(docs), "--workers", "1", "--no-progress"]) == 0
    text = capsys.readouterr().out
    assert "indexed 0, unchanged 2, failed 2" in text and "failed: empty: 1" in text and "report: " in text
    assert list((local / "home" / "reports").glob("ingest-*.json"))

    # Nothing is older than the running extractor: the default reindex has nothing to do.
    assert main(["reindex", "--json"]) == 0
    assert _json_out(capsys)["total"] == 0
    # --all re-extracts from the stored sources (archive entries included).
    STATE["suffix"] = " tỉnh"
    assert main(["reindex", "--all", "--json", "--workers", "1"]) == 0
    redone = _json_out(capsys)
    assert redone["counts"] == {"ok": 2, "failed": 2} and redone["command"] == "reindex"

    (docs / "trong.txt").write_text("Sơ kết.\nunit: Sở Tư pháp\n", encoding="utf-8")  # fixed
    assert main(["retry-failed", "--json", "--workers", "1"]) == 0
    retried = _json_out(capsys)
    assert retried["total"] == 2 and retried["counts"] == {"ok": 1, "failed": 1}

    assert main(["status", "--json"]) == 0
    status = _json_out(capsys)
    by_status = {c["status"]: c["documents"] for c in status["counts"]}
    assert by_status == {"ok": 3, "failed": 1}
    assert [f["reason"].split(":")[0] for f in status["failed"]] == ["corrupt"]


def test_missing_paths_and_bad_uris_are_usage_errors(local: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(local / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err


def test_a_worker_that_dies_stops_the_run_and_the_next_run_finishes(
    local: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_TABLE", "thidua-cli-dies")  # moto's server state outlives a test
    docs = local / "many"
    docs.mkdir()
    for i in range(40):
        (docs / f"tin-{i:02d}.txt").write_text(f"Tin {i}.\nunit: Sở số {i}\n", encoding="utf-8")
    marker = local / "die"
    marker.touch()

    def dying_extract(text: str, **kwargs: Any) -> DocumentRecord:
        if "Tin 17." in text and marker.exists():
            os._exit(3)  # a worker process killed mid-document (out of memory, a crash in C code)
        return fake_extract(text, **kwargs)

    monkeypatch.setattr("thidua.ingest.extract_record", dying_extract)
    assert main(["ingest", str(docs), "--workers", "2", "--no-progress"]) == 1
    assert "a worker process died" in capsys.readouterr().err
    marker.unlink()
    assert main(["ingest", str(docs), "--workers", "2", "--json"]) == 0
    summary = _json_out(capsys)
    assert summary["counts"].get("failed", 0) == 0
    assert summary["counts"]["ok"] + summary["counts"].get("unchanged", 0) == 40
    assert main(["status", "--json"]) == 0
    assert {c["status"]: c["documents"] for c in _json_out(capsys)["counts"]} == {"ok": 40}
