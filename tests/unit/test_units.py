"""Units: organisations that take part, with abbreviations, shared-noun lists and what is left out."""

from __future__ import annotations

import pytest
from entity_support import has_unit, read, unit_names

from thidua.understand.entities import unit_id
from thidua.understand.orgs import scan
from thidua.understand.tokens import segments
from thidua.understand.words import Words


def _scan_names(text: str) -> list[str]:
    return [o.name for seg in segments(text) for o in scan(seg) if not o.generic]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đại diện Sở Kế hoạch và Đầu tư phát biểu.", ["Sở Kế hoạch và Đầu tư"]),
        ("Văn phòng UBND tỉnh và Cục Quản lý thị trường tỉnh tham dự.",
         ["Văn phòng UBND tỉnh", "Cục Quản lý thị trường tỉnh"]),
        ("Hội nghị có Văn phòng Đoàn ĐBQH và HĐND tỉnh cùng Thanh tra tỉnh.",
         ["Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Thanh tra tỉnh"]),
        ("Lãnh đạo Ban Tuyên giáo và Dân vận Tỉnh ủy dự lễ.", ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]),
        ("Đoàn công tác của Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cà Mau đến thăm.",
         ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cà Mau"]),
        ("Trường Cao đẳng Y tế Bạc Liêu đón nhận bằng khen.", ["Trường Cao đẳng Y tế Bạc Liêu"]),
        ("Hội Liên hiệp Phụ nữ (LHPN) tỉnh mở hội thi nấu ăn.", ["Hội Liên hiệp Phụ nữ tỉnh"]),
        ("Sư đoàn 5 và Lữ đoàn 22 ký giao ước.", ["Sư đoàn 5", "Lữ đoàn 22"]),
        ("Phân hiệu Trường Đại học Luật tại Quảng Ngãi khai giảng.",
         ["Phân hiệu Trường Đại học Luật tại Quảng Ngãi"]),
        ("Ban Quản lý các khu công nghiệp tỉnh báo cáo.", ["Ban Quản lý các khu công nghiệp tỉnh"]),
    ],
)
def test_organisation_names_are_read_whole(text: str, expected: list[str]) -> None:
    assert _scan_names(text) == expected


def test_a_name_stops_before_a_verb_a_post_and_a_person() -> None:
    names = _scan_names("Chủ tịch UBND tỉnh Đinh Văn Hải trao cờ; Sở Y tế tổ chức tập huấn.")
    assert names == ["UBND tỉnh", "Sở Y tế"]


def test_shared_noun_lists_are_spelled_out() -> None:
    text = (
        "Khối gồm các sở Nội vụ, Tài chính, Kế hoạch và Đầu tư; Liên đoàn Lao động các tỉnh: Bến Tre, "
        "Trà Vinh và Sóc Trăng; các quận: 3, 10, Phú Nhuận."
    )
    names = _scan_names(text)
    assert names[:3] == ["Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"]
    assert "Liên đoàn Lao động tỉnh Trà Vinh" in names
    assert {"Quận 3", "Quận 10", "quận Phú Nhuận"} <= set(names)


def test_one_place_shared_by_a_list_of_bodies() -> None:
    names = _scan_names("Huyện ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam huyện Krông Pắc mít tinh kỷ niệm.")
    assert names == ["Huyện ủy Krông Pắc", "HĐND huyện Krông Pắc", "UBND huyện Krông Pắc",
                     "Ủy ban MTTQ Việt Nam huyện Krông Pắc"]


def test_generic_groups_are_not_units() -> None:
    doc = read(
        "Chiều 3/4, UBND huyện Tuy An tổ chức hội nghị. Chủ tịch huyện kêu gọi các cấp, các ngành, các sở, "
        "ban, ngành và UBND 14 xã, thị trấn thi đua; HĐND các cấp cùng tham gia."
    )
    assert unit_names(doc) == {"ubnd huyen tuy an"}


def test_issuers_award_names_memberships_and_parents_are_left_out() -> None:
    doc = read(
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 2/2/2024 của UBND tỉnh, Khối thi đua số 2 – Sở Nội vụ tổ chức "
        "hội nghị tại Sở Tư pháp. Ông Hồ Văn Nam, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Sở Tư pháp, "
        "chủ trì. "
        "Hội nghị đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho Sở Tư pháp."
    )
    assert unit_names(doc) == {"so tu phap"}


