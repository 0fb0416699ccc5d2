"""`thidua remove`: a local file's document and all its links leave the index (moto server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aws_support import moto_server

from thidua.cli.main import main
from thidua.store.local_engine import local_index
from thidua.store.models import SourceRef

ARTICLE = (
    "Ngày 14/3/2024, Khối thi đua số 6 tổ chức hội nghị ký kết giao ước thi đua năm 2024. "
    "Ông Lưu Quang Hiển, Giám đốc Sở Giao thông vận tải, Khối trưởng, chủ trì hội nghị.\n"
)


@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with moto_server(monkeypatch, tmp_path / "home", "thidua-cli-remove"):
        yield tmp_path


def test_remove_takes_the_document_and_its_links_out(local: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = local / "docs"
    docs.mkdir()
    kept, gone = docs / "ky-ket.txt", docs / "ban-sao.txt"
    kept.write_text(ARTICLE, encoding="utf-8")
    gone.write_text(ARTICLE.replace("số 6", "số 7"), encoding="utf-8")
    assert main(["ingest", str(docs), "--workers", "1", "--no-progress"]) == 0
    gone_id = SourceRef.file(gone).doc_id
    with local_index() as index:
        assert index.document_links(gone_id)

    gone.unlink()  # removing works for a file that no longer exists on disk
    assert main(["remove", str(gone), str(local / "never-indexed.txt")]) == 0
    out, err = capsys.readouterr()
    assert "removed" in out and "1 removed, 1 not in the index" in err

    with local_index() as index:
        meta = index.get_meta(gone_id, with_record=False)
        assert meta is None or meta.status == "deleted"
        assert index.document_links(gone_id) == []
        kept_meta = index.get_meta(SourceRef.file(kept).doc_id, with_record=False)
        assert kept_meta is not None and kept_meta.status == "ok"
