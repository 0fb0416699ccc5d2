"""Pydantic models of what the query layer returns (also the API's response models)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EntityRef(BaseModel):
    type: str = Field(description="unit, bloc or leader")
    id: str
    name: str
    locality: str | None = None


class EvidenceRef(BaseModel):
    facet: str = Field(description="the facet the sentence supports, e.g. UNIT#unit:so-noi-vu")
    name: str | None = None
    sentence: str


class SearchHit(BaseModel):
    doc_id: str
    date: str | None = Field(default=None, description="event date, else publication date (YYYY-MM-DD)")
    title: str | None = None
    event_types: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    blocs: list[EntityRef] = Field(default_factory=list)
    locality: str | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)
    source: str | None = Field(default=None, description="source URI (s3://bucket/key or file:///path)")
    format: str | None = None
    url: str = Field(description="API path of the full document")


class SearchPage(BaseModel):
    hits: list[SearchHit]
    next_cursor: str | None = None
    resolved: list[EntityRef] = Field(default_factory=list, description="what the typed names resolved to")
    filters: dict[str, str | int | None] = Field(default_factory=dict)
    round_trips: int = Field(default=0, description="index requests this page cost")


class AwardRow(BaseModel):
    year: int
    award: str
    award_label: str
    group: str | None = Field(default=None, description="bloc id, unit id or locality when grouped")
    group_name: str | None = None
    count: int = Field(description="sum of the award counts")
    entries: int = Field(description="award entries summed")
    documents: int = Field(description="distinct documents")


class AwardStats(BaseModel):
    years: list[int]
    group_by: str | None = None
    rows: list[AwardRow]
    round_trips: int = 0


class ActivityRow(BaseModel):
    period: str = Field(description="YYYY or YYYY-MM of the documents' date")
    group: str | None = Field(default=None, description="event type, bloc id or locality when grouped")
    group_name: str | None = None
    documents: int
    events: int = Field(description="event occurrences (a document with two event types counts two)")


class ActivityStats(BaseModel):
    years: list[int]
    period: str
    by: str | None = None
    rows: list[ActivityRow]
    round_trips: int = 0


class TimelineEntry(BaseModel):
    doc_id: str
    date: str | None = None
    title: str | None = None
    event_types: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    evidence: str | None = None
    url: str


class BlocYear(BaseModel):
    year: int
    bloc: EntityRef
    head: bool = Field(default=False, description="the unit was named Khối/Cụm trưởng that year")


class LeaderSeen(BaseModel):
    leader: EntityRef
    titles: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    documents: int = 0


class AwardEntry(BaseModel):
    year: int | None = None
    award: str
    award_label: str
    count: int
    recipient: str | None = None
    status: str = "unknown"
    doc_id: str


class UnitPage(BaseModel):
    entity: EntityRef
    documents: int
    truncated: bool = Field(default=False, description="only the newest documents were read")
    blocs_by_year: list[BlocYear] = Field(default_factory=list)
    leaders: list[LeaderSeen] = Field(default_factory=list)
    awards: list[AwardEntry] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)


class MembersYear(BaseModel):
    year: int
    members: list[EntityRef] = Field(default_factory=list)
    head: EntityRef | None = None


class AwardTotal(BaseModel):
    year: int | None = None
    award: str
    award_label: str
    status: str
    count: int
    documents: int


class BlocPage(BaseModel):
    entity: EntityRef
    documents: int
    truncated: bool = False
    members_by_year: list[MembersYear] = Field(default_factory=list)
    awards: list[AwardTotal] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)


class TitleSeen(BaseModel):
    title: str
    first: str | None = Field(default=None, description="earliest document date with this title")
    last: str | None = None
    documents: int = 0


class LeaderPage(BaseModel):
    entity: EntityRef
    documents: int
    truncated: bool = False
    titles: list[TitleSeen] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
