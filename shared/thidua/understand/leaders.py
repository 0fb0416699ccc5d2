"""Leaders: named officials with their main posts, and the units of their offices.

People come from `people.people_in` (names after an honorific or a rank, or
surname-led names next to a post). A person counts as a leader only when some
mention gives a post, so bylines and photographers ("Ảnh: Hữu Thắng") drop out.
Mentions of one person are merged, a clipped name ("Lê Thu" next to
"Lê Thu Trang") joining the full one. The title keeps the offices with
their bodies; plain memberships ("Ủy viên BTV Tỉnh ủy"), bloc roles and
council chairs are left out of it when a main office is known. Every body a
leader holds an office in becomes a unit (GUIDE.md); bodies of memberships do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.understand.document import Document, Evidence, LeaderFact, UnitFact
from thidua.understand.entities import unit_key
from thidua.understand.orgs import scan
from thidua.understand.people import Person, Post, people_in
from thidua.understand.persons import SURNAMES
from thidua.understand.pipeline import step
from thidua.understand.text import fold, lines_with_offsets
from thidua.understand.titles import match_bloc_role, match_honorific, match_office
from thidua.understand.tokens import Segment, segments, tokenize
from thidua.understand.words import ABBREVIATIONS, Org

# Offices that are secondary to a main post: chairing the emulation council, standing membership.
_SECONDARY_OFFICE = ("uy vien thuong truc",)


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)
    mentions: list[Person] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), self.names.count(n)))

    @property
    def posts(self) -> list[Post]:
        return [p for m in self.mentions for p in m.posts]


def _group(people: list[Person]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for person in people:
        key = fold(person.name)
        groups.setdefault(key, _Group()).names.append(person.name)
        groups[key].mentions.append(person)
    # A clipped name joins the full one it starts ("le thu" → "le thu trang").
    keys = sorted(groups, key=lambda k: -len(k.split()))
    for short in sorted(groups, key=lambda k: len(k.split())):
        if short not in groups:
            continue
        for long in keys:
            if long != short and long in groups and long.split()[: len(short.split())] == short.split():
                groups[long].names.extend(groups[short].names)
                groups[long].mentions.extend(groups[short].mentions)
                del groups[short]
                break
    return list(groups.values())


def _is_secondary(post: Post) -> bool:
    if post.org is not None and post.org.kind == "council":
        return True
    return fold(post.text).startswith(_SECONDARY_OFFICE) or fold(post.text).startswith(
        tuple("nguyen " + s for s in _SECONDARY_OFFICE))


def _dedupe(posts: list[Post]) -> list[Post]:
    """Posts once each; a bare post that a fuller one contains ("Bí thư" and "Bí thư Thành ủy") goes."""
    out: list[Post] = []
    for post in posts:
        words = fold(post.text).split()
        if any(fold(o.text).split() == words for o in out):
            continue
        out.append(post)
    kept = []
    for post in out:
        words = fold(post.text).split()
        bigger = [o for o in out if o is not post and len(fold(o.text).split()) > len(words)
                  and fold(o.text).split()[: len(words)] == words]
        if not bigger:
            kept.append(post)
    return kept


def choose_title(posts: list[Post]) -> str | None:
    """The main post(s): offices first (council chairs and standing memberships only when alone)."""
    offices = _dedupe([p for p in posts if p.kind == "office"])
    main = [p for p in offices if not _is_secondary(p)]
    chosen = main or offices or _dedupe([p for p in posts if p.kind == "membership"])
    if not chosen:
        return None
    return ", ".join(p.text for p in chosen)


def _office_units(doc: Document, group: _Group) -> list[UnitFact]:
    units = []
    for person in group.mentions:
        for post in person.posts:
            if post.org is None or post.kind not in ("office", "org"):
                continue
            units.append(UnitFact(
                name=post.org.name,
                key=unit_key(post.org.name, doc.locality),
                locality=doc.locality,
                evidence=Evidence(sentence=person.seg.text, start=post.org.start, end=post.org.end),
                confidence=0.85,
                roles=["office"],
            ))
    return units


def leader_groups(doc: Document) -> list[_Group]:
    """The people of a document, mentions of one person merged, those with a post only.

    A heading in capitals that names a person after an honorific ("BÀI PHÁT BIỂU CỦA ĐỒNG CHÍ …, PHÓ
    CHỦ TỊCH UBND TỈNH …") is read re-cased: a speech may name its speaker nowhere else.
    """
    return _leader_groups(doc.text)


@lru_cache(maxsize=32)
def _leader_groups(text: str) -> list[_Group]:
    segs = segments(text)
    people = [p for seg in segs for p in people_in(_recased(seg, segs) if _names_in_capitals(seg) else seg)]
    people.extend(_signatures(text, segs))
    return [g for g in _group(people) if g.posts]


_SIGNING_FOR = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*\.\s*", re.IGNORECASE)


def _signatures(text: str, segs: tuple[Segment, ...]) -> list[Person]:
    """The signer of a letter, report or decision: a line holding only a name under a line in capitals
    that holds the signer's post ("GIÁM ĐỐC SỞ TÀI CHÍNH" / "Lường Văn Hải"; "KT. CHỦ TỊCH" / "PHÓ CHỦ
    TỊCH" / "Vi Thị Hạnh"), with the bloc role of a line above it ("CỤM TRƯỞNG"). A post written without
    its body is held in the body of the letterhead, the issuer in capitals on the first line ("ỦY BAN
    NHÂN DÂN TỈNH X")."""
    lines = lines_with_offsets(text)
    out: list[Person] = []
    for n in range(1, len(lines)):
        start, line = lines[n]
        post_start, post_line = lines[n - 1]
        # an honorific written as an abbreviation before the name ("BSCKII. Hoàng Văn Thiêm", "TS. …")
        name = _TITLE_ABBREVIATION.sub("", line.strip())
        words = name.split()
        if not 2 <= len(words) <= 4 or words[0].lower() not in SURNAMES:
            continue
        # a one-letter syllable is written in capitals ("Giàng A Sùng")
        if not all(x[:1].isupper() and (not x.isupper() or len(x) == 1) for x in words) or len(words[0]) == 1:
            continue
        post = _SIGNING_FOR.sub("", post_line.strip())
        if not _in_capitals(post) or not match_office(post.lower().split()):
            continue
        offset = post_start + len(post_line) - len(post_line.lstrip()) + len(post_line.strip()) - len(post)
        cased = _post_cased(_recased(Segment(offset, offset + len(post), post, tokenize(post, offset)), segs))
        first = offset
        chars = list(text[offset : start + len(line)])
        chars[: len(post)] = cased
        dropped = len(line.strip()) - len(name)  # the honorific before the name, blanked out
        at = start + len(line) - len(line.lstrip()) - offset
        chars[at : at + dropped] = " " * dropped
        role_start, role_line = lines[n - 2] if n >= 2 else (0, "")
        role = _SIGNING_FOR.sub("", role_line.strip())
        if role and _in_capitals(role) and match_bloc_role(role.lower().split()) == len(role.split()):
            first = role_start + len(role_line) - len(role)
            low = role.lower()
            chars = [*(low[:1].upper() + low[1:]), *text[first + len(role) : offset], *chars]
        joined = "".join(chars).replace("\n", ",")
        # the place closing the post is a place, whatever it looks like ("PHƯỜNG TRẦN HƯNG ĐẠO NAM")
        seg = Segment(first, first + len(joined), joined, tokenize(joined, first), _closing_place(cased))
        for person in people_in(seg):
            if fold(person.name) != fold(name):
                continue
            body = _letterhead(lines, segs)
            for k, held in enumerate(person.posts):
                if held.kind == "office" and held.org is None and body is not None:
                    text_ = f"{held.text} {body.name}"
                    person.posts[k] = Post(held.kind, text_, held.start, held.end, org=body)
            out.append(person)
    return out


_TITLE_ABBREVIATION = re.compile(r"^(?:[A-ZĐ][A-Za-zĐđ]{0,7}\.\s*)+(?=\S)")
_PLACE_WORD = re.compile(r"\b(?:tỉnh|thành phố|quận|huyện|thị xã|phường|xã|thị trấn)\s+(.+)$")


def _closing_place(post: str) -> frozenset[tuple[str, ...]]:
    """The name after the last place word of a post ("Chủ tịch UBND phường Trần Hưng Đạo Nam"), as the
    document's own place name."""
    found = list(_PLACE_WORD.finditer(post))
    if not found:
        return frozenset()
    m = found[-1]
    words = tuple(m.group(1).lower().split())
    return frozenset([words]) if 1 < len(words) <= 5 else frozenset()


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _post_cased(seg: Segment) -> str:
    """A post in capitals as it is written in a sentence: "Phó Giám đốc Sở …" (the office opens with a
    capital, and so does its core after "Phó"/"Tổng"; the body's first word opens with a capital)."""
    words = seg.text.split(" ")
    n = match_office([x.lower() for x in words])
    out = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in ABBREVIATIONS and k >= n:
            out.append(word)  # "UBND", "HĐND" stay in capitals
            continue
        opens = k == 0 or (k < n and words[k - 1].lower() in ("phó", "tổng")) or k == n
        out.append(low[:1].upper() + low[1:] if opens else (low if k < n else word))
    return " ".join(out)


def _letterhead(lines: list[tuple[int, str]], segs: tuple[Segment, ...]) -> Org | None:
    """The issuing body written in capitals on the document's first line, if any."""
    start, line = next(((a, x) for a, x in lines if x.strip()), (0, ""))
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 6 or not all(c.isupper() for c in letters):
        return None
    offset = start + len(line) - len(line.lstrip())
    seg = _recased(Segment(offset, offset + len(text), text, tokenize(text, offset)), segs)
    orgs = [o for o in scan(seg) if not o.generic]
    if orgs and orgs[0].i == 0:
        return orgs[0]
    return None


_PLACE_WORDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "thành", "phố", "thị", "trấn"})


