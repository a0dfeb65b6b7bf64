"""A text to read (:class:`Report`) and what the engine finds in it (:class:`Record`).

Field meanings and coding conventions are fixed in ``docs/records.md``; the
event types are described in ``docs/taxonomy.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = ["Kind", "Precision", "EVENT_TYPES", "ACTOR_ROLES", "SENSITIVITY_MARKS", "Location", "Record", "Report"]

Kind = Literal["incident", "statistic"]
Precision = Literal["day", "week", "month", "season", "year"]

EVENT_TYPES: tuple[str, ...] = (
    "mobilization_detention",
    "resistance",
    "attack_on_officials",
    "abuse_of_conscripts",
    "border_incident",
    "desertion",
    "legal_action",
    "protest",
    "labor_dispute",
    "censorship",
    "other",
)

ACTOR_ROLES: tuple[str, ...] = (
    "recruitment_officers",
    "police",
    "border_guards",
    "military",
    "security_service",
    "civilians",
    "workers",
    "court",
    "prosecutors",
    "officials",
    "unknown",
)

# What care an incident needs before it is shown or shared, set by a person (an incident's ``sensitivity``):
# personal_data: names, faces or contacts of private people are visible in it or its sources;
# graphic: violent or distressing content.
SENSITIVITY_MARKS: tuple[str, ...] = ("personal_data", "graphic")


@dataclass(frozen=True)
class Location:
    name: str
    admin1: str | None
    country: str
    lat: float
    lon: float
    geo_precision: int  # 1 named town, 2 near a town / district, 3 region or country


@dataclass(frozen=True)
class Record:
    """One incident or statistic found in a report (the engine's output)."""

    kind: Kind
    date: str | None
    date_precision: Precision | None
    event_type: str
    location: Location | None
    fatalities: int | None
    injured: int | None
    detained: int | None
    actors: tuple[str, ...]
    summary: str
    quote: str
    start: int
    end: int
    language: str
    confidence: float
    metric: str | None = None
    value: int | None = None
    period: str | None = None
    # where the date comes from: "text" (the report says it) or "publication" (an undated
    # news item is taken to report news of its publication day)
    date_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actors"] = list(self.actors)
        return data


@dataclass(frozen=True)
class Report:
    """A report as the engine reads it: plain text plus what is known about it."""

    text: str
    published: date
    language: str | None = None  # forced language, None = detect
    metadata: dict[str, str] = field(default_factory=dict)

