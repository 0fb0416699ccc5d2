"""The grammar of place names: "tỉnh Phú Yên", "Quận 7", "TP.HCM", a bare "tỉnh", an address
(", huyện X, tỉnh Y") and shared-noun lists of places ("các tỉnh: A, B và C").
"""

from __future__ import annotations

from thidua.understand import orgnames as lex
from thidua.understand.locality import province_prefix
from thidua.understand.persons import SURNAMES, looks_like_name_word
from thidua.understand.words import (
    GENERIC_BEFORE,
    MIDDLE_NAMES,
    Org,
    Place,
    Words,
    capitalise,
    caps_run,
    is_generic,
    known_place_at,
    match_head,
    person_at,
    stops_place,
)

_NOT_PLURAL = frozenset({"toàn", "cả", "mỗi", "từng", "llvt"})
_PLACE_FIRST = frozenset({w[0] for w in lex.PLACE_WORDS} | {"tp.hcm", "tphcm"})


def _place_name(w: Words, i: int, level: str) -> int:
    """How many words after a place word name the place (0 for a bare "tỉnh")."""
    tokens = w.tokens
    if i >= len(tokens) or i in w.shouted:
        return 0
    if tokens[i].is_num and level in ("quận", "phường", "huyện", "thành phố"):
        return 1
    texts = [t.text for t in tokens[i : i + 6]]
    hit = province_prefix([x for x in texts if x not in ("-", "–")][:4])
    if hit is not None and looks_like_name_word(tokens[i].text):
        k, taken = i, 0
        while taken < hit[1] and k < len(tokens):  # "Bà Rịa - Vũng Tàu": the dash is inside the span
            if tokens[k].text not in ("-", "–"):
                taken += 1
            k += 1
        return k - i
    known = known_place_at(w, i)
    if known:
        return known
    if level == "tỉnh":
        # A province missing from the gazetteer: two syllables that do not open a personal name.
        # "tỉnh Cam Lĩnh Ninh Văn Tường": two syllables, then the name of the office holder
        # ("tỉnh Hà Nguyên Vi Đức Thắng": then even a first syllable that is also a surname).
        holder = caps_run(w, i, 7) >= 5 and person_at(w, i + 2) >= 3
        two = ((caps_run(w, i, 3) == 2 and tokens[i].low not in SURNAMES) or holder) and (
            not stops_place(w, i))
        return 2 if two and not stops_place(w, i + 1) else 0
    run = caps_run(w, i, 5)
    for k in range(run):
        if stops_place(w, i + k):
            run = k
            break
    if run == 0:
        return 0
    # A person may follow a place written before his name ("UBND TP Nguyễn Văn A"); below the
    # city level three syllables are the place's own name ("huyện Dương Minh Châu").
    city = level == "thành phố"
    surname = tokens[i].low in SURNAMES
    if surname and run >= 2 and tokens[i + 1].low in ("văn", "thị"):
        return 0  # "UBND huyện Hồ Thị Thu Ba": a woman's or man's name, not a place
    if city and surname and (run >= 4 or (run == 3 and tokens[i + 1].low in MIDDLE_NAMES)):
        return 0
    if run >= 4:
        for k in range(1, run - 1):
            if person_at(w, i + k) >= 3:
                return k
        return 3
    return min(run, 3)


def parse_place(w: Words, i: int, *, bare_ok: bool = True) -> Place | None:
    """A place word and its name at word i ("tỉnh Phú Yên", "Quận 7", "TP.HCM", a bare "tỉnh")."""
    tokens = w.tokens
    if i >= len(tokens) or i in w.shouted:
        return None
    tok = tokens[i]
    low = tok.low
    if low not in _PLACE_FIRST:
        return None
    if low in ("tp.hcm", "tphcm"):
        return Place(i, i + 1, "thành phố", "Hồ Chí Minh")
    for words, level in lex.PLACE_WORDS.items():
        n = len(words)
        if tuple(w.low(i, n)) != words:
            continue
        if words == ("tp",) and not tok.text[0].isupper():
            continue
        j = i + n
        if (j + 1 < len(tokens) and tokens[j].text == "." and words == ("tp",)
                and looks_like_name_word(tokens[j + 1].text)):
            j += 1
        if words == ("tp",) and j < len(tokens) and tokens[j].low == "hcm":
            return Place(i, j + 1, "thành phố", "Hồ Chí Minh")
        k = _place_name(w, j, level)
        if k:
            return Place(i, j + k, level, w.text(j, j + k))
        if not bare_ok:
            return None
        return Place(i, j, level, None)
    return None


def address(w: Words, end: int, place: Place | None) -> int:
    """Extend over ", huyện X, tỉnh Y" written after a lower-level place."""
    if place is None or place.name is None:
        return end
    level = lex.PLACE_LEVEL.get(place.level, 4)  # a body with no place of its own takes any address
    tokens = w.tokens
    k = end
    while k + 1 < len(tokens) and tokens[k].text == ",":
        nxt = parse_place(w, k + 1, bare_ok=False)
        if nxt is None or nxt.name is None or tokens[k + 1].cap:
            break
        nxt_level = lex.PLACE_LEVEL.get(nxt.level, 0)
        if nxt_level >= level:
            break
        level = nxt_level
        k = nxt.end
    return k