def test_a_place_is_a_unit_only_where_it_acts() -> None:
    doc = read(
        "Sáng 9-10, tỉnh Quảng Ngãi tổ chức Đại hội thi đua yêu nước lần thứ VI. Trên địa bàn tỉnh Kon Tum, "
        "phong trào được đẩy mạnh. Hội nghị diễn ra tại thành phố Quảng Ngãi."
    )
    assert unit_names(doc) == {"tinh quang ngai"}


def test_web_page_noise_gives_no_unit() -> None:
    doc = read("Sign In\nSố lượt truy cập: 1234567\nĐang online: 15\nTrang chủ | Liên hệ\nPhòng Văn hóa")
    assert doc.units == []


def test_locality_gives_relative_names_their_place() -> None:
    doc = read("Sáng 2/3, UBND TP Đà Nẵng phát động thi đua. Đại diện Công an thành phố, Thanh tra TP dự.")
    assert doc.locality == "Đà Nẵng"
    ids = {unit_id(u.name, doc.locality) for u in doc.units}
    assert "unit:cong-an-thanh-pho-da-nang" in ids
    assert "unit:thanh-tra-thanh-pho-da-nang" in ids


def test_every_unit_has_evidence_in_the_text() -> None:
    text = "Tại hội nghị, Sở Công Thương và Cục Thuế tỉnh Tây Ninh ký giao ước thi đua năm 2024."
    doc = read(text)
    assert has_unit(doc, "Sở Công Thương") and has_unit(doc, "Cục Thuế tỉnh Tây Ninh")
    for unit in doc.units:
        assert text[unit.evidence.start : unit.evidence.end] == unit.name
        assert 0 < unit.confidence <= 1


def test_a_fuller_name_absorbs_the_short_one() -> None:
    doc = read(
        "Ông Lê Văn Bảy, Bí thư Tỉnh ủy Hậu Giang, dự hội nghị. Tỉnh ủy đã chỉ đạo sát sao. "
        "Ban Dân vận Huyện ủy Châu Thành và lãnh đạo Ban Dân vận Huyện ủy tham dự."
    )
    names = unit_names(doc)
    assert "tinh uy hau giang" in names and "tinh uy" not in names
    assert "ban dan van huyen uy chau thanh" in names and "ban dan van huyen uy" not in names


def test_a_company_named_by_its_acronym_acts() -> None:
    doc = read("Năm nay, VINACAM được tặng Bằng khen của Bộ trưởng Bộ Công Thương.")
    assert unit_names(doc) == {"vinacam"}


def test_words_of_a_sentence_are_shared() -> None:
    seg = segments("Sở Nội vụ tổ chức hội nghị.")[0]
    assert Words.of(seg) is Words.of(seg)


def test_schools_named_after_people_and_committees_of_blocs_of_agencies() -> None:
    names = _scan_names(
        "Bằng khen cho Trường Tiểu học Nguyễn Văn Trỗi và Công đoàn Khối Doanh nghiệp tỉnh; "
        "Công an phường 3 dự."
    )
    assert names == [
        "Trường Tiểu học Nguyễn Văn Trỗi", "Công đoàn Khối Doanh nghiệp tỉnh", "Công an phường 3",
    ]


def test_the_publisher_in_a_masthead_or_footer_is_not_a_unit() -> None:
    doc = read(
        "Sáng 5/6, Sở Nội vụ tổ chức hội nghị sơ kết công tác thi đua.\n"
        "Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh Bình Định\n"
        "Bản quyền thuộc về Báo Bình Định. Chịu trách nhiệm nội dung: Trung tâm Truyền thông tỉnh."
    )
    assert unit_names(doc) == {"so noi vu"}


def test_credit_lines_name_no_unit() -> None:
    doc = read(
        "Sở Y tế tổ chức hội nghị. Tin, ảnh: Phòng Truyền thông Sở Y tế\n"
        "Tác giả: Nguyễn Thị Thu Trang - Văn phòng Sở Nội vụ\nNguồn: Sở Tư pháp tỉnh Nam Định"
    )
    assert unit_names(doc) == {"so y te"}


def test_company_and_school_names_with_lower_case_words_and_numbers() -> None:
    names = _scan_names(
        "Công ty TNHH MTV Xổ số kiến thiết Long An tổ chức hội nghị tại Trường THPT Cần Giuộc 2; "
        "Sở GD&ĐT và Trung ương Hội Nông dân Việt Nam dự."
    )
    assert names == [
        "Công ty TNHH MTV Xổ số kiến thiết Long An", "Trường THPT Cần Giuộc 2", "Sở GD&ĐT",
        "Trung ương Hội Nông dân Việt Nam",
    ]


