"""Blocs and clusters: names in all shapes, member lists, head, deputy and next year's head."""

from __future__ import annotations

import pytest
from entity_support import has_unit, read

from thidua.understand.blocgrammar import bloc_mentions
from thidua.understand.document import BlocFact, Document
from thidua.understand.tokens import segments


def _mention_names(text: str) -> list[str]:
    return [m.name for seg in segments(text) for m in bloc_mentions(seg) if not m.backref]


def _only(doc: Document) -> BlocFact:
    assert len(doc.blocs) == 1, [b.name for b in doc.blocs]
    return doc.blocs[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Khối thi đua VI tổ chức hội nghị.", "Khối thi đua VI"),
        ("Cụm thi đua số 12 ký giao ước.", "Cụm thi đua số 12"),
        ("Hội nghị của Khối 4 diễn ra sáng nay.", "Khối 4"),
        ("Cụm 2 đã họp.", "Cụm 2"),
        ("Khối thi đua các cơ quan nội chính tỉnh tổ chức hội nghị.",
         "Khối thi đua các cơ quan nội chính tỉnh"),
        ("Cụm thi đua các tỉnh Tây Nguyên đã ký kết giao ước.", "Cụm thi đua các tỉnh Tây Nguyên"),
        ("Khối thi đua các sở, ngành kinh tế tổng kết năm.", "Khối thi đua các sở, ngành kinh tế"),
        ("Cụm thi đua cấp tỉnh số IX họp.", "Cụm thi đua cấp tỉnh số IX"),
    ],
)
def test_bloc_names_in_all_shapes(text: str, name: str) -> None:
    assert _mention_names(text) == [name]


def test_generic_and_back_references_are_not_new_blocs() -> None:
    text = (
        "Các cụm, khối thi đua đã ký giao ước; 15 khối thi đua hoạt động. Khối trưởng phát biểu. Khối đã họp."
    )
    assert _mention_names(text) == []


def test_members_from_a_list_with_head_deputy_and_next_year_head() -> None:
    doc = read(
        "Ngày 10/1/2024, Khối thi đua số 3 tổng kết công tác năm 2023. Khối thi đua số 3 gồm 5 đơn vị: "
        "Sở Y tế, Sở Giáo dục và Đào tạo, Bảo hiểm xã hội tỉnh, Trường Chính trị tỉnh và Đài Phát thanh - "
        "Truyền hình tỉnh. Bà Đỗ Thị Minh, Giám đốc Sở Y tế, Khối trưởng Khối thi đua số 3 năm 2023 chủ trì; "
        "Bảo hiểm xã hội tỉnh là Khối phó. Hội nghị bầu Sở Giáo dục và Đào tạo làm Khối trưởng năm 2024."
    )
    bloc = _only(doc)
    assert bloc.name == "Khối thi đua số 3"
    assert bloc.head == "Sở Y tế"
    assert bloc.deputy == "Bảo hiểm xã hội tỉnh"
    assert bloc.next_head == "Sở Giáo dục và Đào tạo"
    assert bloc.members[:4] == [
        "Sở Y tế", "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh", "Trường Chính trị tỉnh",
    ]
    assert has_unit(doc, "Trường Chính trị tỉnh")


def test_head_named_in_brackets_and_shared_noun_members() -> None:
    doc = read(
        "Dự hội nghị có lãnh đạo các đơn vị trong khối gồm Hội Nông dân tỉnh (Khối trưởng), Tỉnh đoàn "
        "(Khối phó) và Hội Cựu chiến binh tỉnh. Khối thi đua số 9 hoạt động hiệu quả."
    )
    bloc = _only(doc)
    assert bloc.head == "Hội Nông dân tỉnh" and bloc.deputy == "Tỉnh đoàn"
    assert set(bloc.members) == {"Hội Nông dân tỉnh", "Tỉnh đoàn", "Hội Cựu chiến binh tỉnh"}


def test_cluster_of_provinces_head_by_do_lam() -> None:
    doc = read(
        "Cụm thi đua các tỉnh miền núi phía Bắc gồm các tỉnh Lai Châu, Điện Biên và Sơn La, do tỉnh Sơn La "
        "làm Cụm trưởng, đã tổ chức hội nghị tại tỉnh Lai Châu."
    )
    bloc = _only(doc)
    assert bloc.head == "tỉnh Sơn La"
    assert bloc.members == ["tỉnh Lai Châu", "tỉnh Điện Biên", "tỉnh Sơn La"]


