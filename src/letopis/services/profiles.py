"""Source profiles: a person says who a site or channel is, where it stands, and how far it can be trusted.

Each change is one transaction with a row per changed field in the profile's
history (who, when, old, new, why) and an ``edit`` custody entry
(``source-profile:HOST``), so a grade can always be traced to the person who
gave it and their reason. A change of a profile's kind re-kinds the stored
origins of that site's sources at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db.profiles import (
    change_profile,
    get_profile,
    list_profiles as stored_profiles,
    profile_history,
    profile_view,
    profile_views,
)
from letopis.errors import ProfileError
from letopis.evidence import append_event
from letopis.model.views import SourceProfileView
from letopis.reliability import parse_grade, source_key
from letopis.reliability.kinds import host_key
from letopis.reliability.profiles import ProfileFields, check_kind, check_stance, starter_profiles
from letopis.services.origins import refresh_all_grades, refresh_kinds

__all__ = ["ProfileChange", "ProfileDetail", "set_profile", "list_profiles", "show_profile", "seed_profiles",
           "all_profiles", "profile_of", "profile_map", "host_key"]


# what a profile may belong to: a site (a host with a dot), a channel (t.me/name) or a channel known by its id
_HOST = re.compile(r"t\.me/\w{1,64}|telegram:-?\d{1,20}|[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


@dataclass(frozen=True)
class ProfileChange:
    at: datetime
    actor: str
    field: str
    old: Any
    new: Any
    reason: str


@dataclass(frozen=True)
class ProfileDetail:
    profile: SourceProfileView
    history: list[ProfileChange]


_view = profile_view


def all_profiles(session: Session) -> dict[str, SourceProfileView]:
    """Every profile by its host (a few hundred rows at most: read once per listing)."""
    return profile_views(session)


def profile_of(profiles: Mapping[str, SourceProfileView], locator: str) -> SourceProfileView | None:
    """The profile of the site or channel a source's locator belongs to, if it has one."""
    key = source_key(locator)
    return profiles.get(key) if key else None


def _values(fields: ProfileFields, grade: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if grade is not None:
        values["reliability"], credibility = parse_grade(grade)
        if credibility is not None:
            values["credibility"] = credibility
    if fields.stance is not None:
        values["stance"] = check_stance(fields.stance)
    if fields.kind is not None:
        values["kind"] = check_kind(fields.kind)
    if fields.country is not None:
        country = fields.country.strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise ProfileError(f"country {fields.country!r} is not a two-letter code (UA, RU, …)")
        values["country"] = country
    if fields.language is not None:
        values["language"] = fields.language.strip().lower() or None
    if fields.name is not None:
        values["name"] = fields.name.strip() or None
    return values


def set_profile(db: Database, host: str, fields: ProfileFields, *, grade: str | None = None, reason: str,
                actor: str) -> ProfileDetail:
    """Create or change the profile of ``host`` (a site, ``t.me/name``, ``@name`` or ``telegram:ID``)."""
    reason = (reason or "").strip()
    if not reason:
        raise ProfileError("a change of a source profile needs a reason (--reason)")
    key = host_key(host)
    if not _HOST.fullmatch(key):
        raise ProfileError(f"{host!r}: name a site (meduza.io), a channel (t.me/name, @name) or telegram:ID")
    values = _values(fields, grade)
    if not values:
        raise ProfileError("nothing to set: give --grade, --stance, --kind, --name, --country or --language")
    with db.session() as session:
        profile, changes = change_profile(session, key, values, actor=actor, reason=reason)
        if changes:
            append_event(session, "edit", f"source-profile:{key}", actor,
                         {"changes": {c.field: {"old": c.old, "new": c.new} for c in changes}, "reason": reason})
        if any(c.field == "kind" for c in changes):
            refresh_kinds(session)
        if changes:  # a grade, stance, country or kind changes incidents' information grades
            session.flush()
            refresh_all_grades(session)
        return ProfileDetail(_view(profile), _history(session, profile.id))


def _history(session: Session, profile_id: int) -> list[ProfileChange]:
    return [ProfileChange(c.at, c.actor, c.field, c.old, c.new, c.reason) for c in profile_history(session, profile_id)]


def profile_map(db: Database) -> dict[str, SourceProfileView]:
    """Every profile by its site or channel (for a page that shows many sources)."""
    with db.session(readonly=True) as session:
        return all_profiles(session)


def list_profiles(db: Database) -> list[SourceProfileView]:
    with db.session(readonly=True) as session:
        return [_view(profile) for profile in stored_profiles(session)]


def show_profile(db: Database, host: str) -> ProfileDetail:
    key = host_key(host)
    with db.session(readonly=True) as session:
        profile = get_profile(session, key)
        if profile is None:
            raise ProfileError(f"no profile of {key}; set one with: letopis source-profile set {key} --reason …")
        return ProfileDetail(_view(profile), _history(session, profile.id))


def seed_profiles(db: Database, *, actor: str) -> int:
    """The starting list shipped with Letopis, for the sites that have no profile yet; how many were added."""
    added = 0
    with db.session() as session:
        for key, fields in starter_profiles().items():
            if get_profile(session, key) is not None:
                continue
            values = {k: v for k, v in _values(fields, None).items() if v is not None}
            change_profile(session, key, values, actor=actor, reason="starting list shipped with Letopis")
            added += 1
        if added:
            append_event(session, "edit", "source-profile:*", actor,
                         {"seeded": added, "reason": "starting list shipped with Letopis"})
            refresh_kinds(session)
            session.flush()
            refresh_all_grades(session)
    return added
