"""The overview pages and their API: the map, the timeline, the statistics.

Each takes the incidents filters of the table (:mod:`letopis.web.query`) from
its URL, so a view moves between table, map, timeline and statistics with the
same query. The pages are drawn by small scripts in ``static/`` that read the
JSON endpoints here (``/api/map``, ``/api/timeline``); the map library and the
offline base map come from the folder ``npm ci`` filled (:mod:`letopis.web.assets`).
"""

from __future__ import annotations

import calendar
import json
from dataclasses import replace
from datetime import date as Date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field

from letopis.errors import FilterError, LetopisError
from letopis.model import EVENT_TYPES
from letopis.services import (
    incidents as incident_service,
    places,
    review,
    sources as source_service,
    statistics as statistic_service,
    summaries,
)
from letopis.services.incidents import IncidentFilters
from letopis.web import assets, formats
from letopis.web.api import ReaderSummary
from letopis.web.query import FILTER_NAMES, MAX_ID, read_listing
from letopis.web.query_params import CourtRecord, InfoGrade, MinOrigins, OriginKind, ReaderLanguage
from letopis.web.render import render

__all__ = ["router", "period_span", "MAP_LIMIT", "MAX_MAP_LIMIT"]

router = APIRouter()

MAP_LIMIT = 20_000  # markers /api/map returns unless told
MARKER_FIELDS = ("id", "lat", "lon", "type", "geo_precision")
MAX_MAP_LIMIT = 200_000
STATISTIC_ROWS = 100
SOURCE_CHOICES = 200  # sources the filters form offers (the newest; a chosen one outside them is kept)
_CACHE = {"Cache-Control": "public, max-age=86400"}


def _workspace(request: Request) -> Any:
    return request.app.state.workspace


# --------------------------------------------------------------- the filters, as the API documents them


def incident_filters(
    q: Annotated[str | None, Query(description="words in any language and case form; places resolved")] = None,
    type: Annotated[str | None, Query(description="event type (docs/taxonomy.md)")] = None,  # noqa: A002
    from_: Annotated[Date | None, Query(alias="from", description="earliest date, YYYY-MM-DD")] = None,
    to: Annotated[Date | None, Query(description="latest date, YYYY-MM-DD")] = None,
    region: Annotated[str | None, Query(description="region in any language")] = None,
    status: Annotated[Literal["candidate", "verified", "rejected"] | None, Query()] = None,
    language: Annotated[str | None, Query(description="a supporting source's language: en, uk, ru …")] = None,
    source: Annotated[int | None, Query(ge=1, le=MAX_ID, description="supported by this source id")] = None,
    dated: Annotated[Literal["yes", "no"] | None, Query(description="no: only undated incidents")] = None,
    coordinates: Annotated[Literal["yes", "no"] | None, Query(description="no: only those without coordinates")]
    = None,
    sensitivity: Annotated[Literal["personal_data", "graphic", "none"] | None,
                           Query(description="incidents carrying this mark (none: no mark)")] = None,
    min_origins: MinOrigins = None,
    origin_kind: OriginKind = None,
    court_record: CourtRecord = None,
    info_grade: InfoGrade = None,
) -> IncidentFilters:
    """The incidents filters of ``/api/incidents`` (the table's), checked the same way."""
    return read_listing({
        "q": q, "type": type, "from": from_.isoformat() if from_ else None, "to": to.isoformat() if to else None,
        "region": region, "status": status, "language": language, "source": str(source) if source else None,
        "dated": dated, "coordinates": coordinates, "sensitivity": sensitivity,
        "min_origins": None if min_origins is None else str(min_origins), "origin_kind": origin_kind,
        "court_record": court_record,
        "info_grade": None if info_grade is None else str(info_grade),
    }).filters


Filters = Annotated[IncidentFilters, Depends(incident_filters)]


def _page_filters(request: Request) -> IncidentFilters:
    return read_listing(dict(request.query_params)).filters


def _filter_query(request: Request) -> dict[str, str]:
    """The filters of the page's URL (to carry to the other views)."""
    return {name: value for name, value in request.query_params.items() if name in FILTER_NAMES and value.strip()}


# --------------------------------------------------------------- periods


