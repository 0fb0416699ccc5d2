"""The grammar of organisation and place names over the words of one sentence.

`parse_org` reads one name at a word: a head from `orgnames.HEADS`, then its
tail (capitalised words, nested heads, lower-case field words, "và" inside a
field, a number after "Sư đoàn"), then a place ("tỉnh", "thành phố Cần Thơ",
"Quận 7"). `scan` walks a sentence and also spells out shared-noun lists:
"các sở Nội vụ, Tài chính" gives "Sở Nội vụ" and "Sở Tài chính";
"Liên đoàn Lao động các tỉnh: Bến Tre, Trà Vinh" gives "Liên đoàn Lao
động tỉnh Bến Tre" and "Liên đoàn Lao động tỉnh Trà Vinh".
"""

from __future__ import annotations

import re
from functools import lru_cache

from thidua.understand import orgnames as lex
from thidua.understand.locality import is_province, province_prefix
from thidua.understand.orgnames import words as _words
from thidua.understand.persons import SURNAMES
from thidua.understand.places import address, distribute_over_places, parse_place, place_org, plural_place
from thidua.understand.text import fold
from thidua.understand.tokens import Segment, Token
from thidua.understand.words import (
    ABBREVIATIONS,
    GENERIC_BEFORE,
    MIDDLE_NAMES,
    Org,
    Place,
    Words,
    capitalise,
    caps_run,
    is_generic,
    is_post_start,
    match_head,
    person_at,
    stops_name,
)

# Heads whose field may be only a place ("Công an tỉnh", "Thanh tra TP").
_PLACE_TAIL_HEADS = frozenset(
    {("công", "an"), ("thanh", "tra"), ("bảo", "hiểm", "xã", "hội"), ("bhxh",), ("cục", "thuế"),
     ("chi", "cục", "thuế"), ("kho", "bạc"), ("hải", "quan"), ("ngân", "hàng", "nhà", "nước"), ("nhnn",),
     ("bộ", "chqs"), ("ban", "chqs"), ("bđbp",),
     ("bchqs",), ("bộ", "tư", "lệnh"), ("bộ", "đội", "biên", "phòng"), ("hạt", "kiểm", "lâm"),
     # provincial branches of national services named by their place ("Bưu điện tỉnh", "Viễn thông huyện")
     ("đài", "khí", "tượng", "thủy", "văn"), ("bưu", "điện"), ("viễn", "thông"), ("điện", "lực")}
)


def _paren_abbreviation(w: Words, k: int) -> int:
    """ "(LHPN)", "(CCB)", "(CHQS)" inside a name: the words to skip, 0 when there is none."""
    tokens = w.tokens
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" and tokens[k + 1].upper:
        return 3
    return 0


