"""The review service on SQLite and PostgreSQL: split, edits with a reason, merge flags listed and resolved."""

from __future__ import annotations

from typing import Any

import pytest

from letopis.db.incidents import add_incident, add_incident_source
from letopis.db.review import add_merge_flag
from letopis.services import review
from letopis.services.incidents import IncidentFilters, get_incident, iter_incidents
from tests.db.test_queries import KHARKIV, ODESA, add_source, record_of, source_of

FIRST = "30 жовтня у Харкові працівники ТЦК затримали чоловіка біля зупинки.\n"
SECOND = "У Харкові 30 жовтня біля зупинки бус ТЦК забрав перехожого, каже свідок Омелян.\n"


def two_sources_one_incident(db: Any) -> tuple[int, int, int]:
    """An incident supported by FIRST and SECOND; (incident id, first source, second source)."""
    first = source_of(add_source(db, "https://example.org/1", FIRST))
    second = source_of(add_source(db, "https://example.org/2", SECOND))
    with db.session() as session:
        incident = add_incident(session, record_of(FIRST, FIRST.strip(), date="2025-10-30"),
                                        source_id=first)
        add_incident_source(session, incident.id, second,
                                    record_of(SECOND, SECOND.strip(), date="2025-10-30"))
        return incident.id, first, second


def found(db: Any, q: str) -> list[int]:
    return [d.incident.id for d in iter_incidents(db, IncidentFilters(q=q))]


def test_split_takes_the_moved_quote_out_of_the_old_incident_s_search_index(database: Any) -> None:
    incident, _, second = two_sources_one_incident(database)
    assert found(database, "Омелян") == [incident]
    new = review.split(database, incident, second, actor="tester")
    assert found(database, "Омелян") == [new]
    assert found(database, "зупинки") == sorted([incident, new], reverse=True)


def test_split_of_the_source_that_gave_the_summary_gives_the_old_incident_the_remaining_one(database: Any) -> None:
    incident, first, _ = two_sources_one_incident(database)
    new = review.split(database, incident, first, actor="tester")
    assert found(database, "затримали") == [new]  # only FIRST says it, in its quote and its summary
    detail = get_incident(database, incident)
    assert detail is not None and detail.incident.summary == SECOND.strip()
    reason = f"split: source {first} moved to incident {new}"
    assert [(e.field, e.reason) for e in detail.edits] == [("summary", reason)]


def custody(database: Any) -> list[tuple[str, str, dict[str, Any]]]:
    import json

    from sqlalchemy import select

    from letopis.db.models import CustodyEntry

    with database.session(readonly=True) as session:
        return [(e.event, e.subject, json.loads(e.details))
                for e in session.scalars(select(CustodyEntry).order_by(CustodyEntry.seq))
                if e.event != "seal"]  # seals: one per write, see docs/verify.md


def one_incident(db: Any, **overrides: Any) -> int:
    """An incident from a report of its own: FIRST and a line naming it (the same bytes would be one source)."""
    locator = f"https://example.org/{len(overrides)}-{sorted(overrides)}"
    source = source_of(add_source(db, locator, f"{FIRST}{locator}\n"))
    with db.session() as session:
        return add_incident(session, record_of(FIRST, FIRST.strip(), **overrides), source_id=source).id