def period_span(period: str) -> tuple[Date, Date]:
    """The first and last day of a histogram period: ``YYYY-MM-DD`` (a day, or a week's Monday when
    ``by`` is week: see :func:`_span`), ``YYYY-MM``, ``YYYY``."""
    if len(period) == 4:
        return Date(int(period), 1, 1), Date(int(period), 12, 31)
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:])
        return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])
    day = Date.fromisoformat(period)
    return day, day


def _span(period: str, by: str) -> tuple[Date, Date]:
    start, end = period_span(period)
    return (start, start + timedelta(days=6)) if by == "week" else (start, end)


# --------------------------------------------------------------- API models


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="longitude, latitude (WGS 84)")


class MapProperties(BaseModel):
    """A feature's properties: those always given, then the ones asked for with ``fields``."""

    id: int
    event_type: str
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    geo_precision: int | None = Field(description="1 the settlement, 2 near it (or its district), 3 only the region")
    status: str
    fatalities: int | None
    injured: int | None
    detained: int | None
    # on demand (fields=)
    summary: str = Field("", description="fields=summary: the summary as stored; summary_text is the one to show "
                                         "a reader")
    summary_text: str = Field("", description="fields=summary_text (with summary_language, summary_generated and "
                              "summary_stored_language): the summary to show in the request's language (`lang`, else "
                              "the session's cookie, else Accept-Language): the stored one when it is in that "
                              "language, else one written from the fields (type, date, place, counts, actors)")
    summary_language: Literal["en", "uk", "ru"] = Field("en", description="fields=summary_text: the language of "
                                                        "summary_text (the request's)")
    summary_generated: bool = Field(False, description="fields=summary_text: true when summary_text was written "
                                    "from the fields because the stored summary is in another language")
    summary_stored_language: str | None = Field(None, description="fields=summary_text: the language of the stored "
                                                "summary (null: it is empty)")
    actors: list[str] = Field([], description="fields=actors: the actors' roles (docs/records.md)")
    origins: int = Field(0, description="fields=origins: independent origins, copies of one text count once (0: not "
                                        "computed)")
    info_grade: str | None = Field(None, description="fields=info_grade: the information grade, the Admiralty digit "
                                                     "(null: never derived)")
    origin_kinds: str = Field("", description='fields=origin_kinds: the independent origins by kind, '
                                              '"channel:1;court_record:1"')
    date_text: str = Field("", description="fields=date_text: the date written to its precision in the request's "
                                           "language")
    place_text: str = Field("", description="fields=place_text: the place (and region) as written in the request's "
                                            "language")


