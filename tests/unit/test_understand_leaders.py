"""Leaders named only in a document's signature block. Every name, place and sentence is invented."""

from __future__ import annotations

from entity_support import has_unit, read


def test_a_signer_under_a_post_with_its_body_is_a_leader() -> None:
    doc = read(
        "KHỐI THI ĐUA CÁC SỞ KINH TẾ TỈNH ĐỒI MAI\n"
        "BÁO CÁO\n"
        "Khối thi đua các sở kinh tế tỉnh Đồi Mai gồm Sở Xây dựng, Sở Công Thương và Sở Tài chính.\n"
        "\n"
        "KHỐI TRƯỞNG\n"
        "GIÁM ĐỐC SỞ XÂY DỰNG\n"
        "Mạc Đình Khải\n"
    )
    assert {lead.name: lead.title for lead in doc.leaders} == {"Mạc Đình Khải": "Giám đốc Sở Xây dựng"}


def test_a_bare_post_of_the_signer_is_held_in_the_letterhead_body() -> None:
    doc = read(
        "ỦY BAN NHÂN DÂN TỈNH NẬM CÚT\n"
        "Số: 88/QĐ-UBND\n"
        "QUYẾT ĐỊNH\n"
        "Điều 1. Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho Sở Tư pháp.\n"
        "\n"
        "KT. CHỦ TỊCH\n"
        "PHÓ CHỦ TỊCH\n"
        "Lò Thị Mến\n"
    )
    leaders = {lead.name: lead.title for lead in doc.leaders}
    assert leaders == {"Lò Thị Mến": "Phó Chủ tịch Ủy ban nhân dân tỉnh Nậm Cút"}
    assert has_unit(doc, "Ủy ban nhân dân tỉnh Nậm Cút")


def test_a_name_line_under_a_line_that_is_no_post_is_no_leader() -> None:
    doc = read("Hội nghị kết thúc lúc 11 giờ.\nNƠI NHẬN\nLò Thị Mến\n")
    assert doc.leaders == []


def test_a_four_line_signature_with_a_bloc_role_and_a_one_letter_syllable() -> None:
    doc = read(
        "Cụm thi đua số 5 huyện Đồi Cát gồm 3 xã: Khe Rêu, Bến Sỏi và Nậm Cút.\n"
        "\n"
        "TM. CỤM THI ĐUA SỐ 5\n"
        "CỤM TRƯỞNG\n"
        "CHỦ TỊCH UBND XÃ KHE RÊU\n"
        "Vàng A Páo\n"
    )
    assert {lead.name: lead.title for lead in doc.leaders} == {"Vàng A Páo": "Chủ tịch UBND xã Khe Rêu"}
    assert [b.head for b in doc.blocs] == ["xã Khe Rêu"]


def test_a_signer_after_an_abbreviated_honorific_and_a_ward_bearing_a_persons_name() -> None:
    doc = read(
        "Cụm thi đua số 4 gồm Trung tâm Y tế huyện Khe Rêu và Trung tâm Y tế huyện Bến Sỏi.\n"
        "\n"
        "CỤM TRƯỞNG\n"
        "GIÁM ĐỐC TRUNG TÂM Y TẾ HUYỆN KHE RÊU\n"
        "BSCKII. Hoàng Văn Thiện\n"
    )
    assert {lead.name: lead.title for lead in doc.leaders} == {
        "Hoàng Văn Thiện": "Giám đốc Trung tâm Y tế huyện Khe Rêu"
    }
    doc = read("TM. CỤM THI ĐUA\nCHỦ TỊCH UBND PHƯỜNG LÊ VĂN TÁM ĐÔNG\nMạc Thị Lan\n")
    assert {lead.name: lead.title for lead in doc.leaders} == {
        "Mạc Thị Lan": "Chủ tịch UBND phường Lê Văn Tám Đông"
    }
