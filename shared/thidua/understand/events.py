"""Event types: what happens at the reported event.

Six ids: ``ky_ket_giao_uoc`` (signing the emulation pact), ``tong_ket`` (year-end
or term review), ``so_ket`` (interim review), ``phat_dong`` (launching a
movement), ``binh_xet`` (evaluating, voting, proposing awards) and
``trao_khen_thuong`` (handing over awards).

Each type has trigger phrases; a trigger counts only when its sentence
reports the event itself. It does not count when the step is announced
for later ("sẽ ký kết", "theo chương trình"), habitual ("Hằng năm, … sơ kết,
tổng kết"), part of a plan or rule's title ("kế hoạch phát động", "quy định
… bình xét"), passive background ("phong trào do … phát động", "được tặng
cờ" in last year's results), or an illustration ("Ảnh minh họa"). An
emulation congress (Đại hội thi đua yêu nước) that is held reviews its
period, so it gives ``tong_ket``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from thidua.understand.document import Document, EventTypeFact
from thidua.understand.layout import plan_sections, silent_lines
from thidua.understand.pipeline import step
from thidua.understand.spans import UPPER, clause_bounds, evidence, in_url, sentence_bounds

_I = re.IGNORECASE

_AWARD_NOUN = (
    r"(?:danh\s+hiệu\s+)?[“\"]?\s*(?:cờ|bằng\s+khen|giấy\s+khen|huân\s+chương|huy\s+chương|kỷ\s+niệm\s+chương"
    r"|kỉ\s+niệm\s+chương|danh\s+hiệu|phần\s+thưởng|chiến\s+sĩ\s+thi\s+đua|tập\s+thể\s+lao\s+động)"
)

_TRIGGERS: dict[str, list[re.Pattern[str]]] = {
    "ky_ket_giao_uoc": [
        re.compile(
            r"(?<!đăng\s)\b(?:ký|kí)(?:\s+kết)?\s+(?:bổ\s+sung\s+)?(?:bản\s+)?"
            r"(?:giao\s+ước|thi\s+đua|cam\s+kết\s+thi\s+đua)",
            _I,
        ),
        # "ký cam kết hưởng ứng phong trào thi đua …": a pledge to the movement, not any pledge
        # ("ký cam kết không vi phạm …").
        re.compile(
            r"(?<!đăng\s)\b(?:ký|kí)(?:\s+kết)?\s+(?:bản\s+)?cam\s+kết\s+(?:thực\s+hiện\s+|hưởng\s+ứng\s+|tham\s+gia\s+)"
            r"(?:các\s+)?(?:phong\s+trào\s+|đợt\s+)?thi\s+đua",
            _I,
        ),
    ],
    "tong_ket": [
        re.compile(
            r"\btổng\s+kết\s+(?:công\s+tác|phong\s+trào|hoạt\s+động|thi\s+đua|năm|nhiệm\s+kỳ|giai\s+đoạn|\d+\s+năm"
            r"|giao\s+ước|thực\s+hiện|cuộc|chương\s+trình|đợt|việc)",
            _I,
        ),
        re.compile(r"\b(?:hội\s+nghị|lễ|buổi|báo\s+cáo|đã|cũng\s+đã|họp)\s+tổng\s+kết\b", _I),
        re.compile(r"\bbáo\s+cáo\s+(?:công\s+tác|kết\s+quả)\s+(?:công\s+tác\s+)?thi\s+đua", _I),
        re.compile(r"\bđánh\s+giá\s+(?:toàn\s+diện\s+)?kết\s+quả[^.;]{0,80}\bnăm\s+(?:\d{4}|qua)", _I),
        re.compile(r"\bphương\s+hướng[^.;]{0,60}?\bnăm\s+\d{4}", _I),
    ],
    "so_ket": [re.compile(r"\bsơ\s+kết\b", _I)],
    "phat_dong": [re.compile(r"\bphát\s+động\b", _I)],
    "binh_xet": [
        re.compile(
            r"\b(?:bình\s+xét|suy\s+tôn|bỏ\s+phiếu|biểu\s+quyết|xét\s+thưởng|xét\s+duyệt|lấy\s+phiếu"
            r"|xét\s+khen\s+thưởng|đề\s+xuất\s+(?:khen\s+thưởng|danh\s+hiệu)|đề\s+nghị\s+khen\s+thưởng"
            r"|xét\s+tặng|xét\s+công\s+nhận|họp\s+xét|thẩm\s+định\s+hồ\s+sơ\s+khen"
            r"|chấm\s+điểm,?\s+(?:xếp\s+hạng|xếp\s+loại|thi\s+đua|đánh\s+giá)|đánh\s+giá,?\s+chấm\s+điểm"
            r"|bình\s+bầu|bình\s+chọn)\b",
            _I,
        ),
        re.compile(
            rf"\bđề\s+nghị\b[^.;]{{0,80}}?\b(?:tặng|trao|công\s+nhận|khen\s+tặng|nhận)\s+(?:thưởng\s+)?{_AWARD_NOUN}",
            _I,
        ),
    ],
    "trao_khen_thuong": [
        re.compile(rf"\b(?:trao|tặng|khen\s+tặng|gắn)\s+(?:tặng\s+|thưởng\s+)?{_AWARD_NOUN}", _I),
        re.compile(
            r"\btrao\s+thưởng\s+(?:cho\s+)?(?:\d+\s+|các\s+|những\s+)?(?:tập\s+thể|cá\s+nhân|đơn\s+vị)", _I
        ),
        re.compile(
            rf"\b(?:đã|vinh\s+dự|vừa|được\s+trao|chính\s+thức)\s+(?:được\s+)?(?:vinh\s+dự\s+)?(?:đón\s+)?nhận\s+{_AWARD_NOUN}",
            _I,
        ),
        re.compile(
            r"\b(?:hội\s+nghị|lễ|buổi|chương\s+trình|dịp\s+để)\s+(?:gặp\s+mặt\s+)?(?:biểu\s+dương|tuyên\s+dương"
            r"|tôn\s+vinh|vinh\s+danh|khen\s+thưởng|trao)",
            _I,
        ),
        re.compile(
            r"\b(?:tuyên\s+dương|biểu\s+dương|vinh\s+danh|tôn\s+vinh)\s+(?:\d+\s+|các\s+|những\s+)?"
            r"(?:tập\s+thể|cá\s+nhân|điển\s+hình|gương|phụ\s+nữ|đơn\s+vị)",
            _I,
        ),
    ],
}

_FUTURE = re.compile(
    r"\b(?:sẽ|dự\s+kiến|theo\s+chương\s+trình|tiến\s+tới|sắp\s+tới|sắp)\b", _I
)
# Goals and targets ("phấn đấu 100% đơn vị ký kết giao ước") are not events.
_GOAL_BEFORE = re.compile(r"\b(?:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|hướng\s+đến)\b[^.;]{0,80}$", _I)
_HABITUAL = re.compile(r"^\W*(?:hàng\s+năm|hằng\s+năm|định\s+kỳ|mỗi\s+năm|thường\s+niên)\b", _I)
_ILLUSTRATION = re.compile(r"minh\s+h[oọ]ạ?|minh\s+họa", _I)
_BACKGROUND = re.compile(
    r"^\W*(?:trong\s+)?(?:(?:\d+|những)\s+năm\s+(?:qua|trước)|năm\s+(?:học\s+)?(?:\d{4}|qua|học)"
    r"|năm\s+học|giai\s+đoạn|nhiệm\s+kỳ\s+qua|qua\s+\d+\s+năm)\b",
    _I,
)
_PLAN_BEFORE = re.compile(
    # "Sở Kế hoạch và Đầu tư đã họp tổng kết": the name of an agency, not a plan.
    r"(?:kế\s+hoạch(?!\s+và\s+đầu\s+tư)|nội\s+dung|về\s+việc|quy\s+chế|quy\s+định|hướng\s+dẫn|dự\s+thảo|việc\s+tổ\s+chức"
    r"|hoạt\s+động\s+và|tiêu\s+chuẩn|tiêu\s+chí)[^.;]{0,25}$",
    _I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:do|được|bị)\b[^.;]{0,40}$", _I)
# "Rà soát nội dung cho Hội nghị tổng kết": preparing an event is not holding it.
_FOR_EVENT_BEFORE = re.compile(
    r"\b(?:cho|chuẩn\s+bị(?:\s+cho)?|tiến\s+tới|hướng\s+tới)\s+(?:(?:hội\s+nghị|lễ|đại\s+hội)\s+)?$", _I
)
_RECOMMEND_BEFORE = re.compile(
    rf"\b(?:cần(?!\s+{UPPER})|phải|để|nhằm|kêu\s+gọi|đề\s+nghị|yêu\s+cầu)\b[^.;]{{0,60}}$", _I
)
_PROPOSAL_BEFORE = re.compile(
    r"\b(?:đề\s+nghị|đề\s+xuất|suy\s+tôn|(?<!nhận\s)xét|(?<!chương\s)trình|tham\s+mưu|giao\s+thường\s+trực)\b"
    r"[^.]{0,300}$",
    _I,
)
_COUNTED_DRIVES = re.compile(
    r"\s+(?:được\s+)?(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|nhiều|các)\s+"
    r"(?:đợt|phong\s+trào|cuộc|chương\s+trình)\b",
    _I,
)
_SPREAD_AFTER = re.compile(r"^[^.;]{0,25}\b(?:sâu\s+rộng|rộng\s+khắp)|^\s*,\s*tổ\s+chức\s+thực\s+hiện", _I)
_DISCOURSE_REVIEW = re.compile(r"^\W*tổng\s+kết\s+năm\s+\d{4}\s*,", _I)
_RESULTS = re.compile(r"báo\s+cáo|kết\s+quả|tổng\s+kết", _I)
# "được cấp có thẩm quyền suy tôn": voted elsewhere, earlier.
_GRANTED_ELSEWHERE = re.compile(r"được\s*$|cấp\s+có\s+thẩm\s+quyền", _I)
_HALF_YEAR = re.compile(r"\b(?:\d+|sáu)\s+tháng\b", _I)
_CONGRESS = re.compile(r"\b(?:đại\s+hội|ĐH)\s+thi\s+đua\s+yêu\s+nước", _I)
# Without the full name, a congress among heroes and advanced examples is the emulation one.
_EMULATION_GATHERING = re.compile(
    r"điển\s+hình\s+tiên\s+tiến|chiến\s+sĩ\s+thi\s+đua|thi\s+đua\s+yêu\s+nước", _I
)
_CONGRESS_HELD = re.compile(
    r"(?:\btại|(?<!ban\s)\btổ\s+chức|\bkhai\s+mạc|\bbế\s+mạc|\btham\s+dự|\bdự\s+và\s+chỉ\s+đạo)"
    r"\s+(?:đại\s+hội|ĐH)\b(?!\s+(?:đại\s+biểu|đảng|đoàn|công\s+đoàn|hội|phụ\s+nữ|cựu))"
    r"|\b(?:đại\s+hội|ĐH)\s+(?:đã|cũng\s+đã|là\s+dịp)\b",
    _I,
)
_NOT_HELD_BEFORE = re.compile(r"\b(?:để|về|phải|sẽ|nhằm)\s*$", _I)
# "… và tổng kết năm học trước ngày 30/6": a deadline set for later, not an event held.
_DEADLINE_AFTER = re.compile(r"^[^.;]{0,40}?\btrước\s+ngày\b", _I)
# "Dịp này, hai xã … được Chủ tịch UBND huyện tặng Giấy khen": handed over at the event itself.
_AT_THE_EVENT = re.compile(r"^\W*(?:nhân\s+)?dịp\s+này\b|^\W*tại\s+(?:hội\s+nghị|buổi\s+lễ)\b", _I)

# "trong quý I, Khối đã ký giao ước …": done earlier in the period reported on, not at the event.
_EARLIER_IN_PERIOD = re.compile(
    r"\btrong\s+(?:quý\s+[IVX\d]+|(?:\d+|sáu|chín)\s+tháng(?:\s+(?:đầu|qua|cuối))?(?:\s+năm)?)\b"
    r"[^.;]{0,30}$",
    _I,
)

Check = Callable[[str, int, int, str], bool]


@lru_cache(maxsize=64)
def _layout(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Sections of directions or proposals, and items of a list of requests."""
    return tuple(plan_sections(text)), tuple(silent_lines(text)[1])


