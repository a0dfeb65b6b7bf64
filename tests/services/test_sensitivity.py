"""Sensitivity marks on incidents (migration 0006), on SQLite and PostgreSQL: set with a reason like any
edit (history, custody), checked, filterable, shown in the search rows."""

from __future__ import annotations

from typing import Any

import pytest

from letopis.errors import FilterError, ReviewError
from letopis.services import review
from letopis.services.incidents import IncidentFilters, get_incident, search_incidents
from tests.services.test_review import custody, one_incident


def marked(db: Any, mark: str) -> list[int]:
    return [row.id for row in search_incidents(db, IncidentFilters(sensitivity=mark), sort="id").items]


def test_marks_are_set_with_a_reason_kept_in_history_and_custody_and_filter_the_search(database: Any) -> None:
    first, second, third = (one_incident(database, date=f"2025-10-{day}") for day in (28, 29, 30))
    assert get_incident(database, first).incident.sensitivity == []  # type: ignore[union-attr]
    assert marked(database, "none") == [first, second, third]

    changes = review.edit_incident(database, first, {"sensitivity": "graphic, personal_data"},
                                   reason="the video shows faces", actor="editor")
    assert [(c.field, c.old, c.new) for c in changes] == [("sensitivity", [], ["personal_data", "graphic"])]
    review.edit_incident(database, second, {"sensitivity": ["graphic"]}, reason="a wounded man", actor="editor")

    assert marked(database, "personal_data") == [first]
    assert marked(database, "graphic") == [first, second]
    assert marked(database, "none") == [third]
    rows = {row.id: row.sensitivity for row in search_incidents(database, IncidentFilters(), sort="id").items}
    assert rows == {first: ("personal_data", "graphic"), second: ("graphic",), third: ()}

    detail = get_incident(database, first)
    assert detail is not None
    assert [(e.field, e.old, e.new, e.reason, e.actor) for e in detail.edits] == [
        ("sensitivity", [], ["personal_data", "graphic"], "the video shows faces", "editor")]
    entries = [d for event, subject, d in custody(database) if event == "edit" and subject == f"incident:{first}"]
    assert entries == [{"field": "sensitivity", "old": [], "new": ["personal_data", "graphic"],
                        "reason": "the video shows faces"}]

    # clearing is an edit too; the same marks again change nothing
    assert review.edit_incident(database, second, {"sensitivity": "graphic"}, reason="again", actor="e") == []
    review.edit_incident(database, second, {"sensitivity": ""}, reason="the photo was blurred", actor="editor")
    assert marked(database, "graphic") == [first]


def test_an_unknown_mark_or_filter_is_one_line_and_changes_nothing(database: Any) -> None:
    incident = one_incident(database)
    with pytest.raises(ReviewError, match=r"^sensitivity: unknown mark\(s\) gory; the marks are: personal_data, "
                                          r"graphic$"):
        review.edit_incident(database, incident, {"sensitivity": "graphic,gory"}, reason="r", actor="e")
    assert get_incident(database, incident).incident.sensitivity == []  # type: ignore[union-attr]
    with pytest.raises(FilterError, match="^sensitivity: one of personal_data, graphic or none, got 'gory'$"):
        search_incidents(database, IncidentFilters(sensitivity="gory"))