def _tail(w: Words, j: int, head: lex.Head) -> tuple[int, Place | None, frozenset[int]]:
    """Extend a name after its head: its end, the place that closed it, words left out of the name."""
    fields = lex.field_phrases()
    tokens = w.tokens
    n_tok = len(tokens)
    place: Place | None = None
    skip: set[int] = set()
    k = j
    inner = head.words  # the innermost head read so far ("Ban" in "Văn phòng Ban Chỉ đạo 389")
    while k < n_tok and k not in w.shouted:
        tok = tokens[k]
        if head.numbered and k == j and tok.is_num:
            k += 1
            continue
        if inner == ("ban",) and w.low(k - 2, 2) == ["tổ", "chức"] and k - 2 >= j - 1:
            event_end = _organised_event(w, k)
            if event_end:
                k = event_end  # "Ban Tổ chức Hội thi tay nghề huyện X lần thứ V"
                break
        if k > j and inner in _NUMBERED_AFTER_FIELD:
            number = _name_number(w, k)
            if number:
                k += number  # "Ban Chỉ đạo 389 tỉnh", "Đội Quản lý thị trường số 2"
                continue
        if (k > j or len(head.words) > 1) and w.low(k, 2) == ["chi", "nhánh"] and k + 2 < n_tok:
            branch = _branch_place(w, k + 2)
            if branch is not None:
                place, k = branch  # "Ngân hàng TMCP Công Thương chi nhánh Hải Liên": the branch is the body
                break
        words = w.low(k)
        n = lex.longest_phrase(words, fields)
        if n and _verb_not_field(w, k, n, j):
            break  # "Sở Tài chính tham mưu giải ngân …": the field word is the verb of the clause
        if n:
            k += n
            continue
        paren = _paren_abbreviation(w, k)
        if paren:
            skip.update(range(k, k + paren))
            k += paren
            continue
        if tok.cap:
            nested = match_head(w, k)
            if nested is not None and len(nested[0].words) >= 2 and nested[0].words[-1] == "ủy":
                k += nested[1]  # "Ban Dân vận Quận ủy Châu Thành": the party committee, not the district
                continue
        pl = parse_place(w, k, bare_ok=True)
        if pl is not None and (not tok.cap or tok.low in ("tp", "tp.hcm", "tphcm") or pl.name is not None
                               or tok.text in ("Thành", "Tỉnh", "Quận", "Huyện")):
            place = pl
            k = pl.end
            # "Phân hiệu … tại Gia Lai", "Tòa án cấp cao tại X"
            if k + 1 < n_tok and tokens[k].low == "tại" and head.kind in ("school", "court", "agency"):
                there = parse_place(w, k + 1, bare_ok=False)
                if there is None and is_province(w.text(k + 1, k + 3)):
                    there = Place(k + 1, k + 3, "tỉnh", w.text(k + 1, k + 3))
                if there is not None:
                    place, k = there, there.end
            break
        if k + 1 < n_tok and tok.low == "tại" and head.kind in ("school", "court") and k > j:
            nxt_place = parse_place(w, k + 1, bare_ok=False)
            if nxt_place is None:
                hit = province_prefix([t.text for t in tokens[k + 1 : k + 5]])
                if hit is not None:
                    nxt_place = Place(k + 1, k + 1 + hit[1], "tỉnh", hit[0])
            if nxt_place is not None:
                place, k = nxt_place, nxt_place.end
                break
        field_next = lex.longest_phrase(words[1:], fields)
        more = k + 1 < n_tok and (tokens[k + 1].cap or field_next)
        if tok.text == "&" and k > j and tokens[k - 1].upper and k + 1 < n_tok and tokens[k + 1].upper:
            k += 2  # "Sở GD&ĐT"
            continue
        if tok.low in lex.LINKERS and more:
            if tok.low == "các" and k == j and head.words[-1] == "khối":
                k += 1  # "Đoàn Khối các cơ quan tỉnh"
                continue
            if tok.low == "các" and head.words[0] != "liên" and not field_next:
                break  # "Liên hiệp các Hội …", "Ban Quản lý các khu công nghiệp"; not "Sở Nội vụ các tỉnh"
            k += 1
            continue
        if tok.low == "và" and (k > j or len(head.words) > 1) and k + 1 < n_tok:
            nxt = tokens[k + 1]
            prev = tokens[k - 1]
            joined = prev.low == "đbqh" or (prev.low == "hội" and tokens[k - 2].low == "quốc")
            council = prev.low in ("hđnd", "hdnd") or tuple(w.low(k - 4, 4)) == ("hội", "đồng", "nhân", "dân")
            joined = joined or council
            if joined and nxt.low in ("hđnd", "hdnd", "hội", "ubnd", "ủy"):  # "Văn phòng HĐND và UBND huyện"
                k += 1
                continue
            if match_head(w, k + 1) or not (nxt.cap or lex.longest_phrase(words[1:], fields)):
                break
            if is_post_start(w, k + 1) or person_at(w, k + 1):
                break
            k += 1
            continue
        if tok.low == "-" and k + 1 < n_tok:
            nxt = tokens[k + 1]
            if ((nxt.cap or lex.longest_phrase(words[1:], fields)) and not match_head(w, k + 1)
                    and not stops_name(w, k + 1) and not person_at(w, k + 1)
                    and not _caps_person_like(w, k + 1)):
                k += 1
                continue
            break
        if tok.is_word and (tok.cap or tok.upper):
            if tok.low == "khối" and tokens[k - 1].low in ("ủy", "đoàn"):
                k += 1  # "Đảng ủy Khối các cơ quan tỉnh", "Công đoàn Khối Doanh nghiệp"
                if k < n_tok and tokens[k].low == "các":
                    k += 1
                continue
            if stops_name(w, k):
                break
            if person_at(w, k) and not (head.kind in ("school", "company") and k > j) and not (
                    k == j and _listed_name(w, j - len(head.words), k)):
                break  # but a school may bear a person's name ("Trường Tiểu học Nguyễn Văn Trỗi")
            nested = match_head(w, k)
            if nested is not None and k > j and _committee_parent(w, k, nested[0], inner):
                break  # "Ban Tiếp công dân | UBND tỉnh X": the parent, written on
            if nested is not None:
                k += nested[1]
                inner = nested[0].words
                if nested[0].numbered and k < n_tok and tokens[k].is_num:
                    k += 1
                continue
            k = max(k + 1, _word_end(w, k))
            numbered_name = head.kind in ("school", "company")
            if numbered_name and k < n_tok and tokens[k].is_num and len(tokens[k].text) <= 2:
                k += 1  # "Trường THPT Lê Lợi 2", "Công ty Xi măng Hà Tiên 1"
            continue
        if head.kind == "company" and tok.is_word and not tok.cap and k > j:
            bridge = _lower_bridge(w, k)
            if bridge:
                k += bridge  # "Công ty TNHH MTV Xổ số kiến thiết Phú Yên"
                continue
        break
    # A name never ends on a linker or a conjunction.
    while k > j and tokens[k - 1].low in ("và", "các", "ngành", "-", ","):
        k -= 1
    return k, place, frozenset(skip)


