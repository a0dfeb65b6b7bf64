"""The two value types of the gazetteer: a place and a mention of one in a text."""

from __future__ import annotations

import math
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))