def test_awarders_issuers_slogans_and_committees_acting_for_their_place() -> None:
    doc = read(
        'Huyện Tân Biên phát động thi đua năm 2024.\nChiều 8/2, UBND huyện Tân Biên tổ chức lễ phát động '
        'phong trào "Hải quan Việt Nam chuyên nghiệp". Năm qua, 2 tập thể được Bộ Y tế tặng Bằng khen. '
        "UBND tỉnh vừa ban hành Quyết định số 15/QĐ-UBND. Viện kiểm sát hai cấp tỉnh đạt nhiều kết quả."
    )
    assert unit_names(doc) == {"ubnd huyen tan bien"}


def test_an_address_after_a_name_is_read_but_left_out_of_the_name() -> None:
    doc = read(
        "Chiều 28/5, Trường THCS Lê Lợi, phường Hòa Minh, quận Liên Chiểu tổ chức lễ tổng kết năm học. "
        "Cờ thi đua được trao cho xã Tân Hòa, huyện Châu Thành, tỉnh Tiền Giang."
    )
    assert unit_names(doc) == {"truong thcs le loi", "xa tan hoa"}


def test_related_articles_after_the_body_are_not_read() -> None:
    doc = read(
        "Sở Y tế tổ chức hội nghị tổng kết.\nTin liên quan\nSở Tư pháp ký kết giao ước thi đua năm 2024"
    )
    assert unit_names(doc) == {"so y te"}


def test_a_university_with_and_without_truong_is_one_unit() -> None:
    doc = read(
        "Đại học Tây Nguyên tổ chức hội nghị. Ông Lê Văn An, Hiệu trưởng Trường Đại học Tây Nguyên, "
        "phát biểu."
    )
    assert unit_names(doc) == {"truong dai hoc tay nguyen"}
    assert doc.leaders[0].honorific == "Ông"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hạt Kiểm lâm các huyện Quế Sơn, Nông Sơn và Hạt Kiểm lâm rừng phòng hộ Sông Tranh dự họp.",
         ["Hạt Kiểm lâm huyện Quế Sơn", "Hạt Kiểm lâm huyện Nông Sơn",
          "Hạt Kiểm lâm rừng phòng hộ Sông Tranh"]),
        ("Đội Quản lý thị trường số 5 nhận Giấy khen.", ["Đội Quản lý thị trường số 5"]),
        ("Phó Chánh Văn phòng Ban Chỉ đạo 138 huyện dự.", ["Văn phòng Ban Chỉ đạo 138 huyện"]),
        ("Công ty Cổ phần Gốm Bình Minh và Xí nghiệp Chế biến Hạt điều Phước Long ký giao ước.",
         ["Công ty Cổ phần Gốm Bình Minh", "Xí nghiệp Chế biến Hạt điều Phước Long"]),
        ("Hội Người mù tỉnh và Hội Người cao tuổi huyện cùng dự.",
         ["Hội Người mù tỉnh", "Hội Người cao tuổi huyện"]),
        ("Quỹ tín dụng nhân dân Tam Hiệp đón nhận Huân chương.", ["Quỹ tín dụng nhân dân Tam Hiệp"]),
        ("Cty TNHH MTV Môi trường Đô thị Sơn Tây ký giao ước.", ["Cty TNHH MTV Môi trường Đô thị Sơn Tây"]),
        ("Ban Tổ chức Đại hội thi đua yêu nước huyện Đức Cơ lần thứ IV thông báo.",
         ["Ban Tổ chức Đại hội thi đua yêu nước huyện Đức Cơ lần thứ IV"]),
        ("Ban Tổ chức Huyện ủy và Ban Tổ chức Hội thi đã họp.",
         ["Ban Tổ chức Huyện ủy", "Ban Tổ chức Hội thi"]),
    ],
)
def test_field_units_companies_and_organising_committees(text: str, expected: list[str]) -> None:
    assert _scan_names(text) == expected


