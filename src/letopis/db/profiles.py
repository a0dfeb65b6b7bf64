"""Source profiles as rows: a profile by its host, every profile, a profile's change history, and
field changes written with who, when and why.

What a valid grade or stance is, and the custody entry that goes with a
change, are ``letopis.services.profiles``'. Every function takes an open
session and neither commits nor rolls back (see :mod:`letopis.db`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from letopis.db.models import SourceProfile, SourceProfileChange
from letopis.db.types import utc_now
from letopis.model.views import SourceProfileView

__all__ = ["PROFILE_FIELDS", "get_profile", "list_profiles", "profiles_by_host", "profile_history",
           "change_profile", "profile_view", "profile_views"]

PROFILE_FIELDS = ("name", "kind", "country", "language", "stance", "reliability", "credibility")


def get_profile(session: Session, host: str) -> SourceProfile | None:
    return session.scalar(select(SourceProfile).where(SourceProfile.host == host))


def list_profiles(session: Session) -> list[SourceProfile]:
    return list(session.scalars(select(SourceProfile).order_by(SourceProfile.host)))


def profile_view(profile: SourceProfile) -> SourceProfileView:
    return SourceProfileView(profile.host, profile.name, profile.kind, profile.country, profile.language,
                             profile.stance, profile.reliability, profile.credibility)


def profile_views(session: Session) -> dict[str, SourceProfileView]:
    """Every profile by its host (a few hundred rows at most: read once per listing)."""
    return {profile.host: profile_view(profile) for profile in list_profiles(session)}


def profiles_by_host(session: Session) -> dict[str, SourceProfile]:
    return {profile.host: profile for profile in list_profiles(session)}


def profile_history(session: Session, profile_id: int) -> list[SourceProfileChange]:
    return list(session.scalars(select(SourceProfileChange).where(SourceProfileChange.profile_id == profile_id)
                                .order_by(SourceProfileChange.id)))


def change_profile(session: Session, host: str, values: Mapping[str, Any], *, actor: str, reason: str
                   ) -> tuple[SourceProfile, list[SourceProfileChange]]:
    """Create the profile of ``host`` if needed and set ``values`` (fields of :data:`PROFILE_FIELDS`);
    one change row per field whose value differs. Returns the profile and the changes made."""
    profile = get_profile(session, host)
    now = utc_now()
    if profile is None:
        profile = SourceProfile(host=host, stance="unknown", created_at=now, updated_at=now)
        session.add(profile)
        session.flush()
    changes: list[SourceProfileChange] = []
    for field, new in values.items():
        if field not in PROFILE_FIELDS:
            raise ValueError(f"not a profile field: {field}")
        old = getattr(profile, field)
        if old == new:
            continue
        setattr(profile, field, new)
        changes.append(SourceProfileChange(profile_id=profile.id, actor=actor, at=now, field=field, old=old, new=new,
                                           reason=reason))
    if changes:
        profile.updated_at = now
        session.add_all(changes)
        session.flush()
    return profile, changes
