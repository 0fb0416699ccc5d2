"""Forgiving entity resolution: what people type → canonical unit, bloc or leader.

Typed text is reduced to the same search key the catalogue is sorted by
(:func:`thidua.understand.entities.search_key`: any case, no diacritics, old
or new tone placement, UBND/HĐND/TP spelled out), then matched in order:

1. an id (``unit:so-noi-vu``) → that entity;
2. an exact key → that entity;
3. whole-word prefix ("so noi vu" → "so noi vu thanh pho ...") → one match
   resolves, several are returned as candidates (:class:`AmbiguousEntity`);
4. all typed words inside the name, any order (bounded read of the catalogue
   partition, still a Query) → same rule.

Nothing matches → :class:`UnknownEntity` with the nearest prefix suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from thidua.query.errors import AmbiguousEntity, Candidate, UnknownEntity
from thidua.query.reads import Item, Reader
from thidua.understand.entities import is_place_relative, search_key

KINDS = ("unit", "bloc", "leader")
KIND_LABELS = {"unit": "đơn vị", "bloc": "khối/cụm thi đua", "leader": "lãnh đạo"}
MAX_CANDIDATES = 20
# Pages of one catalogue partition read by the word-containment fallback (1 MB each).
FALLBACK_PAGES = 5

ENTITY_ID = re.compile(r"^(unit|bloc|leader):[a-z0-9][a-z0-9\-]*$")

# Words people put before a name that the catalogue does not hold: honorifics,
# military and police ranks, academic titles (folded).
_PERSON_PREFIXES = (
    "dong chi",
    "d c",
    "ong",
    "ba",
    "anh",
    "chi",
    "dai tuong",
    "thuong tuong",
    "trung tuong",
    "thieu tuong",
    "dai ta",
    "thuong ta",
    "trung ta",
    "thieu ta",
    "dai uy",
    "thuong uy",
    "trung uy",
    "thieu uy",
    "giao su",
    "pho giao su",
    "tien si",
    "thac si",
    "gs",
    "pgs",
    "ts",
    "ths",
    "bs",
    "ks",
    "ls",
)
_ROMAN = {
    1: "i",
    2: "ii",
    3: "iii",
    4: "iv",
    5: "v",
    6: "vi",
    7: "vii",
    8: "viii",
    9: "ix",
    10: "x",
    11: "xi",
    12: "xii",
    13: "xiii",
    14: "xiv",
    15: "xv",
    16: "xvi",
    17: "xvii",
    18: "xviii",
    19: "xix",
    20: "xx",
}
_ARABIC = {v: str(k) for k, v in _ROMAN.items()}


def _strip_person_prefixes(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _PERSON_PREFIXES:
            if key.startswith(prefix + " ") and len(key.split()) > len(prefix.split()) + 1:
                key = key[len(prefix) + 1 :]
                changed = True
    return key


def query_keys(kind: str, text: str) -> list[str]:
    """The catalogue keys to try for typed text (first is the main one)."""
    key = search_key(text)
    if kind == "leader":
        return [_strip_person_prefixes(key)]
    if kind != "bloc":
        return [key]
    key = re.sub(r"^(khoi|cum) thi dua so\b", r"\1 thi dua", key)
    if not re.match(r"^(khoi|cum)\b", key):
        # "VIII", "8" or "thi đua 8" alone: people mean the bloc of that number.
        key = re.sub(r"^thi dua\b\s*", "", key)
        key = f"khoi thi dua {key}"
    key = re.sub(r"^(khoi|cum)\s+(?!thi dua\b)", r"\1 thi dua ", key)
    keys = [key]
    # Bloc numbers are written both ways ("Khối thi đua 8" / "Khối thi đua VIII"), with or without "số".
    last = key.rsplit(" ", 1)[-1]
    if last.isdigit() and int(last) in _ROMAN:
        keys.append(key[: -len(last)] + _ROMAN[int(last)])
    elif last in _ARABIC:
        keys.append(key[: -len(last)] + _ARABIC[last])
    keys += [re.sub(r"^(khoi|cum) thi dua\b", r"\1 thi dua so", k) for k in keys if len(k.split()) == 4]
    return keys


def _candidate(kind: str, item: Item) -> Candidate:
    name = str(item.get("name") or item["id"])
    # Only a place-relative name ("Thanh tra tỉnh") is told apart by its locality.
    locality = item.get("locality") if kind == "unit" and is_place_relative(name) else None
    return Candidate(type=kind, id=str(item["id"]), name=name, locality=locality)


def _item_key(item: Item) -> str:
    return str(item["sk"]).rsplit("#", 1)[0]


def _unique(cands: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in cands:
        seen.setdefault(c.id, c)
    return list(seen.values())


def _prefix_items(reader: Reader, kind: str, prefix: str, limit: int) -> list[Item]:
    page = reader.catalogue(kind, prefix, limit=limit)
    return page.items


def suggest(reader: Reader, kind: str, text: str, *, limit: int = 10) -> list[Candidate]:
    """Typeahead: entities whose key starts with the typed text (then word containment)."""
    out: list[Candidate] = []
    for key in query_keys(kind, text):
        if key:
            out.extend(_candidate(kind, i) for i in _prefix_items(reader, kind, key, limit))
    out = _unique(out)
    if not out and len(search_key(text)) >= 3:
        out = _contained(reader, kind, query_keys(kind, text)[0], limit)
    return sorted(out, key=lambda c: (len(c.name), c.name))[:limit]


def _contained(reader: Reader, kind: str, key: str, limit: int) -> list[Candidate]:
    words = key.split()
    if not words:
        return []
    found: list[Candidate] = []
    start: dict[str, object] | None = None
    for _ in range(FALLBACK_PAGES):
        page = reader.catalogue(kind, "", start_key=start)
        for item in page.items:
            have = _item_key(item).split()
            if all(w in have for w in words):
                found.append(_candidate(kind, item))
        if page.last_key is None or len(found) > limit:
            break
        start = page.last_key
    return _unique(found)


def resolve(reader: Reader, kind: str, text: str) -> Candidate:
    """The one entity typed text refers to; AmbiguousEntity or UnknownEntity otherwise."""
    if kind not in KINDS:
        raise ValueError(kind)
    label = KIND_LABELS[kind]
    raw = text.strip()
    if ENTITY_ID.match(raw):
        if not raw.startswith(kind + ":"):
            raise UnknownEntity(label, raw)
        item = reader.entity(raw)
        if item is None:
            raise UnknownEntity(label, raw)
        return _candidate(kind, {**item, "id": raw})
    keys = [k for k in query_keys(kind, raw) if k]
    if not keys:
        raise UnknownEntity(label, raw)
    prefixed: list[Candidate] = []
    for key in keys:
        items = _prefix_items(reader, kind, key, MAX_CANDIDATES + 1)
        exact = [i for i in items if _item_key(i) == key]
        if len({str(i["id"]) for i in exact}) == 1:
            return _candidate(kind, exact[0])
        prefixed.extend(
            _candidate(kind, i) for i in items if _item_key(i).startswith(key + " ") or i in exact
        )
    prefixed = _unique(prefixed)
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise AmbiguousEntity(label, raw, prefixed[:MAX_CANDIDATES])
    contained = _contained(reader, kind, keys[0], MAX_CANDIDATES)
    if len(contained) == 1:
        return contained[0]
    if contained:
        raise AmbiguousEntity(label, raw, contained[:MAX_CANDIDATES])
    near = _unique(_candidate(kind, i) for i in _prefix_items(reader, kind, keys[0].split()[0], 5))
    raise UnknownEntity(label, raw, near)
