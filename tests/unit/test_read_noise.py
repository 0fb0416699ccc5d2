"""Web-page furniture leaves text dumps; body sentences never do."""

from __future__ import annotations

from pathlib import Path

from thidua.read import read_path
from thidua.read.noise import strip_noise

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "read"


def test_web_dump_loses_its_furniture() -> None:
    text = read_path(FIXTURES / "webdump.txt").text
    for noise in (
        "Sign In", "Trang chủ", "SỐ LƯỢT TRUY CẬP", "Lượt xem", "209", "Chia sẻ bài viết", "BÌNH LUẬN",
        "Tin liên quan", "Cụm thi đua số 9", "Cờ thi đua của Chính phủ", "Online", "Đã truy cập",
        "Thanh Nga",
    ):
        assert noise not in text, noise
    lines = text.split("\n")
    assert lines[0] == "Khối thi đua các cơ quan tổng hợp ký kết giao ước năm 2023"
    # The dateline keeps its date and time; only the counter goes.
    assert lines[1] == "13/04/2023 08:05"
    # The repeated lead paragraph is kept once (its award would otherwise count twice).
    assert text.count("Hội nghị đề nghị tặng Bằng khen cho 4 tập thể và 7 cá nhân.") == 1
    assert "Thành viên các đơn vị trong Khối cùng chia sẻ kinh nghiệm và bàn cách làm hay." in text


def test_counter_digits_printed_one_per_line_go() -> None:
    text = "Tiêu đề\n3\n7\n3\n8\n0\nNội dung bài viết có 3 ý."
    assert strip_noise(text) == "Tiêu đề\nNội dung bài viết có 3 ý."


def test_body_sentences_that_look_like_labels_stay() -> None:
    body = [
        "Các đơn vị đã trao đổi, chia sẻ kinh nghiệm trong công tác thi đua.",
        "Qua hình ảnh: các đại biểu tham quan mô hình mới.",
        "Tính đến hôm nay: 12 đơn vị đã ký kết giao ước.",
        "Hội nghị xem phóng sự về kết quả thi đua, có 1.250 lượt người tham gia cuộc thi trực tuyến.",
        "Khối thi đua gồm:",
        "1. Sở Nội vụ",
        "2. Sở Tư pháp",
        "3. Thanh tra tỉnh",
        "KHỐI TRƯỞNG",
        "Nguyễn Văn Bình",
        "- Tặng Giấy khen cho 5 tập thể;",
    ]
    assert strip_noise("\n".join(body)).split("\n") == body


def test_menus_and_breadcrumbs_go() -> None:
    text = "Trang chủ » Tin tức » Thi đua\nGiới thiệu | Tin tức | Văn bản | Liên hệ\nBài viết."
    assert strip_noise(text) == "Bài viết."


def test_related_list_ends_at_the_next_paragraph() -> None:
    text = (
        "Tin khác\n"
        "Khối thi đua số 3 ký kết giao ước (10/3/2023)\n"
        "Trao Bằng khen cho 12 tập thể\n"
        "Sau phần ký kết, các đơn vị thảo luận về cách chấm điểm thi đua và thống nhất lịch kiểm tra chéo.\n"
    )
    assert strip_noise(text) == (
        "Sau phần ký kết, các đơn vị thảo luận về cách chấm điểm thi đua và thống nhất lịch kiểm tra chéo."
    )


def test_photo_credit_is_cut_from_a_caption() -> None:
    text = "Quang cảnh hội nghị. Ảnh: Minh Khoa\nLãnh đạo tỉnh phát biểu (Ảnh: Thu Trang)"
    assert strip_noise(text) == "Quang cảnh hội nghị.\nLãnh đạo tỉnh phát biểu"


def test_site_footer_tags_and_bylines_go() -> None:
    text = (
        "Hội nghị kết thúc tốt đẹp.\n"
        "Bài, ảnh: Minh Khoa\n"
        "Từ khóa: Khối thi đua, Cụm thi đua số 4, khen thưởng\n"
        "Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh Bắc Hòa\n"
        "Chịu trách nhiệm chính: Ông Đinh Văn Lực - Giám đốc Sở\n"
        "Địa chỉ: 15 đường Trần Phú, thành phố Bắc Hòa\n"
        "Điện thoại: 0200 3812 345 - Email: banbientap@example.vn\n"
        "Giấy phép số 12/GP-TTĐT ngày 01/3/2020\n"
    )
    assert strip_noise(text) == "Hội nghị kết thúc tốt đẹp."


def test_theme_and_address_inside_sentences_stay() -> None:
    body = [
        "Chủ đề: Kỷ cương, trách nhiệm, hành động, sáng tạo.",
        "Đoàn đến thăm đơn vị tại địa chỉ: 15 đường Trần Phú.",
    ]
    assert strip_noise("\n".join(body)).split("\n") == body