def _within(spans: tuple[tuple[int, int], ...], start: int) -> bool:
    return any(a <= start < b for a, b in spans)


def _context(text: str, start: int, end: int) -> tuple[str, str, str, str]:
    s_left, s_right = sentence_bounds(text, start, end)
    c_left, c_right = clause_bounds(text, start, end)
    return text[s_left:start], text[c_left:start], text[end:c_right], text[s_left:s_right]


def _reported(kind: str, text: str, start: int, end: int) -> bool:
    """Whether the trigger at [start, end) reports the event itself."""
    sentence_before, clause_before, clause_after, sentence = _context(text, start, end)
    if _HABITUAL.search(sentence) or _ILLUSTRATION.search(sentence + _rest_of_line(text, start)):
        return False
    if _FUTURE.search(sentence_before) or _FUTURE.search(clause_before + clause_after):
        return False
    if _FOR_EVENT_BEFORE.search(clause_before) or _GOAL_BEFORE.search(clause_before):
        return False
    if kind != "trao_khen_thuong" and _DEADLINE_AFTER.search(clause_after):
        return False
    plans, requests = _layout(text)
    if kind != "binh_xet" and (_within(plans, start) or _within(requests, start)):
        return False  # "III. PHƯƠNG HƯỚNG … 2. Tổ chức ký kết giao ước …", "Khối đề nghị: 1. … tặng Cờ …"
    if kind in ("ky_ket_giao_uoc", "phat_dong") and _EARLIER_IN_PERIOD.search(sentence_before):
        return False
    if kind == "phat_dong":
        if _PLAN_BEFORE.search(clause_before) or _PASSIVE_BEFORE.search(clause_before):
            return False
        if not clause_before.strip(" \t\"“(-–•*"):
            return False  # a bare "Phát động …" opening a sentence is an item of a plan
        if _RECOMMEND_BEFORE.search(clause_before) or _SPREAD_AFTER.search(clause_after):
            return False
        if _COUNTED_DRIVES.match(clause_after):
            return False  # "đã phát động 3 đợt thi đua": a tally of the year's drives
    elif kind == "binh_xet":
        # "được đề nghị … tặng" on this occasion ("Dịp này, X được đề nghị …") is proposed at the event
        elsewhere = _GRANTED_ELSEWHERE.search(clause_before) and not (
            text[start:end].lower().startswith("đề") and _AT_THE_EVENT.search(sentence))
        if _PLAN_BEFORE.search(clause_before) or elsewhere:
            return False
    elif kind == "trao_khen_thuong":
        if _PROPOSAL_BEFORE.search(sentence_before) or _BACKGROUND.search(sentence):
            return False
        if re.search(r"\bđược\s+(?:[^\s,.;]+\s+){0,4}$", clause_before, _I) and not re.search(
            r"\b(?:nhận|đón\s+nhận)\b", text[start:end], _I
        ) and not _AT_THE_EVENT.search(sentence):
            return False  # "được Đảng, Nhà nước trao tặng" is a result, not a ceremony
        if re.search(r"\bnhận\b", text[start:end], _I) and _PROPOSAL_BEFORE.search(sentence_before):
            return False
    # "đề nghị các đơn vị tổ chức sơ kết …", "dự thảo Kế hoạch tổ chức Hội nghị tổng kết": asked or planned.
    if kind in ("tong_ket", "so_ket") and (
        _RECOMMEND_BEFORE.search(clause_before) or _PLAN_BEFORE.search(clause_before)
    ):
        return False
    if kind == "tong_ket":
        opens = sentence.lstrip().lower().startswith(text[start:end].lower())
        if opens and _DISCOURSE_REVIEW.search(sentence):
            return False
        if re.search(r"(?:thành\s+tích|khen\s+thưởng)\s*$", clause_before, _I):
            return False
        if text[start:end].lower().startswith("phương") and (
            _HALF_YEAR.search(text[start:end]) or not _RESULTS.search(sentence)
        ):
            return False
    return True