def _names_in_capitals(seg: Segment) -> bool:
    if not seg.shouting:
        return False
    words = [t.low for t in seg.tokens]
    return any(match_honorific(words[n : n + 3]) >= 2 or words[n] in ("ông", "bà") for n in range(len(words)))


@lru_cache(maxsize=256)
def _recased(seg: Segment, segs: tuple[Segment, ...]) -> Segment:
    """A line in capitals written as the body writes its words ("ĐỒNG CHÍ NGUYỄN VĂN A, PHÓ CHỦ TỊCH UBND
    TỈNH X" → "Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh X"): abbreviations stay in capitals, place
    words go to lower case, a word that the body writes in lower case does so inside a phrase (not at
    its start, and not when it may open a name), every other word opens with a capital."""
    lower_in_body = {t.text for s in segs if not s.shouting for t in s.tokens if t.text.islower()}
    out = list(seg.text)
    previous_is_word = False
    for tok in seg.tokens:
        inside_phrase, previous_is_word = previous_is_word, tok.is_word
        if not tok.is_word or tok.low in ABBREVIATIONS:
            continue
        low = tok.text.lower()
        keep_lower = inside_phrase and low in lower_in_body and low not in SURNAMES
        word = low if low in _PLACE_WORDS or keep_lower else low[:1].upper() + low[1:]
        out[tok.start - seg.start : tok.end - seg.start] = word
    text = "".join(out)
    return Segment(seg.start, seg.end, text, tokenize(text, seg.start), seg.places)


@step(needs=("sentences", "units"), adds=("leaders",))
def find_leaders(doc: Document) -> None:
    """Named officials with their title, posts, honorific and rank; their offices' bodies become units."""
    leaders: list[LeaderFact] = []
    for group in leader_groups(doc):
        posts = group.posts
        title = choose_title(posts)
        first = next(m for m in group.mentions if m.posts)
        main = next(
            (p for p in posts if p.kind == "office" and p.org is not None and not _is_secondary(p)), None
        )
        leaders.append(LeaderFact(
            name=group.name,
            title=title,
            evidence=Evidence(sentence=first.seg.text, start=first.start, end=first.end),
            confidence=0.9 if any(m.honorific or m.rank for m in group.mentions) else 0.8,
            honorific=next((m.honorific for m in group.mentions if m.honorific), None),
            rank=next((m.rank for m in group.mentions if m.rank), None),
            posts=[p.text for p in _dedupe(posts)],
            unit=main.org.name if main is not None and main.org is not None else None,
        ))
        doc.units.extend(_office_units(doc, group))
    doc.leaders = leaders
