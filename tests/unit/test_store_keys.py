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


def test_link_keys_round_trip_version() -> None:
    ver = keys.version("ab" * 32, "2026.11.1")
    assert ver == "abababababababab:2026.11.1"
    sk = keys.link_sk(ver, keys.unit_facet("unit:so-noi-vu"))
    assert sk == "LINK#abababababababab:2026.11.1#UNIT#unit:so-noi-vu"
    assert keys.link_ver(sk) == ver


def test_facets_and_sort_keys() -> None:
    assert keys.year_facet(2023) == "YEAR#2023"
    assert keys.date_facet("0000") == "DATE#0000"
    assert keys.locality_facet("TP.HCM") == keys.locality_facet("Thành phố Hồ Chí Minh")
    assert keys.entity_sort_key("2024-01-12", "abc") == "2024-01-12#abc"
    assert keys.status_sk("2024-01-12T00:00:00.000Z", "abc") == "2024-01-12T00:00:00.000Z#abc"


def test_sequencers_compare_after_right_padding() -> None:
    # S3's rule: right-pad the shorter with zeros, then compare as strings.
    older, newer = "0055AED6DCD90281E5", "0055AED6DCD90281E6"
    assert keys.pad_sequencer(older) < keys.pad_sequencer(newer)
    assert keys.pad_sequencer("0055AED6DCD9028") < keys.pad_sequencer("0055AED6DCD90281E5")
    assert len(keys.pad_sequencer(older)) == 32
