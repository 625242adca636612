"""Records: documents, meetings and shipments, each with its own rules and findings.

Other packages of kotakerja import the shared base from here; users import from
``kotakerja``.
"""

from __future__ import annotations

from ._base import EXTENSION_KEY_PATTERN, Record, Ref, record_type, record_types

__all__ = ["EXTENSION_KEY_PATTERN", "Record", "Ref", "record_type", "record_types"]
