"""The vocabulary of Vietnamese organisation names.

An organisation name is a head ("Sở", "Ủy ban nhân dân", "Liên đoàn Lao động",
"Bộ Chỉ huy Quân sự") followed by the field it works in ("Nội vụ",
"Quản lý thị trường", "thi đua - khen thưởng"), often a parent body
("Văn phòng UBND …") and a place ("tỉnh", "thành phố Cần Thơ", "Quận 7").
Fields are written in capitals or not ("Cục thống kê"), so the lower-case
field words public bodies use are listed here; everything else in lower case
ends a name. All entries are lower case with dashes unified to "-".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


def words(text: str) -> list[str]:
    """The words of a block of text (lexicons are written as whitespace-separated words)."""
    return text.split()


def phrases(text: str) -> list[str]:
    """The phrases of a block of text separated by "|" (lines may break after a "|")."""
    return [p.strip() for p in " ".join(text.split()).split("|") if p.strip()]


@dataclass(frozen=True)
class Head:
    words: tuple[str, ...]
    kind: str  # gov, party, agency, mass, military, school, company, media, council, court
    needs_tail: bool = True  # "Sở" alone is no name; "UBND" alone is
    numbered: bool = False  # "Sư đoàn 5", "Quận 7"
    lower_ok: bool = False  # may be written in lower case ("sở Nội vụ", "các sở …")


def _h(
    spec: str, kind: str, *, needs_tail: bool = True, numbered: bool = False, lower_ok: bool = False
) -> list[Head]:
    return [Head(tuple(s.split()), kind, needs_tail, numbered, lower_ok) for s in spec.split("|")]


HEADS: list[Head] = [
    *_h("ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|hdnd", "gov", needs_tail=False),
    *_h("ủy ban mttq|ủy ban mặt trận tổ quốc|ubmttq|ubmttqvn|mặt trận tổ quốc|mttq", "gov", needs_tail=False),
    *_h("ủy ban", "gov"),  # "Ủy ban Kiểm tra Tỉnh ủy"
    *_h("tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy", "party", needs_tail=False),
    *_h("ban thường vụ|btv|thường vụ đảng ủy|ban chấp hành|bch", "party"),
    *_h("đoàn đại biểu quốc hội|đoàn đbqh", "gov", needs_tail=False),
    *_h("hội đồng|hđ", "council"),  # "HĐ TĐKT huyện"
    *_h("sở|ban|cục|chi cục|tổng cục", "agency", lower_ok=True),
    *_h("vụ|văn phòng|viện|kho bạc|chi nhánh|trung tâm|bệnh viện|phòng", "agency"),
    *_h("bộ", "agency"),
    *_h("thanh tra", "agency", lower_ok=True),
    *_h("công an", "agency"),
    *_h("bảo hiểm xã hội|bhxh|ngân hàng nhà nước|nhnn|ngân hàng|hải quan|cục thuế|chi cục thuế", "agency"),
    # State enterprises and services named by their trade and place ("Điện lực Quảng Trị", "Bưu điện tỉnh").
    *_h("điện lực|viễn thông|bưu điện|cảng vụ|vườn quốc gia|đài khí tượng thủy văn", "company"),
    *_h("kho bạc nhà nước|kbnn", "agency", needs_tail=False),
    *_h("tòa án nhân dân|tand|tandtc|tòa án", "court", needs_tail=False),
    *_h("viện kiểm sát nhân dân|vksnd|vksndtc|viện kiểm sát", "court", needs_tail=False),
    *_h("liên đoàn lao động|lđlđ|ldld|tổng liên đoàn lao động|tổng liên đoàn|tổng lđlđ|công đoàn", "mass",
        needs_tail=False),
    *_h("hội|liên hiệp|liên minh", "mass"),
    *_h("đoàn thanh niên|tỉnh đoàn|thành đoàn|huyện đoàn|hội liên hiệp phụ nữ|hội lhpn|hội nông dân"
        "|hội cựu chiến binh|hội ccb|hội chữ thập đỏ", "mass", needs_tail=False),
    *_h("bộ chỉ huy|bộ chqs|ban chqs|bchqs|bộ tư lệnh|bộ đội biên phòng|bđbp", "military"),
    *_h("trung ương hội|t.ư hội|tw hội|trung ương đoàn|t.ư đoàn|tw đoàn", "mass", needs_tail=False),
    *_h("đoàn khối", "mass"),  # "Đoàn Khối các cơ quan tỉnh": the youth union of a bloc of agencies
    *_h("quân khu|quân đoàn|sư đoàn|lữ đoàn|trung đoàn|binh đoàn|vùng", "military", numbered=True),
    *_h("trường|đại học|học viện|phân hiệu|cao đẳng", "school"),
    *_h("công ty|cty|tổng công ty|tập đoàn|hợp tác xã|htx|xí nghiệp|nhà máy", "company"),
    *_h("quỹ tín dụng nhân dân|quỹ tín dụng", "company"),
    # Field units named by their post and place ("Hạt Kiểm lâm huyện X", "Đội Quản lý thị trường số 2").
    *_h("hạt kiểm lâm|đội|trạm", "agency"),  # "Trạm Y tế xã X", "Trạm Khuyến nông huyện Y"
    *_h("báo|đài|tạp chí|đài phát thanh|đài truyền hình", "media"),
]

# Words that, right after a head, show it is not an organisation at all
# ("Hội nghị", "Ban ngành", "Đoàn thể", "Trường hợp").
NOT_AFTER_HEAD: dict[str, frozenset[str]] = {
    "hội": frozenset(words(
        """
        nghị thao diễn thi trường viên chợ xuân ngộ nhập tụ ý làng báo chẩn đàm thảo sách đồng
        """
    )),
    **{h: frozenset({"viên"}) for h in ("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "đảng ủy")},
    "ban": frozenset(["ngành", "hành", "giám", "khảo", "đầu", "ngày", "đêm"]),
    "trường": frozenset(["hợp", "học"]),
    "phòng": frozenset(["chống", "ngừa", "họp", "khách"]),
    "vụ": frozenset(["việc", "án"]),
    "đài": frozenset(["tưởng", "niệm"]),
    "vùng": frozenset(["sâu", "xa", "khó"]),
    "đội": frozenset(["ngũ", "tuyển", "hình", "viên", "bóng", "mũ"]),
    "trung tâm": frozenset(["hội"]),
    "trạm": frozenset(["dừng", "sạc", "xe"]),
}

# Lower-case field words that continue a name after its head.
_FIELDS = """
nội vụ|tư pháp|tài chính|kế hoạch|đầu tư|kế hoạch và đầu tư|khoa học|công nghệ|khoa học và công nghệ|ngoại vụ
y tế|giáo dục|đào tạo|giáo dục và đào tạo|lao động|thương binh|xã hội|lao động - thương binh và xã hội
lao động , thương binh và xã hội|thương binh và xã hội|văn hóa|thể thao|du lịch|văn hóa , thể thao và du lịch
văn hóa - thể thao và du lịch|văn hóa thể thao và du lịch|thể thao và du lịch|văn hóa thông tin
văn hóa và thông tin
tài nguyên|môi trường|tài nguyên và môi trường|nông nghiệp|phát triển nông thôn
nông nghiệp và phát triển nông thôn
nông nghiệp và môi trường|giao thông|vận tải|giao thông vận tải|xây dựng|công thương|thông tin|truyền thông
thông tin và truyền thông|dân tộc|tôn giáo|dân tộc và tôn giáo|thi đua|khen thưởng|thi đua - khen thưởng
thi đua , khen thưởng|thi đua khen thưởng|quản lý|thị trường|quản lý thị trường|thống kê|thuế|hải quan|kho bạc
nhà nước|bảo hiểm|bảo hiểm xã hội|nhân dân|kiểm sát|kiểm sát nhân dân|thi hành án|dân sự|hình sự|hành chính
quân sự|biên phòng|bộ đội|an ninh|cảnh sát|cộng sản|thanh niên|thanh niên cộng sản|phụ nữ|liên hiệp phụ nữ
nông dân|cựu chiến binh|chữ thập đỏ|khuyến học|hữu nghị|hợp tác xã|kỹ thuật|văn học|nghệ thuật|tuyên giáo
dân vận|kiểm tra|nội chính|đối ngoại|điều phối|nông thôn mới|công tác|cấp cao|tối cao|trung ương|nghiệp vụ
tổng hợp|tham mưu|chính trị|cây xanh|công viên|ngân hàng|phát triển|đô thị|chính sách|đặc thù|cán bộ|pháp chế
pháp luật|quyền công tố|kiểm sát điều tra|án kinh tế|kinh tế|tham nhũng|chức vụ|điều tra|thực hành|bồi dưỡng
đào tạo , bồi dưỡng|phòng cháy|chữa cháy|cứu nạn|cứu hộ|sản xuất|thương mại|dịch vụ|bến xe|khai thác
xuất nhập khẩu|viễn thông|điện lực|cấp nước|thoát nước|dự phòng|kiểm soát bệnh tật|dân số|gia đình|trẻ em
nghề nghiệp|nghề|thường xuyên|giáo dục thường xuyên|hướng nghiệp|dạy nghề|dịch vụ việc làm|công ích
cấp thoát nước|pháp y|giám định|trợ giúp pháp lý|đấu giá|công chứng|bảo trợ xã hội|điều dưỡng
y dược cổ truyền|cổ truyền|y học cổ truyền
phục hồi chức năng
thể dục thể thao|bảo tàng|thư viện|di tích|phát thanh|truyền hình|phát thanh - truyền hình|khí tượng|thủy văn
quy hoạch|đo đạc|bản đồ|hành chính công|xúc tiến|khuyến công|nước sạch|tin học|ngoại ngữ|sát hạch|đăng kiểm
hôn nhân|hôn nhân và gia đình|lâm nghiệp|thủy sản|thủy lợi|kiểm lâm|khuyến nông|thú y|bảo vệ thực vật
phòng chống thiên tai|tổ chức cán bộ|quản lý khoa học|hữu nghị|thống kê|văn thư|lưu trữ
tổ chức hữu nghị|trung bộ|nam bộ|bắc bộ|tây nguyên|phía nam|phía bắc|miền trung|miền nam|miền bắc|miền tây
nhân đạo|chương trình|dự án|quản trị|công tác đảng|công tác chính trị|khu vực|cơ quan|doanh nghiệp
khu công nghiệp|khu kinh tế|khu chế xuất|viên chức|công chức
người lao động|quốc phòng|công nghiệp|vệ sinh
an toàn thực phẩm|dân cử|đại biểu|quốc hội|rừng phòng hộ|rừng đặc dụng|kiểm lâm|chỉ đạo
người mù|người cao tuổi|người khuyết tật|nạn nhân chất độc da cam|cựu thanh niên xung phong|sinh vật cảnh
làm vườn|luật gia|nhà báo|văn học nghệ thuật|cơ động|cảnh sát giao thông|cảnh sát cơ động
"""

# Words that may sit inside a name only when more of the name follows
# ("Công đoàn ngành Y tế", "Liên hiệp các Hội …").
LINKERS = frozenset({"ngành", "các"})

# Region phrases found in bloc and cluster names.
_REGIONS = """
đồng bằng sông hồng|đồng bằng sông cửu long|miền trung|miền nam|miền bắc|miền tây|miền đông
tây nam bộ|đông nam bộ
tây nguyên|ven biển|biên giới|miền núi|trung du|phía bắc|phía nam|duyên hải|bắc trung bộ|nam trung bộ|nam bộ
bắc bộ|trung bộ|khu vực|vùng|đông bắc|tây bắc
"""

# Place words: what follows them is a place name, a number or nothing ("UBND tỉnh").
PLACE_WORDS: dict[tuple[str, ...], str] = {
    ("tỉnh",): "tỉnh", ("thành", "phố"): "thành phố", ("tp",): "thành phố", ("quận",): "quận",
    ("huyện",): "huyện", ("thị", "xã"): "thị xã", ("phường",): "phường", ("xã",): "xã",
    ("thị", "trấn"): "thị trấn",
}
PLACE_LEVEL = {
    "tỉnh": 1, "thành phố": 1, "quận": 2, "huyện": 2, "thị xã": 2, "phường": 3, "xã": 3, "thị trấn": 3,
}

# Capitalised words that end a name (a post, a rank, an honorific, a new clause).
STOP_CAPS = frozenset(
    words(
        """
        chủ phó giám trưởng bí thứ thủ chánh viện cục chi tổng chỉ chính tư ủy đồng ông bà anh chị đ/c
        khối cụm ảnh nguồn tại theo ngày sáng chiều tối trưa năm trong với và cùng dự tham đến hội nghị
        lễ đại thiếu trung thượng đại tá tướng úy quyền nguyên kính thưa
        """
    )
)


def _phrases(block: str) -> frozenset[tuple[str, ...]]:
    out = set()
    for line in block.strip().splitlines():
        for phrase in line.split("|"):
            words = tuple(phrase.split())
            if words:
                out.add(words)
    return frozenset(out)


@lru_cache(maxsize=1)
def field_phrases() -> frozenset[tuple[str, ...]]:
    return _phrases(_FIELDS)


@lru_cache(maxsize=1)
def region_phrases() -> frozenset[tuple[str, ...]]:
    return _phrases(_REGIONS)


@lru_cache(maxsize=1)
def heads_by_first_word() -> dict[str, list[Head]]:
    index: dict[str, list[Head]] = {}
    for head in HEADS:
        index.setdefault(head.words[0], []).append(head)
    for heads in index.values():
        heads.sort(key=lambda h: -len(h.words))
    return index


_FIRST_WORDS: dict[frozenset[tuple[str, ...]], dict[str, int]] = {}


def _first_words(phrases: frozenset[tuple[str, ...]]) -> dict[str, int]:
    """First word of the phrases → length of the longest phrase it opens."""
    index = _FIRST_WORDS.get(phrases)
    if index is None:
        index = {}
        for p in phrases:
            if p:
                index[p[0]] = max(index.get(p[0], 0), len(p))
        if len(_FIRST_WORDS) > 64:
            _FIRST_WORDS.clear()  # the lexicons are a handful of cached sets; never grow without bound
        _FIRST_WORDS[phrases] = index
    return index


def longest_phrase(words: list[str], phrases: frozenset[tuple[str, ...]], max_len: int = 8) -> int:
    """Length of the longest phrase of `phrases` at the start of `words` (0 when none)."""
    if not words:
        return 0
    longest = _first_words(phrases).get(words[0], 0)  # most words open no phrase: answer at once
    for n in range(min(max_len, len(words), longest), 0, -1):
        if tuple(words[:n]) in phrases:
            return n
    return 0
