"""Generated records for tests, the local demo and benchmarks (no real documents involved).

Names are assembled from generic parts (department kinds, bloc numbers,
common Vietnamese name syllables), so nothing here comes from the eval corpus.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Literal

from thidua.understand.entities import bloc_id, leader_id, unit_id, unit_key
from thidua.understand.record import (
    AWARD_TYPES,
    EVENT_TYPES,
    AwardOut,
    BlocOut,
    DocumentRecord,
    EvidenceOut,
    LeaderOut,
    UnitOut,
)

DEPARTMENTS = (
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Khoa học và Công nghệ",
    "Sở Giao thông vận tải",
    "Sở Văn hóa và Thể thao",
    "Sở Tài nguyên và Môi trường",
    "Sở Kế hoạch và Đầu tư",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Thông tin và Truyền thông",
    "Sở Du lịch",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Dân tộc",
    "Đài Phát thanh và Truyền hình",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thuế",
    "Cục Hải quan",
    "Cục Thống kê",
    "Kho bạc Nhà nước",
    "Liên đoàn Lao động tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
)
PROVINCES = ("Hà Giang", "Lạng Sơn", "Nghệ An", "Quảng Ngãi", "Đồng Nai", "Cà Mau", "Sơn La", "Bình Định")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hoài")
GIVEN = (
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Việt",
    "Yến",
    "Khánh",
    "Linh",
    "Hưng",
)
TITLES = ("Giám đốc", "Phó Giám đốc", "Chánh Thanh tra", "Trưởng ban", "Chủ tịch", "Phó Chủ tịch")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _evidence(sentence: str, name: str) -> EvidenceOut:
    start = max(0, sentence.find(name))
    return EvidenceOut(sentence=sentence, start=start, end=start + len(name))


def make_record(rng: random.Random, *, years: tuple[int, int] = (2019, 2024)) -> DocumentRecord:
    """One plausible record: a bloc meeting of a province with units, leaders, events and awards."""
    province = rng.choice(PROVINCES)
    year = rng.randint(*years)
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    campaign = [day.year - 1, day.year] if day.month <= 2 else [day.year]
    bloc_name = f"Khối thi đua {rng.choice(ROMAN)}"
    units = rng.sample(DEPARTMENTS, rng.randint(2, 6))
    unit_out = []
    for name in units:
        sentence = f"Tham dự hội nghị có đại diện {name} và các đơn vị trong {bloc_name}."
        unit_out.append(
            UnitOut(
                name=name,
                id=unit_id(name, province),
                key=unit_key(name, province),
                locality=province,
                roles=["member"],
                confidence=0.8,
                evidence=_evidence(sentence, name),
            )
        )
    leaders = []
    for _ in range(rng.randint(0, 3)):
        person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        title = f"{rng.choice(TITLES)} {rng.choice(units)}"
        sentence = f"Đồng chí {person}, {title} phát biểu tại hội nghị."
        leaders.append(
            LeaderOut(
                name=person,
                id=leader_id(person),
                title=title,
                confidence=0.8,
                evidence=_evidence(sentence, person),
            )
        )
    events = sorted(rng.sample(EVENT_TYPES, rng.randint(1, 3)), key=EVENT_TYPES.index)
    awards = []
    for _ in range(rng.randint(0, 3)):
        award = rng.choice(AWARD_TYPES)
        count = rng.randint(1, 12)
        recipient: Literal["tap_the", "ca_nhan"] | None = rng.choice(("tap_the", "ca_nhan", None))
        awards.append(
            AwardOut(
                award=award,
                count=count,
                recipient=recipient,
                status=rng.choice(("proposed", "granted")),
                recipients=rng.sample(units, 1) if recipient == "tap_the" else [],
                confidence=0.7,
                evidence=EvidenceOut(sentence=f"Tặng {count} phần thưởng.", start=0, end=4),
            )
        )
    bloc_sentence = f"{bloc_name} gồm {len(units)} đơn vị, do {units[0]} làm Khối trưởng."
    blocs = [
        BlocOut(
            name=bloc_name,
            id=bloc_id(bloc_name),
            members=units,
            head=units[0],
            confidence=0.8,
            evidence=_evidence(bloc_sentence, bloc_name),
        )
    ]
    return DocumentRecord(
        published=day,
        event_date=day if rng.random() < 0.8 else None,
        campaign_years=campaign,
        event_types=events,
        blocs=blocs,
        units=unit_out,
        leaders=leaders,
        awards=awards,
        references=[],
        title=f"{bloc_name} tổ chức hội nghị năm {day.year}",
        locality=province,
    )


def records(count: int, seed: int = 7, *, years: tuple[int, int] = (2019, 2024)) -> Iterator[DocumentRecord]:
    """`count` records, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield make_record(rng, years=years)
