"""No file of the project copies the eval corpus: no long run of its words, no name of its people.

The eval texts in ../shared/eval are for measurement only. Every file git tracks is read
(UTF-8, or UTF-16 with a BOM; binary and legacy-encoded files are skipped, their source text
lives in scripts/sample_texts.py) and fails when it shares a run of RUN or more consecutive
words with a corpus text (NFC, lower case, word tokens; the URL line that opens a corpus file
is not text) or holds the full name (three syllables or more) of a leader in the gold records.
Formulaic phrases are shorter than RUN words; a longer match is a copied sentence.
Skipped where ../shared/eval is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
RUN = 14
_WORD = re.compile(r"\w+")

pytestmark = pytest.mark.skipif(not (EVAL / "corpus").is_dir(), reason="../shared/eval is absent")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


@cache
def _corpus_runs() -> frozenset[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for path in sorted((EVAL / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("URL"):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        words = _WORD.findall(_norm(text))
        runs.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return frozenset(runs)


@cache
def _leader_names() -> tuple[str, ...]:
    names: set[str] = set()
    for path in sorted((EVAL / "gold").glob("*.json")):
        for leader in json.loads(path.read_text(encoding="utf-8")).get("leaders") or []:
            syllables = _norm(leader.get("name") or "").split()
            if len(syllables) >= 3:
                names.add(" ".join(syllables))
    return tuple(sorted(names))


@cache
def _name_pattern() -> re.Pattern[str] | None:
    names = _leader_names()
    if not names:
        return None
    alternatives = (r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _tracked_texts() -> list[tuple[str, str]]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    texts = []
    for name in filter(None, out.split("\0")):
        path = ROOT / name
        if not path.is_file():
            continue  # deleted in the working tree
        raw = path.read_bytes()
        encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        texts.append((name, text))
    return texts


def _copies(text: str) -> list[str]:
    """Maximal runs of at least RUN words that a corpus text also has, with their line."""
    runs = _corpus_runs()
    norm = _norm(text)
    spans = [(m.group(), m.start()) for m in _WORD.finditer(norm)]
    words = [w for w, _ in spans]
    found: list[str] = []
    i = 0
    while i <= len(words) - RUN:
        if tuple(words[i : i + RUN]) not in runs:
            i += 1
            continue
        j = i + RUN
        while j < len(words) and tuple(words[j - RUN + 1 : j + 1]) in runs:
            j += 1
        line = norm.count("\n", 0, spans[i][1]) + 1
        found.append(f"line {line}: {' '.join(words[i:j])}")
        i = j
    return found


def _names(text: str) -> list[str]:
    pattern = _name_pattern()
    if pattern is None:
        return []
    norm = _norm(text)
    return [f"line {norm.count(chr(10), 0, m.start()) + 1}: {m.group()}" for m in pattern.finditer(norm)]


def test_no_tracked_file_copies_corpus_sentences_or_names() -> None:
    offences: dict[str, list[str]] = {}
    for name, text in _tracked_texts():
        found = _copies(text) + _names(text)
        if found:
            offences[name] = found
    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in sorted(offences.items()))
    assert not offences, f"text copied from the eval corpus (rewrite with invented equivalents):\n{report}"


def test_the_check_finds_a_copied_sentence_and_a_name() -> None:
    corpus = sorted((EVAL / "corpus").glob("*.txt"))
    text = corpus[0].read_text(encoding="utf-8")
    if text.startswith("URL"):
        text = text.split("\n", 1)[1]
    words = _WORD.findall(_norm(text))
    assert len(words) > RUN
    assert _copies("Ví dụ: " + " ".join(words[:RUN]) + ".")
    assert not _copies("Ví dụ: " + " ".join(words[: RUN - 1]) + ".")
    names = _leader_names()
    if names:
        assert _names(f"Dự hội nghị có ông {names[0].title()}, Giám đốc Sở.")
        assert not _names(f"Dự hội nghị có ông {names[0].title()}x, Giám đốc Sở.")
