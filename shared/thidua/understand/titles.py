"""Posts, military and police ranks, and honorifics, as written before or after a person's name.

A post is a leadership office ("Phó Giám đốc", "Chánh Văn phòng", "Viện
trưởng"), a plain membership ("Ủy viên Ban Thường vụ", "Tỉnh ủy viên"), or a
bloc role ("Khối trưởng", "Cụm phó"). GUIDE.md counts the body of an office as
a unit, not the body of a membership, and a bloc role says which unit leads a
bloc. Entries are lower case.
"""

from __future__ import annotations

from functools import lru_cache

from thidua.understand.orgnames import longest_phrase

# Offices. "trưởng"/"phó" alone are offices when an organisation follows
# ("Trưởng Ban Dân tộc tỉnh", "Phó Ban công tác phụ nữ").
_OFFICES = """
chủ tịch|phó chủ tịch|bí thư|phó bí thư|giám đốc|phó giám đốc|tổng giám đốc|phó tổng giám đốc
chánh|phó chánh|chánh án|phó chánh án
viện trưởng|phó viện trưởng|cục trưởng|phó cục trưởng|chi cục trưởng|phó chi cục trưởng|tổng cục trưởng
phó tổng cục trưởng|vụ trưởng|phó vụ trưởng|trưởng ban|phó trưởng ban|phó ban|trưởng phòng|phó trưởng phòng
trưởng đoàn|phó trưởng đoàn|chỉ huy trưởng|phó chỉ huy trưởng|chính ủy|phó chính ủy|tư lệnh|phó tư lệnh
thủ trưởng|hiệu trưởng|phó hiệu trưởng|bộ trưởng|thứ trưởng|thủ tướng|phó thủ tướng|chủ nhiệm|phó chủ nhiệm
chủ tịch nước|phó chủ tịch nước|tổng bí thư|ủy viên thường trực|phó trưởng
tổng biên tập|phó tổng biên tập|trưởng|phó|trưởng khoa
sư đoàn trưởng|lữ đoàn trưởng|trung đoàn trưởng|chính trị viên
hạt trưởng|phó hạt trưởng|đội trưởng|phó đội trưởng|trạm trưởng|phó trạm trưởng
chủ nhiệm chính trị|phó chủ nhiệm chính trị|chủ nhiệm hậu cần|phó chủ nhiệm hậu cần|chủ nhiệm kỹ thuật
phó chủ nhiệm kỹ thuật|tham mưu trưởng|phó tham mưu trưởng|chủ nhiệm hậu cần - kỹ thuật
phó chủ nhiệm hậu cần - kỹ thuật
thống đốc|phó thống đốc|tổng thanh tra|phó tổng thanh tra|tổng kiểm toán|phó tổng kiểm toán
pct|pgđ|gđ|pbt
"""
# Posts written as abbreviations in local reports, spelled out in titles ("PCT UBND huyện").
ABBREVIATED_POSTS = {"pct": "Phó Chủ tịch", "pgđ": "Phó Giám đốc", "gđ": "Giám đốc", "pbt": "Phó Bí thư"}
# Words that qualify a post ("Phó Chủ tịch Thường trực", "Phó Bí thư TT", "Phó Trưởng đoàn phụ trách").
POST_QUALIFIERS = frozenset(
    {("thường", "trực"), ("tt",), ("thứ", "nhất"), ("phụ", "trách"), ("chuyên", "trách")}
)
# Before a post: former, acting.
POST_PREFIXES = frozenset({"nguyên", "quyền"})

_MEMBERSHIPS = """
ủy viên|ủy viên ban thường vụ|ủy viên btv|ủy viên ban chấp hành|ủy viên bch|ủy viên trung ương đảng
tỉnh ủy viên|thành ủy viên|huyện ủy viên|quận ủy viên|đảng ủy viên|đại biểu quốc hội|đbqh|thành viên
ủy viên ban chấp hành trung ương đảng|ủy viên đoàn chủ tịch|ủy viên trung ương
"""

_BLOC_ROLES = """
khối trưởng|khối phó|cụm trưởng|cụm phó|trưởng khối|phó khối|trưởng cụm|phó cụm|trưởng khối thi đua
phó khối thi đua|trưởng cụm thi đua|phó cụm thi đua|khối trưởng khối thi đua|cụm trưởng cụm thi đua
"""

_RANKS = """
đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy
thiếu úy|chuẩn úy|đô đốc|phó đô đốc|chuẩn đô đốc|thượng sĩ|trung sĩ|hạ sĩ
"""

_HONORIFICS = """
ông|bà|đồng chí|đ/c|đ / c|anh|chị|các ông|các bà|các đồng chí|bác sĩ|bs|tiến sĩ|ts|thạc sĩ|ths|pgs|gs|pgs.ts
gs.ts|luật sư|kỹ sư|nhà giáo|nghệ sĩ|nhà báo|dược sĩ|ngài|cô|thầy
"""


def _phrases(block: str) -> frozenset[tuple[str, ...]]:
    lines = block.strip().splitlines()
    return frozenset(tuple(p.split()) for line in lines for p in line.split("|") if p.strip())


@lru_cache(maxsize=1)
def offices() -> frozenset[tuple[str, ...]]:
    return _phrases(_OFFICES)


@lru_cache(maxsize=1)
def memberships() -> frozenset[tuple[str, ...]]:
    return _phrases(_MEMBERSHIPS)


@lru_cache(maxsize=1)
def bloc_roles() -> frozenset[tuple[str, ...]]:
    return _phrases(_BLOC_ROLES)


@lru_cache(maxsize=1)
def ranks() -> frozenset[tuple[str, ...]]:
    return _phrases(_RANKS)


@lru_cache(maxsize=1)
def honorifics() -> frozenset[tuple[str, ...]]:
    return _phrases(_HONORIFICS)


def match_rank(words: list[str]) -> int:
    return longest_phrase(words, ranks(), 3)


def match_honorific(words: list[str]) -> int:
    return longest_phrase(words, honorifics(), 3)


def match_bloc_role(words: list[str]) -> int:
    return longest_phrase(words, bloc_roles(), 5)


def match_membership(words: list[str]) -> int:
    return longest_phrase(words, memberships(), 8)


def match_office(words: list[str]) -> int:
    """Length of the office at the start of `words`, its qualifiers included (0 when none)."""
    n = 0
    if words and words[0] in POST_PREFIXES:
        n = 1
    core = longest_phrase(words[n:], offices(), 7)
    if not core:
        return 0
    n += core
    while True:
        q = next((len(p) for p in POST_QUALIFIERS if tuple(words[n : n + len(p)]) == p), 0)
        if not q:
            return n
        n += q