def test_an_edit_checks_every_field_and_writes_history_custody_and_search(database: Any) -> None:
    incident = one_incident(database, date="2025-10-30")
    changes = review.edit_incident(
        database, incident,
        {"date": "2025-10", "event_type": "Resistance", "detained": "3", "injured": "", "place": "Одесі",
         "summary": "Люди відбили затриманого в Одесі.", "actors": "recruitment_officers, civilians"},
        reason="second source corrects place and type", actor="editor",
    )
    assert {c.field: c.new for c in changes} == {
        "event_type": "resistance", "detained": 3, "location_name": "Odesa", "admin1": "Odesa Oblast",
        "lat": pytest.approx(46.48, abs=0.05), "lon": pytest.approx(30.73, abs=0.05),
        "summary": "Люди відбили затриманого в Одесі.", "actors": ["recruitment_officers", "civilians"],
        "date": "2025-10", "date_precision": "month",
    }
    detail = get_incident(database, incident)
    assert detail is not None
    row = detail.incident
    assert (row.date, row.date_precision, row.date_start, row.date_end) == ("2025-10", "month", "2025-10-01",
                                                                            "2025-10-31")
    assert (row.event_type, row.detained, row.injured, row.country, row.geo_precision) == ("resistance", 3, None,
                                                                                          "UA", 1)
    assert {e.reason for e in detail.edits} == {"second source corrects place and type"}
    assert {e.actor for e in detail.edits} == {"editor"}
    edits = [details for event, subject, details in custody(database) if event == "edit"]
    assert {d["field"] for d in edits} == {c.field for c in changes}
    assert all(d["reason"] == "second source corrects place and type" for d in edits)
    assert found(database, "відбили") == [incident]  # the new summary is searchable
    assert [d.incident.id for d in iter_incidents(database, IncidentFilters(admin1="Odesa Oblast"))] == [incident]
    assert review.edit_incident(database, incident, {"detained": 3}, reason="again", actor="editor") == []


