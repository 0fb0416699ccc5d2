"""How many awardees an award names, and of what kind: counts, recipient nouns, named units.

"12 tập thể và 07 cá nhân" after the form, "17 tập thể … được tặng" before it, "cho Sở A và
xã B" (named units count one each), "X đã vinh dự nhận" (the subject), and the unit voted the
leader earlier in the clause.
"""

from __future__ import annotations

import re

from thidua.understand.document import Recipient
from thidua.understand.numbers import COUNT_PATTERN, parse_count
from thidua.understand.spans import UPPER
from thidua.understand.text import fold

_I = re.IGNORECASE

_NUM = rf"(?:{COUNT_PATTERN})(?:/\d+)?"
_QUAL = r"(?:(?:gần|trên|hơn|khoảng|tổng\s+số|tổng\s+cộng|với|có|tất\s+cả|cả)\s+)?"
_COLLECTIVE = (
    r"công\s+đoàn\s+cơ\s+sở|công\s+đoàn\s+bộ\s+phận|tập\s+thể|đơn\s+vị|cụm,\s*khối(?:\s+thi\s+đua)?|cụm\s+thi\s+đua|khối\s+thi\s+đua|cơ\s+quan|doanh\s+nghiệp"
    r"|xã|phường|thị\s+trấn|trường|chi\s+bộ|tổ\s+chức|hợp\s+tác\s+xã|hộ\s+gia\s+đình|gia\s+đình|công\s+ty|địa\s+phương"
    r"|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|sở|ban|ngành|phòng|khoa|chi\s+đoàn|chi\s+hội|thôn|bản|ấp|khu\s+phố"
    r"|tổ\s+dân\s+phố|làng|bệnh\s+viện|câu\s+lạc\s+bộ|hộ|tổ|đội"
)
_PERSON = (
    r"cá\s+nhân|người|đồng\s+chí|cán\s+bộ|hội\s+viên|đảng\s+viên|đoàn\s+viên|chiến\s+sĩ|giáo\s+viên|học\s+sinh"
    r"|sinh\s+viên|công\s+nhân|nông\s+dân|cựu\s+chiến\s+binh|phụ\s+nữ|thanh\s+niên|y\s+bác\s+sĩ|vận\s+động\s+viên"
)
_MIXED = r"tập\s+thể\s*(?:,|và|và\s+các)\s*cá\s+nhân|cá\s+nhân\s*(?:,|và)\s*tập\s+thể|điển\s+hình|gương"
COUNTED = re.compile(
    rf"{_QUAL}(?P<n>{_NUM})\s+(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b", _I
)
RIGHT_START = re.compile(
    r"^[\s”\"]*(?:năm\s+\d{4}\s*)?,?\s*(?:(?:đã\s+)?được\s+(?:trao\s+tặng|trao|tặng|khen\s+tặng)\s+)?"
    r"(?:(?:cho|đến|tới)\s+|:\s*(?:cho\s+)?)",
    _I,
)
# "trao 15 Bằng khen … cho các tập thể": the number of awards written before the form.
PRE_COUNT = re.compile(
    rf"\b(?:trao(?:\s+tặng)?|tặng(?:\s+thưởng)?|khen\s+tặng|nhận|đón\s+nhận|có|với|gồm|và)\s+(?P<n>{COUNT_PATTERN})\s+$",
    _I,
)
GROUP_NOUN = re.compile(rf"^(?:các|những|toàn\s+thể)?\s*(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b", _I)
JOIN = re.compile(r"\s*(?:,|và|;)\s*(?:và\s+)?", _I)