def test_places_listed_one_after_another_share_their_level() -> None:
    doc = read(
        "Cụm thi đua số 2 gồm 5 đơn vị là huyện Tam Nông, Thanh Bình, Tháp Mười và 2 thành phố Sa Đéc, "
        "Hồng Ngự."
    )
    assert _only(doc).members == [
        "huyện Tam Nông", "huyện Thanh Bình", "huyện Tháp Mười", "thành phố Sa Đéc", "thành phố Hồng Ngự",
    ]


def test_head_through_its_leader_and_parent_after_the_name_is_no_unit() -> None:
    doc = read(
        "Chiều 15-3, Khối thi đua VII – UBND tỉnh tổ chức hội nghị. Đồng chí Hoàng Văn Tư, Viện trưởng Viện "
        "kiểm sát nhân dân tỉnh, Khối trưởng Khối thi đua VII, chủ trì hội nghị."
    )
    bloc = _only(doc)
    assert bloc.name == "Khối thi đua VII"
    assert bloc.head == "Viện kiểm sát nhân dân tỉnh"
    assert not has_unit(doc, "UBND tỉnh")


def test_mentions_of_one_bloc_are_merged_and_two_blocs_kept_apart() -> None:
    doc = read(
        "Khối 6 tổ chức hội nghị. Khối thi đua số 6 gồm các đơn vị: Sở Du lịch, Sở Ngoại vụ. "
        "Cụm thi đua số 1 gồm 3 đơn vị: huyện Yên Lạc, Vĩnh Tường, Lập Thạch; Cụm thi đua số 2 gồm: "
        "Tam Dương, Tam Đảo."
    )
    names = {b.name: b for b in doc.blocs}
    assert set(names) == {"Khối thi đua số 6", "Cụm thi đua số 1", "Cụm thi đua số 2"}
    assert names["Cụm thi đua số 1"].members == ["huyện Yên Lạc", "huyện Vĩnh Tường", "huyện Lập Thạch"]
    assert names["Cụm thi đua số 2"].members == ["Tam Dương", "Tam Đảo"]


def test_head_for_the_event_year_among_several_years() -> None:
    doc = read(
        "Chiều 27/2/2024, cụm thi đua các phường ký giao ước. Đồng chí Tạ Văn Lợi – Chủ tịch UBND phường "
        "An Phú, cụm trưởng năm 2023, báo cáo kết quả. Đồng chí Kha Thị Hằng – Chủ tịch UBND phường Tân An, "
        "cụm trưởng năm 2024, thông qua nội dung thi đua."
    )
    bloc = _only(doc)
    assert bloc.head == "UBND phường Tân An"
    assert set(bloc.members) == {"UBND phường An Phú", "UBND phường Tân An"}


def test_bloc_evidence_and_confidence() -> None:
    text = "Sáng nay, Cụm thi đua số 8 ký giao ước thi đua."
    bloc = _only(read(text))
    assert text[bloc.evidence.start : bloc.evidence.end] == "Cụm thi đua số 8"
    assert 0 < bloc.confidence <= 1


def test_member_list_on_the_lines_below_and_head_named_after_the_role() -> None:
    doc = read(
        "Khối thi đua số 4 có 4 thành viên gồm:\n- Sở Tư pháp;\n- Sở Ngoại vụ;\n- Thanh tra tỉnh;\n"
        "- Văn phòng UBND tỉnh.\nKhối trưởng năm 2024 là Sở Ngoại vụ."
    )
    bloc = _only(doc)
    assert bloc.members == ["Sở Tư pháp", "Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh"]
    assert bloc.head == "Sở Ngoại vụ"