_NUMBERED_AFTER_FIELD = frozenset({("ban",), ("đội",)})
def _branch_place(w: Words, k: int) -> tuple[Place, int] | None:
    """The place a branch is named by after "chi nhánh" ("tỉnh X", "X"), and where it ends."""
    pl = parse_place(w, k, bare_ok=True)
    if pl is not None and pl.name is not None:
        return pl, pl.end
    if pl is not None:
        # "chi nhánh tỉnh Đồng Sương": an unknown province, whatever its first syllable looks like
        n = caps_run(w, pl.end, 3)
        end = pl.end + n
        tokens = w.tokens
        closed = end == len(tokens) or not (tokens[end].is_word and tokens[end].cap)
        person = any(t.low in MIDDLE_NAMES for t in tokens[pl.end + 1 : end])  # "tỉnh Lê Văn Hưu"
        if n >= 2 and closed and not person:
            return Place(pl.start, end, pl.level, w.text(pl.end, end)), end
        return None
    n = caps_run(w, k, 3)
    if n == 0 or stops_name(w, k) or person_at(w, k) or match_head(w, k):
        return None
    return Place(k, k + n, "tỉnh", w.text(k, k + n)), k + n


# Field words that are also verbs ("tham mưu" = to advise, "tổng hợp" = to compile).
_VERB_FIELDS = frozenset({("tham", "mưu"), ("tổng", "hợp")})


