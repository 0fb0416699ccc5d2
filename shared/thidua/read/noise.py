"""Web-page furniture in text dumps: counters, buttons, share bars, related-link lists.

Pages saved as plain text carry the site around the article: "Lượt xem: 209",
"Sign In", "Chia sẻ bài viết", "BÌNH LUẬN", visitor counters printed digit by
digit, and lists of other articles' headlines (which name other blocs, other
dates). This filter removes them line by line and is deliberately narrow: a
line goes only when it is a known interface label, a counter, a menu of short
separated items or part of a related-links list; a counter inside a line with
other text ("05/03/2024 09:41 Số lượt xem: 266") loses only the counter.
"""

from __future__ import annotations

import re

from thidua.understand.text import fold

# Whole lines that are interface labels (compared accent-folded, lower case, no punctuation).
_LABELS = {
    "sign in", "sign up", "log in", "login", "logout", "register", "dang nhap", "dang ky", "dang xuat",
    "chia se", "chia se bai viet", "chia se bai nay", "share", "tweet", "like", "thich", "facebook",
    "zalo", "twitter", "linkedin", "email", "gui email", "in", "in bai", "in bai viet", "ban in",
    "in trang", "luu bai", "luu", "binh luan", "gui binh luan", "y kien ban doc", "y kien cua ban",
    "viet binh luan", "tra loi", "trang chu", "menu", "tim kiem", "search", "lien he", "so do site",
    "so do trang", "ve dau trang", "len dau trang", "quay lai", "quay ve", "tro ve", "back", "top",
    "xem them", "doc tiep", "xem tiep", "tags", "tag", "tu khoa", "font size", "co chu", "a a",
    "a a a", "nghe doc bai", "nghe bai viet", "audio", "video", "anh", "thong ke truy cap",
    "so luot truy cap", "luot truy cap", "dang truc tuyen", "truy cap hom nay", "tong luot truy cap",
    "ban quyen", "copyright", "rss", "ghi ro nguon", "skip to content", "skip to main content",
    "gui bai viet", "luu bai viet", "in bai nay", "nghe", "nghe doc", "nghe audio", "tin anh", "infographic",
    "podcast", "emagazine", "multimedia", "phong to", "thu nho", "chon co chu",
}
# Headers that open a list of other articles' headlines.
_RELATED = {
    "tin lien quan", "tin khac", "cac tin khac", "tin moi hon", "tin da dua", "tin cu hon", "tin moi",
    "cac tin da dua", "cac tin da dua ngay", "bai viet lien quan", "bai lien quan", "tin cung chuyen muc",
    "cung chuyen muc", "doc nhieu", "tin doc nhieu", "xem nhieu", "tin xem nhieu", "tin noi bat",
    "cac bai viet khac", "bai viet khac", "tin bai khac", "tin tuc khac", "co the ban quan tam",
    "ban co the quan tam", "related", "related articles", "more news",
}
# A counter inside a line with other text ("20/12/2023 16:45 | Lượt xem: 209").
_COUNTER_RE = re.compile(
    r"(?:số\s+)?lượt\s+(?:người\s+)?(?:xem|đọc|truy\s+cập|thích|chia\s+sẻ|bình\s+luận)\s*:?\s*\d[\d.,]*"
    r"|\bviews?\s*:?\s*\d[\d.,]*|\b\d[\d.,]*\s+(?:lượt\s+xem|views?)\b(?!\s*:)",
    re.IGNORECASE,
)
# A line that is nothing but a statistics widget entry ("Online : 31", "Hôm nay: 120").
_COUNTER_LINE_RE = re.compile(
    r"(?:online|hôm\s+nay|hôm\s+qua|tuần\s+này|tháng\s+này|tất\s+cả|tổng(?:\s+số)?|khách|thành\s+viên"
    r"|đã\s+truy\s+cập|đang\s+truy\s+cập|đang\s+trực\s+tuyến|truy\s+cập\s+hôm\s+nay"
    r"|tổng(?:\s+số)?\s+lượt\s+truy\s+cập)\s*:?\s*\d[\d.,]*",
    re.IGNORECASE,
)
_MENU_SEPARATORS = re.compile(r"\s+[|»›•·>]\s+|\s+/\s+")
# "... ký kết. Ảnh: Mai Lan" / "(Ảnh: TTXVN)" at the end of a caption: the photographer.
_PHOTO_CREDIT_RE = re.compile(
    r"\(\s*(?:Ảnh|ẢNH)\s*:\s*[^()]{1,60}\)\s*$"
    r"|(?:^|(?<=[.!?…]))\s*(?:Ảnh|ẢNH)\s*:\s*(?:[\w.-]+\s*){1,6}$"
)
_RELATED_MAX_LINES = 15
# Site footer and tag lines: they name the portal's owner agency and its editor, or list
# topics ("Từ khóa: Khối thi đua, ..."), which would pass for units, leaders and blocs.
_FOOTER_RE = re.compile(
    r"^(?:cơ\s+quan\s+chủ\s+quản|đơn\s+vị\s+quản\s+lý|chịu\s+trách\s+nhiệm(?:\s+\w+){0,3}|"
    r"trưởng\s+ban\s+biên\s+tập|tổng\s+biên\s+tập|phó\s+tổng\s+biên\s+tập|giấy\s+phép(?:\s+\w+){0,4}|"
    r"địa\s+chỉ|điện\s+thoại|đt|fax|e-?mail|hotline|website|thiết\s+kế\s+bởi|phát\s+triển\s+bởi|"
    r"từ\s+khóa|từ\s+khoá|tags?)\s*:"
    r"|^giấy\s+phép\s+(?:số|xuất\s+bản|hoạt\s+động|thiết\s+lập)\b.*/GP",
    re.IGNORECASE,
)
# A byline line on its own: "Bài, ảnh: Minh Khoa", "Tin và ảnh: Thu Trang".
_BYLINE_RE = re.compile(r"^(?:bài|tin|bài\s+và\s+ảnh|tin\s+và\s+ảnh|bài,\s*ảnh|tin,\s*ảnh|ảnh)\s*:\s*"
                        r"(?:[\w.-]+\s*){1,6}$", re.IGNORECASE)
