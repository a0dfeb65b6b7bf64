"""The two value types of the gazetteer: a place and a mention of one in a text."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("settlement", "district", "admin1", "country")


@dataclass(frozen=True)
class Place:
    """One place. ``population`` 0 marks an approximate entry (coordinates of its district centre)."""

    id: str
    name: str
    admin1: str | None
    country: str
    lat: float
    lon: float
    population: int
    level: str


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    level: str
    in_org: bool
    candidates: tuple[Place, ...]