def _verb_not_field(w: Words, k: int, n: int, j: int) -> bool:
    """A lower-case field word after a name already read, followed by a lower-case word that no
    field or place goes on with, is the clause's verb ("Sở Tài chính tham mưu giải ngân vốn")."""
    tokens = w.tokens
    if k <= j or tuple(w.low(k, n)) not in _VERB_FIELDS or tokens[k].cap:
        return False
    after = k + n
    if after >= len(tokens) or not tokens[after].is_word or tokens[after].cap:
        return False
    if lex.longest_phrase(w.low(after), lex.field_phrases()):
        return False
    return parse_place(w, after, bare_ok=True) is None


_EVENT_NOUNS = frozenset(
    {("đại", "hội"), ("hội", "nghị"), ("hội", "thi"), ("hội", "thao"), ("hội", "diễn"), ("lễ",),
     ("cuộc", "thi"), ("liên", "hoan"), ("giải",)}
)
_ORDINAL = re.compile(r"^(?:[IVXLC]+|\d{1,2})$")


def _organised_event(w: Words, k: int) -> int:
    """The end of the event an organising committee is named after ("Ban Tổ chức | Hội thao công nhân
    viên chức huyện X lần thứ V"), 0 when the words at k name no event.

    The event's name ends after its edition ("lần thứ V"), else after its place or its year; without
    one of these within a few words only the kind of event is taken ("Ban Tổ chức Hội thi").
    """
    tokens = w.tokens
    words = w.low(k, 2)
    noun = next((len(e) for e in _EVENT_NOUNS if tuple(words[: len(e)]) == e), 0)
    if not (tokens[k].cap and noun):
        return 0
    end = k + noun  # at least the kind of event ("Ban Tổ chức Hội thi")
    m = k + 1
    while m < len(tokens) and m - k <= 16 and tokens[m].text not in (",", ";", ".", ":", "(", ")"):
        low = w.low(m, 3)
        if low[:2] == ["lần", "thứ"] and m + 2 < len(tokens) and _ORDINAL.match(tokens[m + 2].text):
            return m + 3
        if low[0] == "năm" and m + 1 < len(tokens) and _YEAR.match(tokens[m + 1].text):
            end = m + 2
            m += 2
            continue
        place = parse_place(w, m, bare_ok=True)
        if place is not None:
            end = place.end
            m = place.end
            continue
        if tokens[m].low in _NOT_IN_BRIDGE:
            break
        m += 1
    return end
_YEAR = re.compile(r"^(19|20)\d\d$")


_FIELD_AGENCIES = frozenset({("ban",), ("phòng",), ("vụ",), ("cục",), ("chi", "cục"), ("trung", "tâm")})


def _committee_parent(w: Words, k: int, nested: lex.Head, inner: tuple[str, ...]) -> bool:
    """A province's people's committee, its place named, written right after a department that already
    has its field ("Ban Tiếp công dân Ủy ban nhân dân tỉnh X"): the department's parent, not
    part of its name (a "Văn phòng UBND tỉnh" has no field before the committee, so it stays whole)."""
    if nested.kind != "gov" or inner not in _FIELD_AGENCIES or w.tokens[k - 1].low in lex.LINKERS:
        return False
    place = parse_place(w, k + len(nested.words), bare_ok=False)
    return place is not None and place.name is not None and place.level in ("tỉnh", "thành phố")


def _name_number(w: Words, k: int) -> int:
    """A number closing a name ("389", "số 2"), not a year: the words it takes, 0 when none."""
    tokens = w.tokens
    if tokens[k].low == "số" and k + 1 < len(tokens) and tokens[k + 1].is_num:
        return 2
    if tokens[k].is_num and len(tokens[k].text) <= 4 and not _YEAR.match(tokens[k].text):
        return 1
    return 0


def _word_end(w: Words, k: int) -> int:
    """The end of the word at k, unless the tokenizer glued a verb onto a name ("Phan Thiết ký")."""
    end = w.word_end(k)
    tokens = w.tokens
    if any(not tokens[m].cap and tokens[m].low in _NOT_IN_BRIDGE for m in range(k + 1, end)):
        return k + 1
    return end


