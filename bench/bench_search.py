"""Search latency over N incidents: p50/p95 of `search_incidents` per kind of query.

Fills a fresh database with N synthetic incidents (default 100,000: eleven
event types, two years of dates, 24 oblasts, summaries and quotes in
Ukrainian, Russian and English, each supported by one source), then times
`search_incidents` (first page of 50 and the total, as `letopis incidents`
asks) for:

  word       q = one word (a common one, a place, a rarer one; prefix match)
  type_date  type + a 30-day date range
  admin1     one oblast
  combined   q + type + date range + admin1
  word_next  the page after the word query's first (its page token: a keyset page, counted again)
  deep       50 incidents from a random place in the whole list (a keyset page: what an offset of
             hundreds of thousands would cost, without reading them), counted up to the cap

and prints p50 and p95 in milliseconds for each. Usage:

  python bench/bench_search.py [N] [--database-url URL | --data DIR] [--repeat R]

(SQLite in a temporary directory unless a PostgreSQL URL or a data directory
is given. The N incidents are written in bulk, the rows ``insert_incident``
and the search index would hold, about a minute per million on SQLite; a
database that already holds incidents is measured as it is, after its
migrations ran — how a store made by an older version is measured after an
upgrade.)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from letopis.db import fts, open_database
from letopis.db.dates import date_span
from letopis.db.incidents import location_fields, search_incidents
from letopis.db.keyset import Seek, read_token
from letopis.db.models import Blob, Incident, IncidentSource, Source
from letopis.model import EVENT_TYPES, Location, Record

OBLASTS = [
    ("Kharkiv Oblast", "Kharkiv", "Харкові", "Харькове", 49.99, 36.23),
    ("Odesa Oblast", "Odesa", "Одесі", "Одессе", 46.48, 30.72),
    ("Dnipropetrovsk Oblast", "Dnipro", "Дніпрі", "Днепре", 48.46, 35.04),
    ("Kyiv City", "Kyiv", "Києві", "Киеве", 50.45, 30.52),
    ("Lviv Oblast", "Lviv", "Львові", "Львове", 49.84, 24.03),
    ("Poltava Oblast", "Poltava", "Полтаві", "Полтаве", 49.59, 34.55),
    ("Zaporizhzhia Oblast", "Zaporizhzhia", "Запоріжжі", "Запорожье", 47.84, 35.14),
    ("Rivne Oblast", "Rivne", "Рівному", "Ровно", 50.62, 26.25),
    ("Mykolaiv Oblast", "Mykolaiv", "Миколаєві", "Николаеве", 46.97, 32.0),
    ("Chernivtsi Oblast", "Chernivtsi", "Чернівцях", "Черновцах", 48.29, 25.94),
    ("Vinnytsia Oblast", "Vinnytsia", "Вінниці", "Виннице", 49.23, 28.47),
    ("Ternopil Oblast", "Ternopil", "Тернополі", "Тернополе", 49.55, 25.59),
    ("Volyn Oblast", "Lutsk", "Луцьку", "Луцке", 50.75, 25.33),
    ("Zakarpattia Oblast", "Uzhhorod", "Ужгороді", "Ужгороде", 48.62, 22.29),
    ("Ivano-Frankivsk Oblast", "Ivano-Frankivsk", "Івано-Франківську", "Ивано-Франковске", 48.92, 24.71),
    ("Khmelnytskyi Oblast", "Khmelnytskyi", "Хмельницькому", "Хмельницком", 49.42, 26.99),
    ("Zhytomyr Oblast", "Zhytomyr", "Житомирі", "Житомире", 50.25, 28.66),
    ("Cherkasy Oblast", "Cherkasy", "Черкасах", "Черкассах", 49.44, 32.06),
    ("Chernihiv Oblast", "Chernihiv", "Чернігові", "Чернигове", 51.49, 31.29),
    ("Sumy Oblast", "Sumy", "Сумах", "Сумах", 50.91, 34.8),
    ("Kirovohrad Oblast", "Kropyvnytskyi", "Кропивницькому", "Кропивницком", 48.51, 32.26),
    ("Kherson Oblast", "Kherson", "Херсоні", "Херсоне", 46.64, 32.61),
    ("Donetsk Oblast", "Kramatorsk", "Краматорську", "Краматорске", 48.72, 37.58),
    ("Kyiv Oblast", "Bila Tserkva", "Білій Церкві", "Белой Церкви", 49.8, 30.11),
]
VERBS = {
    "uk": ["працівники ТЦК затримали чоловіка", "мешканці заблокували бус ТЦК", "суд засудив ухилянта",
           "прикордонники затримали чоловіків біля кордону", "невідомі підпалили авто ТЦК"],
    "ru": ["сотрудники ТЦК задержали мужчину", "жители отбили задержанного у ТЦК", "суд приговорил уклониста",
           "пограничники задержали мужчин у границы", "неизвестные подожгли военкомат"],
    "en": ["recruitment officers detained a man", "residents blocked a TCC van", "a court sentenced a draft evader",
           "border guards detained men near the border", "unknown people set fire to a TCC car"],
}
START = date(2024, 1, 1)
DAYS = 730


def make_record(rng: random.Random) -> Record:
    oblast, city, city_uk, city_ru, lat, lon = rng.choice(OBLASTS)
    language = rng.choice(["uk", "uk", "ru", "en"])
    verb = rng.choice(VERBS[language])
    place = {"uk": f"у {city_uk}", "ru": f"в {city_ru}", "en": f"in {city}"}[language]
    day = START + timedelta(days=rng.randrange(DAYS))
    precision = "day" if rng.random() < 0.9 else "month"
    coded = day.isoformat() if precision == "day" else day.isoformat()[:7]
    quote = f"{day.strftime('%d.%m.%Y')} {place} {verb}. Подробиці {rng.randrange(10**6)}."
    return Record(
        kind="incident", date=coded, date_precision=precision, event_type=rng.choice(EVENT_TYPES),
        location=Location(name=city, admin1=oblast, country="UA", lat=lat + rng.uniform(-0.1, 0.1),
                          lon=lon + rng.uniform(-0.1, 0.1), geo_precision=1),
        fatalities=None, injured=rng.choice([None, None, 1, 2]), detained=rng.choice([None, 1, 2, 3]),
        actors=("recruitment_officers",), summary=f"{verb} {place}", quote=quote, start=0, end=len(quote),
        language=language, confidence=0.75,
    )


def _rows(record: Record, incident_id: int, source_id: int, now: datetime) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The incident row and its supporting-source row, as ``insert_incident`` writes them."""
    start, end = date_span(record.date, record.date_precision)
    incident = {"id": incident_id, "status": "candidate", "kind": record.kind, "date": record.date,
                "date_precision": record.date_precision, "date_start": start, "date_end": end,
                "event_type": record.event_type, **location_fields(record.location), "fatalities": record.fatalities,
                "injured": record.injured, "detained": record.detained, "actors": list(record.actors),
                "summary": record.summary, "confidence": record.confidence, "sensitivity": [], "merged_into": None,
                "engine": None, "created_at": now, "updated_at": now}
    link = {"incident_id": incident_id, "source_id": source_id, "text_sha256": None, "quote": record.quote,
            "start": record.start, "end": record.end, "language": record.language, "record": record.to_dict(),
            "merge_reason": None, "engine": None, "added_at": now}
    return incident, link