class MapFeatureOut(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: MapProperties


class MapCollection(BaseModel):
    """A GeoJSON FeatureCollection of the matching incidents that have coordinates, newest first."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[MapFeatureOut]
    truncated: bool = Field(description="more incidents match than `limit`: the oldest were left out")


class MapMarkers(BaseModel):
    """The matching incidents that have coordinates as compact rows, newest first: what the map page draws its
    markers from (a marker's card comes from ``/api/incidents/{id}/card`` when opened)."""

    fields: list[str] = Field(default=list(MARKER_FIELDS), description="what each row of `markers` holds")
    types: list[str] = Field(description="the event types a row's type code indexes (the taxonomy's order)")
    markers: list[list[float | None]] = Field(
        description="[id, lat, lon, type code, geo_precision], five numbers: id and type code whole, WGS 84 to 5 "
                    "decimals; geo_precision 1 the settlement, 2 near it, 3 only the region (null: not known)")
    truncated: bool = Field(description="more incidents match than `limit`: the oldest were left out")


class TimelineBar(BaseModel):
    period: str = Field(description="YYYY-MM-DD (a day; a week by its Monday), YYYY-MM, YYYY")
    start: Date
    end: Date
    counts: dict[str, int] = Field(description="event type → incidents")
    total: int


class TimelineOut(BaseModel):
    by: Literal["day", "week", "month", "year"]
    bars: list[TimelineBar] = Field(description="the periods that have incidents, oldest first")
    types: list[str] = Field(description="the event types counted, in the taxonomy's order")
    total: int
    not_counted: int = Field(description="matching incidents that are undated or dated more coarsely than `by`")


class RegionRow(BaseModel):
    admin1: str | None = Field(description="the region (null: not known)")
    counts: dict[str, int] = Field(description="event type → incidents")
    total: int


class RegionTable(BaseModel):
    regions: list[RegionRow] = Field(description="most incidents first; the incidents with no region last")
    types: list[str]
    type_totals: dict[str, int] = Field(description="event type → incidents, all regions")
    total: int


class StatisticOut(ReaderSummary):
    id: int
    metric: str
    value: int | None
    period: str | None
    date: str | None
    date_precision: str | None
    location_name: str | None
    admin1: str | None
    country: str | None
    geo_precision: int | None = Field(description="1 the settlement, 2 near it (or its district), 3 only the region")
    status: str
    summary: str = Field(description="the summary as stored; summary_text is the one to show a reader")
    quote: str
    language: str | None
    source_id: int
    locator: str = Field(description="where the figure was read: a URL, a file name, a Telegram post")


class StatisticPage(BaseModel):
    total: int = Field(description="how many stored figures match")
    items: list[StatisticOut]
    metrics: dict[str, int] = Field(description="every stored metric → how many figures have it")


# --------------------------------------------------------------- API


# /api/map: the properties every feature has, and those given only when asked for (fields=), each with what it
# needs read from the store (of statistics.FEATURE_EXTRAS; summary_text adds the ReaderSummary fields)
MAP_PROPERTIES = ("id", "event_type", "date", "date_precision", "location_name", "admin1", "country", "geo_precision",
                  "status", "fatalities", "injured", "detained")
MAP_FIELDS: dict[str, tuple[str, ...]] = {
    "summary": ("summary",), "summary_text": ("summary", "actors"), "actors": ("actors",), "origins": ("origins",),
    "origin_kinds": ("origin_kinds",), "info_grade": ("info_grade",), "date_text": (), "place_text": (),
}
MapFields = Annotated[str | None, Query(max_length=500, description=(
    "more properties for each feature, comma-separated: " + ", ".join(MAP_FIELDS) + " (summary_text brings "
    "summary_language, summary_generated and summary_stored_language with it), or all; without it only "
    + ", ".join(MAP_PROPERTIES)))]


def _map_fields(text: str | None) -> list[str]:
    """The on-demand fields named in ``fields`` (all of them for ``all``); an unknown one is a FilterError."""
    names = [name.strip() for name in (text or "").split(",") if name.strip()]
    if "all" in names:
        return list(MAP_FIELDS)
    unknown = [name for name in names if name not in MAP_FIELDS]
    if unknown:
        raise FilterError(f"fields: unknown {', '.join(unknown)}; one of {', '.join(MAP_FIELDS)}, or all")
    return list(dict.fromkeys(names))


@router.get("/api/map", response_model=MapCollection, tags=["api"],
            summary="Incidents with coordinates as GeoJSON, filtered like the table")
def map_data(
    request: Request, filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_MAP_LIMIT, description="at most this many, newest first")] = MAP_LIMIT,
    fields: MapFields = None,
    lang: ReaderLanguage = None,
) -> Response:
    wanted = _map_fields(fields)
    extras = {column for name in wanted for column in MAP_FIELDS[name]}
    features = list(statistic_service.map_features(_workspace(request).db, filters, limit=limit + 1, extras=extras))
    truncated = len(features) > limit
    language = request.state.lang
    stored = [*MAP_PROPERTIES, *(name for name in wanted if name in statistic_service.FEATURE_EXTRAS)]
    body = statistic_service.feature_collection(features[:limit], stored) | {"truncated": truncated}
    labelled = "date_text" in wanted or "place_text" in wanted
    for feature, found in zip(body["features"], features, strict=False):
        properties = feature["properties"]
        if labelled:
            properties.update({name: text for name, text in _label(found, language).items() if name in wanted})
        if "summary_text" in wanted:
            properties.update(summaries.summary_fields(found, language))
    # built from the service's dicts, encoded in one call: no per-feature model for 10,000 markers
    return Response(json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")),
                    media_type="application/json")


@router.get("/api/map/markers", response_model=MapMarkers, tags=["api"],
            summary="Incidents with coordinates as compact marker rows (what the map page draws), filtered like the "
                    "table")
