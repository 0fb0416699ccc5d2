"""Domain errors of the query layer; the API maps each to one HTTP status in one place."""

from __future__ import annotations

from dataclasses import dataclass


class QueryError(Exception):
    """Base class: a request the query layer refuses (HTTP 400 unless a subclass says otherwise)."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def payload(self) -> dict[str, object]:
        """JSON-ready body describing the error."""
        return {"error": self.code, "message": self.message}


class InvalidFilter(QueryError):
    """A filter value is malformed, out of range or looks like an injection attempt."""

    code = "invalid_filter"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


class InvalidCursor(QueryError):
    """The cursor was modified, truncated, or belongs to another query."""

    code = "invalid_cursor"


@dataclass(frozen=True)
class Candidate:
    """One entity a typed name may refer to."""

    type: str
    id: str
    name: str
    locality: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"type": self.type, "id": self.id, "name": self.name, "locality": self.locality}


class AmbiguousEntity(QueryError):
    """A typed name matches several entities: the caller must pick one of the candidates."""

    code = "ambiguous"

    def __init__(self, kind: str, text: str, candidates: list[Candidate]) -> None:
        super().__init__(f"'{text}' khớp với {len(candidates)} {kind}; hãy chọn một")
        self.kind = kind
        self.text = text
        self.candidates = candidates

    def payload(self) -> dict[str, object]:
        body = super().payload()
        body["filter"] = self.kind
        body["candidates"] = [c.as_dict() for c in self.candidates]
        return body


class UnknownEntity(QueryError):
    """No entity of that type matches the typed name or id."""

    status = 404
    code = "unknown_entity"

    def __init__(self, kind: str, text: str, suggestions: list[Candidate] | None = None) -> None:
        super().__init__(f"không tìm thấy {kind} '{text}'")
        self.kind = kind
        self.text = text
        self.suggestions = suggestions or []

    def payload(self) -> dict[str, object]:
        body = super().payload()
        body["filter"] = self.kind
        body["suggestions"] = [c.as_dict() for c in self.suggestions]
        return body


class DocumentNotFound(QueryError):
    """No indexed document has that id."""

    status = 404
    code = "not_found"

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"không có tài liệu {doc_id}")
        self.doc_id = doc_id
