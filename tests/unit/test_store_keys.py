"""Key formats of the index (storage spec)."""

from __future__ import annotations

from pathlib import Path

from thidua.store import keys


def test_doc_id_is_stable_per_source_and_20_hex() -> None:
    a = keys.doc_id("s3://bucket/tin-tuc/bai-1.txt")
    assert a == keys.doc_id("s3://bucket/tin-tuc/bai-1.txt")
    assert a != keys.doc_id("s3://bucket/tin-tuc/bai-2.txt")
    assert len(a) == 20 and int(a, 16) >= 0


def test_file_uri_is_absolute(tmp_path: Path) -> None:
    target = tmp_path / "bao cáo.txt"
    assert keys.file_uri(target).startswith("file:///")
    assert keys.file_uri(target) == keys.file_uri(tmp_path / "." / "bao cáo.txt")


def test_versions_and_layout_1_link_keys() -> None:
    ver = keys.version("ab" * 32, "2026.11.1")
    assert ver == "abababababababab:2026.11.1"
    sk = keys.legacy_link_sk(ver, keys.unit_facet("unit:so-noi-vu"))
    assert sk == "LINK#abababababababab:2026.11.1#UNIT#unit:so-noi-vu"
    assert keys.link_ver(sk) == ver


def test_facets_and_sort_keys() -> None:
    assert keys.year_facet(2023) == "YEAR#2023"
    assert keys.date_facet("0000") == "DATE#0000"
    assert keys.locality_facet("TP.HCM") == keys.locality_facet("Thành phố Hồ Chí Minh")
    assert keys.link_sk("2024-01-12", "abc") == "2024-01-12#abc"
    assert keys.doc_of_link_sk("2024-01-12#abc") == "abc"
    assert keys.status_sk("2024-01-12T00:00:00.000Z", "abc") == "2024-01-12T00:00:00.000Z#abc"


def test_positions() -> None:
    assert keys.position("2024-01-12", [2023]) == "2024-01-12"
    assert keys.position(keys.NO_DATE, [2021, 2023]) == "2023-00-00"  # undated: start of its last year
    assert keys.position(keys.NO_DATE, []) == keys.NO_DATE


def test_year_windows_cover_every_year_once_within_its_window() -> None:
    cases = [
        ("2025-09-04", list(range(2020, 2031))),
        ("2018-03-01", list(range(2018, 2024))),
        (keys.NO_DATE, [2015, 2019, 2020, 2021]),
        ("2023-12-01", [2023, 2024]),
        ("2024-01-10", [2015, 2017, 2023, 2024]),
        ("2024-06-10", [2023]),  # a review dated after the window of its year
    ]
    for sort_date, years in cases:
        pos = keys.position(sort_date, years)
        near, echoes = keys.year_windows(sort_date, years)
        answered = [*near, *(y for _pos, ys in echoes for y in ys)]
        assert sorted(answered) == sorted(years), (sort_date, years)  # each year exactly once
        assert len({epos for epos, _ys in echoes}) == len(echoes)  # distinct positions
        for year in near:
            lo, hi = keys.window(year)
            assert lo <= keys.link_sk(pos, "d" * 20) <= hi
        for epos, ys in echoes:
            for year in ys:
                lo, hi = keys.window(year)
                assert lo <= keys.link_sk(epos, "d" * 20) <= hi, (epos, year)
            # Echoes sit at the edge of the window nearest the document's own date.
            assert epos.endswith(keys.WINDOW_CLOSES) == (pos > epos)
    # A ten-year plan dated 2025 needs six echo links per entity, not ten.
    assert len(keys.year_windows("2025-09-04", list(range(2020, 2031)))[1]) == 6
    # A year's window: October before to March after.
    assert keys.year_windows("2022-10-01", [2023])[0] == [2023]
    assert keys.year_windows("2024-03-31", [2023])[0] == [2023]
    assert keys.year_windows("2024-04-01", [2023])[0] == []