@pytest.mark.parametrize(("changes", "message"), [
    ({"event_type": "riot"}, "unknown event type 'riot'; the types are: mobilization_detention, resistance"),
    ({"date": "2025-13-01"}, "date: YYYY, YYYY-MM or YYYY-MM-DD, a real day, got '2025-13-01'"),
    ({"date": "30.10.2025"}, "date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"date": "2025-10", "date_precision": "day"}, "a date written 2025-10 has precision month or season, not day"),
    ({"date_precision": "fortnight"}, "date_precision must be one of day, week, month, season, year"),
    ({"detained": "two"}, "detained: a whole number, 0 or more, got 'two'"),
    ({"fatalities": "-1"}, "fatalities: a whole number, 0 or more"),
    ({"lat": "91"}, "lat: a number from -90 to 90"),
    ({"country": "Ukraine"}, "country: a two-letter code"),
    ({"actors": "police, aliens"}, "actors: unknown role(s) aliens"),
    ({"summary": " "}, "summary: may not be empty"),
    ({"colour": "red"}, "not editable: colour; editable fields: date, date_precision, event_type"),
    ({"place": "Qwzxplk"}, "place: the gazetteer knows no place 'Qwzxplk'"),
    ({}, "nothing to change"),
])
def test_a_bad_value_changes_nothing(database: Any, changes: dict[str, Any], message: str) -> None:
    incident = one_incident(database)
    with pytest.raises(review.ReviewError) as error:
        review.edit_incident(database, incident, {"detained": "5", **changes} if changes else {},
                             reason="test", actor="editor")
    assert message in str(error.value) and "\n" not in str(error.value)
    detail = get_incident(database, incident)
    assert detail is not None and detail.incident.detained == 1 and detail.edits == []


def test_an_edit_needs_a_reason_and_a_live_incident(database: Any) -> None:
    incident = one_incident(database)
    with pytest.raises(review.ReviewError, match="an edit needs a reason"):
        review.edit_incident(database, incident, {"detained": "2"}, reason=" ", actor="editor")
    with pytest.raises(review.ReviewError, match="no incident 99"):
        review.edit_incident(database, 99, {"detained": "2"}, reason="r", actor="editor")
    other = one_incident(database, date="2025-10-29")
    review.merge(database, incident, other, actor="editor")
    with pytest.raises(review.ReviewError, match=f"merged into incident {incident}; edit that one"):
        review.edit_incident(database, other, {"detained": "2"}, reason="r", actor="editor")


def flagged_pair(db: Any) -> tuple[int, int, int]:
    a = one_incident(db, date="2025-10-30")
    b = one_incident(db, date="2025-10-30", location=ODESA)
    with db.session() as session:
        flag = add_merge_flag(session, a, b, score=0.7, reason="same day and type; places 600 km apart")
        return flag.id, a, b


def test_merge_flags_are_listed_with_both_incidents(database: Any) -> None:
    flag, a, b = flagged_pair(database)
    [view] = review.list_merge_flags(database)
    assert (view.id, view.status, view.a.id, view.b.id) == (flag, "open", a, b)
    assert (view.a.location_name, view.b.location_name) == (KHARKIV.name, ODESA.name)
    assert view.reason.startswith("same day") and view.resolution is None


def test_a_flag_resolved_by_merging_moves_the_sources(database: Any) -> None:
    flag, a, b = flagged_pair(database)
    view = review.resolve_merge_flag(database, flag, "merge", reason="same bus, same witness", actor="editor")
    assert (view.status, view.resolved_by, view.resolution) == ("merged", "editor", "same bus, same witness")
    assert view.b.merged_into == a and view.b.status == "rejected"
    assert review.list_merge_flags(database) == []
    assert [v.id for v in review.list_merge_flags(database, include_resolved=True)] == [flag]
    detail = get_incident(database, a)
    assert detail is not None and len(detail.sources) == 2
    assert ("merge", f"incident:{a}", {"merged": b, "sources_moved": 1, "flag": flag,
                                       "reason": "same bus, same witness"}) in custody(database)
    with pytest.raises(review.ReviewError, match=f"merge flag {flag} is already resolved"):
        review.resolve_merge_flag(database, flag, "keep_apart", reason="changed my mind", actor="editor")


def test_a_flag_kept_apart_is_dismissed_and_the_incidents_stay(database: Any) -> None:
    flag, a, b = flagged_pair(database)
    view = review.resolve_merge_flag(database, flag, "keep_apart", reason="two towns", actor="editor")
    assert (view.status, view.resolution, view.a.merged_into, view.b.merged_into) == ("dismissed", "two towns",
                                                                                     None, None)
    assert ("edit", f"merge_flag:{flag}", {"incidents": [a, b], "status": "dismissed",
                                          "reason": "two towns"}) in custody(database)
    [listed] = review.list_merge_flags(database, include_resolved=True)
    assert listed.status == "dismissed"


def test_resolving_checks_flag_decision_reason_and_keep(database: Any) -> None:
    flag, a, b = flagged_pair(database)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"flag_id": 99}, "no merge flag 99"),
        ({"decision": "maybe"}, "decision must be one of merge, keep_apart"),
        ({"reason": ""}, "needs a reason"),
        ({"keep": 99}, f"is about incidents {a} and {b}, not 99"),
    ]
    for kwargs, message in cases:
        arguments: dict[str, Any] = {"flag_id": flag, "decision": "merge", "reason": "r", **kwargs}
        with pytest.raises(review.ReviewError, match=message):
            review.resolve_merge_flag(database, actor="editor", **arguments)
    view = review.resolve_merge_flag(database, flag, "merge", reason="r", actor="editor", keep=b)
    assert view.a.merged_into == b


def test_a_merge_done_is_not_done_again_nor_into_a_merged_incident(database: Any) -> None:
    """A retry of a merge after a crash adds no edit or log entry; a merge into a merged-away incident (a cycle
    that would hide both) is refused."""
    from sqlalchemy import func, select

    from letopis.db.models import CustodyEntry, Edit

    _, a, b = flagged_pair(database)
    c = one_incident(database, date="2025-10-31")
    review.merge(database, a, b, actor="editor")

    def rows() -> tuple[int | None, int | None]:
        with database.session(readonly=True) as session:
            return (session.scalar(select(func.count()).select_from(Edit)),
                    session.scalar(select(func.count()).select_from(CustodyEntry)))

    before = rows()
    with pytest.raises(review.ReviewError, match=f"incident {b} was already merged into incident {a}"):
        review.merge(database, a, b, actor="editor")
    with pytest.raises(review.ReviewError, match=f"incident {b} was already merged into incident {a}"):
        review.merge(database, b, a, actor="editor")
    with pytest.raises(review.ReviewError, match=f"incident {b} was already merged"):
        review.merge(database, b, c, actor="editor")
    assert rows() == before
