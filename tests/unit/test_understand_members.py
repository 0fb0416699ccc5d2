"""Member lists in shapes met on unseen text, with place names no gazetteer knows.

Every sentence here is invented, and so are the provinces, districts and bodies: the grammar
has to read the shape of the list, not recognise the names.
"""

from __future__ import annotations

from entity_support import has_unit, read

from thidua.understand.document import BlocFact, Document
from thidua.understand.text import fold


def _only(doc: Document) -> BlocFact:
    assert len(doc.blocs) == 1, [b.name for b in doc.blocs]
    return doc.blocs[0]


def _members(doc: Document) -> set[str]:
    return {fold(m) for m in _only(doc).members}


def test_unknown_provinces_after_cac_tinh_colon_are_spelled_out() -> None:
    doc = read(
        "Cụm thi đua số 7 gồm Kho bạc Nhà nước các tỉnh: Đồi Mai, Bến Sỏi, Lũng Hạ và Cát Vàng; "
        "Kho bạc Nhà nước tỉnh Đồi Mai là Cụm trưởng."
    )
    provinces = ("Đồi Mai", "Bến Sỏi", "Lũng Hạ", "Cát Vàng")
    assert _members(doc) == {fold(f"Kho bạc Nhà nước tỉnh {p}") for p in provinces}
    assert has_unit(doc, "Kho bạc Nhà nước tỉnh Cát Vàng")


def test_unknown_provinces_after_a_count_and_a_colon() -> None:
    doc = read("Cụm thi đua số 2 gồm BHXH 4 tỉnh: Mai Sơn Hạ, Đồi Cát, Nam Lũng và Bến Sỏi.")
    assert len(_only(doc).members) == 4
    assert fold("BHXH tỉnh Nam Lũng") in _members(doc)


def test_unknown_provinces_without_a_colon_need_a_list() -> None:
    listed = read("Khối thi đua số 4 gồm Sở Tư pháp các tỉnh Đồi Mai, Bến Sỏi và Cát Vàng.")
    assert len(_only(listed).members) == 3
    # one capitalised word group after "các tỉnh" with a body after "và" is no list of provinces
    single = read("Khối thi đua số 4 họp với lãnh đạo các tỉnh Đồi Mai và Hội đồng Thi đua tỉnh.")
    assert not any("Hội đồng" in m for m in _only(single).members)


def test_a_count_in_words_before_the_kind_of_member() -> None:
    doc = read(
        "Khối thi đua số 9 họp tổng kết. Khối gồm ba đơn vị: Ban Quản lý rừng phòng hộ Đồi Mai, "
        "Hạt Kiểm lâm huyện Bến Sỏi và Trung tâm Khuyến nông tỉnh."
    )
    assert _members(doc) == {fold(n) for n in (
        "Ban Quản lý rừng phòng hộ Đồi Mai", "Hạt Kiểm lâm huyện Bến Sỏi", "Trung tâm Khuyến nông tỉnh")}


def test_bare_names_after_a_counted_place_word_take_that_level() -> None:
    doc = read(
        "Khối thi đua các huyện vùng cao đã họp. Khối có 4 huyện là Lũng Hạ, Đồi Cát, Bến Sỏi và Nậm Cút."
    )
    assert _members(doc) == {fold(f"huyện {n}") for n in ("Lũng Hạ", "Đồi Cát", "Bến Sỏi", "Nậm Cút")}


def test_a_counted_place_word_that_describes_is_no_list() -> None:
    doc = read("Khối thi đua số 2 có 4 huyện miền núi, Đồi Cát là đơn vị dẫn đầu.")
    assert fold("huyện Đồi Cát") not in _members(doc)


