"""People named in a sentence with the posts written next to their names.

Vietnamese official writing puts posts after the name ("ông Trương Văn A, Chánh
Văn phòng Sở Tài chính, Khối trưởng Khối thi đua IV") or before it ("Chủ tịch UBND
tỉnh Nguyễn Văn B", "Bí thư Thành ủy – Chủ tịch UBND thành phố - Trần Thị C").
`people_in` finds the names (after an honorific or a rank, or a surname-led
name next to a post) and reads the chain of posts on each side. A chain of
posts between two names belongs to the second when it runs straight into it
("Bí thư Tỉnh ủy X, Phó Ban công tác phụ nữ Y": the Phó Ban is Y).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from thidua.understand.orgs import parse_org, scan
from thidua.understand.persons import SURNAMES
from thidua.understand.places import parse_place, place_org
from thidua.understand.titles import (
    ABBREVIATED_POSTS,
    match_bloc_role,
    match_honorific,
    match_membership,
    match_office,
    match_rank,
)
from thidua.understand.tokens import Segment, Token
from thidua.understand.words import CLAUSE_WORDS, Org, Words, caps_run, match_head, person_at

_SEPARATORS = frozenset({",", "-", ":", "(", "|"})  # "|": the cells of a table row
_YEAR = re.compile(r"^(19|20)\d\d$")
_ROMAN = re.compile(r"^[IVXLC]+$")
# Words of a bloc reference after a bloc role ("Khối trưởng Khối thi đua V năm 2024").
_BLOC_WORDS = frozenset(
    ["khối", "cụm", "thi", "đua", "số", "năm", "học", "các", "cơ", "quan", "phường", "xã", "quận", "huyện",
     "tỉnh"]
)


@dataclass
class Post:
    """One post of a person: an office (with its body), a membership, a bloc role or a bare body."""

    kind: str  # office, membership, bloc_role, org
    text: str
    start: int  # character span in the document
    end: int
    org: Org | None = None
    role: str | None = None  # head / deputy for bloc roles
    year: int | None = None
    bloc: str | None = None


@dataclass
class Person:
    name: str
    start: int
    end: int
    seg: Segment
    i: int
    j: int
    honorific: str | None = None
    rank: str | None = None
    posts: list[Post] = field(default_factory=list)
    lead: int = -1  # first word of the honorific or rank before the name


def _bloc_ref(w: Words, k: int) -> tuple[int, int | None, str | None]:
    """Skip the bloc named after a bloc role; returns the end, a year and the bloc's words."""
    tokens = w.tokens
    start = k
    year: int | None = None
    while k < len(tokens):
        tok = tokens[k]
        if tok.low in _BLOC_WORDS or _ROMAN.match(tok.text) or tok.is_num:
            if _YEAR.match(tok.text):
                year = int(tok.text)
            k += 1
            continue
        if tok.low == "-" and k + 1 < len(tokens) and _YEAR.match(tokens[k + 1].text):
            k += 2
            continue
        if tok.cap and tok.is_word and tok.low not in CLAUSE_WORDS and not _post_len(w, k)[0]:
            k += 1
            continue
        break
    bloc = w.text(start, k) if k > start else None
    return k, year, bloc


def _post_len(w: Words, k: int) -> tuple[int, str]:
    """The longest post phrase at word k and its kind."""
    words = w.low(k, 10)
    if words and words[0] == "quyền" and k > 0 and w.tokens[k - 1].low == "ủy":
        return 0, ""  # "ủy quyền": delegated, not acting
    prefix = 1 if words and words[0] in ("nguyên", "quyền") else 0
    rest = words[prefix:]
    candidates = [
        (match_bloc_role(rest), "bloc_role"),
        (match_office(words), "office"),  # match_office reads the prefix itself
        (match_membership(rest), "membership"),
    ]
    best_n, best_kind = 0, ""
    for n, kind in candidates:
        total = n if kind == "office" else (n + prefix if n else 0)
        if total > best_n:
            best_n, best_kind = total, kind
    return best_n, best_kind


def _org_after(w: Words, k: int) -> Org | None:
    org = parse_org(w, k, lower=True, after_office=True)
    if org is not None:
        return org
    pl = parse_place(w, k, bare_ok=False)
    if pl is not None and pl.name is not None and pl.level in ("tỉnh", "thành phố", "huyện", "quận"):
        return place_org(w, pl)
    return None


