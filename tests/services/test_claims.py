"""Claims as claims through the real store (SQLite and PostgreSQL): a single origin from a doubtful source is
"reported by X" in the incident view, the list rows, the JSON and CSV shapes and the digest, until a second
independent origin corroborates it; the review queue's head is the uncorroborated high-impact candidates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letopis.config import load_config
from letopis.model import Location, Record
from letopis.publish.shape import flat_row, stored_incident_json
from letopis.reliability.profiles import ProfileFields
from letopis.services import review
from letopis.services.digest import build_digest
from letopis.services.incidents import IncidentFilters, get_incident, iter_incidents, review_first, search_incidents
from letopis.services.origins import recompute_origins
from letopis.services.profiles import set_profile
from letopis.services.workspace import init_workspace
from tests.reliability.texts import WITNESS_ONE, WITNESS_TWO

STATE = "https://ria.example.ru/20251030/kharkiv-tck.html"
TCC = "https://t.me/s/tcc_kharkiv/41"


@pytest.fixture
def workspace(database_url: str, tmp_path: Path) -> Any:
    overrides: dict[str, Any] = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    ws, _, _ = init_workspace(load_config(overrides))
    yield ws
    ws.close()


def _record(text: str, *, detained: int | None = 2, event_type: str = "mobilization_detention") -> Record:
    quote = text[:60]
    return Record(kind="incident", date="2025-10-30", date_precision="day", event_type=event_type,
                  location=Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98, 36.25, 1), fatalities=None,
                  injured=None, detained=detained, actors=(), summary=quote, quote=quote, start=0, end=len(quote),
                  language="uk", confidence=0.8)


def _incident(ws: Any, locator: str, text: str, **fields: Any) -> int:
    from letopis.db.incidents import add_incident
    from tests.db.test_queries import add_source, source_of

    source = source_of(add_source(ws.db, locator, text))
    with ws.db.session() as session:
        return add_incident(session, _record(text, **fields), source_id=source).id


def _state_media(ws: Any) -> None:
    set_profile(ws.db, "ria.example.ru", ProfileFields(name="RIA Example", stance="state_media", country="RU"),
                grade="D4", reason="owned by the Russian state", actor="olena")


def test_a_single_state_media_origin_on_the_other_side_is_reported_by_until_corroborated(workspace):
    incident = _incident(workspace, STATE, WITNESS_ONE)
    recompute_origins(workspace.db)
    assert get_incident(workspace.db, incident).reported_by is None  # no profile, no stance: nothing to say
    _state_media(workspace)
    detail = get_incident(workspace.db, incident)
    claim = detail.reported_by
    assert claim is not None and (claim.name, claim.host, claim.stance, claim.grade, claim.reason) == \
        ("RIA Example", "ria.example.ru", "state_media", "D4", "other_side")
    [row] = search_incidents(workspace.db, IncidentFilters()).items
    assert row.reported_by == claim and row.origins == 1 and row.origin_kinds == {"media": 1}
    [detail] = list(iter_incidents(workspace.db, IncidentFilters()))
    shape = stored_incident_json(detail)
    assert shape["corroboration"]["reported_by"]["name"] == "RIA Example"
    assert shape["corroboration"]["grades"] == {"ria.example.ru": "D4"}
    flat = flat_row(shape)
    assert (flat["origins"], flat["origin_kinds"], flat["origin_grades"], flat["reported_by"]) == \
        (1, "media:1", "ria.example.ru:D4", "RIA Example")
    digest = build_digest(workspace.db, IncidentFilters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)))
    assert [(e.origins, e.reported_by) for e in digest.entries] == [(1, "RIA Example")]
    # an eyewitness in their own words corroborates it: no longer a mere claim
    witness = _incident(workspace, "https://t.me/s/saltivka_now/99", WITNESS_TWO)
    review.merge(workspace.db, incident, witness, actor="olena", reason="the same stop")
    detail = get_incident(workspace.db, incident)
    assert detail.corroboration.origins == 2 and detail.reported_by is None
    [row] = search_incidents(workspace.db, IncidentFilters()).items
    assert row.reported_by is None and row.origins == 2


def test_an_officials_channel_on_its_own_side_is_a_claim_and_an_independent_outlet_is_not(workspace):
    incident = _incident(workspace, TCC, WITNESS_ONE)
    recompute_origins(workspace.db)
    set_profile(workspace.db, "@tcc_kharkiv", ProfileFields(stance="officials_channel", country="UA"),
                reason="the regional recruitment centre's channel", actor="olena")
    claim = get_incident(workspace.db, incident).reported_by
    assert claim is not None and (claim.name, claim.reason) == ("t.me/tcc_kharkiv", "own_side")
    set_profile(workspace.db, "@tcc_kharkiv", ProfileFields(stance="independent"), reason="it was not",
                actor="olena")
    assert get_incident(workspace.db, incident).reported_by is None


def test_the_review_queue_puts_uncorroborated_high_impact_candidates_first(workspace):
    detained = _incident(workspace, STATE, WITNESS_ONE)
    quiet = _incident(workspace, "https://news.example.org/a", WITNESS_TWO + " Тихо.", detained=None)
    heavy = _incident(workspace, "https://news.example.org/b", WITNESS_TWO + " Били.", detained=None,
                      event_type="abuse_of_conscripts")
    corroborated = _incident(workspace, "https://t.me/s/kharkiv_witness/15", WITNESS_ONE + " Ще раз.")
    other = _incident(workspace, "https://t.me/s/saltivka_now/98", WITNESS_TWO)
    recompute_origins(workspace.db)
    review.merge(workspace.db, corroborated, other, actor="olena", reason="the same stop")
    verified = _incident(workspace, "https://news.example.org/c", WITNESS_ONE + " Втретє.")
    review.set_status(workspace.db, verified, "verified", actor="olena", reason="checked")
    first = review_first(workspace.db, 20)
    assert [row.id for row in first.items] == [heavy, detained] and first.total == 2
    assert quiet not in [row.id for row in first.items]
