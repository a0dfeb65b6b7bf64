"""The statistics read service on SQLite and PostgreSQL: statistic records, histograms, map features."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from letopis.db.incidents import add_incident, add_statistic
from letopis.errors import FilterError
from letopis.model import Location
from letopis.services.incidents import IncidentFilters
from letopis.services.statistics import (
    BoundingBox,
    HistogramBucket,
    StatisticFilters,
    count_statistics,
    feature_collection,
    incident_histogram,
    list_statistics,
    map_features,
    metrics,
    region_type_counts,
)
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of

TEXT = "За жовтень 2025 року відкрито 19000 справ про СЗЧ, у Харківській області 1200 справ.\n"
UKRAINE = Location("Ukraine", None, "UA", 49.0, 32.0, 3)
KHARKIV_OBLAST = Location("Kharkiv Oblast", "Kharkiv Oblast", "UA", 49.5, 36.5, 3)


def statistic(text: str, quote: str, metric: str, value: int, period: str, location: Location | None,
              **overrides: Any) -> Any:
    precision = {4: "year", 7: "month"}.get(len(period), "month")
    return record_of(text, quote, kind="statistic", event_type="statistic", metric=metric, value=value,
                     period=period, date=period[:7], date_precision=precision, location=location,
                     detained=None, actors=(), **overrides)


@pytest.fixture
def figures(database: Any) -> Any:
    source = source_of(add_source(database, "https://example.org/stats", TEXT))
    with database.session() as session:
        for record in (
            statistic(TEXT, "19000 справ про СЗЧ", "szch_cases", 19000, "2025-10", UKRAINE),
            statistic(TEXT, "1200 справ", "szch_cases", 1200, "2025-10", KHARKIV_OBLAST),
            statistic(TEXT, "відкрито", "criminal_cases", 300, "2025-09", UKRAINE),
            statistic(TEXT, "За жовтень", "szch_cases", 150000, "2024", UKRAINE),
        ):
            add_statistic(session, record, source_id=source)
    return database


def test_statistic_records_filtered_by_metric_period_dates_and_place(figures: Any) -> None:
    def values(**filters: Any) -> list[int | None]:
        return [s.value for s in list_statistics(figures, StatisticFilters(**filters))]

    assert values() == [1200, 19000, 300, 150000]  # newest period first, then newest record
    assert values(metric="szch_cases") == [1200, 19000, 150000]
    assert values(metric="szch_cases", period="2025-10") == [1200, 19000]
    assert values(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)) == [1200, 19000]
    assert values(date_to=date(2025, 1, 31)) == [150000]
    assert values(place="Харківська область") == [1200]
    assert values(place="Україна", metric="criminal_cases") == [300]
    assert count_statistics(figures, StatisticFilters(metric="szch_cases")) == 3
    [first] = list_statistics(figures, StatisticFilters(), limit=1)
    assert (first.metric, first.period, first.locator, first.location_name) == ("szch_cases", "2025-10",
                                                                                  "https://example.org/stats",
                                                                                  "Kharkiv Oblast")
    assert metrics(figures) == [("szch_cases", 3), ("criminal_cases", 1)]


def test_an_unknown_metric_names_the_stored_ones(figures: Any) -> None:
    with pytest.raises(FilterError, match="no statistic has metric 'deserters'; the stored metrics are: "
                                          "szch_cases, criminal_cases"):
        list(list_statistics(figures, StatisticFilters(metric="deserters")))


def incidents(db: Any) -> None:
    text = "Затримали чоловіка, а люди відбили іншого.\n"
    source = source_of(add_source(db, "https://example.org/incidents", text))
    rows = [
        ("2025-10-06", "day", "mobilization_detention", KHARKIV),  # a Monday
        ("2025-10-12", "day", "mobilization_detention", KHARKIV),  # the Sunday of the same week
        ("2025-10-13", "day", "resistance", KHARKIV),
        ("2025-10-20", "day", "mobilization_detention", ODESA),
        ("2025-11-02", "day", "resistance", ODESA),
        ("2025-10", "month", "mobilization_detention", KHARKIV),  # known to the month only
        (None, None, "resistance", None),  # undated, unplaced
    ]
    with db.session() as session:
        for day, precision, event_type, place in rows:
            add_incident(session, record_of(text, "Затримали чоловіка", date=day, date_precision=precision,
                                                    event_type=event_type, location=place), source_id=source)


def test_incidents_counted_by_month_type_and_region_in_one_query(database: Any) -> None:
    incidents(database)
    histogram = incident_histogram(database, IncidentFilters(), "month")
    assert histogram.buckets == (
        HistogramBucket("2025-10", "mobilization_detention", "Kharkiv Oblast", 3),
        HistogramBucket("2025-10", "mobilization_detention", "Odesa Oblast", 1),
        HistogramBucket("2025-10", "resistance", "Kharkiv Oblast", 1),
        HistogramBucket("2025-11", "resistance", "Odesa Oblast", 1),
    )
    assert (histogram.total, histogram.not_counted) == (6, 1)
    by_type = incident_histogram(database, IncidentFilters(event_type="resistance"), "month", by_region=False)
    assert by_type.buckets == (HistogramBucket("2025-10", "resistance", None, 1),
                               HistogramBucket("2025-11", "resistance", None, 1))
    assert by_type.not_counted == 1


def test_by_day_and_week_an_incident_known_to_the_month_is_not_counted(database: Any) -> None:
    incidents(database)
    weeks = incident_histogram(database, IncidentFilters(), "week", by_type=False, by_region=False)
    assert weeks.buckets == (HistogramBucket("2025-10-06", None, None, 2), HistogramBucket("2025-10-13", None, None, 1),
                             HistogramBucket("2025-10-20", None, None, 1), HistogramBucket("2025-10-27", None, None, 1))
    assert weeks.not_counted == 2
    days = incident_histogram(database, IncidentFilters(admin1="Харківська область"), "day", by_region=False)
    assert [(b.period, b.count) for b in days.buckets] == [("2025-10-06", 1), ("2025-10-12", 1), ("2025-10-13", 1)]
    assert days.not_counted == 1
    years = incident_histogram(database, IncidentFilters(), "year", by_type=False, by_region=False)
    assert (years.buckets, years.not_counted) == ((HistogramBucket("2025", None, None, 6),), 1)
    with pytest.raises(FilterError, match="count by one of day, week, month, year"):
        incident_histogram(database, IncidentFilters(), "fortnight")


def test_map_features_inside_a_box_as_geojson(database: Any) -> None:
    incidents(database)
    everything = list(map_features(database, IncidentFilters()))
    assert len(everything) == 6  # the unplaced one has no point
    odesa = BoundingBox.parse("29.5, 46, 31.5, 47")
    found = list(map_features(database, IncidentFilters(), odesa))
    assert [(f.location_name, f.date) for f in found] == [("Odesa", "2025-11-02"), ("Odesa", "2025-10-20")]
    collection = feature_collection(found)
    json.dumps(collection)
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [ODESA.lon, ODESA.lat]}
    assert feature["properties"]["event_type"] == "resistance" and "lat" not in feature["properties"]
    dated = list(map_features(database, IncidentFilters(date_from=date(2025, 11, 1)), odesa))
    assert [f.date for f in dated] == ["2025-11-02"]
    across = BoundingBox(170, -10, -170, 10)  # across the antimeridian: nothing there
    assert list(map_features(database, IncidentFilters(), across)) == []


def test_incidents_counted_by_region_and_type_whatever_their_date(database: Any) -> None:
    incidents(database)
    regions = region_type_counts(database, IncidentFilters())
    assert [(r.admin1, r.by_type, r.total) for r in regions] == [
        ("Kharkiv Oblast", {"mobilization_detention": 3, "resistance": 1}, 4),  # the month-only one too
        ("Odesa Oblast", {"mobilization_detention": 1, "resistance": 1}, 2),
        (None, {"resistance": 1}, 1),  # no region known: last
    ]
    october = region_type_counts(database, IncidentFilters(date_from=date(2025, 10, 13), date_to=date(2025, 10, 31)))
    assert [(r.admin1, r.by_type) for r in october] == [
        ("Kharkiv Oblast", {"mobilization_detention": 1, "resistance": 1}),  # the 13th and the month-only one
        ("Odesa Oblast", {"mobilization_detention": 1}),
    ]


def test_the_narrowing_filters_hold_for_histograms_and_map_features(database: Any) -> None:
    incidents(database)
    other = source_of(add_source(database, "https://example.org/other", "Інший текст про затримання.\n"))
    with database.session() as session:
        add_incident(session, record_of("Інший текст про затримання.\n", "затримання", date="2025-10-07",
                                        date_precision="day", event_type="protest", location=ODESA),
                     source_id=other)
    only_other = IncidentFilters(source_id=other)
    assert [f.event_type for f in map_features(database, only_other)] == ["protest"]
    assert incident_histogram(database, only_other, "day", by_region=False).buckets == (
        HistogramBucket("2025-10-07", "protest", None, 1),)
    assert [(r.admin1, r.by_type) for r in region_type_counts(database, only_other)] == [
        ("Odesa Oblast", {"protest": 1})]
    unplaced = IncidentFilters(has_coordinates=False)
    assert list(map_features(database, unplaced)) == []
    assert incident_histogram(database, unplaced, "month").not_counted == 1
    undated = IncidentFilters(dated=False)
    assert [r.total for r in region_type_counts(database, undated)] == [1]


@pytest.mark.parametrize(("text", "message"), [
    ("1,2,3", "four numbers WEST,SOUTH,EAST,NORTH"),
    ("a,b,c,d", "four numbers"),
    ("0,50,10,40", "latitudes are -90 to 90, south first"),
    ("200,0,10,10", "longitudes are -180 to 180"),
])
def test_a_bad_bounding_box_is_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        BoundingBox.parse(text)


def test_map_features_carry_the_origins_their_kinds_and_the_information_grade(database: Any) -> None:
    from letopis.services.origins import recompute_origins

    incidents(database)
    assert {(f.origins, f.origin_kinds, f.info_grade) for f in map_features(database, IncidentFilters())} == \
        {(0, "", None)}  # never computed
    recompute_origins(database)
    features = list(map_features(database, IncidentFilters()))
    assert {(f.origins, f.origin_kinds, f.info_grade) for f in features} == {(1, "media:1", "3")}
    properties = feature_collection(features)["features"][0]["properties"]
    assert (properties["origins"], properties["origin_kinds"], properties["info_grade"]) == (1, "media:1", "3")
