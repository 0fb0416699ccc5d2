"""Units on unseen text: bodies that take part in the event, and bodies only asked, copied or advised.

Every sentence here is invented, and so are the provinces, districts and bodies.
"""

from __future__ import annotations

from entity_support import has_unit, read, unit_names


def test_a_body_asked_to_act_later_is_not_a_unit() -> None:
    doc = read(
        "Sáng 3/9, Cụm thi đua số 4 huyện Đá Mài sơ kết công tác thi đua tại UBND xã Khe Rêu. "
        "Hội nghị thống nhất đề nghị UBND huyện tổ chức kiểm tra chéo giữa các cụm trong quý IV."
    )
    assert has_unit(doc, "UBND xã Khe Rêu")
    assert not any(n == "ubnd huyen" for n in unit_names(doc)), unit_names(doc)


def test_a_body_asked_for_funds_is_not_a_unit_but_one_that_attends_is() -> None:
    doc = read(
        "Dự hội nghị có đại diện Phòng Nội vụ thành phố Suối Ngọc. "
        "Các phường kiến nghị UBND thành phố Suối Ngọc bố trí kinh phí cho mô hình chuyển đổi số."
    )
    assert has_unit(doc, "Phòng Nội vụ thành phố Suối Ngọc")
    assert not has_unit(doc, "UBND thành phố Suối Ngọc")


def test_the_proposed_awarder_with_a_post_before_it_is_not_a_unit() -> None:
    doc = read(
        "Khối suy tôn Quỹ tín dụng nhân dân Đồng Mơ là đơn vị dẫn đầu, đề nghị Thống đốc Ngân hàng Nhà "
        "nước Việt Nam tặng Cờ thi đua."
    )
    assert has_unit(doc, "Quỹ tín dụng nhân dân Đồng Mơ")
    assert not any("ngan hang nha nuoc" in n for n in unit_names(doc)), unit_names(doc)


def test_an_award_named_after_a_post_that_runs_into_the_body_gives_no_unit() -> None:
    doc = read("Tại hội nghị, ông Vũ Khắc Tâm trao Bằng khen của Tổng Thanh tra Chính phủ cho 3 tập thể.")
    assert not any("thanh tra" in n for n in unit_names(doc)), unit_names(doc)


def test_copy_list_secretary_line_and_request_items_name_no_units() -> None:
    doc = read(
        "Khối thi đua các sở kinh tế tỉnh Mây Ngàn gồm Sở Tài chính, Sở Xây dựng và Sở Công Thương.\n"
        "Thư ký: chuyên viên Văn phòng Sở Xây dựng.\n"
        "Khối kiến nghị:\n"
        "1. Chủ tịch UBND tỉnh tặng Cờ thi đua cho Sở Xây dựng.\n"
        "2. UBND tỉnh sớm ban hành hướng dẫn chấm điểm năm sau.\n"
        "Nơi nhận:\n"
        "- Ban Thi đua - Khen thưởng tỉnh;\n"
        "- Lưu: VT.\n"
    )
    names = unit_names(doc)
    bare = {n.removesuffix(" tinh may ngan") for n in names}
    assert {"so tai chinh", "so xay dung", "so cong thuong"} <= bare
    assert not any(n.startswith(("ubnd", "ban thi dua", "van phong")) for n in names), names


def test_a_field_word_used_as_the_verb_does_not_lengthen_the_name() -> None:
    doc = read(
        "Các đơn vị hoàn thành chỉ tiêu được giao; Sở Tài chính tham mưu giải ngân vốn đầu tư "
        "công đạt 95% kế hoạch; Phòng Tham mưu Công an tỉnh Mây Ngàn dẫn đầu phong trào."
    )
    assert unit_names(doc) == {"so tai chinh", "phong tham muu cong an tinh may ngan"}


