"""Claims as claims: which records rest on one doubtful origin ("reported by X").

The rule is :func:`letopis.reliability.claims.doubt_reason`; here it is
applied to an incident's sources (its independent origins and their sites'
profiles) or, for a list, to the rows the store gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from letopis.model.views import InformationGrade, ReportedBy, SourceProfileView, SupportingSource
from letopis.reliability.claims import HEAVY_TYPES, doubt_reason
from letopis.reliability.grades import INFORMATION_GRADES, GradedOrigin, information_grade
from letopis.reliability.kinds import source_key

__all__ = ["reported_by", "reported_by_locator", "information", "information_of_sources",
           "information_of_origins", "HEAVY_TYPES"]


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


def information(origins: Sequence[tuple[str, SourceProfileView | None]], *, computed: bool,
                claim: ReportedBy | None) -> InformationGrade:
    """The information grade of an incident from its independent origins (kind, the site's profile) and its
    claim mark (:mod:`letopis.reliability.grades`)."""
    graded = [GradedOrigin(kind or "unknown", profile.reliability if profile else None) for kind, profile in origins]
    grade, reason = information_grade(graded, computed=computed, doubtful=claim is not None)
    return InformationGrade(grade, INFORMATION_GRADES[grade], reason)


def information_of_sources(sources: Sequence[SupportingSource], claim: ReportedBy | None) -> InformationGrade:
    """The same for an incident's supporting sources (their origin fields and profiles)."""
    computed = bool(sources) and all(s.origin_source_id is not None for s in sources)
    return information([(s.origin_kind or "unknown", s.profile) for s in sources if s.is_origin],
                       computed=computed, claim=claim)


def information_of_origins(incident: Any, origins: Sequence[tuple[str, str]],
                           profiles: Mapping[str, SourceProfileView]) -> InformationGrade:
    """The same for a list row: ``origins`` are (kind, locator) of the independent origins (empty: not computed)."""
    claim = reported_by_locator(incident, origins[0][1], profiles) if len(origins) == 1 else None
    return information([(kind, profiles.get(source_key(locator) or "")) for kind, locator in origins],
                       computed=bool(origins), claim=claim)
