"""SQLite keeps JSON columns as UTF-8 text; rows written with ``\\uXXXX`` escapes read and seal the same."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

import letopis.evidence  # noqa: F401 - registers the row seals on write sessions
from letopis.db import open_database
from letopis.db.incidents import add_incident, get_incident
from letopis.evidence.seal import check_seals
from tests.db.test_queries import add_source, record_of, source_of


def test_json_columns_hold_utf8_and_old_escaped_rows_read_and_seal_the_same(tmp_path: Path) -> None:
    database = open_database(tmp_path)
    try:
        body = "Працівники ТЦК затримали чоловіка у Харкові."
        source = source_of(add_source(database, "https://example.org/1", body))
        with database.session() as session:
            incident_id = add_incident(session, record_of(body, body), source_id=source).id
        with database.session(readonly=True) as session:
            stored = session.execute(text("SELECT record FROM incident_sources")).scalar_one()
            assert "затримали" in stored and "\\u04" not in stored
            before = get_incident(session, incident_id)
            assert before is not None and before.sources[0].record["summary"] == body
        # a row as an older Letopis wrote it: the same JSON, escaped
        with database.engine.begin() as connection:
            escaped = stored.encode("ascii", "backslashreplace").decode("ascii")
            connection.execute(text("UPDATE incident_sources SET record = :r"), {"r": escaped})
        with database.session(readonly=True) as session:
            assert "\\u04" in session.execute(text("SELECT record FROM incident_sources")).scalar_one()
            after = get_incident(session, incident_id)
            assert after is not None and after.sources[0].record == before.sources[0].record
            assert check_seals(session) == []
    finally:
        database.dispose()
