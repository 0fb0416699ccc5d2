"""`thidua search` and `thidua stats` over an in-process index (the engine door is replaced by moto)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

import pytest
from query_support import deps, moto_index, put, record

from thidua.api.deps import Deps
from thidua.cli import search as search_cli
from thidua.cli.main import main


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with moto_index("thidua-cli") as index:
        put(
            index,
            [
                record(
                    dt.date(2023, 3, 9),
                    units=["Sở Tư pháp"],
                    events=["tong_ket"],
                    bloc="Khối thi đua II",
                    awards=[("co_thi_dua_bo_tinh", 2, "tap_the", "proposed", ["Sở Tư pháp"])],
                    title="Tổng kết 2023",
                ),
                record(
                    dt.date(2022, 3, 9), units=["Sở Tư pháp"], events=["ky_ket_giao_uoc"], title="Ký kết 2022"
                ),
            ],
        )

        @contextlib.contextmanager
        def fake_local_deps() -> Iterator[Deps]:
            yield deps(index)

        monkeypatch.setattr(search_cli, "local_deps", fake_local_deps)
        yield


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_search_table(local: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--unit", "so tu phap", "--year", "2023")
    assert code == 0
    assert "Tìm theo: Sở Tư pháp (unit:so-tu-phap)" in out
    assert "Tổng kết 2023" in out and "Ký kết 2022" not in out
    assert "Tổng kết" in out and "Khối thi đua II" in out


def test_search_json_and_csv(local: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--unit", "Sở Tư pháp", "--format", "json")
    assert code == 0 and [h["title"] for h in json.loads(out)["hits"]] == ["Tổng kết 2023", "Ký kết 2022"]
    code, out, _ = run(capsys, "search", "--event-type", "Ký kết giao ước thi đua", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["title"] for r in rows] == ["Ký kết 2022"]


def test_search_errors_exit_2_with_message(local: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "--year", "twenty")
    assert code == 2 and "year" in err
    code, _, err = run(capsys, "search", "--unit", "so ngoai vu")
    assert code == 2 and "không tìm thấy" in err


def test_stats(local: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "awards", "--group-by", "bloc")
    assert code == 0 and "Cờ thi đua bộ, ngành, tỉnh" in out and "Khối thi đua II" in out
    code, out, _ = run(capsys, "stats", "awards", "--year", "2023", "--format", "csv")
    assert out.splitlines()[1].startswith("2023,co_thi_dua_bo_tinh,")
    code, out, _ = run(
        capsys, "stats", "activity", "--period", "year", "--by", "event_type", "--format", "json"
    )
    rows = {(r["period"], r["group"]): r["documents"] for r in json.loads(out)["rows"]}
    assert code == 0 and rows == {("2022", "ky_ket_giao_uoc"): 1, ("2023", "tong_ket"): 1}
