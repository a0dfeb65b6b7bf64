"""SQLite asks a query word as the stored words it begins (``incident_search_terms``), and finds what the prefix
query found: the words are FTS5's own, kept as documents are written, filled by the migration from the index."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import text

from letopis.db import fts
from letopis.db.incidents import add_incident, search_incidents
from letopis.db.migrate import downgrade, upgrade
from letopis.db.search_terms import MAX_EXPANSION, prefix_terms, term_lookup, tokens
from tests.db.test_queries import add_source, record_of, source_of

TEXTS = [
    fts.normalise("Працівники ТЦК затримали чоловіка у Кам'янці-Подільському; п'ять років умовно."),
    fts.normalise("Сотрудники ТЦК задержали мужчину №12 возле военкомата — всё «тихо», 3,5 км."),
    fts.normalise("Recruitment officers detained a man (ID x-42_b) in Lviv; e\u0301lan, straße, İstanbul, ǅ."),
    "\ue000t7265 \ue000live 2025-10-17 ½ ① ٣ 𝟙 ﬁ",
]


def test_the_words_kept_are_the_words_fts5_makes() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")
    for body in TEXTS:
        connection.execute("DELETE FROM t")
        connection.execute("INSERT INTO t (body) VALUES (?)", (body,))
        assert tokens(body) == {row[0] for row in connection.execute("SELECT term FROM v")}, body


def _add(database: Any, n: int, body: str) -> int:
    source = source_of(add_source(database, f"https://example.org/{n}", body))
    with database.session() as session:
        return add_incident(session, record_of(body, body), source_id=source).id


def test_a_word_is_asked_as_the_words_it_begins_and_finds_what_the_prefix_finds(database: Any) -> None:
    first = _add(database, 0, "Працівники ТЦК затримали чоловіка.")
    second = _add(database, 1, "Затримання водія біля ТЦК.")  # a new form of the word, written later
    third = _add(database, 2, "Затримувати не дали.")
    with database.session(readonly=True) as session:
        assert {i.id for i in search_incidents(session, "затрим").items} == {first, second, third}
        assert {i.id for i in search_incidents(session, "ЗАТРИМАН").items} == {second}
        assert {i.id for i in search_incidents(session, "тцк затр").items} == {first, second}
        if database.dialect == "sqlite":
            connection = session.connection()
            assert prefix_terms(connection, "затрим") == ["затримали", "затримання", "затримувати"]
            found = fts.sqlite_match("затрим", expand=term_lookup(connection))
            assert found is not None
            query = str(found.conditions[0].compile(compile_kwargs={"literal_binds": True}))
            assert '"затримали" OR "затримання" OR "затримувати"' in query and '"затрим"*' not in query


def test_a_word_that_begins_too_many_words_is_asked_as_a_prefix(database: Any) -> None:
    ids = [_add(database, n, f"Протокол {n}: слово{n} записано.") for n in range(MAX_EXPANSION + 3)]
    with database.session(readonly=True) as session:
        found = search_incidents(session, "слово", limit=200)
        assert sorted(i.id for i in found.items) == ids and found.total == len(ids)
        assert [i.id for i in search_incidents(session, "слово7").items] == [ids[7]]
        if database.dialect == "sqlite":
            assert prefix_terms(session.connection(), "слово") is None
            assert prefix_terms(session.connection(), "слово7") == ["слово7"]


def test_the_migration_keeps_the_words_of_the_documents_already_stored(database: Any) -> None:
    first = _add(database, 0, "Сотрудники ТЦК задержали мужчину возле военкомата.")
    downgrade(database.engine, "0013_information_grades")
    upgrade(database.engine)
    with database.session(readonly=True) as session:
        if database.dialect == "sqlite":
            kept = {row[0] for row in session.execute(text("SELECT term FROM incident_search_terms"))}
            assert {"задержали", "военкомата", "тцк"} <= kept and not any(t.startswith("\ue000") for t in kept)
        assert [i.id for i in search_incidents(session, "военкомат").items] == [first]
