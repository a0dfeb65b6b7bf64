"""Moved: the local process pool is :mod:`letopis.services.backends.local` (one of the extraction backends)."""

from letopis.services.backends.local import (
    CHUNK,
    EXTRACT_LIMIT_S,
    EXTRACT_MEMORY_MB,
    Chunk,
    Extraction,
    ExtractionTimeout,
    extract_all,
)

__all__ = ["CHUNK", "EXTRACT_LIMIT_S", "EXTRACT_MEMORY_MB", "Chunk", "Extraction", "ExtractionTimeout", "extract_all"]