# Head words that start the name of an organisation ("Sở …", "Công ty …"); capitalised.
_ORG_HEAD = (
    r"(?:Sở|Ban|Phòng|UBND|Ủy\s+ban|Uỷ\s+ban|Công\s+an|Cục|Chi\s+cục|Tổng\s+cục|Vụ|Viện|VKSND|TAND|Tòa\s+án"
    r"|Trường|Bệnh\s+viện|Trung\s+tâm|Công\s+ty|Tổng\s+công\s+ty|Hội(?!\s+(?:nghị|thảo|thao|diễn|thi|trại))"
    r"|Liên\s+đoàn|Liên\s+hiệp|Liên\s+minh|Đoàn|Huyện|Quận|Xã|Phường|Thị\s+xã|Thị\s+trấn|Thành\s+phố|Tỉnh|TP"
    r"|Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Quận\s+ủy|Đảng\s+ủy|Đảng\s+bộ|Bộ|Văn\s+phòng|Thanh\s+tra|Báo|Đài"
    r"|Ngân\s+hàng|Chi\s+nhánh|Kho\s+bạc|BHXH|Bảo\s+hiểm|Hợp\s+tác\s+xã|HTX|Nhà\s+máy|Xí\s+nghiệp|Sư\s+đoàn"
    r"|Lữ\s+đoàn|Trung\s+đoàn|Tiểu\s+đoàn|Đồn|Bộ\s+đội|Học\s+viện|Đại\s+học|Khoa|Tổ|Chi\s+bộ|Chi\s+hội"
    r"|Nhân\s+dân|Mặt\s+trận|MTTQ|Công\s+đoàn|Thư\s+viện|Bảo\s+tàng|Khu|Cụm|Khối|Hạt|Trạm|Đội|Nhà\s+xuất\s+bản"
    r"|Tập\s+đoàn|Cảng|Cảnh\s+sát|Phân\s+hiệu|Trại|Kiểm\s+lâm|Hải\s+quan|Điện\s+lực|Cơ\s+quan|Đơn\s+vị)\b"
)
# An upper-case abbreviation ("BĐBP tỉnh …", "KBNN Bình Phước") or a place noun before a
# capitalised name ("xã Yên Hòa", "huyện Sơn Hòa") also starts one.
# Abbreviations of groups of people or of award forms are not organisations.
_NOT_ORG_ACRONYM = (
    r"(?:CBCCVC|CBCC|CBCNV|CBCS|CNVCLĐ|CNVC|CNLĐ|NLĐ|CB|CCB|ĐVTN|ĐV|HSSV|HS|SV|GV|CSTĐ|LĐTT|LĐXS|TTLĐXS"
    r"|LLVT|VĐV)(?![^\W\d_])"
)
_ACRONYM_HEAD = rf"(?!{_NOT_ORG_ACRONYM}){UPPER}{{2,}}[0-9]*(?![^\W\d_])"
_PLACE_HEAD = rf"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\s+(?={UPPER}|\d)"
_ORG_START = re.compile(rf"{_ORG_HEAD}|{_ACRONYM_HEAD}|{_PLACE_HEAD}")
_TAP_THE_NAMED = re.compile(r"^(?:tập\s+thể|đơn\s+vị)\s+(?=[A-ZĐ])", re.UNICODE)
_HONORIFIC = re.compile(r"^(?:ông|bà|đồng\s+chí|đ/c|anh|chị)\s+(?=[A-ZĐ])", _I)
_NAMED_STOP = re.compile(
    r"\s+(?:vì|do|đã\s+có|có\s+thành\s+tích|đạt\s+thành\s+tích|về\s+thành\s+tích|trong\s+(?:phong\s+trào|năm|dịp)"
    r"|nhân\s+dịp|tại|năm\s+\d{4}|thuộc|đã\s+hoàn\s+thành|hoàn\s+thành|xuất\s+sắc|dẫn\s+đầu)\b|[;.:(]"
)