def place_org(w: Words, pl: Place) -> Org:
    end = address(w, pl.end, pl)
    name = w.text(pl.start, pl.end)
    if pl.name is not None and pl.name.isdigit():
        name = capitalise(name)
    return Org(name=name, i=pl.start, j=end, start=w.tokens[pl.start].start, end=w.tokens[pl.end - 1].end,
               kind="place", head=(pl.level,), place=pl, generic=is_generic(w.tokens, pl.start))


def _place_item(w: Words, k: int, level: str, listed: bool = False) -> int:
    """Length of one place name in a list (a province for "tỉnh"; a number for "quận").

    A province name the gazetteer does not know is taken only where the text plainly lists
    provinces (`listed`: after "các tỉnh:", or once the list has begun) and never a region.
    """
    tokens = w.tokens
    if tokens[k].is_num:
        return 1 if level in ("quận", "phường") else 0
    window = tokens[k : k + 6]
    hit = province_prefix([t.text for t in window if t.low != "-"])
    if hit is not None and looks_like_name_word(tokens[k].text):
        taken = n = 0
        while taken < hit[1]:  # "Bà Rịa - Vũng Tàu": the dash is inside the name
            if window[n].low != "-":
                taken += 1
            n += 1
        return n
    if (level == "tỉnh" and not listed) or lex.longest_phrase(w.low(k, 5), lex.region_phrases()):
        return 0
    run = caps_run(w, k, 4)
    for n in range(run):
        if stops_place(w, k + n) or match_head(w, k + n):
            return n  # an honorific-like syllable is part of a place ("Anh Sơn", "Bà Rịa")
    return 0 if person_at(w, k) and not listed else run  # "các tỉnh: Mai Sơn, …" lists places


def names_list(w: Words, k: int, level: str) -> list[tuple[int, int, str, int]]:
    """Spans, levels and first words of a list of place names ("Bến Tre, Trà Vinh và Sóc Trăng", "7, 12").

    An item may bring its own place word ("Vĩnh Châu, Trần Đề và thị xã Ngã Bảy").
    """
    tokens = w.tokens
    items: list[tuple[int, int, str, int]] = []
    while k < len(tokens) and k not in w.shouted:
        own = parse_place(w, k, bare_ok=False)
        if own is not None and not items and own.level != level:
            own = None  # the first item may repeat the list's own place word ("6 phường: Phường 1, …")
        if own is not None and own.name is not None:
            items.append((own.end - len(own.name.split()), own.end, own.level, k))
            k = own.end
        else:
            listed = bool(items) or (k > 0 and tokens[k - 1].text == ":")
            n = _place_item(w, k, level, listed)
            if n == 0 and not listed:
                # "các tỉnh A, B và C": an unknown first name counts when another name follows it
                n = _place_item(w, k, level, True)
                after = k + n
                if not (n and after + 1 < len(tokens) and tokens[after].low in (",", "và")
                        and tokens[after + 1].cap and not match_head(w, after + 1)):
                    n = 0
            if n == 0:
                break
            items.append((k, k + n, level, k))
            k += n
        if k + 1 < len(tokens) and (tokens[k].text in (",", ";") or tokens[k].low == "và"):
            k += 1
            continue
        break
    return items


def plural_place(w: Words, k: int) -> tuple[str, int] | None:
    """ "các tỉnh", "5 tỉnh", "hai thành phố" (and a colon after): the place level and the index after it."""
    tokens = w.tokens
    if k >= len(tokens):
        return None
    tok = tokens[k]
    if tok.low in _NOT_PLURAL or not (tok.low in GENERIC_BEFORE or (tok.is_num and int(tok.text) <= 60)):
        return None  # "toàn tỉnh", "mỗi huyện", "LLVT tỉnh X" name no list of places
    for words, level in lex.PLACE_WORDS.items():
        n = len(words)
        if tuple(w.low(k + 1, n)) != words or words == ("tp",):
            continue
        if tokens[k + 1].cap and tok.low != "các":
            return None  # "10 Thành phố Hà Nội" is no list; "các Phường 12, 13" is
        end = k + 1 + n
        if end < len(tokens) and tokens[end].text == ":":
            end += 1
        return level, end
    return None


def _spell(head: str, level: str, name: str) -> str:
    place = f"{level.capitalize()} {name}" if name.isdigit() else f"{level} {name}"
    return f"{head} {place}" if head else place


def distribute_over_places(w: Words, org: Org | None, k: int, i0: int) -> list[Org]:
    """ORG + "các tỉnh: A, B và C" (or "các quận: 7, 12" with no ORG) spelled out per place."""
    plural = plural_place(w, k)
    if plural is None:
        return []
    level, k2 = plural
    items = names_list(w, k2, level)
    if not items:
        return []
    tokens = w.tokens
    head_text = org.name if org is not None else ""
    out: list[Org] = []
    for a, b, own, first in items:
        name = w.text(a, b)
        out.append(Org(
            name=capitalise(_spell(head_text, own, name)) if head_text else _spell("", own, name),
            i=a, j=b, start=tokens[i0].start if not out else tokens[a].start, end=tokens[b - 1].end,
            kind=org.kind if org is not None else "place", head=org.head if org is not None else (own,),
            place=Place(a, b, own, name), shared=True, lead=i0 if not out else first,
        ))
    return out
