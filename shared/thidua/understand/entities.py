"""Canonical entities: stable ids and accent-folded search keys for units, blocs and leaders.

"Sở Nội vụ", "sở nội vụ", "SỞ NỘI VỤ" and "So Noi vu" all give the key
"so noi vu"; abbreviations are spelled out first, so "UBND TP" and
"Ủy ban nhân dân thành phố" meet. A unit named relative to the document's
place ("UBND TP", "Công an tỉnh") keeps that place as its locality, so the id
of "UBND TP" in a Hà Nội article differs from the one in a Huế article.

Canonical policy (what makes two mentions one unit):

- The id is the search key of the name as written, plus the document's province only when the name
  is place-relative: ending on a bare place word ("Công an tỉnh", "UBND TP"), a party committee named
  by its level ("Tỉnh ủy"), or a bare council ("HĐND"). A name that carries its own place ("Sở Y tế
  tỉnh Long An") never takes the document's.
- A department named without a place ("Sở Nội vụ", "Cục Thuế") is NOT place-relative here, although
  every province has one: the Sở Nội vụ of two provinces share the id ``unit:so-noi-vu``. The better
  policy — such names take the document's province in the id ("Sở Nội vụ" in a Gia Lai text = "Sở
  Nội vụ tỉnh Gia Lai"), while the bare key "so noi vu" still resolves through the query layer's
  prefix match, which returns one candidate per province (issue #3) — was tried and breaks a dozen
  query tests and fixtures (tests/unit/test_query_resolve.py, test_query_search.py, the dashboard
  browser test) that are written on the current ids ("so noi vu" resolves to one unit). It is left
  for the owner of the query layer: the change is `is_place_relative` accepting a name that opens
  with "Sở", and `unit_key` appending "tinh <province>" (or "thanh pho <city>" for a centrally
  governed city) so that the bare and the written-out names meet, plus candidates labelled by
  locality.
- Within one document, `units.merge_units` already joins a bare name with its written-out form.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from thidua.understand.locality import ends_with_province
from thidua.understand.text import fold

# Folded abbreviation → folded expansion. Matching is on folded words, so the
# table is written without diacritics.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dbqh": "dai bieu quoc hoi",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "ubmttq": "uy ban mat tran to quoc",
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "tdkt": "thi dua khen thuong",
    "tp": "thanh pho",
    "tphcm": "thanh pho ho chi minh",
    "hcm": "ho chi minh",
    "vn": "viet nam",
    "bch": "ban chap hanh",
    "btv": "ban thuong vu",
    "qltt": "quan ly thi truong",
    "vhttdl": "van hoa the thao va du lich",
    "tand": "toa an nhan dan",
    "tandtc": "toa an nhan dan toi cao",
    "vksnd": "vien kiem sat nhan dan",
    "bhxh": "bao hiem xa hoi",
    "ldld": "lien doan lao dong",
    "chqs": "chi huy quan su",
    "bchqs": "bo chi huy quan su",
    "lhpn": "lien hiep phu nu",
    "cand": "cong an nhan dan",
    "annd": "an ninh nhan dan",
    "tncs": "thanh nien cong san",
    "thads": "thi hanh an dan su",
    "dh": "dai hoc",
    "ccb": "cuu chien binh",
    "hkh": "hoi khuyen hoc",
    "nn": "nong nghiep",
    "ptnt": "phat trien nong thon",
    "gd": "giao duc",
    "dt": "dao tao",
    "khdt": "ke hoach va dau tu",
    "tnmt": "tai nguyen va moi truong",
    "gtvt": "giao thong van tai",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "tt": "thong tin",
    "tttt": "thong tin va truyen thong",
    "kh": "khoa hoc",
    "khcn": "khoa hoc va cong nghe",
    "tw": "trung uong",
    "kbnn": "kho bac nha nuoc",
    "q": "quan",
    "hd": "hoi dong",
    "cty": "cong ty",
    "cp": "co phan",
    "gddt": "giao duc va dao tao",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "vhtt": "van hoa thong tin",
}

# Words that make a unit name relative to the place of the document: a bare place word at the end
# ("UBND TP", "Công an tỉnh"), a party committee named by its level ("Tỉnh ủy", "Ban Dân vận Quận ủy"),
# or a people's committee or council with nothing after it ("UBND", "HĐND").
_RELATIVE_PLACE = re.compile(r"\b(?:thanh pho|tinh|quan|huyen|thi xa|phuong|xa|thi tran)$")
_RELATIVE_COMMITTEE = re.compile(r"\b(?:tinh|thanh|huyen|quan|thi) uy$")
_BARE_COUNCILS = frozenset(
    {"uy ban nhan dan", "hoi dong nhan dan", "uy ban mat tran to quoc", "uy ban mat tran to quoc viet nam",
     "mat tran to quoc viet nam"}
)
# "Trung ương" written with a dot ("T.Ư") or as "TW".
_CENTRAL = re.compile(r"\bT\.\s?[ƯU]\b|\bT\.\s?W\b")

_TCHCM = re.compile(r"\btp\s*\.?\s*hcm\b|\btp\s*\.?\s*ho chi minh\b")
# Abbreviations glued by "&" or "-" ("GD&ĐT", "LĐ-TB&XH", "VH-TT&DL"): read as one when the joined
# form is known, so "Sở GD&ĐT" meets "Sở Giáo dục và Đào tạo"; "HĐND-UBND" stays two bodies.
_GLUED = re.compile(r"\b[A-ZĐ]{1,4}(?:\s?[&-]\s?[A-ZĐ]{1,4})+\b")


def _unglue(match: re.Match[str]) -> str:
    joined = fold(re.sub(r"[\s&-]", "", match.group(0)))
    return joined if joined in ABBREVIATIONS else match.group(0)


@lru_cache(maxsize=1 << 14)
def search_key(name: str) -> str:
    """Folded, abbreviation-expanded form of a name, for matching what people type."""
    name = _GLUED.sub(_unglue, name)
    folded = fold(_CENTRAL.sub("TW", name.replace("TP.HCM", "TPHCM").replace("TP. HCM", "TPHCM")))
    folded = _TCHCM.sub("tphcm", folded)
    words: list[str] = []
    for word in folded.split():
        words.extend(ABBREVIATIONS.get(word, word).split())
    return " ".join(words)


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _id(kind: str, key: str) -> str:
    # Ids are readable and bounded: long names keep a prefix plus a hash.
    slug = key.replace(" ", "-")
    if len(slug) > 60:
        slug = slug[:50].rstrip("-") + "-" + _short_hash(key)
    return f"{kind}:{slug}"


def is_place_relative(name: str) -> bool:
    """True for names like "UBND TP", "Công an tỉnh" or "Tỉnh ủy" that need the document's place.

    A name that ends with its own place ("tỉnh Hà Tĩnh", "Sở Y tế tỉnh Long An") is not relative.
    """
    key = search_key(name)
    if ends_with_province(key):
        return False
    return bool(_RELATIVE_PLACE.search(key) or _RELATIVE_COMMITTEE.search(key) or key in _BARE_COUNCILS)


def unit_key(name: str, locality: str | None = None) -> str:
    """Search key of a unit; a place-relative name gets the locality appended."""
    key = search_key(name)
    if locality and is_place_relative(name):
        key = f"{key} {search_key(locality)}"
    return key


def unit_id(name: str, locality: str | None = None) -> str:
    """Stable id of a unit, e.g. ``unit:so-noi-vu``."""
    return _id("unit", unit_key(name, locality))


_BLOC_NUMBER = re.compile(r"^(khoi|cum)(?: thi dua)?(?: cap \w+)?(?: so)? ([ivxlc]+|\d{1,3})\b")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _arabic(number: str) -> str:
    if number.isdigit():
        return str(int(number))
    total, prev = 0, 0
    for ch in reversed(number):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return str(total)


def bloc_id(name: str) -> str:
    """Stable id of a bloc or cluster, e.g. ``bloc:khoi-thi-dua-8``.

    A bloc's number is written many ways: "Khối thi đua VIII", "Khối thi đua số 8" and
    "Khối 8" give one id.
    """
    key = search_key(name)
    key = _BLOC_NUMBER.sub(lambda m: f"{m.group(1)} thi dua {_arabic(m.group(2))}", key)
    key = re.sub(r"^(cum|khoi) thi dua so\b", r"\1 thi dua", key)
    return _id("bloc", key)


def leader_id(name: str) -> str:
    """Stable id of a person, from the folded name."""
    return _id("leader", fold(name))