# The awardee as subject: "X đã vinh dự nhận …", "X được suy tôn danh hiệu …" (an active
# "UBND tỉnh tặng …" names the giver, so "tặng" needs "được").
_SUBJECT_VERB = re.compile(
    r"(?:\s+(?:đã|vừa|cũng))?(?:\s+(?:vinh\s+dự|rất\s+vinh\s+dự))?"
    r"\s+(?:(?:được\s+)?(?:đón\s+)?nhận|(?:đã\s+)?được\s+(?:suy\s+tôn|công\s+nhận|tặng|trao\s+tặng|trao)"
    # "X được đề nghị (Chánh án TAND tối cao) tặng …", "công nhận Trường đạt danh hiệu …"
    r"|(?:đã\s+)?được\s+đề\s+(?:nghị|xuất)(?:\s+[^\s,;:.]+){0,8}?\s+(?:tặng|trao\s+tặng|khen\s+tặng|công\s+nhận)"
    r"|(?:được\s+công\s+nhận\s+)?đạt)"
    r"(?:\s+danh\s+hiệu)?\s*[“\"]?\s*$",
    _I,
)
_COUNT_LEFT = re.compile(
    rf"(?<![\w/])(?P<n>{_NUM})\s+(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})"
    # the group's names may follow its count: "hai xã A và B được …", "Ba huyện A, B, C được …"
    rf"(?:(?:\s+\w+){{0,2}}?|(?:\s*,?\s+(?:và\s+)?{UPPER}\w*){{1,12}})\s+(?:đã\s+)?"
    r"(?:được|đạt|(?:vinh\s+dự\s+)?(?:đón\s+)?nhận)"
    r"(?:\s+[\wÀ-ỹ]+){0,6}?\s*(?:danh\s+hiệu\s+)?[“\"]?\s*$",
    _I,
)
HONOUR = re.compile(
    rf"\b(?:tuyên\s+dương|vinh\s+danh|biểu\s+dương|tôn\s+vinh)\s+(?:{_QUAL})?(?P<n>{_NUM})\s+"
    rf"(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b",
    _I,
)

def recipient_of(noun: str) -> Recipient | None:
    n = " ".join(noun.lower().split())
    if re.fullmatch(_MIXED, n, _I):
        return None
    if re.fullmatch(_PERSON, n, _I):
        return "ca_nhan"
    return "tap_the"


# "1 tập thể là Quỹ tín dụng X và 2 cá nhân", "2 đơn vị (A và B) và 5 cá nhân": the names of a
# counted group, written between it and the next count.
_APPOSITION = re.compile(r"\s*(?:\(|:|\blà\b|\bgồm\b)", _I)


def _next_count(text: str, pos: int, limit: int) -> int | None:
    """Where the next count of a list starts after `pos` (past a join and an apposition), if any."""
    j = JOIN.match(text, pos)
    if j and j.end() <= limit and COUNTED.match(text, j.end()):
        return j.end()
    apposition = _APPOSITION.match(text, pos, limit)
    if apposition is None:
        return None
    for j in JOIN.finditer(text, apposition.end(), min(limit, apposition.end() + 160)):
        if re.search(r"[;.:]", text[apposition.end() : j.start()]):
            return None
        if COUNTED.match(text, j.end()):
            return j.end()
    return None


def counted_list(text: str, pos: int, limit: int) -> tuple[list[tuple[int, Recipient | None]], int]:
    """Counts with their recipients from `pos`: "12 tập thể và 07 cá nhân" → [(12, tập thể), (7, cá nhân)]."""
    out: list[tuple[int, Recipient | None]] = []
    while pos < limit:
        m = COUNTED.match(text, pos)
        if not m:
            break
        n = parse_count(m.group("n"))
        if n is None:
            break
        out.append((n, recipient_of(m.group("noun"))))
        pos = m.end()
        following = _next_count(text, pos, limit)
        if following is None:
            break
        pos = following
    return out, pos


