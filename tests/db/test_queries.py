from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from letopis.db.blobs import get_text
from letopis.db.captures import add_capture, captures_for_source, get_capture, source_texts
from letopis.db.incidents import add_incident, add_record, get_incident, search_incidents, statistics_for_source
from letopis.db.items import done_items, mark_item, unfinished_items
from letopis.db.models import Blob, Capture, Incident, Source, Statistic
from letopis.db.review import add_merge_flag, list_merge_flags, merge_incidents, record_edit, set_status
from letopis.model import Artefact, Capture as IngestCapture, CaptureResult, Location, Record, StoredArtefact

T0 = datetime(2025, 10, 18, 7, 30, tzinfo=UTC)
KHARKIV = Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98, 36.25, 1)
ODESA = Location("Odesa", "Odesa Oblast", "UA", 46.48, 30.73, 1)


def capture_of(locator: str, body: bytes, text: str | None = None, title: str | None = None) -> IngestCapture:
    return IngestCapture(
        source_kind="url",
        locator=locator,
        started_at=T0,
        finished_at=T0,
        method="http GET",
        tool="letopis/0.1.0",
        artefacts=(Artefact("original", "text/html", data=body),),
        title=title,
        text=text,
        text_method="trafilatura",
        language_hint="uk",
        metadata={"status": "200"},
    )


def stored(body: bytes, role: str = "original") -> list[StoredArtefact]:
    return [StoredArtefact(role, hashlib.sha256(body).hexdigest(), len(body), "text/html", None)]


def record_of(text: str, quote: str, **overrides: Any) -> Record:
    start = text.index(quote)
    values: dict[str, Any] = dict(
        kind="incident", date="2025-10-17", date_precision="day", event_type="mobilization_detention",
        location=KHARKIV, fatalities=None, injured=None, detained=1, actors=("recruitment_officers",),
        summary=quote, quote=quote, start=start, end=start + len(quote), language="uk", confidence=0.8,
    )
    values.update(overrides)
    return Record(**values)


def add_source(db: Any, locator: str, text: str, title: str | None = None) -> CaptureResult:
    body = text.encode("utf-8")
    with db.session() as session:
        return add_capture(session, capture_of(locator, body, text, title), stored(body), collector="test")


def source_of(result: CaptureResult) -> int:
    assert result.source_id is not None, "the capture read no bytes"
    return result.source_id


def test_same_bytes_add_a_capture_and_nothing_else(database: Any) -> None:
    first = add_source(database, "https://example.org/a", "текст")
    again = add_source(database, "https://example.org/a", "текст")
    changed = add_source(database, "https://example.org/a", "текст змінено")
    assert first.source_created and not again.source_created and changed.source_created
    assert first.source_id == again.source_id != changed.source_id
    with database.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 2
        assert session.scalar(select(func.count()).select_from(Capture)) == 3
        assert session.scalar(select(func.count()).select_from(Blob)) == 2
        assert [t.content for t in source_texts(session, source_of(first))] == ["текст"]
        captures = captures_for_source(session, source_of(first))
        assert [c.id for c in captures] == [first.capture_id, again.capture_id]
        assert captures[0].metadata_ == {"status": "200"}
        assert captures[0].artefacts[0].role == "original"


def test_timestamps_are_tz_aware_utc(database: Any) -> None:
    result = add_source(database, "https://example.org/t", "t")
    with database.session(readonly=True) as session:
        capture = get_capture(session, result.capture_id)
        assert capture is not None
        assert capture.started_at == T0 and capture.started_at.tzinfo is not None
        assert capture.started_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    naive = replace(capture_of("x", b"x"), started_at=datetime(2025, 1, 1))
    with pytest.raises(Exception, match="naive"):
        with database.session() as session:
            add_capture(session, naive, stored(b"x"), collector="test")


