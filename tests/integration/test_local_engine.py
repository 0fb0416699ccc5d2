"""The embedded engine for real: dynalite on disk, stopped and started again, still holds the index."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from thidua.cli.main import main
from thidua.store import keys
from thidua.store.local_engine import EngineError, LocalEngine, find_dynalite, local_index

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(
        shutil.which("node") is None or find_dynalite() is None,
        reason="needs node and `npm install` (dynalite)",
    ),
]

NEWS = """Hội nghị sơ kết phong trào thi đua của cụm thi đua các huyện phía Bắc

Sáng 14/7/2025, cụm thi đua các huyện phía Bắc họp sơ kết công tác thi đua,
khen thưởng 6 tháng đầu năm 2025. Các đơn vị đã ký kết giao ước thi đua năm 2025.
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("THIDUA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("THIDUA_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("THIDUA_TABLE", raising=False)
    return tmp_path / "home"


def test_cli_ingest_survives_an_engine_restart(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    (docs / "nested").mkdir(parents=True)
    (docs / "so-ket.txt").write_text(NEWS, encoding="utf-8")
    (docs / "nested" / "empty.txt").write_bytes(b"")
    (docs / "nested" / "setup.exe").write_bytes(b"MZ\x90\x00")

    assert main(["ingest", "--json", str(docs)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["counts"] == {"ok": 1, "failed": 2}
    assert not (home / "engine.json").exists()  # the command stopped the engine it started

    # A new engine process over the same data directory.
    with local_index() as index:
        doc = index.get_document(keys.doc_id(keys.file_uri(docs / "so-ket.txt")))
        assert doc is not None and doc.status == "ok" and doc.record is not None
        assert index.status_counts()[("failed", doc.extractor_version or "")] == 2

    assert main(["ingest", "--json", str(docs)]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["counts"] == {"unchanged": 1, "failed": 2}

    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert sorted(f["reason"].split(":")[0] for f in status["failed"]) == ["empty", "unsupported_type"]


def test_second_user_attaches_and_the_last_one_stops_it(home: Path) -> None:
    first = LocalEngine(home).start()
    try:
        assert first.kind == "dynalite" and first.persistent
        second = LocalEngine(home).start()
        assert second.endpoint_url == first.endpoint_url  # attached, not a second engine on the same files
        second.stop()
        assert first.index().status_counts() == {}  # still up for the first user
    finally:
        first.stop()
    assert not (home / "engine.json").exists()


def test_moto_fallback_warns_that_nothing_persists(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with LocalEngine(home, prefer="moto") as engine:
        assert engine.kind == "moto" and not engine.persistent
        assert engine.index().status_counts() == {}
    assert "no persistence" in capsys.readouterr().err


def test_a_locked_data_directory_is_an_error_not_a_silent_fallback(home: Path) -> None:
    # A stray dynalite (not registered in engine.json) holds the LevelDB lock of this home.
    data = home / "dynalite"
    data.mkdir(parents=True)
    dynalite = find_dynalite()
    assert dynalite is not None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stray = subprocess.Popen(
        ["node", str(dynalite), "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        with pytest.raises(EngineError, match="in use by another engine"):
            LocalEngine(home, startup_timeout=10).start()
    finally:
        stray.terminate()
        stray.wait(timeout=10)