_NOT_IN_BRIDGE = frozenset(
    [*_words("tổ đã đang sẽ vừa được là có trao tặng nhận ký kí với cho tại của và trong năm ngày"), "đạt",
     "làm", "do", "về", "đến", "kiêm"]
)


def _lower_bridge(w: Words, k: int) -> int:
    """Lower-case words inside a company's name, closed by a capitalised word of the name (0 if none)."""
    tokens = w.tokens
    n = 0
    while k + n < len(tokens) and n < 4 and tokens[k + n].is_word and not tokens[k + n].cap:
        if tokens[k + n].low in _NOT_IN_BRIDGE or tokens[k + n].is_num:
            return 0
        n += 1
    end = k + n
    if n == 0 or end >= len(tokens) or not (tokens[end].is_word and tokens[end].cap):
        return 0
    if stops_name(w, end) or person_at(w, end) or match_head(w, end):
        return 0
    return n


def _listed_name(w: Words, i: int, k: int) -> bool:
    """Whether the surname-led words at k, right after the head at i, are the body's own name in a
    list of bodies ("gồm Huyện đoàn Lạc Sơn Tây và …"): the head follows a list word, the words
    end at a list boundary, and no middle name ("Văn", "Thị") marks them as a person."""
    tokens = w.tokens
    if i <= 0 or tokens[i - 1].low not in ("gồm", ",", "(", "và", ":", ";", "là"):
        return False
    end = k + caps_run(w, k, 4)
    return (end - k >= 2 and tokens[k + 1].low not in MIDDLE_NAMES
            and (end == len(tokens) or tokens[end].low in (",", "và", ")", ";", ".")))


def _caps_person_like(w: Words, i: int) -> bool:
    return caps_run(w, i, 4) >= 2 and w.tokens[i].low in SURNAMES


def _generic_after(w: Words, j: int) -> bool:
    """ "HĐND các cấp", "Viện kiểm sát hai cấp": a kind of body, not one body."""
    after = tuple(w.low(j, 2))
    if after in (("các", "cấp"), ("các", "ngành")):
        return True
    return after[1:] == ("cấp",) and after[0] in GENERIC_BEFORE


def _in_code(tokens: tuple[Token, ...], i: int) -> bool:
    """A word glued into a document number ("44/KH-UBND")."""
    if i == 0 or i >= len(tokens):
        return False
    prev = tokens[i - 1]
    glued = prev.end == tokens[i].start and i >= 2 and tokens[i - 2].end == prev.start
    return prev.text in ("-", "/") and glued


def _kind(head: lex.Head, name: str) -> str:
    folded = fold(name)
    if head.words in (("hội", "đồng"), ("hđ",)) and ("thi dua" in folded or "tdkt" in folded):
        return "council"
    return head.kind


def parse_org(w: Words, i: int, *, lower: bool = False, after_office: bool = False) -> Org | None:
    """One organisation name starting at word i, or None."""
    tokens = w.tokens
    if i >= len(tokens) or _in_code(tokens, i):
        return None
    hit = match_head(w, i, lower=lower, after_office=after_office)
    if hit is None:
        return None
    head, n = hit
    j = i + n
    end, place, skip = _tail(w, j, head)
    has_field = end > j and (place is None or place.start > j)
    if not has_field:
        if place is None:
            if head.needs_tail:
                return None
        elif head.needs_tail and head.words not in _PLACE_TAIL_HEADS:
            return None
    if not tokens[i].cap and not (j < len(tokens) and tokens[j].cap):
        return None  # "sở Nội vụ" yes; "chi cục xây dựng kế hoạch" no
    bare = end == j and place is None
    named_end = end  # the name; an address written after it (", huyện X, tỉnh Y") is read but left out
    if place is not None:
        end = address(w, end, place)
    elif head.kind in ("school", "company"):
        end = address(w, end, Place(end, end, "", "?"))  # "Trường THCS X, phường Y, quận Z"
    generic = (is_generic(tokens, i) or (place is None and plural_place(w, end) is not None)
               or _generic_after(w, end)
               or (bare and head.kind == "mass" and head.words[0] not in ("tỉnh", "thành", "huyện", "quận")))
    if end == named_end:
        end = named_end = _semicolon_item(w, i, end)
    name = capitalise(w.text(i, named_end, skip))
    return Org(
        name=name, i=i, j=end, start=tokens[i].start, end=tokens[named_end - 1].end,
        kind=_kind(head, name), head=head.words, place=place, generic=generic,
    )


