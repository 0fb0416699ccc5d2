"""Awards given, proposed or voted at the reported event: form, count, recipient, status.

Forms follow the Law on Emulation and Commendation (see `AWARD_IDS`). The
count and recipient are read in the shapes the texts use:

- "tặng Giấy khen cho 12 tập thể và 07 cá nhân" → two entries;
- "trao Cờ thi đua của Chính phủ đến 9 tập thể", "… cho 25 tập thể và cá nhân" (recipient unknown);
- "03 đơn vị được nhận Cờ thi đua của Chính phủ", "5/7 đơn vị được bình chọn danh hiệu Đơn vị Tiên tiến";
- "Cờ thi đua của UBND tỉnh: 18 tập thể; Chiến sĩ thi đua cấp tỉnh: 27 cá nhân";
- named recipients count one each: "cho Ban Tổ chức Tỉnh ủy và Sở Nội vụ" → 2, "cho ông Trần Văn A" → 1
  individual, "Công ty X đã vinh dự nhận Cờ thi đua …" → 1;
- honours with no form: "tuyên dương 16 tập thể", "vinh danh 75 điển hình" → ``other``.

Background is left out: last year's or a period's results ("Năm 2022, cụm có 2 tập thể được
tặng cờ", "Trong 5 năm qua, …"), "one of the N" sentences, criteria, illustrations, and the
figures of a report that the meeting then voted on ("nghe báo cáo … cho 30 đơn vị" when the
vote gives 26).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.understand.document import AwardFact, AwardStatus, Document, Recipient
from thidua.understand.numbers import COUNT_PATTERN, parse_count
from thidua.understand.pipeline import step
from thidua.understand.spans import UPPER, clause_bounds, evidence, in_url, sentence_bounds
from thidua.understand.text import fold

_I = re.IGNORECASE

AWARD_IDS = (
    "co_thi_dua_chinh_phu", "co_thi_dua_bo_tinh", "bang_khen_thu_tuong", "bang_khen_bo_tinh",
    "giay_khen", "huan_chuong", "chien_si_thi_dua", "tap_the_lao_dong_xuat_sac",
    "lao_dong_tien_tien", "ky_niem_chuong", "other",
)

_HEAD = re.compile(
    r"(?P<head>cờ\s+thi\s+đua|(?<=trao\s)cờ(?!\s+(?:vua|tướng))|(?<=tặng\s)cờ(?!\s+(?:vua|tướng))"
    r"|(?<=nhận\s)cờ(?!\s+(?:vua|tướng))|bằng\s+khen|giấy\s+khen|huân\s+chương|k[ỷỉ]\s+niệm\s+chương"
    r"|chiến\s+sĩ\s+thi\s+đua|tập\s+thể\s+lao\s+động\s+xuất\s+sắc|đơn\s+vị\s+quyết\s+thắng"
    r"|(?:tập\s+thể\s+)?lao\s+động\s+tiên\s+tiến|đơn\s+vị\s+tiên\s+tiến|chiến\s+sĩ\s+tiên\s+tiến"
    r"|huy\s+chương\s+(?:chiến\s+sĩ\s+vẻ\s+vang|quân\s+kỳ\s+quyết\s+thắng|hữu\s+nghị|vì\s+sự\s+nghiệp)"
    r"|danh\s+hiệu\s+anh\s+hùng)",
    _I,
)
# Where the award's own name (its owner, class, kind) ends and its recipients begin.
_TAIL_END = re.compile(
    r"\b(?:cho|đến|tới|được|vì|trao\s+tặng|do|đối\s+với|năm\s+\d{4}|và\s+(?:danh\s+hiệu|cờ|bằng|giấy|huân|k[ỷỉ]))\b"
    r"|[:;.”\"(]|,\s+(?:tặng|trao|công\s+nhận)",
    _I,
)

_NUM = rf"(?:{COUNT_PATTERN})(?:/\d+)?"
_QUAL = r"(?:(?:gần|trên|hơn|khoảng|tổng\s+số|tổng\s+cộng|với|có|tất\s+cả|cả)\s+)?"
_COLLECTIVE = (
    r"tập\s+thể|đơn\s+vị|cụm,\s*khối(?:\s+thi\s+đua)?|cụm\s+thi\s+đua|khối\s+thi\s+đua|cơ\s+quan|doanh\s+nghiệp"
    r"|xã|phường|thị\s+trấn|trường|chi\s+bộ|tổ\s+chức|hợp\s+tác\s+xã|hộ\s+gia\s+đình|gia\s+đình|công\s+ty|địa\s+phương"
    r"|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|sở|ban|ngành|phòng|khoa|chi\s+đoàn|chi\s+hội|thôn|bản|ấp|khu\s+phố"
    r"|tổ\s+dân\s+phố|làng|bệnh\s+viện|câu\s+lạc\s+bộ|hộ|tổ|đội"
)
_PERSON = (
    r"cá\s+nhân|người|đồng\s+chí|cán\s+bộ|hội\s+viên|đảng\s+viên|đoàn\s+viên|chiến\s+sĩ|giáo\s+viên|học\s+sinh"
    r"|sinh\s+viên|công\s+nhân|nông\s+dân|cựu\s+chiến\s+binh|phụ\s+nữ|thanh\s+niên|y\s+bác\s+sĩ|vận\s+động\s+viên"
)
_MIXED = r"tập\s+thể\s*(?:,|và|và\s+các)\s*cá\s+nhân|cá\s+nhân\s*(?:,|và)\s*tập\s+thể|điển\s+hình|gương"
_COUNTED = re.compile(
    rf"{_QUAL}(?P<n>{_NUM})\s+(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b", _I
)
_RIGHT_START = re.compile(
    r"^[\s”\"]*(?:năm\s+\d{4}\s*)?,?\s*(?:(?:đã\s+)?được\s+(?:trao\s+tặng|trao|tặng|khen\s+tặng)\s+)?"
    r"(?:(?:cho|đến|tới)\s+|:\s*(?:cho\s+)?)",
    _I,
)
# "trao 15 Bằng khen … cho các tập thể": the number of awards written before the form.
_PRE_COUNT = re.compile(
    rf"\b(?:trao(?:\s+tặng)?|tặng(?:\s+thưởng)?|khen\s+tặng|nhận|đón\s+nhận|có|với|gồm|và)\s+(?P<n>{COUNT_PATTERN})\s+$",
    _I,
)
_GROUP_NOUN = re.compile(rf"^(?:các|những|toàn\s+thể)?\s*(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b", _I)
_JOIN = re.compile(r"\s*(?:,|và|;)\s*(?:và\s+)?", _I)

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
    rf"(?<![\w/])(?P<n>{_NUM})\s+(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})(?:\s+\w+){{0,2}}?\s+(?:đã\s+)?"
    r"(?:được|đạt|(?:vinh\s+dự\s+)?(?:đón\s+)?nhận)"
    r"(?:\s+[\wÀ-ỹ]+){0,6}?\s*(?:danh\s+hiệu\s+)?[“\"]?\s*$",
    _I,
)
_HONOUR = re.compile(
    rf"\b(?:tuyên\s+dương|vinh\s+danh|biểu\s+dương|tôn\s+vinh)\s+(?:{_QUAL})?(?P<n>{_NUM})\s+"
    rf"(?P<noun>{_MIXED}|{_COLLECTIVE}|{_PERSON})\b",
    _I,
)

_BACKGROUND = re.compile(
    r"^\W*(?:trong\s+|qua\s+|sau\s+)?(?:(?:\d+|những|các)\s+năm\s+(?:qua|trước|gần\s+đây)|năm\s+(?:học\s+)?(?:\d{4}|qua|học)"
    r"|năm\s+học|giai\s+đoạn|nhiệm\s+kỳ\s+(?:qua|trước)|thời\s+gian\s+qua|từ\s+năm|tính\s+đến|lũy\s+kế"
    r"|trước\s+đó|trước\s+đây)\b",
    _I,
)
# "Là một trong 40 tập thể …", "Nhiều tập thể được tặng …": a member of a group, not a count.
_ONE_OF = re.compile(
    r"\b(?:một|1)\s+trong\s+(?:số\s+)?(?:\d|các|những)|\bnhiều\s+(?:tập\s+thể|cá\s+nhân)\b", _I
)
_ILLUSTRATION = re.compile(r"minh\s+h[oọ]ạ?|minh\s+họa", _I)
_FUTURE = re.compile(r"\b(?:sẽ|dự\s+kiến|phấn\s+đấu|chỉ\s+tiêu)\b", _I)
_PROPOSED = re.compile(
    r"\b(?:đề\s+nghị|đề\s+xuất|suy\s+tôn|bình\s+xét|xét\s+duyệt|xét\s+tặng|thông\s+qua|(?<!chương\s)trình"
    r"|biểu\s+quyết|bỏ\s+phiếu|xem\s+xét)\b",
    _I,
)
_DRAFT = re.compile(r"\b(?:nghe\s+báo\s+cáo|dự\s+thảo|dự\s+kiến)\b", _I)
_PM = re.compile(r"thủ\s+tướng|chính\s+phủ", _I)


@dataclass
class _Found:
    award: str
    count: int
    recipient: Recipient | None
    start: int
    end: int
    sentence: tuple[int, int]
    rank: str
    status: AwardStatus
    names: list[str]
    count_at: int = -1  # where a count written before the form starts ("86 tập thể được nhận …")


def classify(head: str, tail: str, before: str) -> str:
    """The award id of a written form: its head noun, the words naming its owner, the clause before it."""
    h = " ".join(head.lower().split())
    t = tail.lower()
    granted_by_pm = bool(re.search(r"thủ\s+tướng[^.;]{0,60}$", before, _I)) and "của" not in t
    if h.startswith("cờ"):
        return "co_thi_dua_chinh_phu" if _PM.search(t) or granted_by_pm else "co_thi_dua_bo_tinh"
    if h.startswith("bằng khen"):
        return "bang_khen_thu_tuong" if re.search(r"thủ\s+tướng", t) or granted_by_pm else "bang_khen_bo_tinh"
    if h.startswith("giấy khen"):
        return "giay_khen"
    if h.startswith("huân chương"):
        return "huan_chuong"
    if "niệm chương" in h:
        return "ky_niem_chuong"
    if h.startswith("chiến sĩ thi đua"):
        return "chien_si_thi_dua"
    if "xuất sắc" in h or "quyết thắng" in h:
        return "tap_the_lao_dong_xuat_sac"
    if "tiên tiến" in h:
        return "lao_dong_tien_tien"
    return "other"


def _recipient(noun: str) -> Recipient | None:
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
    j = _JOIN.match(text, pos)
    if j and j.end() <= limit and _COUNTED.match(text, j.end()):
        return j.end()
    apposition = _APPOSITION.match(text, pos, limit)
    if apposition is None:
        return None
    for j in _JOIN.finditer(text, apposition.end(), min(limit, apposition.end() + 160)):
        if re.search(r"[;.:]", text[apposition.end() : j.start()]):
            return None
        if _COUNTED.match(text, j.end()):
            return j.end()
    return None


def _counted_list(text: str, pos: int, limit: int) -> tuple[list[tuple[int, Recipient | None]], int]:
    """Counts with their recipients from `pos`: "12 tập thể và 07 cá nhân" → [(12, tập thể), (7, cá nhân)]."""
    out: list[tuple[int, Recipient | None]] = []
    while pos < limit:
        m = _COUNTED.match(text, pos)
        if not m:
            break
        n = parse_count(m.group("n"))
        if n is None:
            break
        out.append((n, _recipient(m.group("noun"))))
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


def _named_after(
    text: str, pos: int, limit: int, known: frozenset[str] = frozenset()
) -> tuple[list[tuple[str, Recipient]], int]:
    stop = _NAMED_STOP.search(text, pos, limit)
    end = stop.start() if stop else limit
    phrase = text[pos:end]
    if not phrase.strip() or len(phrase) > 200:
        return [], pos
    return _split_named(phrase, known), end


def _status(sentence_before: str) -> AwardStatus:
    if _PROPOSED.search(sentence_before):
        return "proposed"
    if re.search(r"\b(?:trao|tặng|nhận|quyết\s+định|công\s+bố|khen\s+thưởng|tuyên\s+dương|vinh\s+danh)\b",
                 sentence_before, _I):
        return "granted"
    return "unknown"


def _skip_sentence(sentence: str, rest_of_line: str) -> bool:
    return bool(
        _BACKGROUND.search(sentence)
        or _ONE_OF.search(sentence)
        or _ILLUSTRATION.search(sentence + rest_of_line)
        or _FUTURE.search(sentence)
    )


def _rest_of_line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : len(text) if end < 0 else end]


_QUOTED_NAME = re.compile(r"[“\"][^“”\"\n]{1,120}[”\"]")


def _opens_quote(text: str, left: int, pos: int) -> bool:
    """Whether the quote mark at `pos` opens a quotation (straight quotes alternate from `left`)."""
    mark = text[pos]
    if mark == "“":
        return True
    return mark == '"' and text.count('"', left, pos) % 2 == 0


def _rank(head: str, tail: str) -> str:
    """The form and its class ("huân chương lao động hạng ba"), without the giver, for telling repeats."""
    m = re.search(r"hạng\s+\w+", tail, _I)
    if not m:
        return " ".join(head.lower().split())
    return " ".join((head + " " + tail[: m.end()]).lower().split())


def _find(text: str, known: frozenset[str] = frozenset()) -> list[_Found]:
    found: list[_Found] = []
    heads = [m for m in _HEAD.finditer(text) if not in_url(text, m.start())]
    # Awards joined by "và" share recipients: those that follow ("Cờ … và Bằng khen …: 5 tập thể")
    # or those found for the first ("Công ty X đã nhận Cờ … và Cờ … trao tặng").
    pending: list[tuple[str, str, int]] = []
    carried: tuple[list[tuple[int, Recipient | None]], list[str], int] | None = None
    for index, m in enumerate(heads):
        s_left, s_right = sentence_bounds(text, m.start(), m.end())
        c_left, c_right = clause_bounds(text, m.start(), m.end())
        sentence = text[s_left:s_right]
        if _skip_sentence(sentence, _rest_of_line(text, s_right)):
            pending, carried = [], None
            continue
        # The award's own name in quotes ("Kỷ niệm chương “Vì sự nghiệp …” cho 25 cá nhân") is its tail.
        tail_from = m.end()
        after_head = tail_from + len(text[tail_from:c_right]) - len(text[tail_from:c_right].lstrip(" "))
        if after_head < c_right and _opens_quote(text, s_left, after_head):
            quoted = _QUOTED_NAME.match(text, after_head)
            tail_from = quoted.end() if quoted else tail_from
        tail_limit = min(c_right, tail_from + 90)
        tail_stop = _TAIL_END.search(text, tail_from, tail_limit)
        tail_end = tail_stop.start() if tail_stop else tail_limit
        tail = text[m.end() : tail_end]
        before = text[c_left : m.start()]
        award = classify(m.group("head"), tail, text[s_left : m.start()])
        rank = _rank(m.group("head"), tail)
        status = _status(text[s_left : m.start()])
        next_start = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        joined = bool(re.fullmatch(r"\s*(?:và|,)\s*", text[tail_end:next_start])) and next_start < c_right
        limit = min(c_right, next_start) if next_start > tail_end else c_right
        entries: list[tuple[int, Recipient | None]] = []
        names: list[str] = []
        end = tail_end
        right = _RIGHT_START.match(text[tail_end:limit])
        pre = _PRE_COUNT.search(before)
        pre_n = parse_count(pre.group("n")) if pre else None
        if pre_n is not None:
            group_noun = _GROUP_NOUN.match(text[tail_end + right.end() : limit]) if right else None
            entries = [(pre_n, _recipient(group_noun.group("noun")) if group_noun else None)]
        elif right:
            pos = tail_end + right.end()
            entries, end = _counted_list(text, pos, limit)
            if not entries and not re.search(r"\bgồm\b", tail, _I):
                # A list after "gồm:" spells out a group already counted.
                named, end = _named_after(text, pos, limit, known)
                names = [n for n, _ in named]
                if named and all(r == "tap_the" for _, r in named):
                    entries = [(len(named), "tap_the")]  # "cho A và B": one entry counting 2 units
                else:
                    entries = [(1, r) for _, r in named]
        count_at = -1
        if not entries:
            entries, at = _left_counts(before)
            count_at = c_left + at if entries else -1
        if not entries:
            subjects = _subject_before(before, known) or _leader_before(before, known)
            if subjects:
                entries, names = [(len(subjects), "tap_the")], subjects
        if not entries and carried is not None:
            entries, names, count_at = carried
        if not entries:
            if joined:
                pending.append((award, rank, m.start()))
            else:
                pending = []
            carried = None
            continue
        group = {(award, rank): m.start()}
        for award_id, award_rank, start in pending:
            group.setdefault((award_id, award_rank), start)
        for (award_id, award_rank), start in group.items():
            for count, recipient in entries:
                found.append(_Found(award_id, count, recipient, start, end, (s_left, s_right), award_rank,
                                    status, names, count_at))
        pending = []
        carried = (entries, names, count_at) if joined and not right else None
    for m in _HONOUR.finditer(text):
        if in_url(text, m.start()):
            continue
        s_left, s_right = sentence_bounds(text, m.start(), m.end())
        if _skip_sentence(text[s_left:s_right], _rest_of_line(text, s_right)):
            continue
        if _HEAD.match(text, m.end() + 1):
            continue
        n = parse_count(m.group("n"))
        if n is not None:
            span = (s_left, s_right)
            found.append(_Found("other", n, _recipient(m.group("noun")), m.start(), m.end(), span,
                                "other", "granted", []))
            j = _JOIN.match(text, m.end())
            if j:
                more, _ = _counted_list(text, j.end(), s_right)
                for count, recipient in more:
                    found.append(_Found("other", count, recipient, m.start(), m.end(), (s_left, s_right),
                                        "other", "granted", []))
    return found


_LIST_JOIN_BEFORE = re.compile(r"(?:,|\bvà)\s*$", _I)


def _left_counts(before: str) -> tuple[list[tuple[int, Recipient | None]], int]:
    """ "17 tập thể và 23 cá nhân được tặng …" → [(17, tập thể), (23, cá nhân)], and where the count is."""
    left = _COUNT_LEFT.search(before)
    if not left:
        return [], -1
    n = parse_count(left.group("n"))
    if n is None:
        return [], -1
    entries: list[tuple[int, Recipient | None]] = [(n, _recipient(left.group("noun")))]
    head = before[: left.start()]
    while True:
        join = _LIST_JOIN_BEFORE.search(head)
        if not join:
            break
        previous = None
        for m in _COUNTED.finditer(head[: join.start()]):
            previous = m
        if previous is None or head[previous.end() : join.start()].strip():
            break
        count = parse_count(previous.group("n"))
        if count is None:
            break
        entries.insert(0, (count, _recipient(previous.group("noun"))))
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


def _subject_before(before: str, known: frozenset[str] = frozenset()) -> list[str]:
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
_LEAD = r"(?:là\s+)?(?:(?:đơn\s+vị|tập\s+thể|địa\s+phương)\s+)?dẫn\s+đầu"
_VOTED_LEADER = re.compile(
    rf"\b(?:suy\s+tôn|bình\s+chọn|chọn|bầu)\s+(?P<org>[^,;:]{{3,90}}?)\s+{_LEAD}{_PROPOSE_TO_GIVE}", _I
)
_LEADER_SUBJECT = re.compile(
    rf"\s+được\s+(?:[^\s,;:]+\s+){{0,3}}?(?:suy\s+tôn|bình\s+chọn|chọn)\s+{_LEAD}{_PROPOSE_TO_GIVE}", _I
)


def _leader_before(before: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The unit voted the leader earlier in the clause when the award that follows names no recipient."""
    voted = _VOTED_LEADER.search(before)
    if voted:
        org = voted.group("org").strip()
        if _ORG_START.match(org) or _is_known(org, known):
            return [org]
    subject = _LEADER_SUBJECT.search(before)
    if subject:
        return _subject_names(before[: subject.start()], known)
    return []