def test_numbered_member_lines_and_a_head_that_holds_the_role() -> None:
    doc = read(
        "Cụm thi đua các huyện miền núi gồm các đơn vị sau:\n1. UBND huyện Kỳ Sơn\n"
        "2. UBND huyện Tương Dương\n"
        "Trong đó UBND huyện Tương Dương giữ vai trò Cụm trưởng."
    )
    bloc = _only(doc)
    assert bloc.members == ["UBND huyện Kỳ Sơn", "UBND huyện Tương Dương"]
    assert bloc.head == "UBND huyện Tương Dương"


def test_units_of_the_kind_a_bloc_is_made_of_are_members() -> None:
    doc = read(
        "Khối thi đua các Chi cục Thuế khu vực tổng kết năm 2024. Hội nghị suy tôn Chi cục Thuế khu vực "
        "Bảy Núi nhận Cờ thi đua. Năm nay, các huyện trong Cụm thi đua số 5 đăng ký mô hình mới, trong đó "
        "huyện Đông Anh đăng ký 3 mô hình."
    )
    blocs = {b.name: b for b in doc.blocs}
    assert blocs["Khối thi đua các Chi cục Thuế khu vực"].members == ["Chi cục Thuế khu vực Bảy Núi"]
    assert blocs["Cụm thi đua số 5"].members == ["huyện Đông Anh"]


def test_units_elected_for_the_next_year_are_neither_head_nor_deputy_now() -> None:
    doc = read(
        "Cụm thi đua số 3 gồm UBND huyện Bình Sơn, UBND huyện Sơn Hà và UBND huyện Ba Tơ. Năm 2023, UBND "
        "huyện Bình Sơn là Cụm trưởng. Hội nghị thống nhất bầu UBND huyện Sơn Hà làm Cụm trưởng và UBND "
        "huyện Ba Tơ làm Cụm phó Cụm thi đua số 3 năm 2024."
    )
    bloc = _only(doc)
    assert bloc.head == "UBND huyện Bình Sơn"
    assert bloc.next_head == "UBND huyện Sơn Hà"
    assert bloc.deputy is None


def test_members_and_roles_from_a_table() -> None:
    doc = read(
        "Các đơn vị thành viên của Cụm thi đua số 5 như sau:\n"
        "STT | Đơn vị | Nhiệm vụ\n1 | Trường Cao đẳng Y tế Phú Yên | Cụm trưởng\n"
        "2 | Trường Cao đẳng Công thương miền Trung | Cụm phó\n3 | Trường Cao đẳng nghề Phú Yên | Thành viên"
    )
    bloc = _only(doc)
    assert bloc.head == "Trường Cao đẳng Y tế Phú Yên"
    assert bloc.deputy == "Trường Cao đẳng Công thương miền Trung"
    assert bloc.members == [
        "Trường Cao đẳng Y tế Phú Yên",
        "Trường Cao đẳng Công thương miền Trung",
        "Trường Cao đẳng nghề Phú Yên",
    ]


def test_a_unit_the_meeting_agreed_on_for_next_year_is_next_head() -> None:
    doc = read(
        "Chiều 16-1-2024, Cụm thi đua số 2 tổng kết năm 2023. Bà Lò Thị Mai, Chủ tịch Công đoàn ngành Y tế – "
        "Cụm trưởng năm 2023 chủ trì. Hội nghị thống nhất Công đoàn ngành Xây dựng làm Cụm trưởng năm 2024."
    )
    bloc = _only(doc)
    assert bloc.head == "Công đoàn ngành Y tế"
    assert bloc.next_head == "Công đoàn ngành Xây dựng"


def test_bare_names_take_the_kind_announced_and_places_bring_their_own_level() -> None:
    doc = read(
        "Khối thi đua số 6 gồm 3 trường: Mầm non Sao Mai, Tiểu học Kim Đồng 2 và THCS Lý Tự Trọng. "
        "Cụm thi đua số 3 gồm VKSND các huyện: Vĩnh Châu, Trần Đề và thị xã Long Năm; các Phường 4, 5 và 6."
    )
    blocs = {b.name: b for b in doc.blocs}
    assert blocs["Khối thi đua số 6"].members == [
        "Trường Mầm non Sao Mai", "Trường Tiểu học Kim Đồng 2", "Trường THCS Lý Tự Trọng",
    ]
    assert blocs["Cụm thi đua số 3"].members[:3] == [
        "VKSND huyện Vĩnh Châu", "VKSND huyện Trần Đề", "VKSND thị xã Long Năm",
    ]


