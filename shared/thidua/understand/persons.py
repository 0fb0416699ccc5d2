"""Vietnamese personal names: a surname, then one to three given syllables, each capitalised.

The surname list is the general one (the hundred-odd family names that cover
nearly every Kinh name, plus common ethnic-minority name openings); a name is
only taken where the surrounding grammar (an honorific, a rank, a post) says a
person is named, so the list is a guard, not the detector.
"""

from __future__ import annotations

from thidua.understand.orgnames import words
from thidua.understand.text import fold

_SURNAMES = words(
    """
    nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lương đậu lại thái quách cao
    mai lâm đinh trương đoàn tô tạ hà chu châu kiều khúc lưu mạc mạch nghiêm ông phí phùng tăng thân
    tiêu triệu trịnh từ vương vi lò lục nông hầu âu bế cù diệp giang giáp hứa kim la lã lạc lữ mã nhâm
    ninh tôn trình ứng khổng khương lăng đàm đồng lều liêu mẫn thạch chế đường hàn hạ kha khuất lỗ luân
    mông nhan quản sầm tống thang thiều trang trầm tường uông viên vòng xa y a h' k' ksor rơ siu nay
    rmah rah giàng sùng thào vàng lầu mùa chảo tẩn phàn sần quàng lường tòng cầm điêu
    đào doãn bạch chung quan
    """
)

SURNAMES = frozenset(_SURNAMES)
SURNAMES_FOLDED = frozenset(fold(s) for s in _SURNAMES)

# Syllables that open names of places, bodies or things far more often than
# persons: a capitalised run starting with them is not read as a name.
_NOT_GIVEN = frozenset(
    words(
        """
        ủy sở cục viện tỉnh quận huyện phường xã khối cụm đảng hội ảnh nguồn
        """
    )
)


def is_surname(word: str) -> bool:
    return word.lower() in SURNAMES


def looks_like_name_word(word: str) -> bool:
    """A capitalised Vietnamese syllable (not all capitals, no digits)."""
    if not word or not word[0].isupper() or any(ch.isdigit() for ch in word):
        return False
    if len(word) > 1 and word.isupper():
        return False
    return word.replace("'", "").replace("’", "").isalpha() and len(word) <= 7


def name_length(words: list[str], *, strict: bool = True) -> int:
    """How many of the leading words form a personal name (0 when they do not).

    `strict` asks for a known surname; with it off (an honorific or rank
    already says a person follows) any two to four capitalised syllables do.
    """
    n = 0
    for word in words[:4]:
        if not looks_like_name_word(word) or (word.lower() in _NOT_GIVEN and n > 0):
            break
        n += 1
    if n < 2:
        return 0
    if strict and not is_surname(words[0]):
        return 0
    return n
