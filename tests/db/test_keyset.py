"""Keyset pages walk a list exactly as the full ordered listing reads it, forwards and backwards (both backends).

Every order of :data:`letopis.db.keyset.ORDERS`, ascending and descending,
with nulls last and ties on the sort value broken by id, across filters and
search words in Ukrainian, Russian and English case forms: the pages read
by following each page's ``after`` token, and back by its ``before`` token,
give the incidents sorted in Python, each once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from letopis.db import fts
from letopis.db.incidents import add_incident, search_incidents
from letopis.db.keyset import ORDERS, Seek, read_token, token
from letopis.db.models import Incident
from letopis.db.review import merge_incidents, record_edit
from letopis.model import Location
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of

LVIV = Location("Lviv", "Lviv Oblast", "UA", 49.84, 24.03, 1)
NOWHERE = None  # no place, no region: nulls in those orders

# (text, date, precision, type, place): ties of every sort value, and nulls of each nullable one
ROWS = [
    ("Працівники ТЦК затримали чоловіка у Харкові.", "2025-10-17", "day", "mobilization_detention", KHARKIV),
    ("Сотрудники ТЦК задержали мужчину возле военкомата в Одессе.", "2025-10-17", "day", "mobilization_detention",
     ODESA),
    ("Мешканці заблокували бус ТЦК у Львові.", "2025-10", "month", "resistance", LVIV),
    ("Суд засудив ухилянта, ТЦК подав позов.", "2025", "year", "legal_action", KHARKIV),
    ("Жители отбили задержанного у ТЦК ночью.", "2025-09-30", "day", "resistance", ODESA),
    ("Recruitment officers detained a man in Lviv.", None, None, "mobilization_detention", LVIV),
    ("Працівники ТЦК затримали двох у Харкові.", "2025-10-17", "day", "resistance", KHARKIV),
    ("Невідомі підпалили авто ТЦК.", "2024-12-31", "day", "resistance", NOWHERE),
    ("Officers of the TCC detained two men.", None, None, "resistance", NOWHERE),
    ("ТЦК затримав водія в Одесі.", "2025-10-03", "day", "mobilization_detention", ODESA),
    ("В Харькове ТЦК задержал водителя.", "2025-10-03", "day", "mobilization_detention", KHARKIV),
    ("Border guards detained men near Odesa.", "2025-10-17", "day", "border_incident", ODESA),
]

# the search words in their case forms and scripts, and the filters (each checked in every order)
QUERIES: list[dict[str, Any]] = [
    {},
    {"q": "затрим"}, {"q": "ЗАТРИМАЛИ"}, {"q": "Затримав"},  # Ukrainian, any case, as a prefix
    {"q": "задерж"}, {"q": "Военкомата"},  # Russian
    {"q": "DETAINED"}, {"q": "officers"},  # English
    {"q": "ТЦК"}, {"q": "тцк", "type": "resistance"},
    {"q": "ТЦК", "admin1": ["Odesa Oblast", "Kharkiv Oblast"]},
    {"q": "ТЦК", "date_from": "2025-10-01", "date_to": "2025-10-31"},
    {"type": "mobilization_detention"}, {"admin1": "Odesa Oblast"}, {"status": "verified"},
    {"date_from": "2025-10-01", "date_to": "2025-10-20", "type": ["resistance", "mobilization_detention"]},
]


def _fill(database: Any) -> list[int]:
    ids = []
    for n, (body, day, precision, event_type, place) in enumerate(ROWS):
        source = source_of(add_source(database, f"https://example.org/{n}", body))
        with database.session() as session:
            record = record_of(body, body, date=day, date_precision=precision, event_type=event_type, location=place)
            ids.append(add_incident(session, record, source_id=source).id)
    with database.session() as session:
        record_edit(session, ids[1], "status", "verified", actor="ana")
        record_edit(session, ids[9], "status", "verified", actor="ana")
        merge_incidents(session, ids[0], ids[6], reason="the same detention", actor="ana")  # ids[6] left out
    return ids


def _listing(session: Any, order: str, q: str | None = None, **filters: Any) -> list[int]:
    """The matching incidents sorted in Python: valued rows by (value, id), then the null ones by id."""
    condition = fts.match_incident_ids(session, q) if q else None
    statement = Incident.__table__.select().with_only_columns(Incident.__table__.c.id)
    matching = {row[0] for row in session.execute(statement if condition is None else statement.where(condition))}
    as_list = {key: ([value] if isinstance(value, str) else value) for key, value in filters.items()}
    key = ORDERS[order.lstrip("-")].key
    found = []
    for incident in session.query(Incident).all():
        if incident.id not in matching or incident.merged_into is not None:
            continue
        if any(getattr(incident, {"type": "event_type"}.get(name, name)) not in values
               for name, values in as_list.items() if name in ("type", "admin1", "status")):
            continue
        if "date_from" in filters and not (incident.date_end and incident.date_end >= filters["date_from"]):
            continue
        if "date_to" in filters and not (incident.date_start and incident.date_start <= filters["date_to"]):
            continue
        found.append(incident)
    descending = order.startswith("-")
    valued = sorted((i for i in found if getattr(i, key) is not None), key=lambda i: (getattr(i, key), i.id),
                    reverse=descending)
    nulls = sorted((i for i in found if getattr(i, key) is None), key=lambda i: i.id, reverse=descending)
    return [i.id for i in valued + nulls]


def _walk(session: Any, order: str, size: int, query: dict[str, Any]) -> tuple[list[int], list[int]]:
    """The ids read page by page following ``after`` to the end, then back following ``before`` to the head."""
    forward: list[int] = []
    page = search_incidents(session, limit=size, order=order, **query)
    pages = [page]
    forward.extend(i.id for i in page.items)
    while page.after is not None:
        page = search_incidents(session, limit=size, order=order, after=read_token(page.after, order), **query)
        assert page.items and page.before is not None, (order, query)
        pages.append(page)
        forward.extend(i.id for i in page.items)
    backward: list[int] = list(reversed([i.id for i in page.items]))
    while page.before is not None:
        page = search_incidents(session, limit=size, order=order, before=read_token(page.before, order), **query)
        backward.extend(reversed([i.id for i in page.items]))
    assert page.before is None and (not pages[0].items or page.items[0].id == pages[0].items[0].id)
    return forward, list(reversed(backward))


@pytest.mark.parametrize("order", [direction + name for name in ORDERS for direction in ("", "-")])
def test_keyset_pages_read_the_full_listing_forwards_and_back(database: Any, order: str) -> None:
    _fill(database)
    with database.session(readonly=True) as session:
        for query in QUERIES:
            expected = _listing(session, order, **query)
            whole = search_incidents(session, limit=100, order=order, **query)
            assert [i.id for i in whole.items] == expected, (order, query)
            assert (whole.after, whole.before) == (None, None)
            for size in (1, 2, 3):
                forward, backward = _walk(session, order, size, query)
                assert forward == expected, (order, query, size)
                assert backward == expected, (order, query, size)


def test_an_offset_page_and_a_keyset_page_agree_and_keyset_pages_still_count(database: Any) -> None:
    _fill(database)
    with database.session(readonly=True) as session:
        first = search_incidents(session, "ТЦК", limit=3)
        second = search_incidents(session, "ТЦК", limit=3, offset=3)
        assert first.after is not None and second.before is not None
        seek = search_incidents(session, "ТЦК", limit=3, after=read_token(first.after, "-date"))
        assert [i.id for i in seek.items] == [i.id for i in second.items]
        assert (seek.total, seek.exact) == (second.total, True) == (len(_listing(session, "-date", "ТЦК")), True)
        capped = search_incidents(session, "ТЦК", limit=3, after=read_token(first.after, "-date"), count_cap=2)
        assert (capped.total, capped.exact) == (3, False)  # a cap below the page's end counts to the page's end
        back = search_incidents(session, "ТЦК", limit=3, before=read_token(second.before, "-date"))
        assert [i.id for i in back.items] == [i.id for i in first.items] and back.before is None


def test_a_page_token_names_its_order_and_refuses_anything_else() -> None:
    when = datetime.fromisoformat("2025-10-18T07:30:00+00:00")
    for seek in (Seek("-date", "2025-10-17", 7), Seek("date", None, 3), Seek("-updated", when, 2),
                 Seek("place", "Харків", 5), Seek("-id", 9, 9)):
        assert read_token(token(seek), seek.order) == seek
        assert "=" not in token(seek) and token(seek).isascii()
    with pytest.raises(ValueError, match="sorted by '-date', not 'date'"):
        read_token(token(Seek("-date", "2025-10-17", 7)), "date")
    bad = [("", "-date"), ("!!", "-date"), ("bm90IGpzb24", "-date"), (token(Seek("-date", 5, 7)), "-date"),
           (token(Seek("-date", "x", 0)), "-date"), (token(Seek("-updated", "2025-10-18T07:30:00", 2)), "-updated"),
           (token(Seek("-id", 8, 9)), "-id")]
    for text, order in bad:
        with pytest.raises(ValueError, match="not a page token"):
            read_token(text, order)