def test_one_member_for_a_body_and_its_committee_or_address() -> None:
    doc = read(
        "Cụm thi đua số 2 gồm các phường: An Mỹ, An Sơn. Ông Lý Văn Tư, Chủ tịch UBND phường An Mỹ, "
        "thành phố Tam Kỳ, Cụm trưởng chủ trì."
    )
    bloc = _only(doc)
    assert bloc.members == ["phường An Mỹ", "phường An Sơn"]


def test_company_lists_with_lower_case_words_dashed_provinces_and_headlines_after_a_colon() -> None:
    doc = read(
        "Khối gồm 3 doanh nghiệp: Công ty TNHH MTV Xổ số kiến thiết Phú Yên, Công ty Cổ phần Cấp thoát nước "
        "Phú Yên và Công ty TNHH MTV Lâm nghiệp Hà Trung. Khối thi đua số 9 đã ký kết giao ước.\n"
        "Cụm thi đua số 4 gồm KBNN các tỉnh: Bình Dương, Đồng Nai và Bà Rịa - Vũng Tàu.\n"
        "Cụm thi đua số 8 các tỉnh: Tổng kết phong trào năm 2023"
    )
    blocs = {b.name: b for b in doc.blocs}
    assert len(blocs["Khối thi đua số 9"].members) == 3
    assert blocs["Khối thi đua số 9"].members[2] == "Công ty TNHH MTV Lâm nghiệp Hà Trung"
    assert blocs["Cụm thi đua số 4"].members == [
        "KBNN tỉnh Bình Dương", "KBNN tỉnh Đồng Nai", "KBNN tỉnh Bà Rịa - Vũng Tàu",
    ]
    (eighth,) = [b for name, b in blocs.items() if name.startswith("Cụm thi đua số 8")]
    assert eighth.members == []


def test_a_list_of_contents_is_no_member_list() -> None:
    doc = read(
        "Nội dung thi đua của Khối thi đua số 2 gồm 3 nội dung: Kết quả thực hiện nhiệm vụ, "
        "Cải cách hành chính."
    )
    assert _only(doc).members == []


def test_a_bloc_named_only_in_a_capitals_title() -> None:
    doc = read(
        "BIÊN BẢN HỌP KHỐI THI ĐUA SỐ 4\nThành phần tham dự:\n"
        "- Ông Hồ Văn Tâm – Cục trưởng Cục Thống kê tỉnh, Khối trưởng;\n"
        "- Bà Trần Thị Lệ – Phó Giám đốc Kho bạc Nhà nước Bến Tre, Khối phó."
    )
    bloc = _only(doc)
    assert bloc.name == "Khối thi đua số 4"
    assert bloc.head == "Cục Thống kê tỉnh" and bloc.deputy == "Kho bạc Nhà nước Bến Tre"


def test_member_list_after_member_bodies_of_the_bloc_are() -> None:
    doc = read(
        "Sáng 9/1, Khối thi đua các cơ quan Đảng huyện họp tổng kết, có lãnh đạo năm cơ quan thành viên của "
        "Khối là Ban Tổ chức Huyện ủy, Ban Tuyên giáo Huyện ủy, Ủy ban MTTQ Việt Nam huyện, Huyện Đoàn và "
        "Hội Nông dân huyện."
    )
    assert _only(doc).members == [
        "Ban Tổ chức Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Ủy ban MTTQ Việt Nam huyện", "Huyện Đoàn",
        "Hội Nông dân huyện",
    ]


def test_numbered_wards_in_a_list_of_wards() -> None:
    doc = read("Cụm thi đua số 1 gồm 4 phường: Phường 3, Phường 7, phường Tân An và phường Lộc Hưng.")
    assert _only(doc).members == ["Phường 3", "Phường 7", "phường Tân An", "phường Lộc Hưng"]


