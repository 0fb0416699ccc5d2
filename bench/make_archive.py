# ruff: noqa: E501  (the document templates are prose)
"""Generate a zip archive of varied documents for the bulk-ingest benchmark, with a manifest.

Every document is written here from our own templates (invented places, people and
units; nothing from the eval corpus): news articles and meeting minutes about
emulation and commendation work, in txt (UTF-8 and UTF-16), html (a news page with its
menus and footer), docx (with a member table) and pdf (text layer, DejaVu font). The
archive has nested folders, an inner zip archive, a few corrupt or unsupported files
and some exact duplicates under other names, like a real office archive.

    .venv/bin/python bench/make_archive.py [--count 2000] [--out bench/data/archive-2000.zip] [--seed 5]

The manifest (`<out>.manifest.json`) lists every document entry with the outcome the
ingest must reach: `ok`, or `failed` with its reason code.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

SYLLABLES = [
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Sơn", "Hà", "Lâm",
    "Thành", "Nguyên", "Lộc", "Phước", "Hưng", "Quang", "Vĩnh", "Khánh", "Gia", "Xuân", "Trà",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLES = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức", "Thu", "Hoài", "Xuân", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh", "Yến", "Khoa", "Linh"]
DEPARTMENTS = [
    "Nội vụ", "Tài chính", "Tư pháp", "Y tế", "Giáo dục và Đào tạo", "Xây dựng", "Công Thương",
    "Nông nghiệp và Phát triển nông thôn", "Văn hóa, Thể thao và Du lịch", "Kế hoạch và Đầu tư",
    "Tài nguyên và Môi trường", "Giao thông vận tải", "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội", "Khoa học và Công nghệ",
]
AGENCIES = ["Công an tỉnh", "Tòa án nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh", "Thanh tra tỉnh", "Ban Dân tộc tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Bảo hiểm xã hội tỉnh"]
BLOC_KINDS = ["các cơ quan nội chính", "văn hóa - xã hội", "kinh tế - tổng hợp", "các cơ quan Đảng, đoàn thể", "các sở quản lý chuyên ngành"]
AWARDS = [
    ("Cờ thi đua của Chính phủ", 1), ("Cờ thi đua của Ủy ban nhân dân tỉnh", 1),
    ("Bằng khen của Thủ tướng Chính phủ", 3), ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 6),
    ("danh hiệu Tập thể lao động xuất sắc", 4), ("danh hiệu Chiến sĩ thi đua cơ sở", 12), ("Giấy khen", 15),
]
TITLES = ["Giám đốc Sở", "Phó Giám đốc Sở", "Chánh Văn phòng", "Trưởng ban", "Phó Chủ tịch Ủy ban nhân dân tỉnh"]


def place(rng: random.Random) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


@dataclass
class Story:
    """The facts one generated document is about."""

    province: str
    bloc: str
    year: int
    day: int
    month: int
    units: list[str]
    head_unit: str
    leader: str
    leader_title: str
    chair: str
    awards: list[tuple[str, int]]


def story(rng: random.Random) -> Story:
    province = place(rng)
    units = [f"Sở {d}" for d in rng.sample(DEPARTMENTS, rng.randint(3, 7))]
    units += rng.sample(AGENCIES, rng.randint(0, 3))
    rng.shuffle(units)
    bloc = rng.choice(
        [f"Khối thi đua {rng.choice(BLOC_KINDS)}", f"Cụm thi đua số {rng.randint(1, 9)}", f"Cụm thi đua các huyện phía {rng.choice(['Bắc', 'Nam', 'Đông', 'Tây'])}"]
    )
    head = units[0]
    title = rng.choice(TITLES)
    return Story(
        province=province,
        bloc=bloc,
        year=rng.randint(2019, 2025),
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
        units=units,
        head_unit=head,
        leader=person(rng),
        leader_title=f"{title} {head.removeprefix('Sở ')}" if title.endswith("Sở") else title,
        chair=person(rng),
        awards=rng.sample(AWARDS, rng.randint(1, 4)),
    )


def _award_lines(s: Story, rng: random.Random) -> list[str]:
    lines = []
    for name, typical in s.awards:
        n = max(1, typical + rng.randint(-1, 2))
        who = ", ".join(rng.sample(s.units, min(n, len(s.units)))) if n <= len(s.units) else f"{n} tập thể và cá nhân"
        lines.append(f"Dịp này, {n} tập thể, cá nhân được tặng {name}, gồm: {who}.")
    return lines


def review(s: Story, rng: random.Random) -> tuple[str, str]:
    title = f"{s.bloc} tỉnh {s.province} tổng kết công tác thi đua, khen thưởng năm {s.year}"
    paras = [
        f"Ngày {s.day}/{s.month}/{s.year + 1}, {s.bloc} tỉnh {s.province} tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm {s.year} và triển khai nhiệm vụ năm {s.year + 1}.",
        f"Dự hội nghị có đồng chí {s.leader}, {s.leader_title}, Trưởng khối; cùng lãnh đạo các đơn vị thành viên: {', '.join(s.units)}.",
        f"Năm {s.year}, các đơn vị trong khối đã bám sát nội dung giao ước thi đua, triển khai nhiều phong trào thiết thực gắn với nhiệm vụ chuyên môn. Công tác cải cách hành chính, chuyển đổi số và phòng, chống tham nhũng được chú trọng; nhiều mô hình hay, cách làm hiệu quả được nhân rộng.",
        f"Qua bình xét, hội nghị thống nhất đề nghị {s.units[1]} và {s.units[2]} là hai đơn vị dẫn đầu phong trào thi đua của khối năm {s.year}.",
        *_award_lines(s, rng),
        f"Phát biểu tại hội nghị, đồng chí {s.chair}, Phó Chủ tịch Ủy ban nhân dân tỉnh, ghi nhận kết quả khối đạt được và đề nghị các đơn vị tiếp tục đổi mới nội dung, hình thức thi đua trong năm {s.year + 1}.",
        f"Hội nghị đã bầu {s.units[-1]} làm Trưởng khối năm {s.year + 1}, {s.units[-2]} làm Phó Trưởng khối.",
    ]
    return title, "\n\n".join(paras)


def pledge(s: Story, rng: random.Random) -> tuple[str, str]:
    title = f"{s.bloc} ký kết giao ước thi đua năm {s.year}"
    paras = [
        f"Sáng {s.day}/{s.month}/{s.year}, tại hội trường {s.head_unit}, {s.bloc} tỉnh {s.province} tổ chức lễ ký kết giao ước thi đua năm {s.year}.",
        f"Theo đó, {len(s.units)} đơn vị thành viên gồm {', '.join(s.units)} cùng thống nhất thực hiện năm nội dung thi đua trọng tâm: hoàn thành xuất sắc nhiệm vụ chính trị được giao; đẩy mạnh cải cách hành chính; thực hành tiết kiệm, chống lãng phí; chăm lo đời sống cán bộ, công chức; xây dựng cơ quan, đơn vị văn hóa.",
        f"Đồng chí {s.leader}, {s.leader_title}, Trưởng khối năm {s.year}, đề nghị thủ trưởng các đơn vị quán triệt nội dung giao ước đến từng cán bộ, đảng viên, người lao động.",
        "Cuối năm, khối sẽ chấm điểm, bình xét và suy tôn đơn vị dẫn đầu để đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Cờ thi đua.",
    ]
    return title, "\n\n".join(paras)


def minutes(s: Story, rng: random.Random) -> tuple[str, str]:
    title = f"BIÊN BẢN HỌP BÌNH XÉT THI ĐUA NĂM {s.year} - {s.bloc.upper()}"
    votes = {u: rng.randint(60, 100) for u in s.units}
    ranking = sorted(votes, key=lambda u: -votes[u])
    lines = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        title,
        f"Thời gian: {8 + rng.randint(0, 6)} giờ 00, ngày {s.day} tháng {s.month} năm {s.year + 1}.",
        f"Địa điểm: trụ sở {s.head_unit}, tỉnh {s.province}.",
        f"Chủ trì: đồng chí {s.leader}, {s.leader_title}, Trưởng khối.",
        f"Thư ký: đồng chí {person(rng)}, chuyên viên {s.head_unit}.",
        "Thành phần: đại diện lãnh đạo các đơn vị thành viên của khối.",
        "Nội dung: các đơn vị báo cáo kết quả thực hiện giao ước thi đua, tự chấm điểm và bỏ phiếu bình xét.",
        "Kết quả bỏ phiếu:",
        *[f"- {u}: {votes[u]}% số phiếu." for u in ranking],
        f"Hội nghị thống nhất đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho {ranking[0]}; Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho {ranking[1]} và {ranking[2]}.",
        "Biên bản kết thúc lúc 11 giờ 30 cùng ngày, đã thông qua trước hội nghị.",
    ]
    return title, "\n".join(lines)


def launch(s: Story, rng: random.Random) -> tuple[str, str]:
    title = f"Phát động phong trào thi đua năm {s.year} trong {s.bloc.lower()}"
    paras = [
        f"Ngày {s.day}/{s.month}/{s.year}, {s.bloc} tỉnh {s.province} tổ chức hội nghị phát động phong trào thi đua năm {s.year} với chủ đề đoàn kết, kỷ cương, sáng tạo, hoàn thành xuất sắc nhiệm vụ.",
        f"Đồng chí {s.leader}, {s.leader_title}, phát động thi đua và đề nghị các đơn vị đăng ký danh hiệu thi đua trước ngày 31/3/{s.year}.",
        f"Các đơn vị {', '.join(s.units[:4])} đã đăng ký phấn đấu đạt danh hiệu Tập thể lao động xuất sắc.",
        "Phong trào được triển khai theo từng đợt, có sơ kết giữa năm và tổng kết cuối năm; kết quả là căn cứ để bình xét khen thưởng.",
    ]
    return title, "\n\n".join(paras)


def ceremony(s: Story, rng: random.Random) -> tuple[str, str]:
    title = f"Trao Cờ thi đua và Bằng khen cho các đơn vị thuộc {s.bloc.lower()}"
    paras = [
        f"Chiều {s.day}/{s.month}/{s.year + 1}, Ủy ban nhân dân tỉnh {s.province} tổ chức lễ trao tặng các danh hiệu thi đua, hình thức khen thưởng năm {s.year} cho các tập thể, cá nhân thuộc {s.bloc}.",
        *_award_lines(s, rng),
        f"Thay mặt lãnh đạo tỉnh, đồng chí {s.chair}, Phó Chủ tịch Ủy ban nhân dân tỉnh, chúc mừng các tập thể, cá nhân được khen thưởng.",
        f"Đồng chí {s.leader}, {s.leader_title}, cho biết khối sẽ tiếp tục duy trì sinh hoạt định kỳ và kiểm tra chéo giữa các đơn vị.",
    ]
    return title, "\n\n".join(paras)


TEMPLATES = [review, review, pledge, minutes, launch, ceremony]

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} | Cổng thông tin tỉnh {province}</title>
<meta property="article:published_time" content="{published}T09:15:00+07:00"></head>
<body><header><div class="logo">Cổng thông tin điện tử tỉnh {province}</div></header>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li>
<li><a href="/thi-dua">Thi đua - Khen thưởng</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<article><h1>{title}</h1><div class="date">{published_vn}</div>
{body}
</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Hội nghị giao ban công tác văn phòng</a></li></ul></aside>
<footer>Cơ quan chủ quản: Văn phòng Ủy ban nhân dân tỉnh {province}. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</footer>
</body></html>
"""