def fill(db, n: int, seed: int = 7, per_transaction: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """N incidents in bulk: one executemany per table and transaction (the rows ``insert_incident`` writes)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    sources = max(1, n // 10)
    with db.session() as session:
        connection = session.connection()
        connection.execute(Blob.__table__.insert(), [
            {"sha256": f"{i:064x}", "size": 100, "media_type": "text/plain", "created": now} for i in range(sources)])
        connection.execute(Source.__table__.insert(), [
            {"locator": f"https://example.org/report/{i}", "kind": "url", "original_sha256": f"{i:064x}",
             "published": now, "title": f"Report {i}", "language": "uk", "created": now} for i in range(sources)])
        source_ids = [row[0] for row in connection.execute(Source.__table__.select().with_only_columns(
            Source.__table__.c.id))]
        first = (session.scalar(select(func.max(Incident.id))) or 0) + 1
    titles = {source_id: f"Report {i}" for i, source_id in enumerate(source_ids)}
    done = 0
    while done < n:
        batch = min(per_transaction, n - done)
        incidents, links, documents = [], [], []
        for i in range(batch):
            record = make_record(rng)
            source_id = rng.choice(source_ids)
            incident, link = _rows(record, first + done + i, source_id, now)
            incidents.append(incident)
            links.append(link)
            place = record.location
            documents.append((incident["id"], fts.document(record.summary, place.name, place.admin1,
                                                           [(record.quote, titles[source_id])])))
        with db.session() as session:
            connection = session.connection()
            connection.execute(Incident.__table__.insert(), incidents)
            connection.execute(IncidentSource.__table__.insert(), links)
            fts.put_documents(session, documents, replace=False)
        done += batch
        print(f"  {done} incidents", file=sys.stderr, end="\r", flush=True)
    print(file=sys.stderr)
    with db.engine.connect() as connection:
        if db.dialect == "postgresql":  # ids were given: move the sequence past them
            connection.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('incidents', 'id'), max(id)) FROM incidents")
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    if db.dialect == "postgresql":  # what autovacuum does after a load: index-only scans need the visibility map
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE) incidents")
            connection.exec_driver_sql("VACUUM (ANALYZE) incident_search")


def kinds(rng: random.Random) -> dict[str, dict]:  # type: ignore[type-arg]
    day = START + timedelta(days=rng.randrange(DAYS - 30))
    oblast = rng.choice(OBLASTS)
    word = rng.choice(["затрим", "Харкові", "ТЦК", "бус", "detained", "военкомат", "кордону"])
    window = {"date_from": day.isoformat(), "date_to": (day + timedelta(days=30)).isoformat()}
    event_type = rng.choice(["mobilization_detention", "resistance", "legal_action"])
    return {
        "word": {"q": word},
        "type_date": {"type": event_type, **window},
        "admin1": {"admin1": oblast[0]},
        "combined": {"q": rng.choice(["затрим", "ТЦК", oblast[2]]), "type": event_type, "admin1": oblast[0],
                     **window},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL URL of a database (default: SQLite)")
    parser.add_argument("--data", type=Path, help="SQLite data directory to keep (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=60, help="queries per kind (default 60)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="letopis-bench-search-") as tmp:
        started = time.perf_counter()
        db = open_database(args.database_url or args.data or Path(tmp))
        print(f"opened (migrations included) in {time.perf_counter() - started:.1f} s")
        try:
            with db.session(readonly=True) as session:
                stored = session.scalar(select(func.count()).select_from(Incident)) or 0
            if stored:
                print(f"reusing the {stored} incidents stored ({db.dialect})")
            else:
                started = time.perf_counter()
                fill(db, args.n)
                print(f"filled {args.n} incidents in {time.perf_counter() - started:.1f} s ({db.dialect})")
            measure(db, args.repeat)
        finally:
            db.dispose()


def measure(db, repeat: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}

    def timed(kind: str, filters: dict[str, Any]) -> Any:
        with db.session(readonly=True) as session:
            t, c = time.perf_counter(), time.thread_time()
            page = search_incidents(session, limit=50, **filters)
            timings.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
            cpu.setdefault(kind, []).append((time.thread_time() - c) * 1000)
            totals.setdefault(kind, []).append(page.total)
        return page

    for _ in range(repeat):
        for kind, filters in kinds(rng).items():
            page = timed(kind, filters)
            if kind == "word" and page.after:
                timed("word_next", {**filters, "after": read_token(page.after, "-date")})
        day = START + timedelta(days=rng.randrange(DAYS))
        timed("deep", {"after": Seek("-date", day.isoformat(), rng.randrange(1, 2**31 - 1))})
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; cpu: this process's own time, "
          f"SQLite's work included, PostgreSQL's server not)")
    for kind, values in timings.items():
        p50, p95 = _percentiles(values)
        c50, c95 = _percentiles(cpu[kind])
        print(f"{kind:10s} p50={p50:7.1f} ms  p95={p95:7.1f} ms  cpu p50={c50:6.1f} p95={c95:6.1f} ms  "
              f"(median total {int(statistics.median(totals[kind]))} incidents)")


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


if __name__ == "__main__":
    main()