def test_parent_link_and_failed_capture(database: Any) -> None:
    parent = add_source(database, "tg://export/1", "export")
    failed = replace(capture_of("tg://export/1/5", b""), artefacts=(), parent="tg://export/1", error="timeout")
    with database.session() as session:
        result = add_capture(session, failed, [], collector="test")
        assert result.source_id is None
        row = get_capture(session, result.capture_id)
        assert row is not None and row.parent_id == parent.capture_id and row.error == "timeout"


def test_a_failed_transaction_leaves_nothing(database: Any) -> None:
    with pytest.raises(RuntimeError):
        with database.session() as session:
            result = add_source_in(session, "https://example.org/r", "rolled back")
            add_incident(session, record_of("rolled back", "rolled"), source_id=source_of(result))
            raise RuntimeError("killed half-way")
    with database.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
        assert search_incidents(session, "rolled").total == 0


def add_source_in(session: Any, locator: str, text: str) -> CaptureResult:
    body = text.encode("utf-8")
    return add_capture(session, capture_of(locator, body, text), stored(body), collector="test")


UK_TEXT = "Вчора у Харкові працівники ТЦК затримали чоловіка біля станції метро. Його силоміць посадили в бус."
RU_TEXT = "В Одессе сотрудники военкомата задержали мужчину на рынке, прохожие пытались его отбить."


@pytest.fixture
def two_incidents(database: Any) -> tuple[int, int]:
    uk = add_source(database, "https://t.me/a/1", UK_TEXT, title="Свавілля ТЦК у Харкові")
    ru = add_source(database, "https://t.me/b/2", RU_TEXT, title="Одесса")
    with database.session() as session:
        a = add_incident(
            session, record_of(UK_TEXT, UK_TEXT.split(". ")[0] + "."), source_id=source_of(uk),
            text_sha256=uk.text_sha256,
        )
        b = add_incident(
            session,
            record_of(RU_TEXT, RU_TEXT, location=ODESA, language="ru", event_type="resistance",
                      date="2025-10", date_precision="month", summary="Задержание на рынке в Одессе"),
            source_id=source_of(ru),
        )
        return a.id, b.id


def test_full_text_search_in_ukrainian_and_russian(database: Any, two_incidents: tuple[int, int]) -> None:
    uk_id, ru_id = two_incidents
    with database.session(readonly=True) as session:
        def ids(q: str, **kw: Any) -> list[int]:
            return [i.id for i in search_incidents(session, q, **kw).items]

        assert ids("затримали чоловіка") == [uk_id]
        assert ids("ЗАТРИМ станції") == [uk_id]  # prefix, case-insensitive
        assert ids("прохожие") == [ru_id]
        assert ids("военкомат") == [ru_id]  # prefix of военкомата
        assert ids("Свавілля") == [uk_id]  # source title
        assert ids("Odesa") == [ru_id]  # place
        assert ids("затримали прохожие") == []  # all words must match
        assert ids("рынке", type="resistance", status="candidate") == [ru_id]
        assert ids("рынке", type="mobilization_detention") == []
        assert ids("", admin1="Kharkiv Oblast") == [uk_id]
        assert ids("чоловіка ' OR 1=1 --") == []  # operators are just words


def test_date_filters_use_the_date_span(database: Any, two_incidents: tuple[int, int]) -> None:
    uk_id, ru_id = two_incidents  # 2025-10-17 (day), 2025-10 (month)
    with database.session(readonly=True) as session:
        page = search_incidents(session, date_from="2025-10-18", date_to="2025-10-31")
        assert [i.id for i in page.items] == [ru_id]
        page = search_incidents(session, date_from="2025-10-01", date_to="2025-10-17")
        assert sorted(i.id for i in page.items) == sorted([uk_id, ru_id])
        assert page.total == 2
        page = search_incidents(session, limit=1, offset=1)
        assert page.total == 2 and len(page.items) == 1


