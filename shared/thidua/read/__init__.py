"""Read a document: bytes in, clean NFC text plus metadata out."""

from thidua.read.base import Limits, ReadError, ReadResult, read_document

__all__ = ["Limits", "ReadError", "ReadResult", "read_document"]
