"""The document object that extraction steps read from and add facts to.

Every fact carries `Evidence`: the sentence it came from and the character span
of the matched words in the document text, so a reader can always check it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Granularity = Literal["year", "month", "day"]
Recipient = Literal["tap_the", "ca_nhan"]
AwardStatus = Literal["proposed", "granted", "unknown"]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence text and the span (offsets into `Document.text`)."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of the document text, with its offsets."""

    index: int
    text: str
    start: int
    end: int

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the span [start, end) given in offsets relative to this sentence."""
        return Evidence(sentence=self.text, start=self.start + start, end=self.start + end)


@dataclass
class DateMention:
    """A date written in the text, with the granularity the text gives (no invented day)."""

    year: int | None
    month: int | None
    day: int | None
    role: Literal["event", "published", "commemorated", "reference", "range_start", "range_end", "other"]
    evidence: Evidence
    confidence: float = 0.5

    @property
    def granularity(self) -> Granularity:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_date(self) -> dt.date | None:
        """The calendar date when year, month and day are all known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass
class DateFact:
    value: dt.date
    evidence: Evidence
    confidence: float


@dataclass
class YearFact:
    year: int
    evidence: Evidence
    confidence: float


@dataclass
class EventTypeFact:
    type: str
    evidence: Evidence
    confidence: float


@dataclass
class UnitFact:
    """An organisation taking part. `key` is the accent-folded canonical search key."""

    name: str
    key: str
    locality: str | None
    evidence: Evidence
    confidence: float
    roles: list[str] = field(default_factory=list)


@dataclass
class LeaderFact:
    name: str
    title: str | None
    evidence: Evidence
    confidence: float
    honorific: str | None = None
    rank: str | None = None
    posts: list[str] = field(default_factory=list)
    unit: str | None = None


@dataclass
class BlocFact:
    name: str
    evidence: Evidence
    confidence: float
    members: list[str] = field(default_factory=list)
    head: str | None = None
    deputy: str | None = None
    next_head: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class AwardFact:
    award: str
    count: int
    recipient: Recipient | None
    evidence: Evidence
    confidence: float
    status: AwardStatus = "unknown"
    recipients: list[str] = field(default_factory=list)


@dataclass
class ReferenceFact:
    number: str
    kind: str | None
    date: dt.date | None
    evidence: Evidence
    confidence: float


@dataclass
class Document:
    """One document as the pipeline sees it: clean NFC text plus what steps have added."""

    text: str
    name: str = ""
    title: str | None = None
    published_hint: dt.date | None = None
    locality: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    published: DateFact | None = None
    event_date: DateFact | None = None
    campaign_years: list[YearFact] = field(default_factory=list)
    event_types: list[EventTypeFact] = field(default_factory=list)
    units: list[UnitFact] = field(default_factory=list)
    leaders: list[LeaderFact] = field(default_factory=list)
    blocs: list[BlocFact] = field(default_factory=list)
    awards: list[AwardFact] = field(default_factory=list)
    references: list[ReferenceFact] = field(default_factory=list)
    # Which steps have run, so later steps can check their inputs.
    done: set[str] = field(default_factory=set)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a character offset of the text."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None