def test_rows_of_a_score_table_are_the_members() -> None:
    doc = read(
        "Cụm thi đua số 8 họp bình xét năm 2024.\n"
        "Bảng điểm:\n"
        "1 | Trạm Thú y huyện Đồi Cát | 97,5 | 1\n"
        "2 | Trạm Thú y thị xã Bến Sỏi | 95 | 2\n"
        "3 | Trạm Thú y huyện Nậm Cút | 91,25 | 3\n"
    )
    assert _members(doc) == {fold(n) for n in (
        "Trạm Thú y huyện Đồi Cát", "Trạm Thú y thị xã Bến Sỏi", "Trạm Thú y huyện Nậm Cút")}


def test_rows_under_a_unit_column_header_are_the_members() -> None:
    doc = read(
        "Khối thi đua số 5 họp bình xét năm 2024.\n"
        "STT | Tên đơn vị | Xếp loại\n"
        "1 | Trạm Thú y huyện Đồi Cát | Xuất sắc\n"
        "2 | Trạm Thú y huyện Nậm Cút | Tốt\n"
    )
    assert _members(doc) == {fold("Trạm Thú y huyện Đồi Cát"), fold("Trạm Thú y huyện Nậm Cút")}


def test_a_line_of_votes_after_a_colon_lists_no_members() -> None:
    doc = read(
        "Cụm thi đua số 8 gồm Trạm Thú y huyện Đồi Cát và Trạm Thú y huyện Nậm Cút.\n"
        "Cụm thống nhất bỏ phiếu:\n"
        "- Đề nghị UBND tỉnh tặng Cờ thi đua cho Trạm Thú y huyện Đồi Cát.\n"
        "- Đề nghị tặng Bằng khen cho hai tập thể.\n"
    )
    assert _members(doc) == {fold("Trạm Thú y huyện Đồi Cát"), fold("Trạm Thú y huyện Nậm Cút")}
    assert not has_unit(doc, "Đề nghị")


def test_a_place_named_like_a_verb_stays_in_a_list() -> None:
    doc = read("Cụm thi đua số 3 gồm 3 huyện: Đồi Cát, Thống Nhất và Nậm Cút.")
    assert fold("huyện Thống Nhất") in _members(doc)


def test_bulleted_lines_under_numbered_bloc_headings_belong_to_that_bloc() -> None:
    doc = read(
        "Ngày 5/1/2025, Hội đồng thi đua tỉnh họp với hai khối.\n"
        "1. Khối thi đua số I (khối kinh tế)\n"
        "- Khối trưởng: Sở Công Thương; Khối phó: Sở Xây dựng.\n"
        "- Thành viên còn lại: Sở Giao thông vận tải, Cục Thống kê tỉnh.\n"
        "2. Khối thi đua số II (khối nội chính)\n"
        "- Khối trưởng: Sở Tư pháp; Khối phó: Thanh tra tỉnh.\n"
        "- Các đơn vị thành viên: Công an tỉnh, Tòa án nhân dân tỉnh.\n"
    )
    by_name = {b.name: b for b in doc.blocs}
    first, second = by_name["Khối thi đua số I"], by_name["Khối thi đua số II"]
    assert (first.head, first.deputy) == ("Sở Công Thương", "Sở Xây dựng")
    assert (second.head, second.deputy) == ("Sở Tư pháp", "Thanh tra tỉnh")
    assert {fold(m) for m in first.members} == {fold(n) for n in (
        "Sở Công Thương", "Sở Xây dựng", "Sở Giao thông vận tải", "Cục Thống kê tỉnh")}
    assert {fold(m) for m in second.members} == {fold(n) for n in (
        "Sở Tư pháp", "Thanh tra tỉnh", "Công an tỉnh", "Tòa án nhân dân tỉnh")}


def test_a_unit_assigned_the_role_in_the_passive_is_the_head() -> None:
    bloc = _only(read(
        "Cụm thi đua số 6 gồm Hạt Kiểm lâm huyện Đồi Cát và Hạt Kiểm lâm huyện Nậm Cút; năm nay Hạt Kiểm "
        "lâm huyện Nậm Cút được phân công làm Cụm trưởng, Hạt Kiểm lâm huyện Đồi Cát được cử làm Cụm phó."
    ))
    assert bloc.head == "Hạt Kiểm lâm huyện Nậm Cút"
    assert bloc.deputy == "Hạt Kiểm lâm huyện Đồi Cát"


