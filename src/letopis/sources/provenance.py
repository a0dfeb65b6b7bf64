"""Provenance of a capture: the time it was taken and the tool (with versions) that took it.

The capture itself is :class:`letopis.model.Capture`.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from importlib import metadata as _metadata

from letopis._version import __version__

__all__ = ["utc_now", "tool_string", "package_version"]


def utc_now() -> datetime:
    return datetime.now(UTC)


@functools.cache
def package_version(dist: str) -> str:
    try:
        return _metadata.version(dist)
    except _metadata.PackageNotFoundError:  # pragma: no cover - depends on install
        return "unknown"


@functools.cache
def tool_string(*dists: str) -> str:
    """``"letopis/0.1.0 httpx/0.28.1 ..."`` for the named distributions."""
    parts = [f"letopis/{__version__}"]
    parts += [f"{d}/{package_version(d)}" for d in dists]
    return " ".join(parts)