def as_txt(title: str, body: str, rng: random.Random) -> bytes:
    text = f"{title}\n\n{body}\n"
    if rng.random() < 0.1:
        return text.replace("\n", "\r\n").encode("utf-16")
    return text.encode("utf-8")


def as_html(title: str, body: str, s: Story) -> bytes:
    import html

    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    published = f"{s.year + 1}-{s.month:02d}-{s.day:02d}"
    return PAGE.format(
        title=html.escape(title), province=s.province, body=paras, published=published,
        published_vn=f"{s.day:02d}/{s.month:02d}/{s.year + 1}",
    ).encode("utf-8")


def as_docx(title: str, body: str, s: Story) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for para in body.split("\n"):
        if para.strip():
            document.add_paragraph(para)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Đơn vị", "Vai trò"
    for i, unit in enumerate(s.units):
        row = table.add_row()
        row.cells[0].text = unit
        row.cells[1].text = "Trưởng khối" if i == 0 else "Thành viên"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(title: str, body: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, title, align="C")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 10.5)
    for para in body.split("\n"):
        if para.strip():
            pdf.multi_cell(0, 5.5, para, align="J")
            pdf.ln(1.5)
    return bytes(pdf.output())


def render(kind: str, title: str, body: str, s: Story, rng: random.Random) -> bytes:
    if kind == "txt":
        return as_txt(title, body, rng)
    if kind == "html":
        return as_html(title, body, s)
    if kind == "docx":
        return as_docx(title, body, s)
    return as_pdf(title, body)