def _semicolon_item(w: Words, i: int, end: int) -> int:
    """In a list whose items are split by semicolons, a name runs on through its lower-case words.

    "Vụ Kiểm sát việc giải quyết các vụ, việc dân sự, VKSND tối cao; …": the
    item's commas are part of the name, up to the parent body after the last one.
    """
    tokens = w.tokens
    if not any(t.text == ";" for t in tokens):
        return end
    if i > 0 and tokens[i - 1].text not in (";", ":"):
        return end
    k = end
    last_good = end
    while k < len(tokens) and tokens[k].text not in (";", "."):
        tok = tokens[k]
        if tok.text == ",":
            if k + 1 < len(tokens) and match_head(w, k + 1):
                return last_good  # "…, VKSND tối cao;": the parent closes the item
            k += 1
            continue
        if not tok.is_word or tok.cap or tok.is_num or tok.low in _NOT_IN_ITEM or k - end > 20:
            return end
        k += 1
        last_good = k
    # the item must end where the list's next item begins, not at the end of a sentence
    return last_good if k < len(tokens) and tokens[k].text == ";" else end


_NOT_IN_ITEM = frozenset({"đã", "có", "được", "là", "sẽ", "đang", "tổ", "thực", "trong", "với", "cho"})


def _distribute_fields(w: Words, i: int) -> list[Org]:
    """ "các sở Nội vụ, Tài chính, Kế hoạch và Đầu tư" spelled out per field."""
    tokens = w.tokens
    if tokens[i].low != "các":
        return []
    hit = match_head(w, i + 1, lower=True)
    if hit is None:
        return []
    head, n = hit
    if head.kind not in ("agency", "mass", "court", "council") or len(head.words) > 2:
        return []
    out: list[Org] = []
    k = i + 1 + n
    head_text = capitalise(w.text(i + 1, i + 1 + n))
    while k < len(tokens):
        if not (tokens[k].cap or lex.longest_phrase(w.low(k), lex.field_phrases())):
            break
        if match_head(w, k) or is_post_start(w, k):
            break
        end, place, skip = _tail(w, k, head)
        if end == k:
            break
        out.append(Org(
            name=f"{head_text} {w.text(k, end, skip)}", i=k, j=end,
            start=tokens[i if not out else k].start, end=tokens[end - 1].end, kind=head.kind, head=head.words,
            place=place, shared=True, lead=i if not out else k,
        ))
        k = end
        if k + 1 < len(tokens) and (tokens[k].text == "," or tokens[k].low == "và"):
            k += 1
            continue
        break
    return out if len(out) >= 2 else []


def _share_place(orgs: list[Org], tokens: tuple[Token, ...]) -> None:
    """ "Huyện ủy, HĐND, UBND, Ủy ban MTTQ huyện Krông Pắc": the last place is everyone's."""
    run: list[Org] = []
    for org in orgs:
        if run and not _adjacent(tokens, run[-1], org):
            run = []
        run.append(org)
        if org.place is not None and len(run) > 1:
            for other in run[:-1]:
                if other.place is None and other.kind in ("gov", "party") and not other.shared:
                    if org.place.name is None:
                        if other.head[-1] != "ủy":  # "HĐND, UBND tỉnh": HĐND tỉnh
                            other.name = f"{other.name} {org.place.level}"
                    elif other.head[-1] == "ủy":
                        other.name = f"{other.name} {org.place.name}"
                    else:
                        other.name = f"{other.name} {org.place.level} {org.place.name}"
                    other.place = org.place
            run = []


