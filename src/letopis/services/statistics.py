"""The statistics read API: stored statistic records, incident counts by period × type × region, map features.

Every function returns small typed views (frozen dataclasses), never rows
of the database; the counting is done by the database. Places and regions
may be typed in any language and case form, as for incidents
(:mod:`letopis.services.incidents`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from operator import attrgetter
from typing import Any

from letopis.db import Database, statistics as stored
from letopis.errors import FilterError
from letopis.model import EVENT_TYPES
from letopis.services.incidents import IncidentFilters, admin1_names, place_names

__all__ = [
    "BUCKETS", "StatisticFilters", "StatisticView", "list_statistics", "count_statistics", "metrics",
    "HistogramBucket", "Histogram", "incident_histogram", "RegionCounts", "region_type_counts",
    "BoundingBox", "MapFeature", "FEATURE_EXTRAS", "map_features", "feature_collection", "MapPoints", "map_points",
]

BUCKETS = stored.BUCKETS  # day, week (its Monday), month, year


# --------------------------------------------------------------- statistic records


@dataclass(frozen=True)
class StatisticFilters:
    """Which statistic records: every given filter must hold.

    ``period`` the period as coded (``2025-10``, ``2025``, ``2025-01/2025-06``);
    ``date_from``/``date_to`` keep records whose period overlaps the range;
    ``place`` a place or region in any language (the figure is of it).
    """

    metric: str | None = None
    period: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    status: str | None = None

    def arguments(self) -> dict[str, Any]:
        place = (self.place or "").strip()
        return {
            "metric": self.metric, "period": self.period, "date_from": self.date_from, "date_to": self.date_to,
            "location_names": (place_names(place) or [place]) if place else None,
            "admin1": admin1_names(place) if place else None,
            "status": self.status,
        }


@dataclass(frozen=True)
class StatisticView:
    """One stored figure, as read from one source."""

    id: int
    metric: str
    value: int | None
    period: str | None
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    status: str
    summary: str
    quote: str
    language: str | None
    source_id: int
    locator: str
    geo_precision: int | None = None  # 1 the settlement, 2 near it (or its district), 3 only the region


def metrics(db: Database) -> list[tuple[str, int]]:
    """Every stored metric and how many records have it, commonest first."""
    with db.session(readonly=True) as session:
        return stored.statistic_metrics(session)


def _check_metric(db: Database, metric: str | None) -> None:
    if not metric:
        return
    known = [name for name, _ in metrics(db)]
    if metric not in known:
        listed = f"the stored metrics are: {', '.join(known)}" if known else "no statistic is stored yet"
        raise FilterError(f"no statistic has metric {metric!r}; {listed}")


def list_statistics(db: Database, filters: StatisticFilters, limit: int | None = None) -> Iterator[StatisticView]:
    """Matching statistic records (or the first ``limit``), newest period first; streamed.

    A metric no record has is a :class:`FilterError` naming the stored ones.
    """
    _check_metric(db, filters.metric)
    with db.session(readonly=True) as session:
        for s, locator in stored.search_statistics(session, limit=limit, **filters.arguments()):
            yield StatisticView(s.id, s.metric, s.value, s.period, s.date, s.date_precision, s.location_name,
                                s.admin1, s.country, s.status, s.summary, s.quote, s.language, s.source_id, locator,
                                s.geo_precision)


def count_statistics(db: Database, filters: StatisticFilters) -> int:
    _check_metric(db, filters.metric)
    with db.session(readonly=True) as session:
        return stored.count_statistics(session, **filters.arguments())


# --------------------------------------------------------------- histograms


@dataclass(frozen=True)
class HistogramBucket:
    period: str  # YYYY-MM-DD (day; the Monday of a week), YYYY-MM (month), YYYY (year)
    event_type: str | None  # None when not counted by type
    admin1: str | None  # None when not counted by region, or the incident has no region
    count: int


@dataclass(frozen=True)
class Histogram:
    """Incidents counted by period × type × region.

    ``not_counted``: incidents that match the filters but whose date is
    unknown or spans more than one period (known only to the month, counted
    by day): they are left out of the buckets rather than put on a day they
    may not have happened.
    """

    by: str
    buckets: tuple[HistogramBucket, ...]
    not_counted: int

    @property
    def total(self) -> int:
        return sum(bucket.count for bucket in self.buckets)


def incident_histogram(db: Database, filters: IncidentFilters, by: str = "month", *, by_type: bool = True,
                       by_region: bool = True) -> Histogram:
    """Matching incidents counted by ``by`` (day, week, month, year) × event type × admin1, in one query."""
    if by not in BUCKETS:
        raise FilterError(f"count by one of {', '.join(BUCKETS)}, not {by!r}")
    with db.session(readonly=True) as session:
        rows, not_counted = stored.incident_histogram(session, by, by_type=by_type, by_region=by_region,
                                                      **filters.arguments())
    return Histogram(by, tuple(HistogramBucket(*row) for row in rows), not_counted)


@dataclass(frozen=True)
class RegionCounts:
    """Incidents of one region (None: no region known) counted by event type."""

    admin1: str | None
    by_type: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


def region_type_counts(db: Database, filters: IncidentFilters) -> list[RegionCounts]:
    """Matching incidents counted by region × event type, whatever the precision of their dates (unlike
    :func:`incident_histogram`, which counts by period); the regions with most incidents first, the
    incidents with no region last."""
    with db.session(readonly=True) as session:
        rows = stored.incidents_by_region_and_type(session, **filters.arguments())
    regions: dict[str | None, dict[str, int]] = {}
    for admin1, event_type, count in rows:
        regions.setdefault(admin1, {})[event_type] = count
    counted = [RegionCounts(admin1, by_type) for admin1, by_type in regions.items()]
    return sorted(counted, key=lambda region: (region.admin1 is None, -region.total, region.admin1 or ""))


# --------------------------------------------------------------- map


@dataclass(frozen=True)
class BoundingBox:
    """A box of longitudes and latitudes (WGS 84); ``west > east`` crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        if not (-180 <= self.west <= 180 and -180 <= self.east <= 180):
            raise FilterError(f"bounding box: longitudes are -180 to 180, got {self.west:g} and {self.east:g}")
        if not -90 <= self.south <= self.north <= 90:
            raise FilterError(f"bounding box: latitudes are -90 to 90, south first, got {self.south:g} and "
                              f"{self.north:g}")

    @classmethod
    def parse(cls, text: str) -> BoundingBox:
        """``WEST,SOUTH,EAST,NORTH`` (the order of GeoJSON's ``bbox``), e.g. ``22,44,41,53`` for Ukraine."""
        parts = [part.strip() for part in text.split(",")]
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise FilterError(f"bounding box: four numbers WEST,SOUTH,EAST,NORTH, got {text!r}") from None
        return cls(west, south, east, north)