def _split_named(phrase: str, known: frozenset[str] = frozenset()) -> list[tuple[str, Recipient]]:
    """Named recipients: organisations split at their head words, people at their honorifics.

    `known` holds the folded names of units other steps found, so that a name without a head
    word ("cho THACO") still counts as an organisation.
    """
    phrase = phrase.strip(" ,")
    if _PEOPLE_OF_PLACE.match(phrase):
        return [(phrase, "tap_the")]  # "Đảng bộ, chính quyền và Nhân dân xã X, huyện Y" is one awardee
    pieces = re.split(r"\s*,\s*|\s+và\s+", phrase)
    out: list[tuple[str, Recipient]] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if _HONORIFIC.match(piece):
            out.append((piece, "ca_nhan"))
            continue
        named = _TAP_THE_NAMED.sub("", piece)
        if out and out[-1][1] == "tap_the" and _widens_address(out[-1][0], named):
            out[-1] = (out[-1][0] + ", " + piece, "tap_the")  # "xã X, huyện Y, tỉnh Z" is one address
        elif _ORG_START.match(named) or _is_known(named, known):
            out.append((named, "tap_the"))
        elif out and out[-1][1] == "tap_the":
            out[-1] = (out[-1][0] + ", " + piece, "tap_the")  # "huyện X, tỉnh Y", "và Dịch vụ …"
        elif out and out[-1][1] == "ca_nhan":
            continue  # ", nguyên Chủ tịch …" after a person's name
        else:
            return []
    return out


_PEOPLE_WORDS = (
    r"(?:đảng\s+bộ|chính\s+quyền|nhân\s+dân|cán\s+bộ|chiến\s+sĩ|các\s+dân\s+tộc|đoàn\s+viên|hội\s+viên"
    r"|người\s+lao\s+động|công\s+nhân\s+viên\s+chức|cán\s+bộ\s+công\s+nhân\s+viên)"
)
_PEOPLE_OF_PLACE = re.compile(rf"^(?:{_PEOPLE_WORDS}\s*(?:,|\bvà\b)\s*)+{_PEOPLE_WORDS}\b", _I)
_PLACE_LEVEL = (
    (re.compile(r"\b(?:xã|phường|thị\s+trấn)\s+", _I), 1),
    (re.compile(r"\b(?:huyện|quận|thị\s+xã)\s+", _I), 2),
    (re.compile(r"\b(?:tỉnh|thành\s+phố|TP\.?)\s*", _I), 3),
)


_PLACE_NOUN_FIRST = re.compile(r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|tỉnh|thành\s+phố|TP)\b")


def _place_level(text: str, *, first: bool) -> int:
    """The administrative level of the first (or last) place noun in a name; 0 when there is none."""
    found = [(m.start(), level) for pattern, level in _PLACE_LEVEL for m in pattern.finditer(text)]
    if not found:
        return 0
    return (min(found) if first else max(found))[1]


def _widens_address(previous: str, piece: str) -> bool:
    """Whether a piece only names the wider place of the previous one: "…xã X" then "huyện Y"."""
    level = _place_level(piece, first=True)
    if not level or not _PLACE_NOUN_FIRST.match(piece):
        return False
    return level > _place_level(previous, first=False) > 0


def _is_known(name: str, known: frozenset[str]) -> bool:
    if not known:
        return False
    folded = fold(name)
    return any(folded == k or folded.startswith(k + " ") for k in known)


def named_after(
    text: str, pos: int, limit: int, known: frozenset[str] = frozenset()
) -> tuple[list[tuple[str, Recipient]], int]:
    stop = _NAMED_STOP.search(text, pos, limit)
    end = stop.start() if stop else limit
    phrase = text[pos:end]
    if not phrase.strip() or len(phrase) > 200:
        return [], pos
    return _split_named(phrase, known), end


_LIST_JOIN_BEFORE = re.compile(r"(?:,|\bvà)\s*$", _I)


