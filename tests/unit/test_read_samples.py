"""Every sample document in samples/ reads, in its own format and encoding (the demo ingests them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.read import read_path
from thidua.read.ocr import ocr_available

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
EXPECTED = {
    "an-thanh-2023-ky-ket-khoi-noi-chinh.txt": ("txt", "utf-8", "Khối trưởng, Thanh tra tỉnh làm Khối phó"),
    "an-thanh-2023-tong-ket-khoi-noi-chinh.html": ("html", None, "bàn giao nhiệm vụ Khối trưởng năm 2024"),
    "an-thanh-2024-trao-co-thi-dua-web.txt": ("txt", "utf-8", "Cờ thi đua của UBND tỉnh cho Công an tỉnh"),
    "ha-lam-2021-phat-dong-thi-dua.txt": ("txt", "windows-1258", "Khối trưởng Khối thi đua số 2 năm 2021"),
    "ha-lam-2024-bien-ban-binh-xet-khoi-2.txt": ("txt", "tcvn3", "tặng Cờ thi đua của Chính phủ;"),
    "hai-dong-2022-bien-ban-binh-xet-scan.pdf": ("pdf", None, "Sở Y tế làm Khối trưởng"),
    "hai-dong-2023-so-ket-khoi-van-hoa-xa-hoi.pdf": ("pdf", None, "Giấy khen cho 6 tập thể và 11 cá nhân"),
    "son-nguyen-2022-tong-ket-cum-thi-dua-so-3.txt": ("txt", "utf-16", "UBND huyện Mỹ Sơn là Cụm trưởng"),
    "son-nguyen-2024-ky-ket-cum-truong-cao-dang.docx": (
        "docx", None, "2 | Trường Cao đẳng Sư phạm Sơn Nguyên | Cụm phó"
    ),
}


def test_samples_exist() -> None:
    assert set(EXPECTED) <= {p.name for p in SAMPLES.iterdir()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_reads(name: str) -> None:
    fmt, encoding, phrase = EXPECTED[name]
    if "scan" in name and ocr_available() is not None:
        pytest.skip("tesseract with the vie model is not installed")
    result = read_path(SAMPLES / name)
    assert (result.format, result.encoding) == (fmt, encoding)
    assert phrase in result.text
    assert (SAMPLES / name).stat().st_size < 200_000