def _adjacent(tokens: tuple[Token, ...], a: Org, b: Org) -> bool:
    between = [t.low for t in tokens[a.j : b.i]]
    return between in ([","], ["và"], [",", "và"])


_ROMAN = re.compile(r"^[IVXLC]+$")
_BRAND_VERBS = frozenset({"được", "vinh", "đã", "là", "tổ", "nhận", "đạt", "vừa"})


def _brand(w: Words, i: int) -> Org | None:
    """A company named by its acronym acting in the sentence ("VINACAM được bầu làm Khối trưởng")."""
    tokens = w.tokens
    tok = tokens[i]
    letters = [c for c in tok.text if c.isalpha()]
    if not tok.upper or len(letters) < 3 or tok.low in ABBREVIATIONS or _ROMAN.match(tok.text):
        return None
    if i + 1 >= len(tokens) or tokens[i + 1].low not in _BRAND_VERBS or _in_code(tokens, i):
        return None
    return Org(name=tok.text, i=i, j=i + 1, start=tok.start, end=tok.end, kind="company", head=(tok.low,))


@lru_cache(maxsize=4096)
def scan(seg: Segment, *, places: bool = True) -> tuple[Org, ...]:
    """Every organisation name in a sentence, shared-noun lists spelled out, places on request.

    The result is shared between callers (it is cached): do not change it.
    """
    w = Words.of(seg)
    tokens = w.tokens
    out: list[Org] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_word or i in w.shouted:
            i += 1
            continue
        spelled = _distribute_fields(w, i)
        if spelled:
            out.extend(spelled)
            i = spelled[-1].j
            continue
        # "thanh tra 5 tỉnh: …", "Hội Khuyến học 5 phường: …" (a head alone before the list)
        hit = match_head(w, i, lower=True)
        if hit is not None and plural_place(w, i + hit[1]) is not None:
            bare = Org(name=capitalise(w.text(i, i + hit[1])), i=i, j=i + hit[1], start=tok.start,
                       end=tokens[i + hit[1] - 1].end, kind=hit[0].kind, head=hit[0].words)
            spelled = distribute_over_places(w, bare, i + hit[1], i)
            if spelled:
                out.extend(spelled)
                i = spelled[-1].j
                continue
        org = parse_org(w, i, lower=i > 0 and tokens[i - 1].low == "các") or _brand(w, i)
        if org is not None:
            spelled = distribute_over_places(w, org, org.j, i) if org.place is None else []
            if spelled:
                out.extend(spelled)
                i = spelled[-1].j
                continue
            out.append(org)
            i = org.j
            continue
        if places:
            if tok.low in GENERIC_BEFORE or tok.is_num:
                spelled = distribute_over_places(w, None, i, i)
                if spelled:
                    out.extend(spelled)
                    i = spelled[-1].j
                    continue
            pl = parse_place(w, i, bare_ok=False)
            if pl is not None and pl.name is not None:
                out.append(place_org(w, pl))
                i = out[-1].j
                continue
        i += 1
    _share_place(out, tokens)
    _share_generic(out, tokens)
    return tuple(out)


def _share_generic(orgs: list[Org], tokens: tuple[Token, ...]) -> None:
    """ "Huyện ủy, HĐND, UBND các huyện trong Cụm": a list that ends on a kind of body is all generic."""
    run: list[Org] = []
    for org in orgs:
        if run and not _adjacent(tokens, run[-1], org):
            run = []
        run.append(org)
        if org.generic and len(run) > 1 and org.place is None and not org.shared:
            for other in run[:-1]:
                if other.place is None and other.kind in ("gov", "party") and not other.shared:
                    other.generic = True
            run = []