def _named_body(w: Words, k: int) -> Org | None:
    """A body that no head word opens, named in capitals after an office ("Giám đốc Agribank Phú Yên")."""
    tokens = w.tokens
    n = 0
    while k + n < len(tokens) and n < 5 and tokens[k + n].is_word and tokens[k + n].cap:
        if tokens[k + n].low in CLAUSE_WORDS or _post_len(w, k + n)[0] or match_head(w, k + n):
            break
        n += 1
    if n == 0 or person_at(w, k) or (n == 2 and tokens[k].low in SURNAMES):
        return None
    if n == 1 and not tokens[k].upper and not (k + 1 < len(tokens) and tokens[k + 1].text in (",", ".", ";")):
        return None  # one capitalised word running on is rather the start of a clause
    end = k + n
    pl = parse_place(w, end, bare_ok=True)
    if pl is not None and (pl.name is not None or not tokens[end].cap):
        end = pl.end
    return Org(name=w.text(k, end), i=k, j=end, start=tokens[k].start, end=tokens[end - 1].end,
               kind="company", head=(tokens[k].low,), place=pl)


def _post_at(w: Words, k: int) -> tuple[Post, int] | None:
    """One post starting at word k, and the index after it."""
    tokens = w.tokens
    if k >= len(tokens):
        return None
    start_k = k
    if tokens[k].low == "đơn" and k + 1 < len(tokens) and tokens[k + 1].low == "vị":
        k += 2  # "- đơn vị Cụm trưởng"
    n, kind = _post_len(w, k)
    if not n:
        org = parse_org(w, k, lower=True, after_office=True) if k == start_k else None
        if org is None or org.generic:
            return None
        return Post("org", org.name, org.start, org.end, org=org), org.j
    end = k + n
    text = w.text(k, end)
    if kind == "office" and tokens[k].upper and tokens[k].low in ABBREVIATED_POSTS:
        return _spelled_out(_post_at_rest(w, k, end, kind))
    if kind == "bloc_role":
        role = "deputy" if "phó" in w.low(k, n) else "head"
        end2, year, bloc = _bloc_ref(w, end)
        post = Post("bloc_role", w.text(k, end2), tokens[start_k].start, tokens[end2 - 1].end, role=role,
                    year=year, bloc=bloc)
        return post, end2
    org = _org_after(w, end)
    if org is None and kind == "office" and end - 1 > k:
        # "Trưởng ban Tuyên giáo …", "Phó ban Thi đua tỉnh": the office's last word heads the body.
        last = end - 1
        if match_head(w, last, lower=True, after_office=True):
            org = parse_org(w, last, lower=True, after_office=True)
            if org is not None:
                end = last
                text = w.text(k, end)
    if org is None and kind == "office":
        org = _named_body(w, end)
    if org is None and kind == "office":
        # "Phó Chánh Văn phòng", "Giám đốc Sở", "Tổng Giám đốc Công ty": the body's kind, its name unsaid
        hit = match_head(w, end)
        if hit is not None and (end + hit[1] >= len(tokens) or not tokens[end + hit[1]].cap):
            end += hit[1]
            text = w.text(k, end)
    if org is None and end + 1 < len(tokens) and tokens[end].text == "," and kind == "office":
        # "Cục trưởng, Cục Quản lý thị trường tỉnh"
        nxt = parse_org(w, end + 1, lower=True, after_office=True)
        if nxt is not None and not _post_len(w, end + 1)[0]:
            org = nxt
            text = f"{text} {org.name}"
            return Post("office", text, tokens[k].start, org.end, org=org), org.j
    if org is not None and not org.generic:
        full = w.text(k, org.j) if org.i == end else f"{text} {org.name}"
        return Post(kind, full, tokens[k].start, org.end, org=org), org.j
    if kind == "office" and w.low(k, end - k) in (["trưởng"], ["phó"]):
        return None  # "Trưởng", "Phó" alone say nothing
    return Post(kind, text, tokens[k].start, tokens[end - 1].end), end


def _post_at_rest(w: Words, k: int, end: int, kind: str) -> tuple[Post, int]:
    """An abbreviated office ("PCT") with the body after it."""
    tokens = w.tokens
    org = _org_after(w, end)
    if org is not None and not org.generic:
        return Post(kind, w.text(k, org.j), tokens[k].start, org.end, org=org), org.j
    return Post(kind, w.text(k, end), tokens[k].start, tokens[end - 1].end), end


def _spelled_out(hit: tuple[Post, int]) -> tuple[Post, int]:
    post, end = hit
    first, _, rest = post.text.partition(" ")
    post.text = " ".join(p for p in (ABBREVIATED_POSTS[first.lower()], rest) if p)
    return post, end


