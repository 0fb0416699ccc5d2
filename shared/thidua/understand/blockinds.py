"""Members by kind: a bloc named for a kind of unit ("các tỉnh …", "Phòng Tư pháp các huyện") counts
the units of that kind acting in the text; the place hosting a bloc of places of its level."""

from __future__ import annotations

import re
from bisect import bisect_right

from thidua.understand import orgnames as lex
from thidua.understand.blocgrammar import bloc_mentions
from thidua.understand.blocmodel import PLACE_WORDS_FOLDED, Bloc, Member, add_member, main_bloc
from thidua.understand.document import Document, Evidence, UnitFact
from thidua.understand.entities import unit_key
from thidua.understand.orgs import scan
from thidua.understand.text import fold
from thidua.understand.tokens import segments
from thidua.understand.words import Words

_CENTRAL_CITIES = frozenset(
    fold(n) for n in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
)


def _level_of(name: str, level: str) -> int:
    if level == "thành phố":
        return 1 if fold(name) in _CENTRAL_CITIES else 2
    return lex.PLACE_LEVEL.get(level, 0)


_KIND_OF_MEMBERS = re.compile(
    r"\bcác (tỉnh|huyện|quận|phường|xã|thị xã|thành phố) (?:trong|thuộc) (cụm|khối)\b", re.IGNORECASE
)


def _member_types(
    bloc: Bloc, kinds: list[tuple[int, str]], main: bool, bloc_starts: frozenset[int]
) -> list[list[str]]:
    """The kinds of unit a bloc is made of: "các Chi cục Thuế khu vực …" → chi cuc thue khu vuc;
    "các tỉnh …" → tinh; "các huyện trong Cụm thi đua số 4" → huyen for that cluster ("trong Cụm" alone:
    the document's main bloc); "Cụm thi đua số 2 – Thanh tra các huyện" → thanh tra."""
    types = []
    for m in bloc.mentions:
        words = list(m.words)
        if words[:1] == ["cac"] and len(words) > 1:
            types.append(words[1:])
        if m.parent is not None and m.parent.generic and m.parent.kind != "place":
            # "Cụm thi đua số 4 – Phòng Tư pháp các huyện": bodies of that kind at that level ("huyện")
            level = fold(m.parent.place.level).split() if m.parent.place is not None else []
            types.append([*fold(m.parent.name).split(), "*", *level])
    starts = {m.start for m in bloc.mentions}
    for at, kind in kinds:
        named = at in starts
        refers_back = main and at not in bloc_starts
        if named or refers_back:
            types.append(fold(kind).split())
    return types


def _bloc_name_starts(doc: Document) -> frozenset[int]:
    """Offsets where the text names a bloc (not a bare "Khối" referring back)."""
    return frozenset(m.start for seg in segments(doc.text) for m in bloc_mentions(seg) if not m.backref)


def type_members(doc: Document, blocs: list[Bloc]) -> None:
    """A bloc named for a kind of unit counts the units of that kind acting in the text as members.

    "Cụm thi đua các tỉnh Tây Nguyên" with "tỉnh Đắk Nông đã có thành tích …" or "Về phía
    tỉnh Kon Tum, …"; "Khối thi đua các Chi cục Thuế khu vực …" with "Chi cục Thuế khu vực X
    được suy tôn …": each takes part as one of the bloc's units.
    """
    main = main_bloc(blocs)
    segs = segments(doc.text)
    starts = [s.start for s in segs]
    named = _bloc_name_starts(doc)
    kinds = [(m.start(2), m.group(1)) for m in _KIND_OF_MEMBERS.finditer(doc.text)]  # "các huyện trong Cụm"
    folded: dict[str, list[str]] = {}
    for bloc in blocs:
        types = _member_types(bloc, kinds, bloc is main, named)
        if not types:
            continue
        for unit in doc.units:
            if not unit.roles or unit.roles[0] not in ("actor", "attendee", "awardee", "narrative"):
                continue
            if unit.name not in folded:
                folded[unit.name] = fold(unit.name).split()
            name = folded[unit.name]
            if name[:1] == ["ubnd"] or name[:4] == ["uy", "ban", "nhan", "dan"]:
                name = name[1:] if name[0] == "ubnd" else name[4:]
            if not any(_same_kind(name, t) for t in types):
                continue
            at = bisect_right(starts, unit.evidence.start) - 1
            seg = segs[at] if at >= 0 and unit.evidence.start < segs[at].end else None
            if seg is not None:
                level = PLACE_WORDS_FOLDED.get(name[0])
                add_member(bloc, Member(unit.name, unit.evidence.start, unit.evidence.end, seg, level))


def _same_kind(name: list[str], kind: list[str]) -> bool:
    """Whether a unit's folded name opens with the kind of unit a bloc is made of (and names a place of
    the level written after "*" in the kind, if any)."""
    if "*" in kind:
        at = kind.index("*")
        level = kind[at + 1 :]
        if level and not any(name[n : n + len(level)] == level for n in range(len(name))):
            return False
        kind = kind[:at]
    if name[:1] and name[0] in PLACE_WORDS_FOLDED:
        return kind[:1] == name[:1] and len(name) > 1
    shared = 0
    for a, b in zip(name, kind, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= 2 and len(name) > shared  # the kind alone ("Phòng Tư pháp") is no one unit


def venue_units(doc: Document, blocs: list[Bloc]) -> list[UnitFact]:
    """The place hosting a bloc of places of its own level ("tại tỉnh A, Cụm thi đua các tỉnh …")."""
    levels: set[int] = set()
    for bloc in blocs:
        for m in bloc.members:
            if m.level is not None and fold(m.name).startswith(fold(m.level)):
                levels.add(_level_of(m.name.split(" ", 1)[-1], m.level))
        # the kind of members a bloc is named for: "các tỉnh …", "các huyện, thành phố, thị xã"
        for kind in (list(m.words[1:3]) for m in bloc.mentions if m.words[:1] == ("cac",)):
            for word, level in (("tinh", 1), ("huyen", 2), ("quan", 2), ("phuong", 3), ("xa", 3)):
                if kind[:1] == [word]:
                    levels.add(level)
    if not levels:
        return []
    known = {fold(m.name) for b in blocs for m in b.members}
    out = []
    for seg in segments(doc.text):
        if not bloc_mentions(seg):
            continue
        w = Words.of(seg)
        for org in scan(seg):
            if org.kind != "place" or org.place is None or org.place.name is None:
                continue
            if org.i == 0 or w.tokens[org.i - 1].low != "tại":
                continue
            if _level_of(org.place.name, org.place.level) not in levels:
                continue
            if any(fold(org.place.name) in k for k in known):
                continue
            out.append(UnitFact(org.name, unit_key(org.name, doc.locality), doc.locality,
                                Evidence(seg.text, org.start, org.end), 0.6, ["host"]))
    return out