def test_an_organising_committee_is_a_unit_even_as_the_issuer_of_its_notice() -> None:
    doc = read(
        "Theo Thông báo số 2 của Ban Tổ chức Hội thao công nhân viên chức huyện Đức Cơ lần thứ IV, người dự "
        "Hội thao là vận động viên tiêu biểu. Theo Kế hoạch của UBND huyện, Hội thao diễn ra hai ngày."
    )
    assert has_unit(doc, "Ban Tổ chức Hội thao công nhân viên chức huyện Đức Cơ lần thứ IV")
    assert not has_unit(doc, "UBND huyện")


def test_page_information_and_author_lines_name_no_unit() -> None:
    doc = read(
        "Hội nghị tổng kết Cụm thi đua\n\nĐăng ngày: 12/09/2024 | Phòng Đào tạo sau đại học\n\n"
        "Sáng 11/9, Cụm thi đua số 2 gồm Sở Tư pháp, Sở Y tế tổ chức hội nghị.\n\n"
        "Lê Hà (Văn phòng HĐND và UBND huyện)"
    )
    assert unit_names(doc) == {"so tu phap", "so y te"}


def test_a_bare_place_and_the_same_place_with_its_level_are_one_unit() -> None:
    doc = read(
        "Cụm thi đua các huyện phía Bắc gồm Tân Lạc, Mai Châu và Đà Bắc. Cụm suy tôn huyện Mai Châu dẫn đầu."
    )
    assert has_unit(doc, "huyện Mai Châu") and not has_unit(doc, "Mai Châu")


def test_bodies_named_only_in_the_account_of_the_past_year_take_no_part() -> None:
    doc = read(
        "Sáng 10/1, Khối thi đua các cơ quan văn hóa - xã hội gồm Sở Y tế, Sở Văn hóa và Thể thao tổng kết "
        "năm 2024. Năm 2024, Sở Y tế đã phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh tiêm chủng cho 12.000 "
        "trẻ. Trong năm qua, Bệnh viện Đa khoa tỉnh đã tiếp nhận 3 kỹ thuật mới."
    )
    assert unit_names(doc) == {"so y te", "so van hoa va the thao"}


def test_a_run_of_other_articles_headlines_inside_the_page_names_no_unit() -> None:
    text = (
        "Sở Xây dựng tổ chức hội nghị tổng kết năm 2024\n\n"
        "Sáng 8/1, Sở Xây dựng tổ chức hội nghị tổng kết công tác thi đua năm 2024 với sự tham dự của "
        "Sở Tài chính và nhiều đơn vị trong Khối.\n"
        "Hội Nông dân huyện Cam Lâm: Điểm sáng trong phong trào nông dân sản xuất giỏi năm nay\n"
        "Công đoàn ngành Giáo dục trao học bổng cho con đoàn viên khó khăn dịp đầu năm học\n"
        "Tại hội nghị, Sở Xây dựng được đề nghị tặng Cờ thi đua.\n"
        "Khối gồm các đơn vị:\n"
        "Sở Giao thông vận tải tỉnh Khánh Sơn cùng các ban quản lý dự án\n"
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh\n"
    )
    names = unit_names(read(text))
    assert {"so xay dung", "so tai chinh", "so giao thong van tai tinh khanh son"} <= names
    assert "hoi nong dan huyen cam lam" not in names and "cong doan nganh giao duc" not in names


def test_a_department_and_the_provincial_committee_written_after_it() -> None:
    doc = read(
        "Cùng dự có ông Hà Minh Sơn, Chánh Văn phòng Sở Tư pháp và bà Ngô Thị Lan, Phó Trưởng Ban Tiếp công "
        "dân Ủy ban nhân dân tỉnh Phú Yên; đại diện Văn phòng UBND tỉnh Phú Yên."
    )
    assert unit_names(doc) == {"van phong so tu phap", "ban tiep cong dan", "van phong ubnd tinh phu yen"}
    assert _scan_names("Phòng Nội vụ UBND huyện Tuy An dự.") == ["Phòng Nội vụ UBND huyện Tuy An"]


def test_a_short_form_joins_the_full_name_and_a_party_committee_giving_awards_is_no_unit() -> None:
    doc = read(
        "Chiều 20/12, Đảng ủy Khối Doanh nghiệp tỉnh tổ chức hội nghị. Đồng chí Phùng Thị Mai, Phó Bí thư "
        "Thường trực Đảng ủy Khối phát biểu. Dịp này, Ban Thường vụ Huyện ủy tặng Giấy khen cho 12 tổ chức "
        "cơ sở đảng."
    )
    assert unit_names(doc) == {"dang uy khoi doanh nghiep tinh"}
