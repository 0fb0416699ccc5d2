"""The document record: what extraction hands to storage, the CLI and the API.

Field names follow `../shared/eval/GUIDE.md`; every list entry carries its
canonical id and its evidence (sentence and character span).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.understand import document as d
from thidua.understand.entities import bloc_id, leader_id, search_key, unit_id, unit_key

EVENT_TYPES = ("ky_ket_giao_uoc", "tong_ket", "so_ket", "phat_dong", "binh_xet", "trao_khen_thuong")
AWARD_TYPES = (
    "co_thi_dua_chinh_phu", "co_thi_dua_bo_tinh", "bang_khen_thu_tuong", "bang_khen_bo_tinh",
    "giay_khen", "huan_chuong", "chien_si_thi_dua", "tap_the_lao_dong_xuat_sac",
    "lao_dong_tien_tien", "ky_niem_chuong", "other",
)


class EvidenceOut(BaseModel):
    model_config = ConfigDict(frozen=True)
    sentence: str
    start: int
    end: int


class UnitOut(BaseModel):
    name: str
    id: str
    key: str
    locality: str | None = None
    roles: list[str] = Field(default_factory=list)
    confidence: float = 0.5
    evidence: EvidenceOut | None = None


class LeaderOut(BaseModel):
    name: str
    id: str
    title: str | None = None
    honorific: str | None = None
    rank: str | None = None
    posts: list[str] = Field(default_factory=list)
    unit: str | None = None
    confidence: float = 0.5
    evidence: EvidenceOut | None = None


class BlocOut(BaseModel):
    name: str
    id: str
    members: list[str] = Field(default_factory=list)
    head: str | None = None
    deputy: str | None = None
    next_head: str | None = None
    confidence: float = 0.5
    evidence: EvidenceOut | None = None


class AwardOut(BaseModel):
    award: str
    count: int
    recipient: Literal["tap_the", "ca_nhan"] | None = None
    status: Literal["proposed", "granted", "unknown"] = "unknown"
    recipients: list[str] = Field(default_factory=list)
    confidence: float = 0.5
    evidence: EvidenceOut | None = None


class ReferenceOut(BaseModel):
    number: str
    kind: str | None = None
    date: dt.date | None = None
    confidence: float = 0.5
    evidence: EvidenceOut | None = None


class DatedOut(BaseModel):
    value: dt.date
    confidence: float
    evidence: EvidenceOut | None = None


class DocumentRecord(BaseModel):
    """The extracted record of one document (GUIDE.md fields plus ids and evidence)."""

    published: dt.date | None = None
    event_date: dt.date | None = None
    campaign_years: list[int] = Field(default_factory=list)
    event_types: list[str] = Field(default_factory=list)
    blocs: list[BlocOut] = Field(default_factory=list)
    units: list[UnitOut] = Field(default_factory=list)
    leaders: list[LeaderOut] = Field(default_factory=list)
    awards: list[AwardOut] = Field(default_factory=list)
    references: list[ReferenceOut] = Field(default_factory=list)
    title: str | None = None
    locality: str | None = None
    published_evidence: DatedOut | None = None
    event_date_evidence: DatedOut | None = None
    error: str | None = None


def _ev(evidence: d.Evidence | None) -> EvidenceOut | None:
    if evidence is None:
        return None
    return EvidenceOut(sentence=evidence.sentence, start=evidence.start, end=evidence.end)


def _dated(fact: d.DateFact | None) -> DatedOut | None:
    if fact is None:
        return None
    return DatedOut(value=fact.value, confidence=fact.confidence, evidence=_ev(fact.evidence))


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(search_key(value), value)
    return list(seen.values())


def to_record(doc: d.Document) -> DocumentRecord:
    """Map the facts of a processed document to its record."""
    loc = doc.locality
    years = sorted({y.year for y in doc.campaign_years})
    types = [t for t in EVENT_TYPES if any(f.type == t for f in doc.event_types)]
    units: dict[str, UnitOut] = {}
    for u in doc.units:
        key = unit_key(u.name, u.locality or loc)
        if key in units:
            units[key].roles = sorted(set(units[key].roles) | set(u.roles))
            continue
        units[key] = UnitOut(
            name=u.name, id=unit_id(u.name, u.locality or loc), key=key, locality=u.locality or loc,
            roles=sorted(set(u.roles)), confidence=u.confidence, evidence=_ev(u.evidence),
        )
    leaders: dict[str, LeaderOut] = {}
    for p in doc.leaders:
        lid = leader_id(p.name)
        if lid in leaders:
            continue
        leaders[lid] = LeaderOut(
            name=p.name, id=lid, title=p.title, honorific=p.honorific, rank=p.rank, posts=p.posts,
            unit=p.unit, confidence=p.confidence, evidence=_ev(p.evidence),
        )
    blocs = [
        BlocOut(
            name=b.name, id=bloc_id(b.name), members=_unique(b.members), head=b.head, deputy=b.deputy,
            next_head=b.next_head, confidence=b.confidence, evidence=_ev(b.evidence),
        )
        for b in doc.blocs
    ]
    awards = [
        AwardOut(
            award=a.award, count=a.count, recipient=a.recipient, status=a.status,
            recipients=a.recipients, confidence=a.confidence, evidence=_ev(a.evidence),
        )
        for a in doc.awards
    ]
    refs: dict[str, ReferenceOut] = {}
    for r in doc.references:
        key = r.number.replace(" ", "").upper()
        if key not in refs:
            refs[key] = ReferenceOut(
                number=r.number, kind=r.kind, date=r.date, confidence=r.confidence, evidence=_ev(r.evidence)
            )
    return DocumentRecord(
        published=doc.published.value if doc.published else None,
        event_date=doc.event_date.value if doc.event_date else None,
        campaign_years=years,
        event_types=types,
        blocs=blocs,
        units=list(units.values()),
        leaders=list(leaders.values()),
        awards=awards,
        references=list(refs.values()),
        title=doc.title,
        locality=loc,
        published_evidence=_dated(doc.published),
        event_date_evidence=_dated(doc.event_date),
    )
