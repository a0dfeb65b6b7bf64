"""Exceptions used inside the ingest stage.

They never escape :func:`letopis.ingest.iter_captures`: each is turned into a
failed :class:`~letopis.ingest.records.Capture` whose ``error`` is ``str(exc)``.
"""

from __future__ import annotations


class IngestError(Exception):
    """A source item could not be read; the message is a one-line reason."""


class SizeLimitExceeded(IngestError):
    """Input (or its decompressed form) is larger than the configured cap."""
