"""The sources read service on SQLite and PostgreSQL: sources with their counts, and failures."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from letopis.db.captures import add_capture
from letopis.db.incidents import add_incident, add_statistic
from letopis.db.items import mark_item
from letopis.services.sources import count_sources, failures, list_sources
from tests.db.test_queries import add_source, capture_of, record_of, source_of, stored

TEXT = "Вчора у Харкові працівники ТЦК затримали чоловіка. За жовтень відкрито 19000 справ про СЗЧ."


def test_sources_newest_first_with_captures_incidents_and_statistics(database: Any) -> None:
    first = source_of(add_source(database, "https://example.org/a", TEXT))
    add_source(database, "https://example.org/a", TEXT)       # the same bytes again: a second capture
    second = source_of(add_source(database, "https://example.org/b", "інший текст"))
    with database.session() as session:
        add_incident(session, record_of(TEXT, "затримали чоловіка"), source_id=first)
        add_statistic(session, record_of(TEXT, "19000 справ", kind="statistic", event_type="statistic",
                                         metric="szch_cases", value=19000, period="2025-10", date="2025-10",
                                         date_precision="month", detained=None, actors=()), source_id=first)
    views = list_sources(database)
    assert [v.id for v in views] == [second, first]
    assert (views[1].captures, views[1].incidents, views[1].statistics) == (2, 1, 1)
    assert (views[0].captures, views[0].incidents, views[0].statistics) == (1, 0, 0)
    assert views[1].last_captured is not None and views[1].locator == "https://example.org/a"
    assert [v.id for v in list_sources(database, limit=1)] == [second]
    assert list_sources(database, limit=2) == views  # counted for the chosen sources only, the same figures
    assert count_sources(database) == 2 and count_sources(database, kind="nothing") == 0


def test_failures_list_failed_captures_and_items_with_their_reason(database: Any) -> None:
    assert failures(database) == []
    body = b"%PDF-1.4 no text layer"
    broken = replace(capture_of("/data/scan.pdf", body), text=None, error="needs OCR: the PDF has no text layer")
    with database.session() as session:
        add_capture(session, broken, stored(body), collector="test")
        mark_item(session, "folder:/data", "/data/bad.bin", "failed", detail="unsupported file type")
        mark_item(session, "folder:/data", "/data/ok.txt", "done")
    found = failures(database)
    assert {(f.what, f.locator, f.reason) for f in found} == {
        ("capture", "/data/scan.pdf", "needs OCR: the PDF has no text layer"),
        ("item", "/data/bad.bin", "unsupported file type"),
    }
