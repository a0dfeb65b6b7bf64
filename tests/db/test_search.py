"""Search by place names in other spellings, and streaming every match (both backends)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from letopis.db import fts
from letopis.db.incidents import add_incident, count_incidents, iter_incidents, search_incidents
from letopis.db.review import set_status
from tests.db.test_queries import ODESA, add_source, record_of, source_of, two_incidents  # noqa: F401 - fixture

NAMES = {
    "харків": ["Kharkiv"],
    "харкові": ["Kharkiv"],
    "харківська область": ["Kharkiv Oblast"],
    "одеса": ["Odesa", "Odessa"],
}


def names(span: str) -> Iterable[str]:
    return NAMES.get(span.casefold(), [])


def test_query_groups_take_the_longest_span_that_names_a_place() -> None:
    groups = fts.query_groups("затримали Харківська область ТЦК", names)
    assert groups == [
        fts.QueryGroup(("затримали",)),
        fts.QueryGroup(("харківська", "область"), (("kharkiv", "oblast"),)),
        fts.QueryGroup(("тцк",)),
    ]
    assert fts.query_groups("Кам'янець-Подільський") == [fts.QueryGroup(("камянець", "подільський"))]
    assert fts.query_groups("Одеса", names) == [fts.QueryGroup(("одеса",), (("odesa",), ("odessa",)))]


def test_a_place_word_finds_the_incident_under_the_place_s_english_name(
    database: Any, two_incidents: tuple[int, int]  # noqa: F811 - the fixture imported above
) -> None:
    uk_id, ru_id = two_incidents  # the Kharkiv quote says "у Харкові", the Odesa one "В Одессе"
    with database.session(readonly=True) as session:
        def ids(q: str, **kw: Any) -> list[int]:
            return [i.id for i in search_incidents(session, q, place_names=names, **kw).items]

        assert [i.id for i in search_incidents(session, "Харків").items] == []  # nominative: no word of it
        assert ids("Харків") == [uk_id]
        assert ids("харків затримали") == [uk_id]
        assert ids("Харківська область") == [uk_id]  # the admin1, as a phrase
        assert ids("Одеса") == [ru_id]
        assert ids("Одеса затримали") == []  # every group must still match
        assert ids("Харкові") == [uk_id]  # the word itself still matches as typed
        assert count_incidents(session, "Харків", place_names=names) == 1
        assert sorted(ids("", admin1=["Kharkiv Oblast", "Odesa Oblast"])) == sorted([uk_id, ru_id])


def test_iter_incidents_streams_every_match_with_sources_and_edits(database: Any) -> None:
    text = "28 жовтня в Одесі місцеві мешканці заблокували бус ТЦК."
    source = source_of(add_source(database, "https://t.me/c/1", text))
    with database.session() as session:
        for day in range(1, 24):
            add_incident(session, record_of(text, text, date=f"2025-10-{day:02d}", location=ODESA),
                         source_id=source)
        set_status(session, 3, "verified", actor="ana")
    with database.session(readonly=True) as session:
        newest_first = [i.id for i in search_incidents(session, limit=100).items]
        streamed = list(iter_incidents(session, batch=5))
        assert [d.incident.id for d in streamed] == newest_first and len(streamed) == 23
        assert all(len(d.sources) == 1 and d.sources[0].quote == text for d in streamed)
        assert [e.field for d in streamed for e in d.edits] == ["status"]
        assert [d.incident.id for d in iter_incidents(session, limit=7, batch=5)] == newest_first[:7]
        assert len(list(iter_incidents(session, q="Одесі", status="candidate", batch=4))) == 22
        assert count_incidents(session) == 23