def map_markers(
    request: Request, filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_MAP_LIMIT, description="at most this many, newest first")] = MAP_LIMIT,
) -> Response:
    found = statistic_service.map_points(_workspace(request).db, filters, limit)
    body = {"fields": MARKER_FIELDS, "types": found.types, "markers": found.points, "truncated": found.truncated}
    # encoded in one call, no model per row: 10,000 markers are about 0.4 MB
    return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


def _label(feature: statistic_service.MapFeature, language: str) -> dict[str, str]:
    """The date and place of a map feature as the reader's language writes them (``date_text``, ``place_text``)."""
    place = places.place_name(feature.location_name, language, country=feature.country, admin1=feature.admin1,
                              lat=feature.lat, lon=feature.lon)
    region = (formats.region_text(feature.admin1, language, feature.country)
              if feature.admin1 and feature.admin1 != feature.location_name else "")
    return {"date_text": formats.date_text(feature.date, feature.date_precision, language),
            "place_text": ", ".join(part for part in (place, region) if part)}


Bucket = Literal["day", "week", "month", "year"]


def timeline(db: Any, filters: IncidentFilters, by: Bucket) -> TimelineOut:
    histogram = statistic_service.incident_histogram(db, filters, by, by_type=True, by_region=False)
    bars: dict[str, dict[str, int]] = {}
    for bucket in histogram.buckets:
        bars.setdefault(bucket.period, {})[bucket.event_type or "other"] = bucket.count
    present = {event_type for counts in bars.values() for event_type in counts}
    return TimelineOut(
        by=by,
        bars=[TimelineBar(period=period, start=_span(period, by)[0], end=_span(period, by)[1], counts=counts,
                          total=sum(counts.values())) for period, counts in bars.items()],
        types=[name for name in (*EVENT_TYPES, *sorted(present - set(EVENT_TYPES))) if name in present],
        total=histogram.total, not_counted=histogram.not_counted)


@router.get("/api/timeline", response_model=TimelineOut, tags=["api"],
            summary="Incidents per day, week, month or year by type, filtered like the table")
def timeline_data(request: Request, filters: Filters,
                  by: Bucket = "month") -> Response:
    # encoded once by its model (the response model documents it): no second validation of a bar a day
    return Response(timeline(_workspace(request).db, filters, by).model_dump_json(), media_type="application/json")


def region_table(db: Any, filters: IncidentFilters) -> RegionTable:
    regions = statistic_service.region_type_counts(db, filters)
    totals: dict[str, int] = {}
    for region in regions:
        for event_type, count in region.by_type.items():
            totals[event_type] = totals.get(event_type, 0) + count
    return RegionTable(
        regions=[RegionRow(admin1=region.admin1, counts=region.by_type, total=region.total) for region in regions],
        types=[name for name in (*EVENT_TYPES, *sorted(set(totals) - set(EVENT_TYPES))) if name in totals],
        type_totals=totals, total=sum(totals.values()))


@router.get("/api/statistics/regions", response_model=RegionTable, tags=["api"],
            summary="Incidents counted by region and type, filtered like the table")
def region_data(request: Request, filters: Filters) -> RegionTable:
    return region_table(_workspace(request).db, filters)


def _statistic_filters(query: dict[str, str | None]) -> statistic_service.StatisticFilters:
    def value(name: str) -> str | None:
        text = (query.get(name) or "").strip()
        return text or None

    def day(name: str) -> Date | None:
        text = value(name)
        try:
            return Date.fromisoformat(text) if text else None
        except ValueError:
            raise FilterError(f"{name}: a date as YYYY-MM-DD, got {text!r}") from None

    status = value("status")
    if status is not None and status not in review.STATUSES:
        raise FilterError(f"status: one of {', '.join(review.STATUSES)}, got {status!r}")
    return statistic_service.StatisticFilters(metric=value("metric"), period=value("period"),
                                              date_from=day("from"), date_to=day("to"),
                                              place=value("place") or value("region"), status=status)


def statistic_page(db: Any, filters: statistic_service.StatisticFilters, limit: int, language: str) -> StatisticPage:
    items = [StatisticOut(**(vars(view) | summaries.statistic_summary_fields(view, language)))
             for view in statistic_service.list_statistics(db, filters, limit=limit)]
    total = len(items) if len(items) < limit else statistic_service.count_statistics(db, filters)
    return StatisticPage(total=total, items=items, metrics=dict(statistic_service.metrics(db)))