def test_a_bank_branch_keeps_its_place_in_its_name() -> None:
    doc = read(
        "Khối gồm: Ngân hàng Chính sách xã hội chi nhánh tỉnh Đồi Mai; Ngân hàng TMCP Công Thương chi nhánh "
        "Bến Sỏi và Quỹ tín dụng nhân dân Khe Rêu. Dự hội nghị có ông Tạ Văn Bền, Giám đốc Ngân hàng Nhà "
        "nước chi nhánh tỉnh Đồi Mai."
    )
    names = unit_names(doc)
    assert "ngan hang chinh sach xa hoi chi nhanh tinh doi mai" in names, names
    assert "ngan hang tmcp cong thuong chi nhanh ben soi" in names, names
    assert "ngan hang nha nuoc chi nhanh tinh doi mai" in names, names
    assert not any(n in ("tinh doi mai", "doi mai", "ben soi") for n in names), names
    leader = next(p for p in doc.leaders if p.name == "Tạ Văn Bền")
    assert leader.title is not None and leader.title.endswith("chi nhánh tỉnh Đồi Mai")


def test_the_front_written_short_is_the_same_body_as_its_committee() -> None:
    doc = read(
        "Khối gồm Ủy ban MTTQ Việt Nam huyện Đồi Cát, Hội Nông dân huyện và Huyện đoàn Đồi Cát. Năm qua, "
        "Khối đã phối hợp tổ chức thành công Đại hội MTTQ huyện."
    )
    fronts = [n for n in unit_names(doc) if "mttq" in n or "mat tran" in n]
    assert len(fronts) == 1, fronts


def test_the_secretary_of_the_meeting_line_names_no_unit() -> None:
    doc = read("Chủ trì: Sở Y tế tỉnh Đồi Mai.\nThư ký cuộc họp: Văn phòng Sở Giao thông vận tải.\n")
    assert has_unit(doc, "Sở Y tế tỉnh Đồi Mai")
    assert not any(n.startswith("van phong") for n in unit_names(doc)), unit_names(doc)


def test_a_branch_in_an_unknown_province_opening_on_a_surname_keeps_the_province() -> None:
    doc = read("Ông Mẫn Văn Tín, Phó Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Lâm Sương, phát biểu.")
    assert has_unit(doc, "Ngân hàng Nhà nước chi nhánh tỉnh Lâm Sương"), unit_names(doc)


def test_items_under_a_proposals_heading_are_requests() -> None:
    doc = read(
        "Cụm thi đua số 4 gồm xã Khe Rêu, xã Bến Sỏi và xã Nậm Cút.\n"
        "III. KIẾN NGHỊ\n"
        "1. UBND huyện quan tâm bố trí kinh phí cho các cụm thi đua.\n"
    )
    assert not any(n.startswith("ubnd huyen") for n in unit_names(doc)), unit_names(doc)


def test_a_company_name_stops_before_kiem_and_the_venue_line_names_no_unit() -> None:
    doc = read(
        "Địa điểm: Phòng họp Chi cục Thủy lợi tỉnh Đồi Mai.\n"
        "Ông Hà Văn Lộc, Chủ tịch Công ty TNHH MTV Thủy lợi Khe Rêu kiêm Khối trưởng, chủ trì hội nghị.\n"
    )
    assert unit_names(doc) == {"cong ty tnhh mtv thuy loi khe reu"}, unit_names(doc)


def test_provincial_branches_of_national_services_are_named_by_their_place() -> None:
    doc = read(
        "Dự hội nghị có bà Lò Thị Mến, Phó Giám đốc Đài Khí tượng thủy văn tỉnh, và đại diện Bưu điện tỉnh."
    )
    assert has_unit(doc, "Đài Khí tượng thủy văn tỉnh") and has_unit(doc, "Bưu điện tỉnh"), unit_names(doc)


def test_the_parent_after_a_numbered_bloc_is_not_a_kind_of_member() -> None:
    doc = read(
        "Cụm thi đua số 3 Tỉnh đoàn Đồi Mai ký giao ước. Cụm gồm các Huyện đoàn: Khe Rêu, Bến Sỏi và Nậm "
        "Cút. Dịp này, Ban Thường vụ Tỉnh đoàn trao Bằng khen cho 2 tập thể."
    )
    assert [len(b.members) for b in doc.blocs] == [3], [b.members for b in doc.blocs]
