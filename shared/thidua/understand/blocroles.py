"""Bloc roles: the units named Khối/Cụm trưởng or phó, directly ("do X làm Cụm trưởng", "X được
phân công làm Cụm trưởng", "Khối trưởng: X") or through a leader ("ông A, Giám đốc Sở X, Khối
trưởng"), and which of them leads the event, which is a deputy and which only next year's head."""

from __future__ import annotations

from collections.abc import Sequence

from thidua.understand.blocgrammar import bloc_mentions
from thidua.understand.blocmodel import YEAR, Bloc, Member, Role, add_member, nearest_bloc
from thidua.understand.document import Document
from thidua.understand.leaders import leader_groups
from thidua.understand.orgnames import words
from thidua.understand.people import people_in
from thidua.understand.titles import match_bloc_role
from thidua.understand.words import CLAUSE_WORDS, Org, Words, person_at

_CONNECTORS = frozenset(words(
    "là làm được giao nhiệm vụ bầu đơn vị giữ chức vai trò nhận - ( , do | phân công cử chọn"
))  # "X được phân công làm Cụm trưởng", "X được cử làm Khối phó"


def _year_near(w: Words, k: int) -> int | None:
    """The year written in the clause around word k ("năm 2024", "năm học 2022-2023")."""
    tokens = w.tokens
    best: tuple[int, int] | None = None
    for n, tok in enumerate(tokens):
        if YEAR.match(tok.text) and n > 0 and tokens[n - 1].low in ("năm", "học", "trong"):
            between = tokens[min(n, k) : max(n, k)]
            if any(t.low in (";", ".") for t in between):
                continue
            if best is None or abs(n - k) < abs(best[0] - k):
                best = (n, int(tok.text))
    return best[1] if best else None


def org_roles(w: Words, orgs: Sequence[Org]) -> list[Role]:
    """ "do X làm Cụm trưởng", "X là Khối trưởng", "bầu X làm Trưởng Khối", "giao … Cụm trưởng … cho X"."""
    tokens = w.tokens
    out: list[Role] = []
    people_spans = {
        k for p in people_in(w.seg) for post in p.posts for k in range(*_token_span(w, post.start, post.end))
    }
    for k in range(len(tokens)):
        n = match_bloc_role(w.low(k, 5))
        if not n or k in people_spans or (k > 0 and match_bloc_role(w.low(k - 1, 5))):
            continue
        role = "deputy" if "phó" in w.low(k, n) else "head"
        # "giao nhiệm vụ Cụm trưởng, Cụm thi đua số 4 năm học 2024-2025 cho Trường Đại học Tây Sơn, …"
        after = [o for o in orgs if o.i > k and o.i - k <= 14 and tokens[o.i - 1].low == "cho"
                 and not any(t.low in (";", ".") or match_bloc_role(w.low(m, 3))
                             for m, t in enumerate(tokens[k + n : o.i], start=k + n))]
        target: Org | None = None
        elected = False
        if after:
            target, elected = after[0], True
        else:
            before = [o for o in orgs if o.j <= k and all(t.low in _CONNECTORS for t in tokens[o.j : k])]
            target = before[-1] if before else _named_before(w, k)
            if target is not None:
                elected = _chosen_for_later(w, target.i, k)
        if target is None:
            # "Khối trưởng năm 2024 là Sở Tư pháp"
            later = [o for o in orgs if k + n <= o.i <= k + n + 4 and tokens[o.i - 1].low in ("là", ":")
                     and all(t.low in ("năm", "là", ":") or YEAR.match(t.text) for t in tokens[k + n : o.i])]
            target = later[0] if later else None
        if target is None:
            continue
        if k > 0 and tokens[k - 1].low == "tân":
            elected = True
        out.append(Role(target.name, role, _year_near(w, k), elected, target.start, target.end, w.seg))
    return out


def _named_before(w: Words, k: int) -> Org | None:
    """A body named in capitals right before "là/làm + bloc role" though no head word opens its name
    ("…, Viễn thông Phú Yên là Khối phó")."""
    tokens = w.tokens
    m = k
    while m > 0 and tokens[m - 1].low in ("là", "làm"):
        m -= 1
    if m == k:
        return None
    n = 0
    while m - n - 1 >= 0 and n < 5 and tokens[m - n - 1].is_word and tokens[m - n - 1].cap:
        n += 1
    start = m - n
    if n < 2 or person_at(w, start) or tokens[start].low in CLAUSE_WORDS:
        return None
    return Org(name=w.text(start, m), i=start, j=m, start=tokens[start].start, end=tokens[m - 1].end,
               kind="company", head=(tokens[start].low,))


