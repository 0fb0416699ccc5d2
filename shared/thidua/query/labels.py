"""Vietnamese display names of event types and award types (UI text, CSV headers, typed filters)."""

from __future__ import annotations

from thidua.understand.text import fold

EVENT_LABELS: dict[str, str] = {
    "ky_ket_giao_uoc": "Ký kết giao ước thi đua",
    "tong_ket": "Tổng kết",
    "so_ket": "Sơ kết",
    "phat_dong": "Phát động thi đua",
    "binh_xet": "Bình xét, suy tôn",
    "trao_khen_thuong": "Trao khen thưởng",
}

AWARD_LABELS: dict[str, str] = {
    "co_thi_dua_chinh_phu": "Cờ thi đua của Chính phủ",
    "co_thi_dua_bo_tinh": "Cờ thi đua bộ, ngành, tỉnh",
    "bang_khen_thu_tuong": "Bằng khen của Thủ tướng",
    "bang_khen_bo_tinh": "Bằng khen bộ, ngành, tỉnh",
    "giay_khen": "Giấy khen",
    "huan_chuong": "Huân chương",
    "chien_si_thi_dua": "Chiến sĩ thi đua",
    "tap_the_lao_dong_xuat_sac": "Tập thể lao động xuất sắc",
    "lao_dong_tien_tien": "Lao động tiên tiến",
    "ky_niem_chuong": "Kỷ niệm chương",
    "other": "Hình thức khác",
}


def _lookup(table: dict[str, str]) -> dict[str, str]:
    # Accept the id, the folded label and the id with spaces: "tong ket", "Tổng kết", "tong_ket".
    out: dict[str, str] = {}
    for key, label in table.items():
        out[key] = key
        out[fold(key.replace("_", " "))] = key
        out[fold(label)] = key
    return out


_EVENTS = _lookup(EVENT_LABELS)
_AWARDS = _lookup(AWARD_LABELS)


def event_type_id(text: str) -> str | None:
    """The event type id for an id or a Vietnamese label, or None."""
    return _EVENTS.get(text) or _EVENTS.get(fold(text))


def award_id(text: str) -> str | None:
    """The award id for an id or a Vietnamese label, or None."""
    return _AWARDS.get(text) or _AWARDS.get(fold(text))