@dataclass(frozen=True)
class MapFeature:
    """An incident as a point on a map (the fields of :data:`FEATURE_EXTRAS` as read: their defaults when not)."""

    id: int
    lat: float
    lon: float
    event_type: str
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    geo_precision: int | None
    status: str
    fatalities: int | None
    injured: int | None
    detained: int | None
    summary: str = ""
    origins: int = 0  # independent origins (0: not computed)
    info_grade: str | None = None  # the information grade, the Admiralty digit (None: never derived)
    origin_kinds: str = ""  # the independent origins by kind, "channel:1;court_record:1" (as the CSV column)
    actors: tuple[str, ...] = ()  # the actors' roles (a summary written from the fields names them)

    def geojson(self, properties: Sequence[str] | None = None) -> dict[str, Any]:
        """A GeoJSON Feature (a Point, longitude first), the other fields (or those named) as its properties."""
        names = _PROPERTY_NAMES if properties is None else tuple(properties)
        return _geojson(self, names, _getter(names))


# The fields a feature's properties hold, read in one call (a map asks for ten thousand features at once).
_PROPERTY_NAMES = tuple(name for name in MapFeature.__dataclass_fields__ if name not in ("lat", "lon"))


@functools.lru_cache(maxsize=64)
def _getter(names: tuple[str, ...]) -> Callable[[MapFeature], tuple[Any, ...]]:
    """The named fields of a feature, read in one call (a tuple, even for one name)."""
    if len(names) == 1:
        return lambda feature: (getattr(feature, names[0]),)
    return attrgetter(*names)