def test_one_member_however_its_name_is_written() -> None:
    doc = read(
        "Cụm thi đua các xã phía Nam gồm 3 xã: Tân Phú, Tân Lợi và Tân Hòa; Ủy ban nhân dân xã Tân Phú là "
        "Cụm trưởng. Khối thi đua nội chính gồm Công an huyện và Viện Kiểm sát nhân dân huyện. Ông Hồ Văn "
        "Lâm, Viện trưởng Viện Kiểm sát nhân dân huyện Lạc Dương, Khối trưởng, phát biểu."
    )
    by_name = {b.name: b for b in doc.blocs}
    assert by_name["Cụm thi đua các xã phía Nam"].members == ["xã Tân Phú", "xã Tân Lợi", "xã Tân Hòa"]
    assert by_name["Khối thi đua nội chính"].members == ["Công an huyện", "Viện Kiểm sát nhân dân huyện"]


def test_a_khoi_truong_leads_the_khoi_when_a_cum_is_named_too() -> None:
    doc = read(
        "Cụm thi đua các xã phía Nam và Khối thi đua nội chính cùng họp. Ông Hồ Văn Lâm, Viện trưởng Viện "
        "Kiểm sát nhân dân huyện Lạc Dương, Khối trưởng, phát biểu."
    )
    by_name = {b.name: b for b in doc.blocs}
    assert by_name["Khối thi đua nội chính"].head == "Viện Kiểm sát nhân dân huyện Lạc Dương"
    assert by_name["Cụm thi đua các xã phía Nam"].head is None


def test_list_items_that_open_with_an_honorific_like_syllable_and_a_member_with_its_province() -> None:
    doc = read(
        "Cụm thi đua số 2 gồm Hạt Kiểm lâm các huyện Đô Lương, Anh Sơn và Bà Điểm. Khối thi đua các hội gồm "
        "Hội Chữ thập đỏ tỉnh, Hội Khuyến học tỉnh. Ông Lê Văn Tư, Chủ tịch Hội Chữ thập đỏ tỉnh Trà Vinh, "
        "Khối trưởng, chủ trì."
    )
    by_name = {b.name: b for b in doc.blocs}
    assert by_name["Cụm thi đua số 2"].members == [
        "Hạt Kiểm lâm huyện Đô Lương", "Hạt Kiểm lâm huyện Anh Sơn", "Hạt Kiểm lâm huyện Bà Điểm"]
    assert by_name["Khối thi đua các hội"].members == ["Hội Chữ thập đỏ tỉnh", "Hội Khuyến học tỉnh"]


def test_attendance_table_gives_leaders_their_bodies_and_the_cluster_its_head() -> None:
    doc = read(
        "BIÊN BẢN HỌP CỤM\n"
        "Cụm thi đua số 2 – Thanh tra các huyện phía Tây\n"
        "Thành phần: lãnh đạo Thanh tra các huyện trong Cụm, theo danh sách dưới đây.\n\n"
        "STT | Đơn vị | Họ và tên | Chức vụ | Ghi chú\n"
        "1 | Thanh tra huyện Ea Súp | Nguyễn Văn Hòa | Chánh Thanh tra | Cụm trưởng năm 2024, chủ trì\n"
        "2 | Thanh tra huyện Buôn Đôn | Lê Thị Mai | Phó Chánh Thanh tra | Cụm phó\n\n"
        "Hội nghị đề nghị tặng Giấy khen cho Thanh tra huyện Cư M'gar. Đại diện Thanh tra tỉnh dự họp."
    )
    leaders = {p.name: p for p in doc.leaders}
    assert leaders["Nguyễn Văn Hòa"].unit == "Thanh tra huyện Ea Súp"
    assert leaders["Lê Thị Mai"].title == "Phó Chánh Thanh tra"
    bloc = _only(doc)
    assert bloc.head == "Thanh tra huyện Ea Súp" and bloc.deputy == "Thanh tra huyện Buôn Đôn"
    # the cluster is named for a kind of unit: the awardee of that kind is one of its units
    assert "Thanh tra huyện Cư M'gar" in bloc.members and "Thanh tra tỉnh" not in bloc.members


def test_a_descriptive_name_goes_on_after_a_comma_before_an_office() -> None:
    doc = read("Năm 2024, Khối thi đua các Ban Đảng, Văn phòng Tỉnh ủy gồm 6 đơn vị.")
    assert _only(doc).name == "Khối thi đua các Ban Đảng, Văn phòng Tỉnh ủy"