def _token_span(w: Words, start: int, end: int) -> tuple[int, int]:
    idx = [n for n, t in enumerate(w.tokens) if start <= t.start < end]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _person_roles(doc: Document) -> list[tuple[Role, str | None, str]]:
    """Bloc roles held through a leader: his office's body is the head or deputy (with the bloc's words
    written after the role and the kind of bloc the role names, khối or cụm)."""
    out: list[tuple[Role, str | None, str]] = []
    for group in leader_groups(doc):
        unit = next((p.org.name for p in group.posts if p.kind == "office" and p.org is not None
                     and p.org.kind != "council"), None)
        if unit is None:
            continue
        for person in group.mentions:
            for post in person.posts:
                if post.kind == "bloc_role" and post.role is not None:
                    role = Role(unit, post.role, post.year, False, person.start, person.end, person.seg)
                    kind = "cụm" if post.text.lower().split()[0:2].count("cụm") else "khối"
                    out.append((role, post.bloc, kind))
    return out


def _event_year(doc: Document) -> int | None:
    if doc.event_date is not None:
        return doc.event_date.value.year
    if doc.published is not None:
        return doc.published.value.year
    return None


_ELECTION_CUES = ("bầu", "giới thiệu", "đề cử", "suy cử", "thống nhất", "nhất trí")


def _chosen_for_later(w: Words, i: int, k: int) -> bool:
    """Whether the clause elects or nominates the unit at word i for the role at word k ("bầu X làm …")."""
    tokens = w.tokens
    start = i
    while start > 0 and i - start < 20 and tokens[start - 1].low not in (";", "."):
        start -= 1
    clause = " ".join(w.low(start, k - start))
    return any(cue in clause for cue in _ELECTION_CUES)


def choose_head(bloc: Bloc, doc: Document) -> tuple[str | None, str | None, str | None]:
    """The head for the event's year, the deputy, and a head chosen for a later year."""
    year = _event_year(doc)

    def later_year(r: Role) -> bool:
        return r.year is not None and year is not None and r.year > year

    heads = [r for r in bloc.roles if r.role == "head"]
    deputies = [r for r in bloc.roles if r.role == "deputy" and not r.elected and not later_year(r)]
    acted = "tân khối trưởng" in doc.text.lower() or "tân cụm trưởng" in doc.text.lower()
    current = [r for r in heads if not r.elected and not later_year(r)]
    later = [r for r in heads if r.elected or later_year(r)]
    head = next_head = None
    if current:
        dated = [r for r in current if r.year is not None]
        if year is not None and any(r.year == year for r in dated):
            head = next(r for r in dated if r.year == year).unit
        elif dated:
            head = max(dated, key=lambda r: r.year or 0).unit
        else:
            head = current[0].unit
    for r in later:
        if head is None and (acted or (r.year is not None and year is not None and r.year <= year)):
            head = r.unit
        elif r.unit != head:
            next_head = r.unit
    deputy = deputies[0].unit if deputies else None
    return head, deputy, next_head


def as_listed(bloc: Bloc, unit: str | None) -> str | None:
    """A unit as the bloc's member list writes it (the list's spelling of the same member)."""
    if unit is None:
        return None
    probe = Bloc()
    add_member(probe, Member(unit, 0, 0, bloc.mentions[0].seg))
    for m in bloc.members:
        before = len(probe.members)
        add_member(probe, m)
        if len(probe.members) == before:
            return m.name
    return unit


def attach_person_roles(doc: Document, blocs: list[Bloc]) -> None:
    """Give each bloc the roles its leaders hold ("ông A, Giám đốc Sở X, Khối trưởng")."""
    for role, bloc_words, kind in _person_roles(doc):
        target = None
        if bloc_words:
            ref = [m for seg in [role.seg] for m in bloc_mentions(seg) if m.start >= role.start]
            for bloc in blocs:
                if any(m in bloc.mentions for m in ref[:1]):
                    target = bloc
        if target is None:
            # a Khối trưởng leads a khối: among blocs of both kinds, look only at those of the role's kind
            same_kind = [b for b in blocs if b.kind == kind]
            target = nearest_bloc(same_kind or blocs, role.seg, len(role.seg.tokens))
        if target is not None:
            target.roles.append(role)