def _chain(w: Words, k: int) -> tuple[list[Post], int]:
    """Posts one after another ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"), and the index after them.

    A body written alone after an office is that office's parent: "Phó Vụ trưởng Vụ Thi đua - Khen
    thưởng, Kho bạc Nhà nước" keeps the parent in the office's text.
    """
    posts: list[Post] = []
    tokens = w.tokens
    while k < len(tokens):
        hit = _post_at(w, k)
        if hit is None:
            break
        post, k = hit
        if post.kind == "org" and not posts:
            break
        if post.kind == "org" and posts[-1].kind == "office" and posts[-1].org is not None:
            last = posts[-1]
            last.text = f"{last.text}, {post.text}"
            last.end = post.end
        posts.append(post)
        # "Giám đốc Sở Tư pháp kiêm Khối trưởng": a second post held together with the first
        if k + 1 < len(tokens) and (tokens[k].low in _SEPARATORS or tokens[k].low == "kiêm"):
            nxt = _post_at(w, k + 1)
            if nxt is not None:
                k += 1
                continue
        break
    if posts and posts[0].kind == "org":
        return [], k
    return posts, k


def _name_after_honorific(w: Words, k: int) -> tuple[int, int] | None:
    """The name after an honorific or a rank (any two to four capitalised syllables)."""
    tokens = w.tokens
    if k < len(tokens) and tokens[k].text in (":", "."):
        k += 1  # "các ông: …", "ThS. …"
    run = caps_run(w, k, 4)
    if run == 0 and k < len(tokens) and _long_syllable(tokens[k].text):
        run = 1 + caps_run(w, k + 1, 3)  # a name in a minority language ("Chamaléa Thị X")
    for n in range(1, run):
        post = _post_len(w, k + n)[0]
        clause = tokens[k + n].low in CLAUSE_WORDS and not _closing_syllable(w, k + n, k + run)
        if clause or post >= 2 or (post == 1 and match_head(w, k + n + 1)):
            run = n
            break
    if run < 2 or k in w.shouted:
        return None
    end = k + run
    # "Lê Thu trang, Phó Bí thư …": a last syllable typed in lower case
    if (run == 2 and end + 1 < len(tokens) and tokens[end].is_word and tokens[end].text.isalpha()
            and tokens[end].text.islower() and tokens[end + 1].low in (",", "-")
            and _post_len(w, end + 2)[0]):
        end += 1
    return k, end


def _closing_syllable(w: Words, k: int, end: int) -> bool:
    """A capitalised common word that closes a name right before a separator ("Ông Trần Văn Sáng –
    Giám đốc …", "Ông Lâm Văn Được – …"): the last given name, not a new clause."""
    tokens = w.tokens
    return k == end - 1 and tokens[k].cap and (end == len(tokens) or tokens[end].text in _NAME_CLOSERS)


_NAME_CLOSERS = frozenset({",", "-", "–", "—", "(", ";", ":"})


def _long_syllable(text: str) -> bool:
    """A capitalised word longer than any Vietnamese syllable, as names in minority languages have."""
    return 7 < len(text) <= 12 and text[0].isupper() and text[1:].islower() and text.isalpha()


def _org_spans(seg: Segment) -> list[tuple[int, int]]:
    return [(o.i, o.j) for o in scan(seg)]


@lru_cache(maxsize=4096)
def people_in(seg: Segment) -> tuple[Person, ...]:
    """Every person named in a sentence with the posts written around the name."""
    w = Words.of(seg)
    tokens = w.tokens
    orgs = _org_spans(seg)
    inside = {k for a, b in orgs for k in range(a, b)}
    names: list[tuple[int, int, str | None, str | None, int]] = []
    k = 0
    while k < len(tokens):
        if k in inside or k in w.shouted:
            k += 1
            continue
        words = w.low(k, 4)
        hon = match_honorific(words)
        honorific = rank = None
        j = k
        if hon:
            words_h = w.low(k, hon)
            honorific = w.text(k + 1 if words_h[0] == "các" and hon > 1 else k, k + hon)
            j = k + hon
        r = match_rank(w.low(j, 3))
        if r:
            rank = w.text(j, j + r)
            j += r
        if j > k:
            span = _name_after_honorific(w, j)
            if span is not None:
                names.append((span[0], span[1], honorific, rank, k))
                k = span[1]
                continue
            k = j
            continue
        n = person_at(w, k) or _short_name_after_post(w, k)
        if n:
            names.append((k, k + n, None, None, k))
            k += n
            continue
        k += 1
    people: list[Person] = []
    for a, b, honorific, rank, lead in names:
        people.append(Person(
            name=" ".join(t.text[:1].upper() + t.text[1:] for t in tokens[a:b]),
            start=tokens[a].start, end=tokens[b - 1].end, seg=seg, i=a, j=b,
            honorific=honorific, rank=rank, lead=lead,
        ))
    _attach_posts(w, people)
    _table_bodies(w, people)
    return tuple(people)