def _resolve(found: list[_Found]) -> list[_Found]:
    """Drop repeats: a caption or headline that restates an award of the body."""
    # "86 tập thể được nhận cờ thi đua và bằng khen": one count before two forms is their joint total.
    forms_by_count: dict[int, set[str]] = {}
    for f in found:
        if f.count_at >= 0:
            forms_by_count.setdefault(f.count_at, set()).add(f.award)
    found = [f for f in found if f.count_at < 0 or len(forms_by_count[f.count_at]) == 1]
    counted: dict[tuple[str, str], list[tuple[int, AwardStatus]]] = {}
    for f in found:
        if not f.names:
            counted.setdefault((f.award, f.rank), []).append((f.count, f.status))
    # A headline total restating the body's split ("Trao 120 Giấy khen" = 45 tập thể + 75 cá nhân).
    totals: dict[tuple[str, str], list[_Found]] = {}
    for f in found:
        totals.setdefault((f.award, f.rank), []).append(f)
    restated = set()
    for group in totals.values():
        for f in group:
            others = [g for g in group if g is not f and g.sentence != f.sentence]
            one_sentence = len({g.sentence for g in others}) == 1
            if len(others) >= 2 and one_sentence and sum(g.count for g in others) == f.count:
                restated.add(id(f))
    found = [f for f in found if id(f) not in restated]
    out: list[_Found] = []
    seen: set[tuple[str, int, str | None, str, tuple[int, int]]] = set()
    keys_by_sentence: dict[tuple[str, int, str | None, str], tuple[int, int]] = {}
    for f in found:
        if f.names and _among_counted(f, counted.get((f.award, f.rank), [])):
            continue  # a named awardee among the N of the same award
        key = (f.award, f.count, f.recipient, f.rank)
        first = keys_by_sentence.setdefault(key, f.sentence)
        if first != f.sentence:
            continue  # the same award repeated in a caption and the body
        if f.names and any(
            g.names and g.sentence != f.sentence and _same_award(g, f) for g in out
        ):
            continue  # "trao Huân chương cho thị xã X" restating "Huân chương … hạng Ba cho … thị xã X"
        full = (*key, f.sentence)
        if full in seen and f.names:
            continue
        seen.add(full)
        out.append(f)
    return out


