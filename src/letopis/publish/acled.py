"""The ACLED projection of an incident: ACLED's public column set, filled from our record.

The mapping from the taxonomy (``docs/taxonomy.md``) is :data:`ACLED_TYPES`
and is documented in ``docs/export.md``; types with no ACLED equivalent keep
their rows, with the three ACLED type columns empty and the reason in
``tags``. Actor names and the ``inter`` codes follow ACLED's codebook
(1 state forces, 5 rioters, 6 protesters, 7 civilians; ``interaction`` the
two codes, smaller first, or the first code and 0 when there is no second
actor). Our records name roles, not organisations, so actor names are
generic ("Police Forces of Ukraine").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from letopis.publish.corroboration import shape_corroboration

__all__ = ["ACLED_COLUMNS", "ACLED_TYPES", "AcledType", "acled_row", "acled_date", "NO_EQUIVALENT"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


@dataclass(frozen=True)
class AcledType:
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str  # who acts: "state", "rioters", "protesters", "civilians"
    actor2: str | None
    civilian_targeting: bool = False


ACLED_TYPES: dict[str, AcledType] = {
    "mobilization_detention": AcledType("Strategic developments", "Strategic developments", "Arrests",
                                        "state", "civilians"),
    "resistance": AcledType("Political violence", "Riots", "Mob violence", "rioters", "state"),
    "attack_on_officials": AcledType("Political violence", "Riots", "Mob violence", "rioters", "state"),
    "abuse_of_conscripts": AcledType("Political violence", "Violence against civilians", "Attack", "state",
                                     "civilians", civilian_targeting=True),
    "border_incident": AcledType("Strategic developments", "Strategic developments", "Arrests", "state",
                                 "civilians"),
    "protest": AcledType("Demonstrations", "Protests", "Peaceful protest", "protesters", None),
}
# Types of ours ACLED has no event type for: their rows keep the ACLED type columns empty.
NO_EQUIVALENT = ("desertion", "legal_action", "labor_dispute", "censorship", "other")

_INTER = {"state": 1, "rioters": 5, "protesters": 6, "civilians": 7}
_COUNTRIES = {  # ISO alpha-2: (ACLED country name, ISO 3166 numeric, alpha-3, ACLED region)
    "UA": ("Ukraine", 804, "UKR", "Europe"), "RU": ("Russia", 643, "RUS", "Europe"),
    "MD": ("Moldova", 498, "MDA", "Europe"), "RO": ("Romania", 642, "ROU", "Europe"),
    "HU": ("Hungary", 348, "HUN", "Europe"), "SK": ("Slovakia", 703, "SVK", "Europe"),
    "PL": ("Poland", 616, "POL", "Europe"), "BY": ("Belarus", 112, "BLR", "Europe"),
}
_STATE = {"police": "Police Forces", "border_guards": "Police Forces", "security_service": "Police Forces",
          "recruitment_officers": "Military Forces", "military": "Military Forces", "court": "Government",
          "prosecutors": "Government", "officials": "Government"}
_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3}


def acled_date(date: str | None, precision: str | None) -> tuple[str, int] | None:
    """(event_date YYYY-MM-DD, time_precision) of a coded date: its first day; None when undated."""
    if not date:
        return None
    parts = date.split("-")
    full = "-".join([*parts, *["01"] * (3 - len(parts))])
    return full, _PRECISION.get(precision or "", 3 if len(parts) < 3 else 1)


def _actor(kind: str | None, actors: Sequence[str], country: str) -> tuple[str, int]:
    if kind is None:
        return "", 0
    if kind == "state":
        forces = next((_STATE[a] for a in actors if a in _STATE), "Military Forces")
        return f"{forces} of {country}", 1
    return f"{kind.capitalize()} ({country})", _INTER[kind]


def _source_name(source: Mapping[str, Any]) -> str:
    locator = source.get("locator") or ""
    host = urlsplit(locator).hostname if "://" in locator else None
    if host:
        return host.removeprefix("www.")
    return str(source.get("kind") or "unknown")


def acled_row(shape: Mapping[str, Any]) -> dict[str, Any] | None:
    """One ACLED row of an incident shape (``letopis.publish.shape``); None when it is undated."""
    when = acled_date(shape.get("date"), shape.get("date_precision"))
    if when is None:
        return None
    location = shape.get("location") or {}
    code = location.get("country") or ""
    country, iso, alpha3, region = _COUNTRIES.get(code, (code, 0, code or "XXX", ""))
    our_type = shape["event_type"]
    mapped = ACLED_TYPES.get(our_type)
    actors = list(shape.get("actors") or [])
    if mapped is None:
        kind1 = "state" if any(a in _STATE for a in actors) else "civilians"
        actor1, inter1 = _actor(kind1, actors, country)
        actor2, inter2 = "", 0
    else:
        actor1, inter1 = _actor(mapped.actor1, actors, country)
        actor2, inter2 = _actor(mapped.actor2, actors, country)
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 else inter1 * 10
    sources = shape.get("sources") or []
    tags = [f"letopis_type={our_type}", f"letopis_id={shape['id']}", f"status={shape['status']}"]
    if mapped is None:
        tags.append("no ACLED equivalent")
    tags += _corroboration_tags(shape.get("corroboration") or {})
    corroboration = shape.get("corroboration") or {}
    reported = corroboration.get("reported_by")
    notes = shape.get("summary") or ""
    if reported:
        notes = f"Reported by {reported['name']} ({reported['stance']}), not corroborated: {notes}"
    if corroboration.get("origins") is not None:  # "independent origins: 2 (…); information grade 1 (…); …"
        said = shape_corroboration({**corroboration, "reported_by": None}, "en")
        notes = f"{notes.rstrip()} Corroboration: {said[:1].upper()}{said[1:]}."
    updated = shape.get("updated_at")
    admin1 = (location.get("admin1") or "").removesuffix(" Oblast")
    return {
        "event_id_cnty": f"{alpha3}LTP{shape['id']}",
        "event_date": when[0], "year": int(when[0][:4]), "time_precision": when[1],
        "disorder_type": mapped.disorder_type if mapped else "",
        "event_type": mapped.event_type if mapped else "",
        "sub_event_type": mapped.sub_event_type if mapped else "",
        "actor1": actor1, "assoc_actor_1": "", "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": "", "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if mapped and mapped.civilian_targeting else "",
        "iso": iso, "region": region, "country": country,
        "admin1": admin1, "admin2": "", "admin3": "",
        "location": location.get("name") or "",
        "latitude": location.get("lat"), "longitude": location.get("lon"),
        "geo_precision": location.get("geo_precision"),
        "source": "; ".join(dict.fromkeys(_source_name(s) for s in sources)),
        "source_scale": "New media" if any(s.get("kind", "").startswith("telegram") for s in sources) else "Other",
        "notes": notes,
        "fatalities": shape.get("fatalities") or 0,
        "tags": "; ".join(tags),
        "timestamp": int(datetime.fromisoformat(updated).timestamp()) if updated else 0,
    }


def _corroboration_tags(corroboration: Mapping[str, Any]) -> list[str]:
    """The corroboration as tags: independent origins, their kinds, their sites' grades, the information grade."""
    if corroboration.get("origins") is None:
        return []
    tags = [f"origins={corroboration['origins']}"]
    kinds = corroboration.get("by_kind") or {}
    if kinds:
        tags.append("origin_kinds=" + "+".join(f"{kind}:{n}" for kind, n in kinds.items()))
    grades = corroboration.get("grades") or {}
    if grades:
        tags.append("grades=" + "+".join(f"{host}:{grade}" for host, grade in grades.items()))
    information = corroboration.get("information") or {}
    if information.get("grade"):
        tags.append(f"info_grade={information['grade']}")
    return tags