def test_the_head_is_written_as_the_member_list_writes_it() -> None:
    bloc = _only(read(
        "Khối thi đua các huyện vùng cao có 3 huyện là Đồi Cát, Nậm Cút và Bến Sỏi. Ông Lò Văn Sáng, "
        "Chủ tịch UBND huyện Nậm Cút – đơn vị Khối trưởng năm 2024, chủ trì."
    ))
    assert bloc.head == "huyện Nậm Cút"
    assert len(bloc.members) == 3


def test_a_body_named_with_surname_like_words_in_a_list_in_parentheses() -> None:
    doc = read(
        "Cụm thi đua số 3 của Tỉnh đoàn (gồm Thành đoàn Bến Sỏi, Huyện đoàn Lạc Đồi Mây và Đoàn Khối các "
        "cơ quan tỉnh) tổ chức lễ ra quân."
    )
    assert _members(doc) == {fold(n) for n in (
        "Thành đoàn Bến Sỏi", "Huyện đoàn Lạc Đồi Mây", "Đoàn Khối các cơ quan tỉnh")}


def test_a_name_with_a_middle_name_after_a_body_is_still_a_person() -> None:
    doc = read("Dự hội nghị có Bí thư Huyện đoàn Lạc Văn Sơn, đại diện các xã.")
    assert "Lạc Văn Sơn" in {lead.name for lead in doc.leaders}


def test_the_place_written_in_a_bloc_name_is_not_a_unit() -> None:
    doc = read("Ngày 9/12, Cụm thi đua các doanh nghiệp ngành xây dựng tỉnh Đồi Mai tổ chức bình xét.")
    assert not has_unit(doc, "tỉnh Đồi Mai")
    doc = read("Chiều 15/1, Cụm thi đua các trường THCS số 2 huyện Nậm Cút sơ kết học kỳ I.")
    assert not has_unit(doc, "huyện Nậm Cút")


def test_members_named_after_a_bloc_with_its_place_stay_units() -> None:
    doc = read("Cụm thi đua số 2 huyện Đồi Cát gồm xã Nậm Cút và xã Bến Sỏi đã ký giao ước thi đua.")
    assert has_unit(doc, "xã Nậm Cút") and has_unit(doc, "xã Bến Sỏi")
    assert not has_unit(doc, "huyện Đồi Cát")


def test_lettered_headings_own_their_unbulleted_label_lines() -> None:
    doc = read(
        "Ngày 10/1/2025, Hội đồng thi đua huyện họp xét hai cụm.\n"
        "a) Cụm thi đua số 1\n"
        "Cụm trưởng: xã Đồi Cát; Cụm phó: xã Nậm Cút.\n"
        "Các xã còn lại: Bến Sỏi, Lũng Hạ.\n"
        "b) Cụm thi đua số 2\n"
        "Cụm trưởng: xã Pác Bó; Cụm phó: xã Nà Mòn.\n"
        "Các xã còn lại: Khau Vai, Mỏ Đá.\n"
    )
    by_name = {b.name: b for b in doc.blocs}
    first, second = by_name["Cụm thi đua số 1"], by_name["Cụm thi đua số 2"]
    assert (first.head, second.head) == ("xã Đồi Cát", "xã Pác Bó")
    one = ("Đồi Cát", "Nậm Cút", "Bến Sỏi", "Lũng Hạ")
    two = ("Pác Bó", "Nà Mòn", "Khau Vai", "Mỏ Đá")
    assert {fold(m) for m in first.members} == {fold(f"xã {n}") for n in one}
    assert {fold(m) for m in second.members} == {fold(f"xã {n}") for n in two}


