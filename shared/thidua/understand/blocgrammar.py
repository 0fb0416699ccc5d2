"""The grammar of bloc and cluster names ("Khối thi đua VI", "Cụm thi đua số 12",
"Khối thi đua các cơ quan nội chính, tổng hợp", "Cụm thi đua các tỉnh biên giới phía
Bắc", "Khối 5", "Cụm 2") and of the bloc roles written next to units.

A mention is numbered ("số IV", "3", "II") or descriptive (the words after
"thi đua" up to a verb or a preposition). A bare "Khối"/"khối thi đua" with
nothing after it refers back to the bloc already named. A body written right
after a numbered name is the bloc's parent ("Khối thi đua V – UBND Thành
phố", "Cụm thi đua số 3 thuộc Bộ Y tế"), not one of its units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.understand.orgnames import field_phrases, longest_phrase, phrases, words
from thidua.understand.orgs import parse_org
from thidua.understand.places import parse_place, place_org, plural_place
from thidua.understand.text import fold
from thidua.understand.tokens import Segment
from thidua.understand.words import GENERIC_BEFORE, Org, Place, Words, match_head

_ROMAN = re.compile(r"^[IVXLC]+$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Words and phrases that end a descriptive bloc name (verbs, prepositions, time words).
_STOP = frozenset(
    words(
        """
        đã đang sẽ vừa mới ký kí gồm bao là được do lấy năm trong tại với của thuộc họp nhằm để cho về
        từ đến hiện luôn cũng ra đạt làm trao tặng nhận lần ngày tháng sáng chiều và trên dưới theo cùng
        gửi có
        """
    )
)
_STOP_PHRASES = frozenset(
    tuple(p.split()) for p in phrases(
        """
        tham dự|tham gia|tổ chức|tiến hành|thống nhất|phát động|tổng kết|sơ kết|triển khai|đăng ký|
        hoàn thành|chủ trì|bình xét|suy tôn|chụp ảnh|vinh danh|biểu dương|tôn vinh|công bố|ban hành|
        giai đoạn|nhiệm kỳ|thi đua|xây dựng|thực hiện|thảo luận|góp ý|bàn giao|báo cáo|đề nghị|
        phấn đấu
        """
    )
)
# After a comma inside a descriptive name, the next category goes on ("nội chính, tổng hợp").
_CONTINUE_AFTER_COMMA = frozenset(
    [*words("tổng thành thị huyện quận phường xã ngành đoàn cao trung bệnh doanh cơ đơn trường viện hội sở"),
     "ban", "giúp", "văn", "mặt", "ủy"]
)
_NOT_BLOC_AFTER = frozenset(["trưởng", "phó"])
_NUMBER_WORDS = frozenset(["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"])


@dataclass
class BlocMention:
    kind: str  # "khối" or "cụm"
    name: str  # as written, e.g. "Khối thi đua số 9"
    number: int | None
    words: tuple[str, ...]  # folded descriptive words ("cac co quan tham muu")
    i: int  # token span in the sentence
    j: int
    start: int
    end: int
    seg: Segment
    parent: Org | None = None
    backref: bool = False  # "Khối", "khối thi đua", "trong Cụm"

    @property
    def key(self) -> tuple[str, str]:
        if self.number is not None:
            return self.kind, str(self.number)
        return self.kind, " ".join(self.words)


def roman_value(text: str) -> int | None:
    if not _ROMAN.match(text):
        return None
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def _number_at(w: Words, k: int) -> tuple[int, int] | None:
    """A bloc number at word k ("số 12", "VI", "3", "số IV"): (value, index after)."""
    tokens = w.tokens
    if k < len(tokens) and tokens[k].low == "số":
        k += 1
    if k >= len(tokens):
        return None
    text = tokens[k].text
    if text.isdigit() and len(text) <= 3:
        return int(text), k + 1
    roman = roman_value(text)
    if roman is not None:
        return roman, k + 1
    return None


def _descriptive(w: Words, k: int, *, after_thi_dua: bool = False) -> int:
    """The end of the descriptive part of a bloc name starting at word k (k when there is none)."""
    tokens = w.tokens
    start = k
    first = tokens[k] if k < len(tokens) else None
    if first is None or not first.is_word:
        return k
    low = first.low
    counted = (low in _NUMBER_WORDS or first.is_num) and k + 1 < len(tokens) and tokens[k + 1].low in (
        "tỉnh", "huyện", "quận", "phường", "thành")
    # "Khối thi đua nội chính huyện": a field written in lower case opens a name after "thi đua"
    field = after_thi_dua and longest_phrase(w.low(k, 4), field_phrases())
    opens = low in ("các", "khối", "cụm") or first.cap or first.upper or counted or bool(field)
    if not opens or low in _NOT_BLOC_AFTER or k in w.shouted or low in _STOP:
        return k
    while k < len(tokens) and k - start < 16:
        tok = tokens[k]
        low = tok.low
        if low == "có" and tuple(w.low(k + 1, 2)) == ("tính", "chất"):
            k += 3
            continue
        if low == "và" and k + 1 < len(tokens) and tokens[k + 1].low == "các":
            k += 1
            continue
        if low == "số" and _number_at(w, k):
            return _number_at(w, k)[1]  # type: ignore[index]
        if tok.is_word:
            if not tok.cap and k > start and (
                low in _STOP or (tuple(w.low(k, 2)) in _STOP_PHRASES and tokens[k - 1].low != "các")
            ):
                break
            k += 1
            continue
        if low == "," and k + 1 < len(tokens) and tokens[k + 1].low in _CONTINUE_AFTER_COMMA:
            k += 1
            continue
        if low == "-" and k + 1 < len(tokens) and (tokens[k + 1].cap or tokens[k + 1].low == "xã"):
            k += 1
            continue
        break
    while k > start and (not tokens[k - 1].is_word or tokens[k - 1].low in ("và", "các")):
        k -= 1
    return k


def _parent(w: Words, k: int) -> Org | None:
    """A body written right after a bloc's name: its parent ("– UBND Thành phố", "thuộc Bộ …")."""
    tokens = w.tokens
    if k < len(tokens) and tokens[k].low in ("-", "thuộc"):
        k += 1
    org = parse_org(w, k)
    if org is None:
        pl = parse_place(w, k, bare_ok=False)
        if pl is not None and pl.name is not None:
            org = place_org(w, pl)  # "Cụm thi đua số 6 thành phố Hải Phòng"
    if org is None and k < len(tokens) and tokens[k].cap:
        hit = match_head(w, k)
        if hit is not None and plural_place(w, k + hit[1]) is not None:
            end = k + hit[1]  # "– Thanh tra các huyện": the kind of body the bloc is made of
            org = Org(name=w.text(k, end), i=k, j=end, start=tokens[k].start, end=tokens[end - 1].end,
                      kind=hit[0].kind, head=hit[0].words, generic=True)
    if org is not None and org.generic and org.place is None:
        plural = plural_place(w, org.j)
        if plural is not None:  # the level of its members' places: "Phòng Tư pháp các huyện" → huyện
            org.place = Place(org.j, plural[1], plural[0], None)
    return org