def _attach_posts(w: Words, people: list[Person]) -> None:
    tokens = w.tokens
    for n, person in enumerate(people):
        nxt = people[n + 1] if n + 1 < len(people) else None
        # posts after the name
        k = _after_aside(tokens, person.j)
        if k < len(tokens) and tokens[k].low in _SEPARATORS:
            posts, end = _chain(w, k + 1)
            runs_into_next = nxt is not None and nxt.honorific is None and nxt.rank is None and (
                nxt.i == end or (nxt.i == end + 1 and tokens[end].low == "-"))
            if posts and not runs_into_next:
                person.posts.extend(posts)
        # posts before the name ("Chủ tịch UBND tỉnh X", "Giám đốc Sở Tài chính – ông X")
        k = person.i
        titled = person.honorific is not None or person.rank is not None
        if titled and person.lead > 0 and tokens[person.lead - 1].low in ("-", ":"):
            k = person.lead
            titled = False
        claimed = people[n - 1].posts if n > 0 else []
        if titled and person.lead > 0 and tokens[person.lead - 1].low == "," and not person.posts:
            # "Chính ủy BĐBP tỉnh X, Đại tá Y phát biểu": the post, then the rank and the name
            k = person.lead
            titled = False
        if not titled and k > 0:
            start = _chain_start_before(w, k, people[n - 1].j if n > 0 else 0)
            if start is not None and not any(p.start <= tokens[start].start < p.end for p in claimed):
                posts, end = _chain(w, start)
                if posts and end in (k, k - 1):
                    if _delegated(w, start):
                        posts = posts[1:]
                    person.posts[:0] = posts


def _after_aside(tokens: tuple[Token, ...], k: int) -> int:
    """Past a bracketed aside in lower case after a name ("(bìa trái)", "(thứ 2 từ phải sang)")."""
    if k >= len(tokens) or tokens[k].text != "(":
        return k
    for m in range(k + 1, min(len(tokens), k + 9)):
        if tokens[m].text == ")":
            return m + 1
        if not (tokens[m].is_num or (tokens[m].is_word and not tokens[m].cap)):
            return k
    return k


def _table_bodies(w: Words, people: list[Person]) -> None:
    """In a table row ("2 | Phòng Tư pháp huyện X | Lê Văn A | Trưởng phòng | Cụm phó"), a bare office
    ("Trưởng phòng") is held in the body named in a cell before the name."""
    tokens = w.tokens
    bars = [n for n, t in enumerate(tokens) if t.text == "|"]
    if len(bars) < 2:
        return
    edges = [-1, *bars, len(tokens)]
    cells = [(a + 1, b) for a, b in pairwise(edges)]
    bodies = {a: o for o in scan(w.seg) for a, b in cells if o.i == a and o.j == b and not o.generic}
    for person in people:
        cell = next((c for c in cells if c[0] <= person.i < c[1]), None)
        before = [bodies[a] for a, b in cells if cell is not None and b <= cell[0] and a in bodies]
        if not before:
            continue
        for post in person.posts:
            if post.kind == "office" and post.org is None:
                post.org = before[-1]


def _short_name_after_post(w: Words, k: int) -> int:
    """A two-syllable name right after a post ("Chủ tịch UBND tỉnh Lê Hòa"): 2, else 0."""
    tokens = w.tokens
    if k == 0 or tokens[k].low not in SURNAMES or caps_run(w, k, 3) != 2:
        return 0
    if k + 2 < len(tokens) and tokens[k + 2].is_word and tokens[k + 2].cap:
        return 0
    start = _chain_start_before(w, k, max(0, k - 30))
    if start is None or _named_before(w, start):
        return 0
    return 2


def _named_before(w: Words, start: int) -> bool:
    """A person is named right before the posts ("Ông A – Phó Giám đốc Sở X tỉnh Lạc Hồ"): the posts
    are his, and the two syllables after them close the place's name, not a second person's."""
    tokens = w.tokens
    sep = start - 1
    if sep < 2 or tokens[sep].text not in (",", "-", "–"):
        return False
    first = sep
    while first > 0 and sep - first < 4 and tokens[first - 1].is_word and tokens[first - 1].cap:
        first -= 1
    return sep - first >= 2 and any(person_at(w, m) == sep - m for m in range(first, sep - 1))


def _chain_start_before(w: Words, k: int, floor: int) -> int | None:
    """Where the longest chain of posts that ends right before word k begins (None when there is none)."""
    tokens = w.tokens
    end = k - 1 if tokens[k - 1].low in _SEPARATORS else k
    for start in range(max(floor, k - 30), end):
        if not tokens[start].is_word:
            continue
        posts, stop = _chain(w, start)
        if posts and stop in (k, end):
            return start
    return None


def _delegated(w: Words, start: int) -> bool:
    """ "thừa ủy quyền Bộ trưởng, Thứ trưởng X": the first post is the delegator's."""
    words = w.low(max(0, start - 3), 3)
    return ("quyền" in words and ("ủy" in words or "thừa" in words)) or words[-2:] == ["thay", "mặt"]
