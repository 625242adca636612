"""Records: documents, meetings and shipments, each with its own rules."""

from ._base import EXTENSION_KEY_PATTERN, Record, record_type, record_types

__all__ = ["EXTENSION_KEY_PATTERN", "Record", "record_type", "record_types"]