@router.get("/api/statistics", response_model=StatisticPage, tags=["api"],
            summary="Stored statistic records (aggregate figures) with their sources")
def statistics_data(
    request: Request,
    metric: Annotated[str | None, Query(description="what was counted (an unknown one lists the stored ones)")]
    = None,
    period: Annotated[str | None, Query(description="the period as coded: 2025-10, 2025, 2025-01/2025-06")] = None,
    from_: Annotated[Date | None, Query(alias="from", description="periods ending on or after, YYYY-MM-DD")] = None,
    to: Annotated[Date | None, Query(description="periods starting on or before, YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(description="a place or region in any language")] = None,
    status: Annotated[Literal["candidate", "verified", "rejected"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = STATISTIC_ROWS,
    lang: ReaderLanguage = None,
) -> StatisticPage:
    filters = _statistic_filters({"metric": metric, "period": period, "from": from_.isoformat() if from_ else None,
                                  "to": to.isoformat() if to else None, "place": place, "status": status})
    return statistic_page(_workspace(request).db, filters, limit, request.state.lang)


# --------------------------------------------------------------- the vendored files


@router.get("/vendor/outlines/{code}.json", include_in_schema=False)
def outline(request: Request, code: str) -> Response:
    topology = assets.outline_topology(assets.assets_root(_workspace(request).config), code)
    if topology is None:
        raise HTTPException(404, f"no outlines for {code!r} (run `make setup`, or `npm ci`, in the checkout)")
    return Response(topology, media_type="application/json", headers=_CACHE)


@router.get("/vendor/{package}/{name:path}", include_in_schema=False)
def vendor(request: Request, package: str, name: str) -> Response:
    path = assets.vendor_file(assets.assets_root(_workspace(request).config), package, name)
    if path is None:
        raise HTTPException(404, f"not a served file: {package}/{name}")
    return FileResponse(path, headers=_CACHE)


# --------------------------------------------------------------- pages


def _page(request: Request, template: str, **context: Any) -> Response:
    """Render ``template`` with the filters form's choices, or the filter error with status 400."""
    query = dict(request.query_params)
    db = _workspace(request).db
    common: dict[str, Any] = {
        "query": query, "event_types": EVENT_TYPES, "statuses": review.STATUSES,
        "sources": source_service.list_sources(db, limit=SOURCE_CHOICES), "filter_query": _filter_query(request),
        "type_names": {name: request.state.t.name_of("type", name) for name in EVENT_TYPES},
    }
    try:
        filters = _page_filters(request)
        context = {**context, **{key: value(db, filters) if callable(value) else value
                                 for key, value in context.items()}}
    except LetopisError as error:
        return render(request, template, status_code=400, error=str(error), failed=True, **common,
                      **{key: None for key in context})
    return render(request, template, failed=False, **common, **context)


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request) -> Response:
    config = _workspace(request).config
    root = assets.assets_root(config)

    def unplaced(db: Any, filters: IncidentFilters) -> int:
        return incident_service.count_incidents(db, replace(filters, has_coordinates=False))

    return _page(request, "map.html", missing=assets.missing_assets(root), assets_root=str(root),
                 tiles=config.map_tiles, attribution=config.map_attribution or "", unplaced=unplaced,
                 outline_countries=assets.OUTLINE_COUNTRIES)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request) -> Response:
    by = request.query_params.get("by") or "month"
    if by not in statistic_service.BUCKETS:
        by = "month"
    return _page(request, "timeline.html", by=by, buckets=statistic_service.BUCKETS)


@router.get("/statistics", response_class=HTMLResponse, include_in_schema=False)
def statistics_page(request: Request) -> Response:
    query: dict[str, str | None] = dict(request.query_params)

    def records(db: Any, _: IncidentFilters) -> StatisticPage:
        return statistic_page(db, _statistic_filters(query), STATISTIC_ROWS, request.state.lang)

    return _page(request, "statistics.html", table=region_table, records=records, shown=STATISTIC_ROWS)