_BREADCRUMB_RE = re.compile(r"^(?:Trang chủ|Trang nhất|Home)\s*[|»›>/•-]", re.IGNORECASE)


def _key(line: str) -> str:
    return fold(line)


def _is_menu(line: str) -> bool:
    if line.startswith("|"):  # a table row ("| STT | Đơn vị | Điểm |"), not a menu
        return False
    parts = [p.strip() for p in _MENU_SEPARATORS.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(re.findall(r"\w+", p)) <= 4 and not re.search(r"\d", p) for p in parts)


def _looks_like_headline(line: str) -> bool:
    """A line of a related-links list: short, not a sentence closed by a full stop."""
    return 0 < len(line) <= 220 and not (line.rstrip().endswith((".", "…")) and len(line.split()) >= 8)


def _is_digit_run(lines: list[str], i: int) -> bool:
    """Visitor counters printed one digit per line ("3", "7", "3", "8", ...)."""
    if not re.fullmatch(r"\d", lines[i].strip()):
        return False
    run = 1
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and (re.fullmatch(r"\d", lines[j].strip()) or not lines[j].strip()):
            run += bool(lines[j].strip())
            j += step
    return run >= 4


def strip_noise(text: str) -> str:
    """Remove web-page furniture lines and fragments; keep every body sentence."""
    lines = text.split("\n")
    out: list[str] = []
    seen_long: set[str] = set()
    in_related = 0  # lines left in the related-links list being skipped
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            out.append("")
            continue
        key = _key(line)
        if in_related:
            # A related-links list ends at the first real paragraph, or after a screenful.
            in_related -= 1
            if _looks_like_headline(line):
                continue
            in_related = 0
        if key in _RELATED:
            in_related = _RELATED_MAX_LINES
            continue
        if _COUNTER_LINE_RE.fullmatch(line) or _FOOTER_RE.match(line) or _BYLINE_RE.match(line):
            continue
        if key in _LABELS or _is_menu(line) or _is_digit_run(lines, i) or _BREADCRUMB_RE.match(line):
            continue
        if re.match(r"^(?:©|copyright\b|bản quyền thuộc)", line, re.IGNORECASE):
            continue
        cleaned = line
        if _COUNTER_RE.search(line):
            cleaned = _COUNTER_RE.sub("", line).strip(" \t-|·•,;")
            if not re.search(r"\w", cleaned):
                continue
        cleaned = _PHOTO_CREDIT_RE.sub("", cleaned).rstrip()
        if not cleaned:
            continue
        # Pages often repeat the title or the lead paragraph; a repeated long line would
        # count its facts twice.
        if len(cleaned.split()) >= 8:
            if key in seen_long:
                continue
            seen_long.add(key)
        out.append(cleaned)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