def _geojson(feature: MapFeature, names: tuple[str, ...], values: Callable[[MapFeature], tuple[Any, ...]]
             ) -> dict[str, Any]:
    return {"type": "Feature", "id": feature.id,
            "geometry": {"type": "Point", "coordinates": [feature.lon, feature.lat]},
            "properties": dict(zip(names, values(feature), strict=True))}

# the fields of a MapFeature read only when asked for (a map that draws markers needs none of them)
FEATURE_EXTRAS = ("summary", "origins", "info_grade", "origin_kinds", "actors")
_ALWAYS = len(MapFeature.__dataclass_fields__) - len(FEATURE_EXTRAS)  # the first fields, read for every feature

_CHUNK = 1000  # map rows read before their origins' kinds are looked up in one query


def map_features(db: Database, filters: IncidentFilters, bbox: BoundingBox | None = None,
                 limit: int | None = None, extras: Collection[str] = FEATURE_EXTRAS) -> Iterator[MapFeature]:
    """Matching incidents that have coordinates (inside ``bbox`` when given), newest first; streamed. Of
    :data:`FEATURE_EXTRAS` only those in ``extras`` are read (the others keep their defaults)."""
    unknown = set(extras) - set(FEATURE_EXTRAS)
    if unknown:
        raise ValueError(f"map_features: no field {', '.join(sorted(unknown))}; one of {', '.join(FEATURE_EXTRAS)}")
    box: dict[str, Any] = {} if bbox is None else {"west": bbox.west, "south": bbox.south, "east": bbox.east,
                                                  "north": bbox.north}
    columns = [name for name in stored.BOX_EXTRAS if name in extras]
    with db.session(readonly=True) as session:
        rows = stored.incidents_in_box(session, limit=limit, extras=columns, **box, **filters.arguments())
        while chunk := list(islice(rows, _CHUNK)):
            kinds = (stored.origin_kind_counts(session, [row[0] for row in chunk]) if "origin_kinds" in extras
                     else {})
            for row in chunk:
                values = tuple(row)  # the fields always read, in MapFeature's order, then those of columns
                more = dict(zip(columns, values[_ALWAYS:], strict=True))
                if "actors" in more:
                    more["actors"] = tuple(more["actors"] or ())
                if "origin_kinds" in extras:
                    counted = sorted(kinds.get(values[0], {}).items())
                    more["origin_kinds"] = ";".join(f"{kind}:{n}" for kind, n in counted)
                yield MapFeature(*values[:_ALWAYS], **more)


def feature_collection(features: Iterable[MapFeature], properties: Sequence[str] | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the features (with every field as a property, or those named)."""
    names = _PROPERTY_NAMES if properties is None else tuple(properties)
    values = _getter(names)
    return {"type": "FeatureCollection", "features": [_geojson(feature, names, values) for feature in features]}


@dataclass(frozen=True)
class MapPoints:
    """The matching incidents with coordinates as a map draws their markers, newest first: each point is
    ``(id, lat, lon, type code, geo_precision)``, the type code an index into ``types`` (the taxonomy's order,
    then any other type stored), the coordinates to 5 decimals (about a metre)."""

    types: tuple[str, ...]
    points: list[tuple[int, float, float, int, int | None]]
    truncated: bool  # more matched than the limit: the oldest were left out


def map_points(db: Database, filters: IncidentFilters, limit: int) -> MapPoints:
    """The first ``limit`` matching incidents that have coordinates, as :class:`MapPoints` (one small query)."""
    with db.session(readonly=True) as session:
        rows = stored.incident_points(session, limit=limit + 1, **filters.arguments())
    types = list(EVENT_TYPES)
    codes = {name: code for code, name in enumerate(types)}
    points = []
    for row in rows[:limit]:
        incident_id, lat, lon, event_type, precision = tuple(row)
        code = codes.get(event_type)
        if code is None:
            code = codes[event_type] = len(types)
            types.append(event_type)
        points.append((incident_id, round(lat, 5), round(lon, 5), code, precision))
    return MapPoints(tuple(types), points, len(rows) > limit)