@dataclass
class Entry:
    name: str  # path inside the archive (an inner archive's entries: "inner.zip!/name")
    expect: str  # "ok" or "failed"
    reason: str | None = None  # the reason code a failed entry must get
    duplicate_of: str | None = None


def slug(text: str, rng: random.Random) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in ascii_text).split()][:8]
    return "-".join(words) + f"-{rng.randrange(16**4):04x}"


def generate(count: int, seed: int) -> tuple[dict[str, bytes], list[Entry]]:
    """Archive members (name → bytes) and the manifest of document entries."""
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    manifest: list[Entry] = []
    corrupt = max(5, count // 80)
    duplicates = max(5, count // 50)
    good = count - corrupt - duplicates
    made: list[str] = []
    for _ in range(good):
        s = story(rng)
        title, body = rng.choice(TEMPLATES)(s, rng)
        kind = rng.choices(["txt", "html", "docx", "pdf"], weights=[60, 18, 12, 10])[0]
        folder = f"{s.year}/{rng.choice(['tin-tuc', 'bien-ban', 'bao-cao', 'khen-thuong'])}"
        name = f"{folder}/{slug(title, rng)}.{kind}"
        while name in files:
            name = f"{folder}/{slug(title, rng)}.{kind}"
        files[name] = render(kind, title, body, s, rng)
        manifest.append(Entry(name, "ok"))
        made.append(name)
    for i in range(duplicates):
        original = rng.choice(made)
        name = f"ban-sao/{i:03d}-{original.rsplit('/', 1)[1]}"
        files[name] = files[original]
        manifest.append(Entry(name, "ok", duplicate_of=original))
    pdf_sample = next((files[n] for n in made if n.endswith(".pdf")), as_pdf("Báo cáo", "Nội dung báo cáo."))
    broken = [
        ("hong/bao-cao-{i}.pdf", pdf_sample[: len(pdf_sample) // 3], "corrupt"),
        ("hong/bien-ban-{i}.docx", bytes(rng.randrange(256) for _ in range(800)), "corrupt"),
        ("hong/trong-{i}.txt", b"", "empty"),
        ("hong/cai-dat-{i}.exe", b"MZ\x90\x00\x03" + bytes(200), "unsupported_type"),
        ("hong/van-ban-cu-{i}.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(300), "unsupported_type"),
    ]
    for i in range(corrupt):
        pattern, data, reason = broken[i % len(broken)]
        name = pattern.format(i=i)
        files[name] = data
        manifest.append(Entry(name, "failed", reason=reason))
    # Move about 5% of the good documents into an inner archive, as offices send "phụ lục" zips.
    inner_names = [e for e in manifest if e.expect == "ok" and e.duplicate_of is None][: max(2, count // 20)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as inner:
        for entry in inner_names:
            inner.writestr(entry.name, files.pop(entry.name))
    files["phu-luc/bo-sung.zip"] = buf.getvalue()
    for entry in inner_names:
        original = entry.name
        entry.name = f"phu-luc/bo-sung.zip!/{original}"
        for other in manifest:
            if other.duplicate_of == original:
                other.duplicate_of = entry.name
    return files, manifest


def write(out: Path, count: int, seed: int) -> Path:
    files, manifest = generate(count, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(name, files[name])
    meta = out.with_name(out.name + ".manifest.json")
    meta.write_text(
        json.dumps({"count": count, "seed": seed, "entries": [asdict(e) for e in manifest]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000, help="documents in the archive (default 2000)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / "archive-2000.zip")
    args = parser.parse_args()
    meta = write(args.out, args.count, args.seed)
    entries = json.loads(meta.read_text(encoding="utf-8"))["entries"]
    failed = sum(1 for e in entries if e["expect"] == "failed")
    dups = sum(1 for e in entries if e["duplicate_of"])
    print(f"{args.out}: {len(entries)} documents ({failed} corrupt or unsupported, {dups} duplicates), {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
