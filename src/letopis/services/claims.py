"""Claims as claims: which records rest on one doubtful origin ("reported by X").

The rule is :func:`letopis.reliability.claims.doubt_reason`; here it is
applied to an incident's sources (its independent origins and their sites'
profiles) or, for a list, to the rows the store gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from letopis.model.views import ReportedBy, SourceProfileView, SupportingSource
from letopis.reliability.claims import HEAVY_TYPES, doubt_reason
from letopis.reliability.kinds import source_key

__all__ = ["reported_by", "reported_by_locator", "HEAVY_TYPES"]


def _claim(profile: SourceProfileView | None, incident: Any) -> ReportedBy | None:
    if profile is None:
        return None
    reason = doubt_reason(profile.stance, profile.country, getattr(incident, "country", None),
                          source_name=profile.name, actors=list(getattr(incident, "actors", None) or []))
    if reason is None:
        return None
    return ReportedBy(profile.name or profile.host, profile.host, profile.stance, profile.grade, reason)


def reported_by(incident: Any, sources: Sequence[SupportingSource]) -> ReportedBy | None:
    """The doubtful single origin of an incident, if its only independent origin is one (profiles looked up)."""
    computed = bool(sources) and all(s.origin_source_id is not None for s in sources)
    origins = [s for s in sources if s.is_origin] if computed else list(sources)
    if len(origins) != 1:
        return None
    return _claim(origins[0].profile, incident)


def reported_by_locator(incident: Any, locator: str | None,
                        profiles: Mapping[str, SourceProfileView]) -> ReportedBy | None:
    """The same for a list row: ``locator`` is the incident's only origin (or only source), None when several."""
    if locator is None:
        return None
    key = source_key(locator)
    return _claim(profiles.get(key) if key else None, incident)
