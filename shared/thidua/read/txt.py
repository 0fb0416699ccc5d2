"""Plain text (placeholder: UTF-8 only until the encoding detector lands)."""

from __future__ import annotations

from thidua.read.base import Limits, ReadError, ReadResult


def read_txt(data: bytes, limits: Limits) -> ReadResult:
    try:
        return ReadResult(text=data.decode("utf-8-sig"), format="txt")
    except UnicodeDecodeError as exc:
        raise ReadError("bad_encoding", str(exc)) from exc
