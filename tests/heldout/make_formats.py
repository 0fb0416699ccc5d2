"""Build the held-out documents that are not plain text: h60.docx and h61.pdf.

Both texts are invented for the held-out set (people, units and numbers are made up).
The .docx is meeting minutes with a member table (python-docx); the .pdf is a text
PDF written with fpdf2 and the DejaVu Sans font from the system (Debian package
fonts-dejavu-core, at /usr/share/fonts/truetype/dejavu/). Run from the project root:

    .venv/bin/python tests/heldout/make_formats.py

The outputs are committed; re-running rewrites them (byte-identical content is not
guaranteed, the text is).
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

H60_HEAD = [
    "UBND TỈNH BÌNH ĐỊNH - SỞ TƯ PHÁP",
    "CỤM THI ĐUA SỐ 4",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Tuy Phước, ngày 14 tháng 01 năm 2025",
    "BIÊN BẢN",
    "Hội nghị tổng kết công tác thi đua năm 2024 và ký kết giao ước thi đua năm 2025",
    "Cụm thi đua số 4 – Phòng Tư pháp các huyện, thị xã phía Nam",
    "Thời gian: 14 giờ 00, ngày 14/01/2025.",
    "Địa điểm: Phòng họp số 2, trụ sở UBND huyện Tuy Phước.",
    "Thành phần: lãnh đạo Phòng Tư pháp các đơn vị trong Cụm và khách mời, theo danh sách dưới đây.",
]

H60_TABLE = [
    ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Ghi chú"),
    ("1", "Phòng Tư pháp huyện Tuy Phước", "Lê Thị Kim Chi", "Trưởng phòng", "Cụm trưởng năm 2024, chủ trì"),
    ("2", "Phòng Tư pháp thị xã An Nhơn", "Võ Đình Khôi", "Trưởng phòng", "Cụm phó"),
    ("3", "Phòng Tư pháp huyện Vân Canh", "Đinh Văn Tươi", "Phó Trưởng phòng", ""),
    ("4", "Phòng Tư pháp huyện Tây Sơn", "Trần Ngọc Lũy", "Trưởng phòng", ""),
    ("5", "Văn phòng Sở Tư pháp", "Nguyễn Hữu Tài", "Chánh Văn phòng", "Khách mời"),
]

H60_BODY = [
    "NỘI DUNG HỘI NGHỊ",
    "1. Bà Lê Thị Kim Chi, Cụm trưởng, thông qua báo cáo tổng kết công tác thi đua, khen thưởng "
    "năm 2024 của Cụm. Các Phòng Tư pháp đã tham mưu tốt công tác chứng thực, hộ tịch, hòa giải ở cơ sở; "
    "100% hồ sơ hộ tịch được giải quyết đúng hạn, tỷ lệ hòa giải thành đạt 86%.",
    "2. Các thành viên chấm điểm chéo và bình xét. Hội nghị thống nhất đề nghị Chủ tịch UBND tỉnh "
    "tặng Bằng khen cho Phòng Tư pháp huyện Tuy Phước; đề nghị Giám đốc Sở Tư pháp tặng Giấy khen cho "
    "02 tập thể: Phòng Tư pháp thị xã An Nhơn và Phòng Tư pháp huyện Tây Sơn.",
    "3. Các đơn vị ký kết giao ước thi đua năm 2025 theo Kế hoạch số 09/KH-STP ngày 06/01/2025 của "
    "Sở Tư pháp về tổ chức phong trào thi đua năm 2025.",
    "4. Hội nghị thống nhất Phòng Tư pháp thị xã An Nhơn làm Cụm trưởng, Phòng Tư pháp huyện Vân Canh "
    "làm Cụm phó năm 2025.",
    "Hội nghị kết thúc lúc 16 giờ 30 cùng ngày. Biên bản đã được thông qua, các thành viên nhất trí.",
    "THƯ KÝ                                   CỤM TRƯỞNG",
    "                                          Lê Thị Kim Chi",
]

H61_LINES = [
    "UBND TỈNH SƠN LA",
    "CỤM THI ĐUA CÁC HUYỆN PHÍA ĐÔNG",
    "Số: 03/TB-CTĐ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Mộc Châu, ngày 26 tháng 12 năm 2024",
    "",
    "THÔNG BÁO",
    "Kết luận của Cụm trưởng tại Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024",
    "Cụm thi đua các huyện phía Đông",
    "",
    "Ngày 23/12/2024, tại huyện Mộc Châu, Cụm thi đua các huyện phía Đông họp tổng kết "
    "công tác thi đua, khen thưởng năm 2024. Hội nghị do ông Lường Văn Thọ, Phó Chủ tịch UBND huyện "
    "Mộc Châu, Cụm trưởng chủ trì; dự có bà Cầm Thị Phong, Phó Trưởng Ban Thi đua - Khen thưởng, "
    "Sở Nội vụ tỉnh và lãnh đạo UBND các huyện thành viên của Cụm gồm Mộc Châu, Vân Hồ, Yên Châu, "
    "Phù Yên và Bắc Yên.",
    "Sau khi nghe báo cáo và ý kiến thảo luận của các đại biểu, Cụm trưởng kết luận như sau:",
    "1. Năm 2024, các huyện trong Cụm đã triển khai nghiêm túc Kế hoạch số 28/KH-CTĐ ngày 05/3/2024 "
    "của Cụm; hoàn thành và vượt 17/19 chỉ tiêu kinh tế - xã hội chủ yếu; giá trị sản xuất nông nghiệp "
    "ứng dụng công nghệ cao tăng mạnh, nhất là cây ăn quả và bò sữa.",
    "2. Kết quả bình xét: Cụm thống nhất suy tôn huyện Vân Hồ là đơn vị dẫn đầu, đề nghị UBND tỉnh tặng "
    "Cờ thi đua; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho huyện Yên Châu và huyện Phù Yên.",
    "3. Thống nhất huyện Yên Châu làm Cụm trưởng, huyện Bắc Yên làm Cụm phó năm 2025.",
    "4. Đề nghị các huyện hoàn thiện hồ sơ đề nghị khen thưởng, gửi Ban Thi đua - Khen thưởng tỉnh "
    "trước ngày 05/01/2025.",
    "",
    "Nơi nhận:",
    "- Ban TĐKT tỉnh (b/c);",
    "- UBND các huyện trong Cụm;",
    "- Lưu: VT.",
    "",
    "CỤM TRƯỞNG",
    "PHÓ CHỦ TỊCH UBND HUYỆN MỘC CHÂU",
    "Lường Văn Thọ",
]


def make_docx(path: Path) -> None:
    """Minutes with a member table, as a Word document."""
    import docx

    doc = docx.Document()
    for line in H60_HEAD:
        doc.add_paragraph(line)
    table = doc.add_table(rows=0, cols=len(H60_TABLE[0]))
    for row in H60_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for line in H60_BODY:
        doc.add_paragraph(line)
    doc.save(str(path))


def make_pdf(path: Path) -> None:
    """A notice with a text layer, set in DejaVu Sans."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in H61_LINES:
        if line:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.output(str(path))


def main() -> None:
    make_docx(CORPUS / "h60.docx")
    make_pdf(CORPUS / "h61.pdf")


if __name__ == "__main__":
    main()
