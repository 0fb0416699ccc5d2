"""Key formats of the index table (see the storage design): one place that spells them.

DOC#{doc_id} / META                       the document (source, status, record)
{facet} / {position}#{doc_id}             one link per facet of the current version (layout 2)
ENTITY#{type} / {search_key}#{id}         entity catalogue (typeahead)
ENTITY#{id} / NAME                        display name by id
META items also carry by_status: STATUS#{status} / {updated_at}#{doc_id}

Links live in the base table under their facet, not in the document's partition with a
GSI over them: a link then costs one write unit instead of two (table + GSI), and the
keys of a document's links follow from its META (facets, sort date, years), so a
replacement or a removal deletes them by key. Layout 1 (``DOC#{doc_id} / LINK#{ver}#{facet}``
with GSI ``by_entity``) is only read to clean up documents indexed before layout 2.

Position: the document's date, so a facet partition reads newest first. An undated
document with campaign years sits at the start of its last campaign year
(``{yyyy}-00-00``); one with neither at ``0000-00-00``.

Year windows: entity links (unit, bloc, leader) answer "entity X in campaign year Y"
with one Query of the entity's partition over the positions of Y's window and a filter
on the years each link answers (``yrs``). A document about campaign year Y is dated,
nearly always, from October of Y-1 (plans, launches) to March of Y+1 (year-end
reviews): that is the window, 18 months, so the newest end of a large entity's window
holds few documents about the next year. The main link answers the campaign years
whose window holds its position; the other ("far") years are answered by echo links in
the same partition, one per group of up to two consecutive far years, placed at the
edge of the groups' windows nearest the document's own date (``{yyyy}-03~`` above
every date up to March, ``{yyyy}-10`` below every date from October), so a year's
results stay newest first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from thidua.understand.entities import search_key

META_SK = "META"
LINK_PREFIX = "LINK#"  # layout 1 only
NAME_SK = "NAME"
NO_DATE = "0000-00-00"
# How the links of a document are keyed (stored on META): 1 = in the document's partition under
# GSI by_entity (before the write-cost redesign), 2 = in the base table under their facet.
LAYOUT = 2
BELOW = "-00-00"  # the start of a year, before every date in it (undated documents)
# A campaign year's window: from October of the year before (plans, launches) to March of the
# year after (year-end reviews). As positions: "{Y-1}-10" sorts before every October date, "{Y+1}-03~"
# after every March date.
WINDOW_OPENS, WINDOW_CLOSES = "-10", "-03~"

BY_STATUS = "by_status"

FacetKind = Literal["UNIT", "BLOC", "LEADER", "YEAR", "EVENT", "AWARD", "LOCALITY", "DATE"]
FACET_KINDS: tuple[FacetKind, ...] = ("UNIT", "BLOC", "LEADER", "YEAR", "EVENT", "AWARD", "LOCALITY", "DATE")
# Facet kinds whose links carry year windows (the rest combine with a year through YEAR#yyyy).
WINDOWED: tuple[FacetKind, ...] = ("UNIT", "BLOC", "LEADER")
EntityType = Literal["unit", "bloc", "leader"]


def s3_uri(bucket: str, key: str) -> str:
    return f"s3://{bucket}/{key}"


def file_uri(path: Path | str) -> str:
    """`file:///abs/path` of a local file (resolved, so the same file always gets the same id)."""
    return Path(path).resolve().as_uri()


def doc_id(source_uri: str) -> str:
    """Stable id of a source object (not of its content): 20 hex chars of sha256(uri)."""
    return hashlib.sha256(source_uri.encode("utf-8")).hexdigest()[:20]


def doc_pk(doc_id_: str) -> str:
    return f"DOC#{doc_id_}"


def version(content_hash: str, extractor_version: str) -> str:
    """Identifies the current set of links: same bytes read by the same extractor."""
    return f"{content_hash[:16]}:{extractor_version}"


def legacy_link_sk(ver: str, facet_key: str) -> str:
    """Layout 1: a link in the document's partition."""
    return f"{LINK_PREFIX}{ver}#{facet_key}"


def link_ver(sk: str) -> str:
    """The version part of a layout-1 link's sort key."""
    rest = sk[len(LINK_PREFIX) :]
    return rest.split("#", 1)[0]