def shouted_bloc_mentions(seg: Segment) -> tuple[BlocMention, ...]:
    """Blocs named in a line written in capitals ("BIÊN BẢN HỌP KHỐI THI ĐUA SỐ 4"), names re-cased.

    Used only when the body names no bloc: a headline in capitals repeats, and sometimes
    garbles, what the body says.
    """
    w = Words(seg)
    w.shouted = frozenset()
    out = []
    for m in _mentions(w):
        name = m.name[:1].upper() + m.name[1:].lower()
        name = re.sub(r"\b([ivxlc]+)$", lambda r: r.group(1).upper(), name)
        out.append(
            BlocMention(m.kind, name, m.number, m.words, m.i, m.j, m.start, m.end, seg, None, m.backref)
        )
    return tuple(out)


@lru_cache(maxsize=4096)
def bloc_mentions(seg: Segment) -> tuple[BlocMention, ...]:
    """Every bloc or cluster named (or referred back to) in a sentence."""
    return _mentions(Words.of(seg))


def _mentions(w: Words) -> tuple[BlocMention, ...]:
    seg = w.seg
    tokens = w.tokens
    out: list[BlocMention] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.low not in ("khối", "cụm") or k in w.shouted:
            k += 1
            continue
        i = k
        j = k + 1
        if i > 0 and tokens[i - 1].low in ("ủy", "đoàn"):
            k = j  # "Đảng ủy Khối …", "Công đoàn Khối …": a committee's name, not an emulation bloc
            continue
        if j < len(tokens) and tokens[j].low in _NOT_BLOC_AFTER:
            k = j + 1
            continue
        prev = tokens[i - 1] if i > 0 else None
        generic = prev is not None and (prev.low in GENERIC_BEFORE or (prev.is_num and int(prev.text) < 100))
        if i > 0 and tokens[i - 1].low == "," and i > 1 and tokens[i - 2].low in ("khối", "cụm"):
            generic = True  # "các cụm, khối thi đua"
        if tuple(w.low(j, 2)) == ("thi", "đua"):
            j += 2
        if j < len(tokens) and tokens[j].low == "cấp" and j + 1 < len(tokens):
            # "cụm thi đua cấp tỉnh số IV"; "cụm thi đua cấp chi cục" is a kind of cluster, not one
            m = j + 2 if tokens[j + 1].low != "chi" else j + 3
            if _number_at(w, m):
                j = m
            else:
                k = m
                continue
        number = _number_at(w, j)
        words: tuple[str, ...] = ()
        parent: Org | None = None
        if number is not None:
            value, end = number
            parent = _parent(w, end)
            name_end = end
            if parent is None and end < len(tokens) and tokens[end].low == "các":
                # "Cụm thi đua số 3 các VKSND cấp huyện tỉnh Sóc Trăng": the number's bloc, described
                name_end = _descriptive(w, end)
                words = tuple(fold(w.text(end, name_end)).split())
        else:
            value = None
            end = _descriptive(w, j, after_thi_dua=j >= i + 3 and w.low(i + 1, 2) == ["thi", "đua"])
            name_end = end
            # "Khối thi đua các Hội quần chúng số 2": a number may close a descriptive name
            words = tuple(fold(w.text(j, end)).split())
        backref = value is None and not words
        if generic:
            k = max(end, k + 1)
            continue
        if words and words[0] == "cac" and len(words) == 1:
            backref, words = True, ()
        name = w.text(i, name_end)
        name = name[:1].upper() + name[1:]
        trailing = re.search(r"\bsố\s+(\d+|[IVXLC]+)$", name)
        if value is None and trailing:
            value = int(trailing.group(1)) if trailing.group(1).isdigit() else roman_value(trailing.group(1))
        out.append(BlocMention(
            kind=tok.low, name=name, number=value, words=words, i=i, j=name_end,
            start=tokens[i].start, end=tokens[name_end - 1].end, seg=seg, parent=parent, backref=backref,
        ))
        k = max(name_end, k + 1)
    return tuple(out)