def left_counts(before: str) -> tuple[list[tuple[int, Recipient | None]], int]:
    """ "17 tập thể và 23 cá nhân được tặng …" → [(17, tập thể), (23, cá nhân)], and where the count is."""
    left = _COUNT_LEFT.search(before)
    if not left:
        return [], -1
    n = parse_count(left.group("n"))
    if n is None:
        return [], -1
    entries: list[tuple[int, Recipient | None]] = [(n, recipient_of(left.group("noun")))]
    head = before[: left.start()]
    while True:
        join = _LIST_JOIN_BEFORE.search(head)
        if not join:
            break
        previous = None
        for m in COUNTED.finditer(head[: join.start()]):
            previous = m
        if previous is None or head[previous.end() : join.start()].strip():
            break
        count = parse_count(previous.group("n"))
        if count is None:
            break
        entries.insert(0, (count, recipient_of(previous.group("noun"))))
        head = head[: previous.start()]
    return entries, left.start()


# What ends the words before a subject: a semicolon or colon, or a comma not followed by a place.
_SUBJECT_CUT = re.compile(r"[;:]|,\s+(?!(?:huyện|tỉnh|thành\s+phố|quận|xã|phường|thị\s+xã|TP)\b)")


def _subject_names(span: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The named units that end `span` ("Theo kết quả, xã A và xã B" → ["xã A", "xã B"])."""
    cuts = [m.end() for m in _SUBJECT_CUT.finditer(span)]
    rest = span[cuts[-1] :] if cuts else span
    start = _ORG_START.search(rest)
    if start is None:
        return []
    candidate = rest[start.start() :].strip()
    named = _split_named(candidate, known)
    if named and all(r == "tap_the" for _, r in named):
        return [n for n, _ in named]
    return [candidate] if candidate else []


def subject_before(before: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The named units right before "đã vinh dự nhận" / "được suy tôn danh hiệu" / "được đề nghị tặng"."""
    verb = _SUBJECT_VERB.search(before)
    if not verb:
        return []
    return _subject_names(before[: verb.start()], known)


# "suy tôn Công an tỉnh X là đơn vị dẫn đầu, đề nghị Bộ trưởng tặng Cờ thi đua": the leader voted
# earlier in the clause is the awardee of the flag asked for.
_PROPOSE_TO_GIVE = (
    r"[^;]{0,80}?\bđề\s+(?:nghị|xuất)\b[^;]{0,60}?\b(?:tặng|trao\s+tặng|khen\s+tặng|công\s+nhận)"
    r"(?:\s+danh\s+hiệu)?\s*[“\"]?\s*$"
)
_LEAD = rf"(?:là\s+)?(?:(?:{COUNT_PATTERN})\s+)?(?:(?:đơn\s+vị|tập\s+thể|địa\s+phương)\s+)?dẫn\s+đầu"
_VOTED_LEADER = re.compile(
    rf"\b(?:suy\s+tôn|bình\s+chọn|chọn|bầu)\s+(?P<org>[^,;:]{{3,90}}?)\s+{_LEAD}{_PROPOSE_TO_GIVE}", _I
)
_LEADER_SUBJECT = re.compile(
    rf"\s+được\s+(?:[^\s,;:]+\s+){{0,3}}?(?:suy\s+tôn|bình\s+chọn|chọn)\s+{_LEAD}{_PROPOSE_TO_GIVE}", _I
)


def leader_before(before: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The unit voted the leader earlier in the clause when the award that follows names no recipient."""
    voted = _VOTED_LEADER.search(before)
    if voted:
        org = voted.group("org").strip()
        if _ORG_START.match(org) or _is_known(org, known):
            # "suy tôn A và B là hai đơn vị dẫn đầu": each named unit
            named = _split_named(org, known)
            if len(named) > 1 and all(r == "tap_the" for _, r in named):
                return [n for n, _ in named]
            return [org]
    subject = _LEADER_SUBJECT.search(before)
    if subject:
        return _subject_names(before[: subject.start()], known)
    return []