def link_sk(position_: str, doc_id_: str) -> str:
    """Sort key of a link in its facet partition: newest first with ScanIndexForward=False."""
    return f"{position_}#{doc_id_}"


def doc_of_link_sk(sk: str) -> str:
    return sk.rsplit("#", 1)[1]


def position(sort_date: str, years: Sequence[int]) -> str:
    """Where a document's links sit in a facet partition (see the module docstring)."""
    if sort_date != NO_DATE:
        return sort_date
    if years:
        return f"{max(years):04d}{BELOW}"
    return NO_DATE


def window(year: int) -> tuple[str, str]:
    """Sort-key range of the links a campaign year's window holds (inclusive).

    The high end sorts after ``{Y+1}-03~#{doc_id}``, the position of an echo placed at the top.
    """
    return f"{year - 1:04d}{WINDOW_OPENS}", f"{year + 1:04d}{WINDOW_CLOSES}~"


def in_window(pos: str, year: int) -> bool:
    lo, hi = window(year)
    return lo <= pos <= hi


def year_windows(sort_date: str, years: Sequence[int]) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Years the main link answers, and (position, years) of each echo link for the far years."""
    pos = position(sort_date, years)
    ordered = sorted(set(years))
    if pos == NO_DATE:
        return [], []
    near = [y for y in ordered if in_window(pos, y)]
    far = [y for y in ordered if not in_window(pos, y)]
    echoes: list[tuple[str, list[int]]] = []
    while far:
        # Two consecutive years' windows overlap (October to March): one echo answers both.
        newer = pos > window(far[0])[1]  # the document is dated after this year's window
        group = [y for y in far[:2] if y <= far[0] + 1 and (pos > window(y)[1]) == newer]
        far = far[len(group) :]
        if newer:  # top of the windows' overlap: above the dates it holds, as the document is
            echoes.append((f"{group[0] + 1:04d}{WINDOW_CLOSES}", group))
        else:  # older: bottom of the overlap
            echoes.append((f"{group[-1] - 1:04d}{WINDOW_OPENS}", group))
    return near, echoes


def status_pk(status: str) -> str:
    return f"STATUS#{status}"


def status_sk(updated_at: str, doc_id_: str) -> str:
    return f"{updated_at}#{doc_id_}"


# Facet keys. Ids come from thidua.understand.entities and are already in the record.
def unit_facet(unit_id: str) -> str:
    return f"UNIT#{unit_id}"


def bloc_facet(bloc_id: str) -> str:
    return f"BLOC#{bloc_id}"


def leader_facet(leader_id: str) -> str:
    return f"LEADER#{leader_id}"


def year_facet(year: int | str) -> str:
    return f"YEAR#{int(year):04d}"


def date_facet(year: int | str) -> str:
    """Every document under the year of its sort_date (`DATE#0000` when it has no date)."""
    return f"DATE#{int(year):04d}"


def event_facet(event_type: str) -> str:
    return f"EVENT#{event_type}"


def award_facet(award: str) -> str:
    return f"AWARD#{award}"


def locality_facet(locality: str) -> str:
    """Localities match on their folded, abbreviation-expanded form ("TP.HCM" = "Thành phố Hồ Chí Minh")."""
    return f"LOCALITY#{search_key(locality)}"


def facet_kind(facet_key: str) -> str:
    return facet_key.split("#", 1)[0]


# Catalogue of the years the index has documents for (sk = "yyyy").
YEARS_PK = "ENTITY#year"


def entity_type_pk(kind: EntityType) -> str:
    return f"ENTITY#{kind}"


def entity_sk(name_key: str, entity_id: str) -> str:
    return f"{name_key}#{entity_id}"


def entity_id_pk(entity_id: str) -> str:
    return f"ENTITY#{entity_id}"


def pad_sequencer(sequencer: str) -> str:
    """S3 sequencers differ in length: right-pad with zeros so string order is event order.

    S3's documented rule for comparing two sequencers of one key is to right-pad the
    shorter with zeros and compare lexicographically; padding every stored value to a
    fixed width lets DynamoDB's string comparison in a condition do the same.
    """
    return sequencer.upper().ljust(32, "0")
