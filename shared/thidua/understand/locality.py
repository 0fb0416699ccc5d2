"""Provinces and centrally governed cities of Việt Nam, and the place a document is about.

The gazetteer is the general list of provincial-level names (those in use
before and after the 2025 merger, with common spelling variants). It lets the
grammar tell "Chủ tịch UBND tỉnh Phú Yên" (a place after "tỉnh") from
"Chủ tịch UBND tỉnh Nguyễn Văn A" (a person after "tỉnh"), and lets
`find_locality` pick the place that "UBND TP" or "Công an tỉnh" means.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from thidua.understand.persons import SURNAMES
from thidua.understand.text import fold

# Display name → spelling variants (folded forms are matched, so tone marks and
# "Đắk"/"Đăk" variants meet).
_PROVINCES: dict[str, tuple[str, ...]] = {
    "Hà Nội": (), "Hồ Chí Minh": ("TP.HCM", "TPHCM", "HCM", "Sài Gòn"), "Hải Phòng": (), "Đà Nẵng": (),
    "Cần Thơ": (), "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên"),
    "An Giang": (), "Bà Rịa - Vũng Tàu": ("Bà Rịa Vũng Tàu", "Bà Rịa – Vũng Tàu", "Vũng Tàu"),
    "Bắc Giang": (), "Bắc Kạn": ("Bắc Cạn",), "Bạc Liêu": (), "Bắc Ninh": (), "Bến Tre": (),
    "Bình Định": (), "Bình Dương": (), "Bình Phước": (), "Bình Thuận": (), "Cà Mau": (),
    "Cao Bằng": (), "Đắk Lắk": ("Đăk Lăk", "Đắc Lắc", "Đắk Lăk", "Dak Lak"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông"), "Điện Biên": (), "Đồng Nai": (), "Đồng Tháp": (),
    "Gia Lai": (), "Hà Giang": (), "Hà Nam": (), "Hà Tĩnh": (), "Hải Dương": (), "Hậu Giang": (),
    "Hòa Bình": (), "Hưng Yên": (), "Khánh Hòa": (), "Kiên Giang": (), "Kon Tum": ("Kontum",),
    "Lai Châu": (), "Lâm Đồng": (), "Lạng Sơn": (), "Lào Cai": (), "Long An": (), "Nam Định": (),
    "Nghệ An": (), "Ninh Bình": (), "Ninh Thuận": (), "Phú Thọ": (), "Phú Yên": (),
    "Quảng Bình": (), "Quảng Nam": (), "Quảng Ngãi": (), "Quảng Ninh": (), "Quảng Trị": (),
    "Sóc Trăng": (), "Sơn La": (), "Tây Ninh": (), "Thái Bình": (), "Thái Nguyên": (),
    "Thanh Hóa": (), "Tiền Giang": (), "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (),
    "Vĩnh Phúc": (), "Yên Bái": (),
}


@lru_cache(maxsize=1)
def _folded_index() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for name, variants in _PROVINCES.items():
        for spelling in (name, *variants):
            index[tuple(fold(spelling).split())] = name
    return index


MAX_PLACE_WORDS = max(len(k) for k in _folded_index())
# Place names are looked up word by word all through a text: fold each word once.
_fold_word = lru_cache(maxsize=1 << 16)(fold)


def province_of(words: list[str]) -> str | None:
    """The province whose name is exactly these words (any case, tone style or diacritics)."""
    return _folded_index().get(tuple(fold(" ".join(words)).split()))


def province_prefix(words: list[str]) -> tuple[str, int] | None:
    """The longest province name at the start of `words`: (display name, number of words)."""
    index = _folded_index()
    folded: list[str] = []
    for w in words[:MAX_PLACE_WORDS]:
        f = _fold_word(w)
        if not f:
            break  # punctuation ends a place name
        folded.append(f)
    for n in range(min(len(folded), MAX_PLACE_WORDS), 0, -1):
        key = tuple(" ".join(folded[:n]).split())
        if key in index:
            return index[key], n
    return None


@lru_cache(maxsize=1 << 14)
def is_province(name: str) -> bool:
    return tuple(fold(name).split()) in _folded_index()


def ends_with_province(folded: str) -> bool:
    """Whether a folded name ends with a province's name ("tinh ha tinh", "vksnd tinh long an")."""
    words = tuple(folded.split())
    index = _folded_index()
    return any(words[-n:] in index for n in range(1, min(len(words), MAX_PLACE_WORDS) + 1))