def test_get_incident_with_sources_and_quotes(database: Any, two_incidents: tuple[int, int]) -> None:
    uk_id, _ = two_incidents
    with database.session(readonly=True) as session:
        detail = get_incident(session, uk_id)
        assert detail is not None
        [source] = detail.sources
        text = get_text(session, source.text_sha256 or "")
        assert text is not None and text.content[source.start : source.end] == source.quote
        assert source.title == "Свавілля ТЦК у Харкові"
        assert source.record["event_type"] == "mobilization_detention"
        assert detail.incident.actors == ["recruitment_officers"]
        assert detail.incident.created_at.tzinfo is not None


def test_edits_status_and_search_refresh(database: Any, two_incidents: tuple[int, int]) -> None:
    uk_id, _ = two_incidents
    with database.session() as session:
        edit = record_edit(session, uk_id, "summary", "Затримання біля метро Холодна Гора", actor="ana")
        assert edit is not None and edit.old != edit.new
        assert record_edit(session, uk_id, "summary", "Затримання біля метро Холодна Гора", actor="ana") is None
        set_status(session, uk_id, "verified", actor="ana")
        record_edit(session, uk_id, "date", "2025-09", actor="ana")
        with pytest.raises(ValueError):
            record_edit(session, uk_id, "id", 5, actor="ana")
    with database.session(readonly=True) as session:
        assert [i.id for i in search_incidents(session, "Холодна").items] == [uk_id]
        detail = get_incident(session, uk_id)
        assert detail is not None
        assert detail.incident.status == "verified" and detail.incident.date_start == "2025-09-01"
        assert [e.field for e in detail.edits] == ["summary", "status", "date"]
        assert detail.edits[1].old == "candidate" and detail.edits[1].new == "verified"
        assert search_incidents(session, status="verified").total == 1
    with pytest.raises(IntegrityError):
        with database.session() as session:
            set_status(session, uk_id, "bogus", actor="ana")


def test_merge_and_flags(database: Any, two_incidents: tuple[int, int]) -> None:
    uk_id, ru_id = two_incidents
    with database.session() as session:
        flag = add_merge_flag(session, ru_id, uk_id, score=0.7, reason="same day, same town")
        assert (flag.incident_a, flag.incident_b) == tuple(sorted((uk_id, ru_id)))
        assert add_merge_flag(session, uk_id, ru_id, score=0.1, reason="again").id == flag.id
        assert [f.id for f in list_merge_flags(session)] == [flag.id]
        moved = merge_incidents(session, uk_id, ru_id, reason="same event", actor="ana")
        assert moved == 1
    with database.session(readonly=True) as session:
        detail = get_incident(session, uk_id)
        assert detail is not None and len(detail.sources) == 2
        assert detail.sources[1].merge_reason == "same event"
        assert [i.id for i in search_incidents(session, "прохожие").items] == [uk_id]
        assert list_merge_flags(session) == []
        merged = get_incident(session, ru_id)
        assert merged is not None and merged.incident.merged_into == uk_id
        assert merged.incident.status == "rejected"


def test_statistics(database: Any) -> None:
    text = "Близько 19 000 справ СЗЧ у жовтні."
    src = add_source(database, "https://example.org/s", text)
    record = record_of(
        text, text, kind="statistic", event_type="statistic", metric="szch_cases", value=19000,
        period="2025-10", date="2025-10", date_precision="month", location=None,
    )
    with database.session() as session:
        statistic = add_record(session, record, source_id=source_of(src))
        assert isinstance(statistic, Statistic)
        assert statistic.metric == "szch_cases" and statistic.date_end == "2025-10-31"
        assert statistics_for_source(session, source_of(src))[0].value == 19000


def test_ingest_items(database: Any) -> None:
    with database.session() as session:
        mark_item(session, "export.json", "msg-1", "done")
        mark_item(session, "export.json", "msg-2", "started")
    with database.session() as session:
        assert done_items(session, "export.json") == {"msg-1"}
        assert unfinished_items(session, "export.json") == {"msg-2"}
        mark_item(session, "export.json", "msg-2", "done")
    with database.session(readonly=True) as session:
        assert done_items(session, "export.json") == {"msg-1", "msg-2"}
