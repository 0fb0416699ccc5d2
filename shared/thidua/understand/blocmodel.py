"""A bloc being read: its mentions, members and roles; how mentions of one bloc are grouped, and
how one member written several ways ("UBND huyện X", "huyện X", "X") is kept once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.understand.blocgrammar import BlocMention
from thidua.understand.locality import is_province
from thidua.understand.text import fold
from thidua.understand.tokens import Segment
from thidua.understand.words import Org

YEAR = re.compile(r"^(19|20)\d\d$")


# Words of a descriptive name that do not tell blocs apart ("các phường" and "khối phường" are one).
_FILLER_WORDS = frozenset({"cac", "khoi", "cum", "thi", "dua"})


_PROVINCE_AFTER_PLACE_WORD = re.compile(r"\b(?:tinh|thanh pho) (?=(\w+ \w+(?: \w+)?)$)")


@dataclass
class Member:
    """A member unit as written, with where it is written (and its place level, for places)."""
    name: str
    start: int
    end: int
    seg: Segment
    level: str | None = None  # for places


@dataclass
class Role:
    """A unit named head or deputy of a bloc, for a year if one is written, elected or not."""
    unit: str
    role: str  # head / deputy
    year: int | None
    elected: bool
    start: int
    end: int
    seg: Segment


@dataclass
class Bloc:
    """One bloc as read so far: its mentions, members and roles."""
    mentions: list[BlocMention] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.mentions[0].kind

    @property
    def numbered(self) -> bool:
        return any(m.number is not None for m in self.mentions)

    @property
    def words(self) -> set[str]:
        return {x for m in self.mentions for x in m.words}

    @property
    def name(self) -> str:
        numbered = [m for m in self.mentions if m.number is not None and not m.words]
        pool = numbered or self.mentions
        return max(pool, key=lambda m: ("thi đua" in m.name.lower(), len(m.name.split()), -m.start)).name


def _same(a: Bloc, b: Bloc) -> bool:
    if a.kind != b.kind:
        return False
    na = {m.number for m in a.mentions if m.number is not None}
    nb = {m.number for m in b.mentions if m.number is not None}
    if na and nb:
        return bool(na & nb)
    wa, wb = a.words - _FILLER_WORDS, b.words - _FILLER_WORDS
    if na or nb or not wa or not wb:
        return False
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small & big) >= 0.8 * len(small)


def group_mentions(mentions: list[BlocMention]) -> list[Bloc]:
    """Group the mentions of one bloc; a document's only numbered bloc absorbs its description."""
    blocs: list[Bloc] = []
    for mention in mentions:
        candidate = Bloc([mention])
        for bloc in blocs:
            if _same(bloc, candidate):
                bloc.mentions.append(mention)
                break
        else:
            blocs.append(candidate)
    # A document's only numbered bloc and a description of the same kind are one bloc
    # ("Khối thi đua 6" and "khối các cơ quan Đảng, đoàn thể huyện").
    merged: list[Bloc] = []
    for bloc in blocs:
        numbered = [b for b in blocs if b.numbered and b.kind == bloc.kind]
        if not bloc.numbered and len(numbered) == 1:
            numbered[0].mentions.extend(bloc.mentions)
            continue
        merged.append(bloc)
    return merged


def nearest_bloc(blocs: list[Bloc], seg: Segment, k: int) -> Bloc | None:
    """The bloc named last before word k of a sentence, else the document's main bloc."""
    best: tuple[int, Bloc] | None = None
    for bloc in blocs:
        for m in bloc.mentions:
            if m.seg == seg and m.i <= k and (best is None or m.i > best[0]):
                best = (m.i, bloc)
    if best is not None:
        return best[1]
    return main_bloc(blocs)


def main_bloc(blocs: list[Bloc]) -> Bloc | None:
    """The bloc named most often (the first named among equals)."""
    if not blocs:
        return None
    return max(blocs, key=lambda b: (len(b.mentions), -b.mentions[0].start))


def place_level(org: Org) -> str | None:
    """The place level of a place name ("huyện" for "huyện X"), else None."""
    return org.place.level if org.kind == "place" and org.place is not None else None


@lru_cache(maxsize=1 << 14)
def member_key(name: str) -> str:
    """ "UBND phường An Phú, thành phố Tân An" → "phuong an phu": the body's own place, no committee prefix;
    "KBNN tỉnh Long An" and "KBNN Long An" meet."""
    key = fold(name.split(",")[0])
    for prefix in ("ubnd ", "uy ban nhan dan ", "bo chi huy ", "truong "):
        key = key[len(prefix):] if key.startswith(prefix) else key
    return _PROVINCE_AFTER_PLACE_WORD.sub(lambda m: "" if is_province(m.group(1)) else m.group(0), key)


def add_member(bloc: Bloc, member: Member) -> None:
    """Add a member once: "UBND huyện X", "Ủy ban nhân dân huyện X", "huyện X", "X" and "huyện X, tỉnh Y"
    are one member, as are "Phòng Tư pháp", "Phòng Tư pháp huyện" and "Phòng Tư pháp huyện X" (the first
    written is kept)."""
    key = member_key(member.name)
    for m in bloc.members:
        other = member_key(m.name)
        if other == key:
            return
        short, long = (other, key) if len(other) < len(key) else (key, other)
        if long.startswith(short + " ") and (long[len(short) + 1 :].split()[0] in PLACE_WORDS_FOLDED
                                             or short.split()[-1] in PLACE_WORDS_FOLDED):
            return  # "Phòng Tư pháp" / "Phòng Tư pháp huyện" / "Phòng Tư pháp huyện X"
        if long.split(" ", 1)[0] in PLACE_WORDS_FOLDED and long.split(" ", 1)[-1] == short:
            return  # "Mộc Châu" and "huyện Mộc Châu"
        base, _, last = short.rpartition(" ")
        if base and last in PLACE_WORDS_FOLDED and long.startswith(base + " ") and is_province(
                long[len(base) + 1 :]):
            return  # "Hội Chữ thập đỏ tỉnh" and "Hội Chữ thập đỏ Bến Tre" (from "… tỉnh Bến Tre")
    bloc.members.append(member)


def last_named(blocs: list[Bloc], offset: int) -> Bloc | None:
    """The bloc named last before a point of the text, else the document's main bloc."""
    before = [(m.start, b) for b in blocs for m in b.mentions if m.start < offset]
    return max(before, key=lambda x: x[0])[1] if before else main_bloc(blocs)


PLACE_WORDS_FOLDED = {"tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "phuong": "phường", "xa": "xã"}