# "tỉnh X", "TP X", "thành phố X": the qualified mentions count more than a bare name.
_QUALIFIED = re.compile(
    r"(?:\b[Tt]ỉnh|\b[Tt]hành phố|\bTP\.?)\s+((?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*)(?:\s*[-–]?\s*[A-ZÀ-ỸĐ][\wÀ-ỹ]*){0,3})"
)
_HCM = re.compile(r"\bTP\.?\s?HCM\b|\bTPHCM\b|\bThành phố Hồ Chí Minh\b|\bTP\.? Hồ Chí Minh\b")
_URL_LINE = re.compile(r"^URL:.*$|https?://\S+|www\.\S+", re.MULTILINE)
_WORD_SPAN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _person_like(words: list[str]) -> bool:
    """ "Ngô Văn Sơn" after "UBND TP": a name written after the post, not a city."""
    return len(words) >= 2 and words[0].lower() in SURNAMES and (
        len(words) >= 3 or words[1].lower() in ("văn", "thị")
    )


def find_locality(text: str) -> str | None:
    """The province or city a document is about: the most mentioned one, qualified mentions first.

    A city below provincial level ("thành phố Mỹ Tho") is used when no
    province is named, since "UBND thành phố" then means that city. A list of
    provinces ("các tỉnh A, B, C") names no single place.
    """
    body = _URL_LINE.sub(" ", text)
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    local: Counter[str] = Counter()
    taken: list[tuple[int, int]] = []
    for m in _HCM.finditer(body):
        scores["Hồ Chí Minh"] += 2
        first.setdefault("Hồ Chí Minh", m.start())
        taken.append((m.start(), m.end()))
    for m in _QUALIFIED.finditer(body):
        words = m.group(1).replace("–", " ").replace("-", " ").split()
        listed = body[max(0, m.start() - 4) : m.start()].strip().lower().endswith("các")
        hit = province_prefix(words)
        if hit is not None:
            scores[hit[0]] += 1 if listed else 2
            first.setdefault(hit[0], m.start())
            taken.append((m.start(), m.end()))
        elif not _person_like(words):
            # a city below provincial level, or a province the gazetteer lacks
            name = " ".join(words[:2]) if len(words) >= 2 else ""
            if name and not (m.group(0).lower().startswith("tỉnh") and words[0].lower() in SURNAMES):
                local[name] += 2 if m.group(0).lower().startswith("tỉnh") else 1
                first.setdefault(name, m.start())
    spans = [(m.group(0), m.start()) for m in _WORD_SPAN.finditer(body)]
    covered = {at for a, b in taken for at in range(a, b)}
    i = 0
    while i < len(spans):
        word, at = spans[i]
        if word[:1].isupper() and at not in covered:
            run = [w for w, _ in spans[i : i + MAX_PLACE_WORDS]]
            hit = province_prefix(run)
            if hit is not None and hit[0] != "Hồ Chí Minh" and all(w[:1].isupper() for w in run[: hit[1]]):
                scores[hit[0]] += 1
                first.setdefault(hit[0], at)
                i += hit[1]
                continue
        i += 1
    if scores:
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], first.get(kv[0], 1 << 30)))
        top_score = ranked[0][1]
        tied = [name for name, score in ranked if score == top_score]
        if len(tied) >= 3:
            return None  # a list of provinces (a cluster of provinces): no single place
        return ranked[0][0]
    if local:
        return local.most_common(1)[0][0]
    return None