def _rest_of_line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end]


def _congress_held(text: str) -> tuple[int, int] | None:
    bodies = [m for m in _CONGRESS.finditer(text) if not in_url(text, m.start())]
    if not bodies and not _EMULATION_GATHERING.search(text):
        return None
    for m in _CONGRESS_HELD.finditer(text):
        if in_url(text, m.start()):
            continue
        sentence_before, clause_before, clause_after, _ = _context(text, m.start(), m.end())
        if _FUTURE.search(sentence_before) or _FUTURE.search(clause_before + clause_after):
            continue
        if _NOT_HELD_BEFORE.search(clause_before):
            continue
        return m.start(), m.end()
    return None


@step(needs=("sentences",), adds=("event_types",))
def find_event_types(doc: Document) -> None:
    """The types of the reported event, each with the phrase that shows it."""
    text = doc.text
    facts: dict[str, EventTypeFact] = {}
    for kind, patterns in _TRIGGERS.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if kind in facts:
                    break
                if in_url(text, m.start()) or not _reported(kind, text, m.start(), m.end()):
                    continue
                ev = evidence(doc, m.start(), m.end())
                facts[kind] = EventTypeFact(type=kind, evidence=ev, confidence=0.7)
    if "binh_xet" not in facts:
        # an award asked for in a list of requests ("Khối đề nghị: 1. Chủ tịch UBND tỉnh tặng Cờ …")
        requests = _layout(text)[1]
        for pattern in _TRIGGERS["trao_khen_thuong"][:1]:
            hit = next((m for m in pattern.finditer(text) if _within(requests, m.start())), None)
            if hit is not None:
                ev = evidence(doc, hit.start(), hit.end())
                facts["binh_xet"] = EventTypeFact(type="binh_xet", evidence=ev, confidence=0.6)
    held = _congress_held(text)
    if held is not None and "tong_ket" not in facts:
        facts["tong_ket"] = EventTypeFact(type="tong_ket", evidence=evidence(doc, *held), confidence=0.6)
    doc.event_types = list(facts.values())
