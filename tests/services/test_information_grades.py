"""The information grade of stored incidents (SQLite and PostgreSQL): derived when origins are computed, kept
for the filter, and derived again when a merge corroborates, a profile grades a source or an edit moves the
incident; the grade shown and the grade filtered on agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from letopis.config import load_config
from letopis.reliability.profiles import ProfileFields
from letopis.services import review
from letopis.services.incidents import IncidentFilters, get_incident, iter_incidents, search_incidents
from letopis.services.origins import recompute_origins
from letopis.services.profiles import set_profile
from letopis.services.workspace import init_workspace
from tests.reliability.texts import RELEASE_UK, WITNESS_ONE, WITNESS_TWO
from tests.web.corroboration import _incident

COURT = "https://reyestr.court.gov.ua/Review/131313"
STATE = "https://ria.example.ru/20251030/kharkiv-tck.html"


@pytest.fixture
def workspace(database_url: str, tmp_path: Path) -> Any:
    overrides: dict[str, Any] = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    ws, _, _ = init_workspace(load_config(overrides))
    yield ws
    ws.close()


def _grades(ws: Any) -> dict[int, str]:
    """The digit each listed incident shows, checked against what the filter finds for every digit."""
    rows = search_incidents(ws.db, IncidentFilters()).items
    shown = {row.id: row.information.grade for row in rows if row.information is not None}
    assert len(shown) == len(rows)  # every listed incident shows a grade
    for digit in range(1, 7):
        found = {d.incident.id for d in iter_incidents(ws.db, IncidentFilters(info_grade=digit))}
        assert found == {i for i, grade in shown.items() if int(grade) <= digit}, digit
    return shown


def test_grades_follow_corroboration_profiles_and_edits(workspace):
    ws = workspace
    first = _incident(ws, "https://t.me/s/kharkiv_witness/15", WITNESS_ONE)
    second = _incident(ws, "https://t.me/s/saltivka_now/99", WITNESS_TWO)
    court = _incident(ws, COURT, "Вирок у справі № 640/1313/25. " + RELEASE_UK, event_type="legal_action")
    state = _incident(ws, STATE, "30 октября в Харькове сотрудники ТЦК задержали двоих мужчин.", detained=2)
    assert set(_grades(ws).values()) == {"6"}  # stored before origins were computed: cannot be judged
    recompute_origins(ws.db)
    assert _grades(ws) == {first: "3", second: "3", court: "2", state: "3"}
    review.merge(ws.db, first, second, actor="olena", reason="the same stop")
    assert _grades(ws) == {first: "1", court: "2", state: "3"}
    detail = get_incident(ws.db, first)
    assert detail is not None and detail.information is not None
    assert detail.information.line() == "1 (confirmed by other sources): confirmed by 2 independent origins"
    set_profile(ws.db, "ria.example.ru", ProfileFields(name="RIA Example", stance="state_media", country="RU"),
                reason="owned by the Russian state", actor="olena")
    assert _grades(ws)[state] == "4"  # reported by the other side's state outlet
    review.edit_incident(ws.db, state, {"place": "Belgorod"}, reason="the detention was across the border",
                         actor="olena")
    assert _grades(ws)[state] == "3"  # a Russian outlet on Russia: no longer the other side's story
    set_profile(ws.db, "t.me/saltivka_now", ProfileFields(), grade="E", reason="invented reports twice",
                actor="olena")
    assert _grades(ws)[first] == "3"  # one of the two origins is graded unreliable
