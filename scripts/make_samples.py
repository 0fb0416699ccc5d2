# ruff: noqa: E501  (the page template and its prose)
"""Write the sample documents in samples/ from scripts/sample_texts.py.

    .venv/bin/pip install fpdf2      # only needed to regenerate; the files are committed
    .venv/bin/python scripts/make_samples.py [--out samples]

Formats: UTF-8, UTF-16, Windows-1258 and TCVN3 text; a web page with its
menus and footer; a pdf with a text layer (fpdf2 + DejaVu font); an image-only
"scanned" pdf (Pillow) for OCR; a .docx with a table (python-docx).
"""

from __future__ import annotations

import argparse
import html
import random
import runpy
from pathlib import Path
from types import SimpleNamespace

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from thidua.read.legacy import encode_cp1258, encode_tcvn3

T = SimpleNamespace(**runpy.run_path(str(Path(__file__).resolve().parent / "sample_texts.py")))

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def write_text(out: Path) -> None:
    (out / "an-thanh-2023-ky-ket-khoi-noi-chinh.txt").write_text(T.AN_THANH_2023_PACT, encoding="utf-8")
    (out / "son-nguyen-2022-tong-ket-cum-thi-dua-so-3.txt").write_bytes(
        T.SON_NGUYEN_2022_REVIEW.replace("\n", "\r\n").encode("utf-16")
    )
    (out / "ha-lam-2021-phat-dong-thi-dua.txt").write_bytes(
        encode_cp1258(T.HA_LAM_2021_LAUNCH.replace("\n", "\r\n"))
    )
    (out / "ha-lam-2024-bien-ban-binh-xet-khoi-2.txt").write_bytes(encode_tcvn3(T.HA_LAM_2024_MINUTES))
    (out / "an-thanh-2024-trao-co-thi-dua-web.txt").write_text(T.AN_THANH_2024_AWARDS_DUMP, encoding="utf-8")


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title} | Cổng thông tin điện tử tỉnh An Thạnh</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2023-12-20T16:45:00+07:00">
<meta name="description" content="Khối thi đua các cơ quan nội chính tổng kết năm 2023">
<script>var counter = 1; window.dataLayer = [];</script>
<style>.menu li {{ display: inline; }}</style>
</head>
<body>
<header class="site-header"><div class="logo">Cổng thông tin điện tử tỉnh An Thạnh</div>
<a href="/login">Sign In</a></header>
<nav class="menu"><ul>
<li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/thi-dua">Thi đua - Khen thưởng</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/thi-dua">Thi đua - Khen thưởng</a></div>
<main>
<article class="post">
<h1 class="post-title">{title}</h1>
<div class="post-meta">20/12/2023 16:45 | Lượt xem: 209</div>
<div class="post-content">
{body}
<p class="author"><strong>Quốc Bảo</strong></p>
</div>
</article>
<div class="share">Chia sẻ bài viết: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<section class="comments"><h3>BÌNH LUẬN</h3>
<div class="comment">Bạn đọc Hải Yến: Chúc mừng Khối thi đua nội chính, mong năm 2024 có thêm nhiều đơn vị được tặng Bằng khen!</div>
<form><textarea></textarea><button>Gửi bình luận</button></form></section>
<aside class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a1">Khối thi đua các cơ quan nội chính ký kết giao ước thi đua năm 2023</a></li>
<li><a href="/a2">Cụm thi đua số 4 tổng kết công tác thi đua năm 2023</a></li>
<li><a href="/a3">Trao Huân chương Lao động hạng Ba cho 2 tập thể</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© Bản quyền thuộc Cổng thông tin điện tử tỉnh An Thạnh</p>
<div class="counter">Đang truy cập: 87 | Tổng lượt truy cập: 2.345.678</div></footer>
<!-- thống kê: đoạn này không phải nội dung bài viết -->
</body>
</html>
"""


def write_html(out: Path) -> None:
    title = "Khối thi đua các cơ quan nội chính tỉnh An Thạnh tổng kết năm 2023"
    page = PAGE.format(title=html.escape(title), body=T.AN_THANH_2023_REVIEW_BODY)
    (out / "an-thanh-2023-tong-ket-khoi-noi-chinh.html").write_text(page, encoding="utf-8")


def write_text_pdf(out: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title("Sơ kết 6 tháng đầu năm 2023 Khối thi đua văn hóa - xã hội")
    pdf.set_author("Khối thi đua các cơ quan văn hóa - xã hội thành phố Hải Đông")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(22, 20, 20)
    pdf.add_page()
    paragraphs = T.HAI_DONG_2023_MIDYEAR.strip().split("\n\n")
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, paragraphs[0], align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for i, para in enumerate(paragraphs[1:]):
        if i == 3:
            pdf.add_page()  # two pages, so the reader's page handling is exercised
        pdf.multi_cell(0, 6, para, align="J")
        pdf.ln(3)
    pdf.output(str(out / "hai-dong-2023-so-ket-khoi-van-hoa-xa-hoi.pdf"))


def write_scanned_pdf(out: Path) -> None:
    dpi = 200
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 34)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 34)
    y = 180
    for line in T.HAI_DONG_2022_MINUTES_SCAN.split("\n"):
        use = bold if line.isupper() and line.strip() else font
        draw.text((170, y), line, fill=0, font=use)
        y += 56
    # A real scan: slightly rotated, a little blur and speckle.
    rng = random.Random(2022)
    for _ in range(400):
        x, yy = rng.randrange(width), rng.randrange(height)
        draw.point((x, yy), fill=rng.randrange(90, 200))
    page = page.rotate(0.4, fillcolor=255, resample=Image.Resampling.BICUBIC)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    bilevel = page.point(lambda v: 255 if v > 150 else 0).convert("1")
    bilevel.save(out / "hai-dong-2022-bien-ban-binh-xet-scan.pdf", "PDF", resolution=dpi)


def write_docx(out: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = T.SON_NGUYEN_2024_COLLEGES_PARAGRAPHS[0]
    document.add_heading(T.SON_NGUYEN_2024_COLLEGES_PARAGRAPHS[0], level=1)
    for para in T.SON_NGUYEN_2024_COLLEGES_PARAGRAPHS[1:]:
        document.add_paragraph(para)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in T.SON_NGUYEN_2024_COLLEGES_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for para in T.SON_NGUYEN_2024_COLLEGES_CLOSING:
        document.add_paragraph(para)
    document.save(str(out / "son-nguyen-2024-ky-ket-cum-truong-cao-dang.docx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "samples")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write_text(args.out)
    write_html(args.out)
    write_text_pdf(args.out)
    write_scanned_pdf(args.out)
    write_docx(args.out)
    for path in sorted(args.out.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.name}")


if __name__ == "__main__":
    main()