def _among_counted(f: _Found, counted: list[tuple[int, AwardStatus]]) -> bool:
    """Whether a named award is one of a larger counted group of the same award and status.

    A flag proposed for one named unit is not among the N handed over at the same meeting.
    """
    return any(
        count > f.count and (status == f.status or "unknown" in (status, f.status))
        for count, status in counted
    )


def _same_award(a: _Found, b: _Found) -> bool:
    """Same form, count and recipient, one naming its class and the other not (or both the same)."""
    if (a.award, a.count, a.recipient) != (b.award, b.count, b.recipient):
        return False
    return a.rank.startswith(b.rank) or b.rank.startswith(a.rank)


@step(needs=("sentences", "units"), adds=("awards",))
def find_awards(doc: Document) -> None:
    """Award entries of the event, each with its evidence; works with or without `doc.units`."""
    text = doc.text
    known = frozenset(fold(u.name) for u in doc.units if len(fold(u.name)) >= 3)
    found = _find(text, known)
    # A report's draft figures give way to the figures the meeting then voted.
    draft = [bool(_DRAFT.search(text[f.sentence[0] : f.start])) for f in found]
    final_awards = {(f.award, f.recipient) for f, d in zip(found, draft, strict=True) if not d}
    kept = [
        f for f, d in zip(found, draft, strict=True) if not d or (f.award, f.recipient) not in final_awards
    ]
    facts = []
    for f in _resolve(kept):
        facts.append(
            AwardFact(
                award=f.award, count=f.count, recipient=f.recipient, evidence=evidence(doc, f.start, f.end),
                confidence=0.75 if f.status != "unknown" else 0.6, status=f.status, recipients=f.names,
            )
        )
    doc.awards = facts
