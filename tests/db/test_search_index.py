"""The search at scale finds what a plain filter finds, in the same order (both backends).

SQLite reads a query's words through FTS5 documents keyed by their place in
the newest-first order, with the filters as facet words (``letopis.db.fts``):
these tests check it against the incidents filtered and sorted in Python,
after edits, merges and a migration from a store made before it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text

from letopis.db import fts
from letopis.db.incidents import add_incident, count_incidents, search_incidents
from letopis.db.migrate import downgrade, upgrade
from letopis.db.models import Incident
from letopis.db.review import merge_incidents, record_edit
from letopis.model import Location
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of

LVIV = Location("Lviv", "Lviv Oblast", "UA", 49.84, 24.03, 1)

# (text, date, precision, type, place): the words in Ukrainian, Russian and English, dates of every precision
ROWS = [
    ("Працівники ТЦК затримали чоловіка у Харкові.", "2025-10-17", "day", "mobilization_detention", KHARKIV),
    ("Сотрудники ТЦК задержали мужчину возле военкомата в Одессе.", "2025-10-03", "day", "mobilization_detention",
     ODESA),
    ("Мешканці заблокували бус ТЦК у Львові.", "2025-10", "month", "resistance", LVIV),
    ("Суд засудив ухилянта; п'ять років умовно.", "2025", "year", "legal_action", KHARKIV),
    ("Жители отбили задержанного у ТЦК, всё произошло ночью.", "2025-09-30", "day", "resistance", ODESA),
    ("Recruitment officers detained a man in Lviv.", None, None, "mobilization_detention", LVIV),
    ("Працівники ТЦК затримали двох у Харкові.", "2025-10-17", "day", "resistance", KHARKIV),
    ("Невідомі підпалили авто ТЦК в Одесі.", "2024-12-31", "day", "resistance", ODESA),
]

QUERIES: list[dict[str, Any]] = [
    {"q": "затрим"},  # a prefix of затримали
    {"q": "ТЦК"},
    {"q": "военкомат"},  # finds военкомата
    {"q": "произошло всё"},  # ё and е alike, word order free
    {"q": "пять"},  # п'ять is one word
    {"q": "detained"},
    {"q": "ТЦК", "type": "resistance"},
    {"q": "ТЦК", "admin1": "Odesa Oblast"},
    {"q": "ТЦК", "admin1": ["Odesa Oblast", "Lviv Oblast"], "type": ["resistance", "mobilization_detention"]},
    {"q": "ТЦК", "date_from": "2025-10-05", "date_to": "2025-10-20"},
    {"q": "ТЦК", "date_from": "2025-10-01"},
    {"q": "ТЦК", "date_to": "2025-09-30"},
    {"q": "ТЦК", "date_from": "2025-06-01", "date_to": "2025-06-30"},  # only the year-coded one spans June
    {"q": "ТЦК", "date_from": "2020-01-01", "date_to": "2025-12-31"},  # more months than asked as facets
    {"q": "ТЦК", "status": "verified"},
    {"q": "ТЦК", "type": "resistance", "admin1": "Kharkiv Oblast", "date_from": "2025-10-01", "date_to": "2025-10-31"},
    {"q": "live"}, {"q": "t"}, {"q": "e"},  # no typed word reaches the facet words
]


def _expected(session: Any, q: str, **filters: Any) -> list[int]:
    """The matching ids, newest first, by filtering every incident in Python (the words through the index)."""
    condition = fts.match_incident_ids(session, q)
    matching = {row[0] for row in session.execute(
        text("SELECT id FROM incidents").columns() if condition is None
        else Incident.__table__.select().with_only_columns(Incident.__table__.c.id).where(condition))}
    as_list = {key: ([value] if isinstance(value, str) else value) for key, value in filters.items()}
    found = []
    for incident in session.query(Incident).all():
        if incident.id not in matching or incident.merged_into is not None:
            continue
        if "type" in as_list and incident.event_type not in as_list["type"]:
            continue
        if "admin1" in as_list and incident.admin1 not in as_list["admin1"]:
            continue
        if "status" in as_list and incident.status not in as_list["status"]:
            continue
        if "date_from" in filters and not (incident.date_end and incident.date_end >= filters["date_from"]):
            continue
        if "date_to" in filters and not (incident.date_start and incident.date_start <= filters["date_to"]):
            continue
        found.append(incident)
    found.sort(key=lambda i: (i.date_start is not None, i.date_start or "", i.id), reverse=True)
    return [i.id for i in found]


def _fill(database: Any) -> list[int]:
    ids = []
    for n, (body, day, precision, event_type, place) in enumerate(ROWS):
        source = source_of(add_source(database, f"https://example.org/{n}", body))
        with database.session() as session:
            record = record_of(body, body, date=day, date_precision=precision, event_type=event_type, location=place)
            ids.append(add_incident(session, record, source_id=source).id)
    return ids


def _check_all(database: Any) -> None:
    with database.session(readonly=True) as session:
        for query in QUERIES:
            filters = {k: v for k, v in query.items() if k != "q"}
            expected = _expected(session, query["q"], **filters)
            page = search_incidents(session, query["q"], limit=50, **filters)
            assert [i.id for i in page.items] == expected, query
            assert (page.total, page.exact) == (len(expected), True), query
            assert count_incidents(session, query["q"], **filters) == len(expected), query
            paged = [i.id for offset in range(0, 10, 2)
                     for i in search_incidents(session, query["q"], limit=2, offset=offset, **filters).items]
            assert paged == expected, query


def test_search_finds_what_a_plain_filter_finds_newest_first(database: Any) -> None:
    ids = _fill(database)
    _check_all(database)
    with database.session(readonly=True) as session:
        assert [i.id for i in search_incidents(session, "затрим").items] == [ids[6], ids[0]]  # same day: id desc
        assert [i.id for i in search_incidents(session, "ТЦК", date_from="2025-06-01", date_to="2025-06-30")
                .items] == []  # the year-coded one says nothing of the TCC


def test_edits_and_merges_move_incidents_in_and_out_of_the_search(database: Any) -> None:
    ids = _fill(database)
    with database.session() as session:
        record_edit(session, ids[7], "date", "2025-10-18", actor="ana")  # now the newest
        record_edit(session, ids[0], "event_type", "resistance", actor="ana")
        record_edit(session, ids[4], "admin1", "Lviv Oblast", actor="ana")
        record_edit(session, ids[1], "status", "verified", actor="ana")
        merge_incidents(session, ids[6], ids[2], reason="the same blockade", actor="ana")
    _check_all(database)
    with database.session(readonly=True) as session:
        assert search_incidents(session, "ТЦК").items[0].id == ids[7]
        assert ids[2] not in [i.id for i in search_incidents(session, "ТЦК").items]
        merged = search_incidents(session, "ТЦК", include_merged=True)
        assert ids[2] in [i.id for i in merged.items]


def test_a_count_past_the_cap_says_it_is_a_lower_bound(database: Any) -> None:
    _fill(database)
    with database.session(readonly=True) as session:
        capped = search_incidents(session, "ТЦК", limit=2, count_cap=3)
        assert (capped.total, capped.exact, len(capped.items)) == (3, False, 2)
        exact = search_incidents(session, "ТЦК", limit=2, count_cap=None)
        assert (exact.total, exact.exact) == (6, True)
        last = search_incidents(session, "ТЦК", limit=5, offset=5, count_cap=3)  # the last page knows the total
        assert (last.total, last.exact, len(last.items)) == (6, True, 1)
        capped = search_incidents(session, None, limit=1, count_cap=2)
        assert (capped.total, capped.exact) == (2, False)


def test_a_store_made_before_the_search_index_is_searched_the_same_after_upgrade(database: Any) -> None:
    ids = _fill(database)
    downgrade(database.engine, "0011_row_seals")  # the store as the version before made it
    if database.dialect == "sqlite":
        with database.session(readonly=True) as session:
            rows = session.execute(text("SELECT rowid, body FROM incident_search ORDER BY rowid")).all()
        assert [row[0] for row in rows] == ids and "затримали" in rows[0][1]
    upgrade(database.engine)
    _check_all(database)


def test_sort_keys_follow_the_newest_first_order() -> None:
    keys = [fts.sort_key("2025-10-17", 5), fts.sort_key("2025-10-17", 4), fts.sort_key("2024-01-01", 9),
            fts.sort_key(None, 7), fts.sort_key(None, 3)]
    assert keys == sorted(keys, reverse=True)
    assert fts.sort_key("2025-10-17", 5) >> 32 == date(2025, 10, 17).toordinal()
    assert fts.facet_token("r", "Kyiv City") != fts.facet_token("r", "Kyiv-City")
    assert not any(fts.facet_token("t", "resistance").startswith(w) for w in fts.query_terms("t resistance live"))
