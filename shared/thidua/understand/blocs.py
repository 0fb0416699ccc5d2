"""Blocs and clusters with their members, head unit, deputy and next year's head.

Mentions come from `blocgrammar.bloc_mentions`; mentions of one bloc are
merged ("Khối 5" and "Khối thi đua số 5"; "Khối thi đua các cơ quan nghiên
cứu II" and a clipped "Khối các cơ quan cứu II"; a document's only numbered
cluster and its description). Members are read from the list after "gồm",
"bao gồm", "có N đơn vị:" (shared-noun lists spelled out, "huyện A, B và C"
each a huyện), from spelled-out lists in a sentence that names the bloc, and
from the units named as head or deputy. The head is the unit named Khối/Cụm
trưởng for the year of the event, directly ("do X làm Cụm trưởng", "X (Khối
trưởng)", "X là Cụm trưởng") or through its leader ("ông A, Giám đốc Sở X,
Khối trưởng"). A unit elected or assigned for a later year ("bầu X làm
Trưởng Khối năm 2024") is `next_head`, unless the text shows it already
leading the event ("Tân Khối trưởng … ký kết").

The reading is split by what it does: `blocmodel` (a bloc being read, members kept once),
`blocmembers` (member lists and tables), `blocroles` (heads, deputies, next heads) and
`blockinds` (members by the kind of unit a bloc is named for, the hosting place).
"""

from __future__ import annotations

from thidua.understand.blocgrammar import bloc_mentions, shouted_bloc_mentions
from thidua.understand.blockinds import type_members, venue_units
from thidua.understand.blocmembers import attendance_members, members_from_sentences
from thidua.understand.blocmodel import Member, add_member, group_mentions
from thidua.understand.blocroles import as_listed, attach_person_roles, choose_head
from thidua.understand.document import BlocFact, Document, Evidence, UnitFact
from thidua.understand.entities import unit_key
from thidua.understand.pipeline import step
from thidua.understand.tokens import segments


@step(needs=("sentences", "units", "leaders"), adds=("blocs",))
def find_blocs(doc: Document) -> None:
    """Each bloc or cluster named, with members, head, deputy and next head; members become units."""
    mentions = [m for seg in segments(doc.text) for m in bloc_mentions(seg) if not m.backref]
    if not mentions:
        mentions = [m for seg in segments(doc.text) if seg.shouting or any(t.upper for t in seg.tokens)
                    for m in shouted_bloc_mentions(seg) if not m.backref]
    blocs = group_mentions(mentions)
    if not blocs:
        doc.blocs = []
        return
    members_from_sentences(doc, blocs)
    attach_person_roles(doc, blocs)
    attendance_members(doc, blocs)
    type_members(doc, blocs)
    facts: list[BlocFact] = []
    for bloc in blocs:
        head, deputy, next_head = choose_head(bloc, doc)
        for r in bloc.roles:  # a unit named head or deputy (for any year) is a member
            add_member(bloc, Member(r.unit, r.start, r.end, r.seg))
        # the head as the member list writes it ("huyện X" for the "UBND huyện X" its chairman leads)
        head, deputy, next_head = (as_listed(bloc, u) for u in (head, deputy, next_head))
        first = bloc.mentions[0]
        facts.append(BlocFact(
            name=bloc.name,
            evidence=Evidence(sentence=first.seg.text, start=first.start, end=first.end),
            confidence=0.9 if bloc.numbered else 0.75,
            members=[m.name for m in bloc.members],
            head=head, deputy=deputy, next_head=next_head,
            aliases=sorted({m.name for m in bloc.mentions} - {bloc.name}),
        ))
        roles = {head: "head", deputy: "deputy", next_head: "member"}
        for m in bloc.members:
            doc.units.append(UnitFact(
                m.name, unit_key(m.name, doc.locality), doc.locality, Evidence(m.seg.text, m.start, m.end),
                0.8, [roles.get(m.name) or "member"],
            ))
    doc.units.extend(venue_units(doc, blocs))
    doc.blocs = facts
