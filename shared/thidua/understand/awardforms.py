"""Award forms as the texts write them, and which sentences give awards of the reported event.

The forms follow the Law on Emulation and Commendation (see `AWARD_IDS`); `classify` names
the form of a head noun and the words after it, `form_rank` tells its class, and the
sentence tests leave out background, future plans, and say whether an award is proposed.
"""

from __future__ import annotations

import re

from thidua.understand.document import AwardStatus

_I = re.IGNORECASE

AWARD_IDS = (
    "co_thi_dua_chinh_phu", "co_thi_dua_bo_tinh", "bang_khen_thu_tuong", "bang_khen_bo_tinh",
    "giay_khen", "huan_chuong", "chien_si_thi_dua", "tap_the_lao_dong_xuat_sac",
    "lao_dong_tien_tien", "ky_niem_chuong", "other",
)

AWARD_HEAD = re.compile(
    r"(?P<head>cờ\s+thi\s+đua|(?<=trao\s)cờ(?!\s+(?:vua|tướng))|(?<=tặng\s)cờ(?!\s+(?:vua|tướng))"
    r"|(?<=nhận\s)cờ(?!\s+(?:vua|tướng))|bằng\s+khen|giấy\s+khen|huân\s+chương|k[ỷỉ]\s+niệm\s+chương"
    r"|chiến\s+sĩ\s+thi\s+đua|tập\s+thể\s+lao\s+động\s+xuất\s+sắc|đơn\s+vị\s+quyết\s+thắng"
    r"|(?:tập\s+thể\s+)?lao\s+động\s+tiên\s+tiến|đơn\s+vị\s+tiên\s+tiến|chiến\s+sĩ\s+tiên\s+tiến"
    r"|huy\s+chương\s+(?:chiến\s+sĩ\s+vẻ\s+vang|quân\s+kỳ\s+quyết\s+thắng|hữu\s+nghị|vì\s+sự\s+nghiệp)"
    r"|danh\s+hiệu\s+anh\s+hùng)",
    _I,
)
# Where the award's own name (its owner, class, kind) ends and its recipients begin.
TAIL_END = re.compile(
    r"\b(?:cho|đến|tới|được|vì|trao\s+tặng|do|đối\s+với|năm\s+\d{4}|và\s+(?:danh\s+hiệu|cờ|bằng|giấy|huân|k[ỷỉ]))\b"
    r"|[:;.”\"(]|,\s+(?:tặng|trao|công\s+nhận)",
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
DRAFT = re.compile(r"\b(?:nghe\s+báo\s+cáo|dự\s+thảo|dự\s+kiến)\b", _I)
_PM = re.compile(r"thủ\s+tướng|chính\s+phủ", _I)


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

def award_status(sentence_before: str) -> AwardStatus:
    if _PROPOSED.search(sentence_before):
        return "proposed"
    if re.search(r"\b(?:trao|tặng|nhận|quyết\s+định|công\s+bố|khen\s+thưởng|tuyên\s+dương|vinh\s+danh)\b",
                 sentence_before, _I):
        return "granted"
    return "unknown"


def skip_sentence(sentence: str, rest_of_line: str) -> bool:
    return bool(
        _BACKGROUND.search(sentence)
        or _ONE_OF.search(sentence)
        or _ILLUSTRATION.search(sentence + rest_of_line)
        or _FUTURE.search(sentence)
    )


def rest_of_line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : len(text) if end < 0 else end]


QUOTED_NAME = re.compile(r"[“\"][^“”\"\n]{1,120}[”\"]")


def opens_quote(text: str, left: int, pos: int) -> bool:
    """Whether the quote mark at `pos` opens a quotation (straight quotes alternate from `left`)."""
    mark = text[pos]
    if mark == "“":
        return True
    return mark == '"' and text.count('"', left, pos) % 2 == 0

def form_rank(head: str, tail: str) -> str:
    """The form and its class ("huân chương lao động hạng ba"), without the giver, for telling repeats."""
    m = re.search(r"hạng\s+\w+", tail, _I)
    if not m:
        return " ".join(head.lower().split())
    return " ".join((head + " " + tail[: m.end()]).lower().split())
