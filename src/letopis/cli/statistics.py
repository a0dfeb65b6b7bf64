"""CLI commands that count and place: statistics, counts, map.

Thin: each parses options and calls :mod:`letopis.services.statistics`,
and renders with :mod:`letopis.publish`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from letopis.cli.support import (
    TABLE_ROWS,
    incident_filter_options as _incident_filters,
    incident_filters as _filters,
    parse_date,
    report_rows,
    workspace as _workspace,
)


def register(main: click.Group) -> None:
    for command in (statistics, counts, map_command):
        main.add_command(command)


_STATISTIC_COLUMNS = ("id", "period", "metric", "value", "place", "status", "source_id", "quote")
_STATISTIC_EXPORT = ("id", "metric", "value", "period", "date", "date_precision", "location_name", "admin1",
                     "country", "status", "summary", "quote", "language", "source_id", "locator")


@click.command()
@click.option("--metric", help="What was counted (szch_cases, detentions, …); an unknown one lists the stored ones.")
@click.option("--period", help="The period as coded: 2025-10, 2025, 2025-01/2025-06.")
@click.option("--from", "date_from", help="Periods that end on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Periods that start on or before this date (YYYY-MM-DD).")
@click.option("--place", help="A place or region in any language (Україна, Харківська область, Kharkiv).")
@click.option("--status", type=click.Choice(["candidate", "verified", "rejected"]))
@click.option("--limit", type=click.IntRange(min=0), help=f"At most this many (the table shows {TABLE_ROWS} "
              "unless told; csv and jsonl write all, and say on stderr and exit 1 when --limit cut them).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.pass_context
def statistics(ctx: click.Context, metric: str | None, period: str | None, date_from: str | None,
               date_to: str | None, place: str | None, status: str | None, limit: int | None, fmt: str) -> None:
    """Stored statistic records (aggregate figures), newest period first."""
    from letopis.publish.rows import write_rows
    from letopis.services.statistics import StatisticFilters, count_statistics, list_statistics

    filters = StatisticFilters(metric=metric, period=period, date_from=parse_date(date_from, "--from"),
                               date_to=parse_date(date_to, "--to"), place=place, status=status)
    shown = TABLE_ROWS if fmt == "table" and limit is None else limit
    ws = _workspace(ctx)
    try:
        rows = ({**asdict(view), "place": view.location_name or view.admin1}
                for view in list_statistics(ws.db, filters, limit=shown))
        written = write_rows(rows, _STATISTIC_COLUMNS if fmt == "table" else _STATISTIC_EXPORT, sys.stdout, fmt)
        sys.stdout.flush()
        total = count_statistics(ws.db, filters) if shown is not None and written == shown else written
    finally:
        ws.close()
    report_rows(fmt, total, written, shown, limit, "statistic", "statistics")


@click.command()
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="The period counted in (a week is named by its Monday).")
@click.option("--no-type", is_flag=True, help="Do not count by event type.")
@click.option("--no-region", is_flag=True, help="Do not count by region.")
@_incident_filters
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.pass_context
def counts(ctx: click.Context, by: str, no_type: bool, no_region: bool, query: str | None, event_type: str | None,
           date_from: str | None, date_to: str | None, admin1: str | None, status: str | None, fmt: str) -> None:
    """Incidents counted by period × type × region (a histogram), with the filters of `letopis incidents`.

    An incident whose date spans more than one period (known only to the
    month, counted by week) or is unknown is not put in any period; how many
    there are is said on stderr.
    """
    from letopis.publish.rows import write_rows
    from letopis.services.statistics import incident_histogram

    filters = _filters(query, event_type, date_from, date_to, admin1, status)
    ws = _workspace(ctx)
    try:
        histogram = incident_histogram(ws.db, filters, by, by_type=not no_type, by_region=not no_region)
    finally:
        ws.close()
    columns = ("period", *(() if no_type else ("event_type",)), *(() if no_region else ("admin1",)), "count")
    write_rows((asdict(bucket) for bucket in histogram.buckets), columns, sys.stdout, fmt)
    click.echo(f"{histogram.total} incident(s) counted by {by}; {histogram.not_counted} not counted "
               f"(undated, or dated more coarsely than a {by})", err=True)


@click.command("map")
@_incident_filters
@click.option("--bbox", help="Only inside this box: WEST,SOUTH,EAST,NORTH in degrees (e.g. 22,44,41,53).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many features (newest first).")
@click.pass_context
def map_command(ctx: click.Context, query: str | None, event_type: str | None, date_from: str | None,
                date_to: str | None, admin1: str | None, status: str | None, bbox: str | None,
                limit: int | None) -> None:
    """Incidents with coordinates as a GeoJSON FeatureCollection (to a file: letopis map > incidents.geojson)."""
    from letopis.services.statistics import BoundingBox, feature_collection, map_features

    filters = _filters(query, event_type, date_from, date_to, admin1, status)
    box = BoundingBox.parse(bbox) if bbox else None
    ws = _workspace(ctx)
    try:
        collection = feature_collection(map_features(ws.db, filters, box, limit=limit))
    finally:
        ws.close()
    json.dump(collection, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    click.echo(f"{len(collection['features'])} incident(s) with coordinates", err=True)