def test_a_founding_clause_may_stand_between_the_bloc_and_its_list() -> None:
    doc = read(
        "Chiều 4/7, Cụm thi đua các phường ven sông thị xã Gò Mây sơ kết 6 tháng. "
        "Cụm được thành lập theo Quyết định số 77/QĐ-UBND ngày 02/3/2021 của UBND thị xã Gò Mây, gồm "
        "4 phường: Bến Đò, Cây Gạo, Hồ Sen và Bãi Ngọc; phường Cây Gạo là Cụm trưởng."
    )
    assert _members(doc) == {fold(f"phường {n}") for n in ("Bến Đò", "Cây Gạo", "Hồ Sen", "Bãi Ngọc")}


def test_a_list_announcing_two_place_levels_keeps_each_item_level() -> None:
    doc = read(
        "Cụm thi đua số 5 huyện Đồi Cát gồm 4 xã, thị trấn: thị trấn Nà Mòn, xã Khau Vai, xã Mỏ Đá "
        "và xã Lũng Hạ."
    )
    assert _members(doc) == {fold(n) for n in ("thị trấn Nà Mòn", "xã Khau Vai", "xã Mỏ Đá", "xã Lũng Hạ")}


def test_an_attendance_list_announced_as_the_blocs_units_gives_the_office_bodies() -> None:
    doc = read(
        "Hội nghị sơ kết của Khối thi đua các cơ quan y tế - giáo dục tỉnh Đồi Mai.\n"
        "Lãnh đạo các đơn vị thành viên của Khối:\n"
        "- Bà Lò Thị Mến – Phó Giám đốc Sở Y tế, Khối trưởng;\n"
        "- Ông Vi Văn Khuê – Phó Giám đốc Sở Giáo dục và Đào tạo;\n"
        "- Ông Hà Đức Lâm – Phó Giám đốc Bảo hiểm xã hội tỉnh.\n"
        "3. Thư ký: chuyên viên Văn phòng Sở Y tế.\n"
    )
    assert _members(doc) == {fold(n) for n in ("Sở Y tế", "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh")}
    assert not has_unit(doc, "Thư ký")


def test_bare_names_after_a_shared_body_and_a_colon_are_spelled_out() -> None:
    doc = read(
        "Cụm thi đua số 6 gồm các Chi cục Thuế khu vực: Khe Rêu, Bến Sỏi và Đồi Cát; Chi cục Thuế khu vực "
        "Khe Rêu là Cụm trưởng."
    )
    assert _members(doc) == {fold(f"Chi cục Thuế khu vực {n}") for n in ("Khe Rêu", "Bến Sỏi", "Đồi Cát")}


def test_an_attendance_list_counted_later_as_the_blocs_units_gives_its_members() -> None:
    text = (
        "Khối thi đua các cơ quan tư pháp tỉnh Đồi Mai\n"
        "BIÊN BẢN họp bình xét thi đua năm 2024\n"
        "II. Thành phần\n"
        "- Bà Lò Thị Mến – Phó Chánh án Tòa án nhân dân tỉnh, Khối trưởng.\n"
        "- Ông Vi Văn Khuê – Phó Viện trưởng Viện kiểm sát nhân dân tỉnh.\n"
        "- Ông Hà Đức Lâm – Phó Giám đốc Sở Tư pháp.\n"
        "III. Nội dung\n"
        "Ba đơn vị thành viên của Khối đã tự chấm điểm và bỏ phiếu kín.\n"
    )
    assert _members(read(text)) == {
        fold(n) for n in ("Tòa án nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh", "Sở Tư pháp")
    }
    # a count that does not match the list says nothing about it
    assert len(_members(read(text.replace("Ba đơn vị", "Năm đơn vị")))) < 3


def test_a_hospital_of_traditional_medicine_keeps_its_whole_name() -> None:
    doc = read(
        "Cụm thi đua số 2 gồm Bệnh viện Phổi tỉnh, Bệnh viện Y dược cổ truyền tỉnh và Bệnh viện Mắt tỉnh."
    )
    assert fold("Bệnh viện Y dược cổ truyền tỉnh") in _members(doc)
