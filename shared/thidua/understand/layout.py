"""The layout of official documents: which lines are lists, copies, requests and plans.

A letter's "Nơi nhận:" list, the minutes' "Thư ký:" line, the items of a list of requests ("Khối đề
nghị: 1. …") and the sections of directions or proposals ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024") say
what bodies receive, are asked, or will do, not what happened at the reported event.
"""

from __future__ import annotations

import re

from thidua.understand.text import lines_with_offsets

LIST_LINE = re.compile(r"^\s*(?:[-–+•*·]|\d{1,2}[.)/]|[a-zđ][.)])\s")

_RECIPIENTS = re.compile(r"^\s*nơi\s+nhận\s*:", re.IGNORECASE)
_SECRETARY = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*|[-–+•]\s*)?thư\s+ký(?:\s+(?:hội\s+nghị|cuộc\s+họp|phiên\s+họp|kỳ\s+họp))?\s*:",
    re.IGNORECASE,
)
# The minutes' venue line ("- Địa điểm: Phòng họp số 2, trụ sở UBND huyện X"): the room's owner only hosts.
_VENUE = re.compile(r"^\s*(?:[-–+•]\s*)?địa\s+điểm\s*:", re.IGNORECASE)
_REQUEST_INTRO = re.compile(
    r"(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất)[^:]{0,60}:\s*$"
    # a section heading of proposals ("III. ĐỀ XUẤT", "IV. ĐỀ XUẤT, KIẾN NGHỊ")
    r"|^\s*(?:[IVX]{1,4}\s*[.)/-]\s*)?(?:đề\s+xuất|kiến\s+nghị)(?:\s*[,-]\s*(?:đề\s+xuất|kiến\s+nghị))?\s*$",
    re.IGNORECASE,
)


def silent_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of lines that name bodies taking no part, and spans of the items of a list of requests.

    The first: a letter's "Nơi nhận:" list (who gets a copy), the minutes' "Thư ký: chuyên viên Văn
    phòng …" line (the secretary's office is not an actor) and their "Địa điểm:" line (the venue). The
    second: numbered or bulleted items under a line ending "… đề nghị:" / "KIẾN NGHỊ:" or a proposals
    heading — the body that opens such an item is asked to act later ("3. UBND tỉnh sớm ban hành hướng
    dẫn …"), though the items may name awardees.
    """
    silent: list[tuple[int, int]] = []
    requests: list[tuple[int, int]] = []
    mode = ""
    for start, line in lines_with_offsets(text):
        end = start + len(line)
        stripped = line.strip()
        listed = bool(LIST_LINE.match(stripped + " ")) if stripped else False
        if _RECIPIENTS.match(stripped):
            mode = "recipients"
            silent.append((start, end))
            continue
        if _SECRETARY.match(stripped) or _VENUE.match(stripped):
            silent.append((start, end))
            continue
        if mode == "recipients" and listed:
            silent.append((start, end))
            continue
        if mode == "requests" and listed:
            requests.append((start, end))
            continue
        mode = "requests" if _REQUEST_INTRO.search(stripped) else ""
    return silent, requests


# A heading of a section of directions, tasks or proposals ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
# "IV. ĐỀ XUẤT, KIẾN NGHỊ"): a Roman numeral, or words in capitals.
_PLAN_HEADING = re.compile(
    r"^\s*(?:[IVX]{1,4}\s*[.)/-]\s*)?(?:PHƯƠNG HƯỚNG|NHIỆM VỤ|KẾ HOẠCH|ĐỀ XUẤT|KIẾN NGHỊ|GIẢI PHÁP)\b"
)
_PLAN_HEADING_ROMAN = re.compile(
    r"^\s*[IVX]{1,4}\s*[.)/-]\s*(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|đề\s+xuất|kiến\s+nghị|giải\s+pháp)\b",
    re.IGNORECASE,
)
_ANY_HEADING = re.compile(r"^\s*[IVX]{1,4}\s*[.)/-]\s*\S")


def plan_sections(text: str) -> list[tuple[int, int]]:
    """Spans of the sections of directions, tasks or proposals, from their heading to the next
    Roman-numbered heading, a line in capitals or the end of the text."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for start, line in lines_with_offsets(text):
        stripped = line.strip()
        if _PLAN_HEADING.match(stripped) or _PLAN_HEADING_ROMAN.match(stripped):
            if opened is not None:
                out.append((opened, start))
            opened = start
            continue
        letters = [c for c in stripped if c.isalpha()]
        shouting = len(letters) >= 4 and all(c.isupper() for c in letters)
        if opened is not None and (_ANY_HEADING.match(stripped) or shouting):
            out.append((opened, start))
            opened = None
    if opened is not None:
        out.append((opened, len(text)))
    return out
