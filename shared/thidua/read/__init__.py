"""Read a document: bytes in, clean NFC text plus metadata out."""

from thidua.read.base import Limits, ReadError, ReadResult, detect_format, read_document, read_path

__all__ = ["Limits", "ReadError", "ReadResult", "detect_format", "read_document", "read_path"]
