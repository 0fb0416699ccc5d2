"""Key formats of the index table (see the storage design): one place that spells them.

DOC#{doc_id} / META                       the document (source, status, record)
DOC#{doc_id} / LINK#{ver}#{facet}         one per facet of the current version
    gsi by_entity: {facet} / {sort_date}#{doc_id}
ENTITY#{type} / {search_key}#{id}         entity catalogue (typeahead)
ENTITY#{id} / NAME                        display name by id
META items also carry by_status: STATUS#{status} / {updated_at}#{doc_id}
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from thidua.understand.entities import search_key

META_SK = "META"
LINK_PREFIX = "LINK#"
NAME_SK = "NAME"
NO_DATE = "0000-00-00"

BY_ENTITY = "by_entity"
BY_STATUS = "by_status"

FacetKind = Literal[
    "UNIT", "BLOC", "LEADER", "YEAR", "EVENT", "AWARD", "LOCALITY", "DATE", "UNITYEAR", "BLOCYEAR"
]
FACET_KINDS: tuple[FacetKind, ...] = (
    "UNIT", "BLOC", "LEADER", "YEAR", "EVENT", "AWARD", "LOCALITY", "DATE", "UNITYEAR", "BLOCYEAR"
)
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


def link_sk(ver: str, facet_key: str) -> str:
    return f"{LINK_PREFIX}{ver}#{facet_key}"


def link_ver(sk: str) -> str:
    """The version part of a link's sort key."""
    rest = sk[len(LINK_PREFIX) :]
    return rest.split("#", 1)[0]


def entity_sort_key(sort_date: str, doc_id_: str) -> str:
    """GSI by_entity sort key: newest first with ScanIndexForward=False."""
    return f"{sort_date}#{doc_id_}"


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


def unit_year_facet(unit_id: str, year: int | str) -> str:
    """A unit in one campaign year: "unit X in year Y" is one exact partition."""
    return f"UNITYEAR#{unit_id}#{int(year):04d}"


def bloc_year_facet(bloc_id: str, year: int | str) -> str:
    """A bloc in one campaign year."""
    return f"BLOCYEAR#{bloc_id}#{int(year):04d}"


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
